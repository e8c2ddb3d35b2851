/**
 * Where the task pane finds things on our sheets: the anchors a layout and the pane share. Kept
 * small (a type-only import), so the pane's calls (src/excel/pane-calls.ts) load no layout to know them.
 */
import type { MessageKey } from "../i18n/core";

/** The Portfolio sheet's header row (1-based): its accounts start below it. */
export const PORTFOLIO_HEAD = 12;
/** The Portfolio sheet's table of accounts, its header row at PORTFOLIO_HEAD ("plan this account" reads it). */
export const PORTFOLIO_TABLE = "SixStep_Portfolio";
/** The headers of that table's key and name columns, in the sheet's language: the pane finds the columns by them. */
export const PORTFOLIO_KEY_HEADER = "sheet.pf.key" satisfies MessageKey;
export const PORTFOLIO_NAME_HEADER = "sheet.pf.customer" satisfies MessageKey;
