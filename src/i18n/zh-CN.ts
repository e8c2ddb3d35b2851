/**
 * Simplified Chinese catalogue: must define every key of the English one (checked by the
 * compiler, area by area: ./zh/… against ./en/…). The task pane loads it as a chunk (./load).
 */
import type { MessageKey } from "./en-US";
import { findings } from "./zh/findings";
import { pane } from "./zh/pane";
import { run } from "./zh/run";
import { sheets } from "./zh/sheets";

export const zhCN: Record<MessageKey, string> = { ...pane, ...run, ...sheets, ...findings };
