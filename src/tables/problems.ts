import type { MessageKey } from "../i18n";

/** A problem in a user table, located to the cell, with a message key the UI localises. */
export interface TableProblem {
  key: MessageKey;
  sheet: string;
  /** Column letter on the sheet (e.g. "G"), when the problem is in one column. */
  column?: string;
  /** Row number on the sheet (1-based, as Excel shows it). */
  row?: number;
  params: Record<string, string | number>;
}

/** Thrown when a table cannot be read: every problem found (the first few per kind). */
export class TableError extends Error {
  constructor(readonly problems: TableProblem[]) {
    super(
      problems.map((p) => `${p.key} ${p.sheet}!${p.column ?? ""}${p.row ?? ""} ${JSON.stringify(p.params)}`).join("; "),
    );
    this.name = "TableError";
  }
}
