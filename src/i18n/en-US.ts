/**
 * English catalogue: the source of message keys. Placeholders are written {name}. Its messages
 * are kept by area (./en/…); the Chinese catalogue has the same areas (./zh/…), each with exactly
 * the English area's keys.
 */
import { findings } from "./en/findings";
import { pane } from "./en/pane";
import { run } from "./en/run";
import { sheets } from "./en/sheets";

export const enUS = { ...pane, ...run, ...sheets, ...findings } as const;

export type MessageKey = keyof typeof enUS;

type KeysOf<T> = T extends object ? keyof T : never;
/** The keys found in more than one of the areas (the merge would keep the last area's text). */
type InTwoAreas<P extends readonly object[]> = P extends readonly [infer H, ...infer R extends readonly object[]]
  ? (keyof H & KeysOf<R[number]>) | InTwoAreas<R>
  : never;
/** A type error unless T is true. */
type Assert<T extends true> = T;
/** No key in two areas. */
type _NoKeyInTwoAreas = Assert<
  [InTwoAreas<[typeof pane, typeof run, typeof sheets, typeof findings]>] extends [never] ? true : false
>;
