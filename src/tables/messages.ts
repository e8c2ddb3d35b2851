import type { MessageKey, Translate } from "../i18n";
import type { TableProblem } from "./problems";

/** A problem as one localised sentence naming sheet, cell (or column) and row. */
export function describeProblem(p: TableProblem, t: Translate): string {
  const params: Record<string, string | number> = { sheet: p.sheet, ...p.params };
  for (const [k, v] of Object.entries(p.params)) {
    if (typeof v === "string" && v.startsWith("field."))
      params[k] = v
        .split(",")
        .map((f) => t(f as MessageKey))
        .join(t("sheet.listSep"));
  }
  if (p.column !== undefined) params.column = p.column;
  if (p.row !== undefined) params.row = p.row;
  if (p.column !== undefined && p.row !== undefined) params.cell = `${p.column}${p.row}`;
  return t(p.key, params);
}
