/** Reading the cells of an input table the analyst filled in. */
import type { PlanCell } from "../layout/plan";

/** A cell as trimmed text ("" when blank). */
export const cellText = (v: unknown): string => (v === null || v === undefined ? "" : String(v).trim());

/** A cell as a finite number, or null. */
export const cellNumber = (v: PlanCell | unknown): number | null =>
  typeof v === "number" && Number.isFinite(v) ? v : null;
