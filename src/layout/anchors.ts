/**
 * Where the task pane finds things on our sheets: the anchors a layout and the pane share. Import-free,
 * so the pane's first render (src/excel/pane-calls.ts) loads no layout to know them.
 */

/** The Portfolio sheet's header row (1-based): its accounts start below it (the pane reads them). */
export const PORTFOLIO_HEAD = 12;
/** The account row's name column (0-based): "plan this account" reads the key (A) and the name. */
export const PORTFOLIO_NAME_COLUMN = 5;
