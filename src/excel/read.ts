/**
 * Reading what the pipeline needs from the workbook in as few syncs as the response cap allows:
 * one sync for settings, tables and sheets; one for the candidate headers; then one per row
 * block of the revenue table (sized to stay under Excel on the web's 5 MB response cap), the
 * first of which also reads back the analyst's input tables for Refresh. A Refresh whose settings
 * say where its source is reads that first block, the input tables and the site table with the
 * headers (`withHeaders`): 2 syncs in all for a table of up to 2,000 rows.
 */
import type { InputTableLocation } from "../layout/plan";
import type { PreviousInputs } from "../layout/inputs";
import {
  findHeaderRow,
  HEADER_SEARCH_ROWS,
  headerMapping,
  layoutOf,
  type ColumnMapping,
  type RevenueField,
} from "../tables/revenue";
import { jsonBytes, localAddress, quoteSheet, rectA1, rectOf } from "../address";
import { CancelledError, INPUT_TABLES_SETTING, OWNED_NAMES_SETTING, OWNED_SHEETS_SETTING } from "./settings";
import { isSiteTable } from "../tables/sites";
import { parseInputTables, parseMarker, parseSettings, type ParsedSettings, type SettingsProblem } from "./document";
import { pushAll } from "../arrays";

export const SETTINGS_KEY = "sixstep.settings";
/** Rows of the first block; its measured size sets the size of the blocks after it. */
export const FIRST_BLOCK_ROWS = 2_000;
/** Bytes one response may carry: under Excel on the web's 5 MB cap, with room to spare. */
export const RESPONSE_BUDGET = 4_000_000;

/** UTF-8 bytes of values as JSON (what a response carries). */
export function responseBytes(values: unknown[][]): number {
  return jsonBytes(values);
}

/** Rows per block after the first, from the first block's measured bytes per row. */
export function nextBlockRows(firstBlock: unknown[][]): number {
  const perRow = responseBytes(firstBlock) / Math.max(1, firstBlock.length);
  return Math.max(1, Math.floor(RESPONSE_BUDGET / Math.max(1, perRow * 1.25)));
}

export interface SourceCandidate {
  /** An Excel table; a sheet's used range; or a range by address (the selection, or one saved). */
  kind: "table" | "range" | "selection";
  /** Table name; sheet name for a used range; "Sheet!A1:F9" for a range by address. */
  name: string;
  sheet: string;
  /** Sheet address of the whole table/range including the header, e.g. "A1:G601". */
  address: string;
  headers: unknown[];
  /** All required revenue fields map from the headers. */
  matches: boolean;
}

export interface WorkbookSnapshot {
  /** The document's analysis settings, parsed and migrated (excel/document): only the fields it has. */
  settings: ParsedSettings["settings"];
  /** What did not parse in the document's settings (left out, with its default in force). */
  settingsProblems: SettingsProblem[];
  /** Our sheets by step: { step: worksheet id } (a sheet recorded by name resolved to its id). */
  owned: Record<string, string>;
  inputTables: Record<string, InputTableLocation[]>;
  sheets: { id: string; name: string; protected: boolean }[];
  /** The workbook's names (a write re-points an existing one, adds a missing one). */
  names: string[];
  candidates: SourceCandidate[];
}

export { rectOf, localAddress };

/** "Sheet!A1:F9" (sheet possibly quoted) split into sheet and a rectangular address; null otherwise. */
export function parseRangeName(name: string | null | undefined): { sheet: string; address: string } | null {
  const m = name ? /^(?:'((?:[^']|'')+)'|([^'!]+))!(\$?[A-Z]+\$?\d+:\$?[A-Z]+\$?\d+)$/.exec(name.trim()) : null;
  if (!m) return null;
  return { sheet: m[1] !== undefined ? m[1].replace(/''/g, "'") : m[2], address: m[3].replace(/\$/g, "") };
}

/** The name a range-by-address candidate goes by, as the analyst would type it. */
export function rangeName(sheet: string, address: string): string {
  return `${quoteSheet(sheet)}!${localAddress(address)}`;
}

export interface SnapshotOptions {
  /** A manual column mapping, for "matches". */
  mapping?: ColumnMapping;
  /** Offer the current selection (two rows or more) as a candidate: the task pane does. */
  selection?: boolean;
  /** The source asked for, when it is not yet saved: a range by address gets its candidate. */
  wanted?: string | null;
  /** Columns named by their header (the command line's --map). */
  mapHeaders?: Partial<Record<RevenueField, string>>;
  /**
   * More loads for the sync that reads the tables' headers, once the settings, our sheets and the
   * workbook's lists are known (a Refresh reads its saved source there: pipeline.ts).
   */
  withHeaders?: (head: SnapshotHead) => void;
}

/** What the first sync of a snapshot tells: enough to read a saved source in the second. */
export interface SnapshotHead {
  settings: ParsedSettings["settings"];
  owned: Record<string, string>;
  inputTables: Record<string, InputTableLocation[]>;
  sheets: { id: string; name: string; protected: boolean }[];
  names: string[];
  tableNames: string[];
}

/** Settings, our sheets, and every table or sheet that could hold the revenue data. */
export async function readSnapshot(
  context: Excel.RequestContext,
  opts: SnapshotOptions = {},
): Promise<WorkbookSnapshot> {
  const byHeader = opts.mapHeaders;
  // A candidate's mapping: the saved one, with the columns named by header laid over it.
  const manualFor = (headers: unknown[]): ColumnMapping | undefined =>
    byHeader ? { ...opts.mapping, ...headerMapping(headers, byHeader).mapping } : opts.mapping;
  const settingValues = queueSettings(context, [
    SETTINGS_KEY,
    OWNED_SHEETS_SETTING,
    INPUT_TABLES_SETTING,
    OWNED_NAMES_SETTING,
  ]);
  const tables = context.workbook.tables;
  tables.load("items/name");
  const sheets = context.workbook.worksheets;
  sheets.load("items/name,items/id,items/visibility,items/protection/protected");
  const names = context.workbook.names;
  names.load("items/name");
  await context.sync();
  const [rawSettings, rawOwnedById, rawInputs, rawOwnedByName] = settingValues();
  const { settings, problems: settingsProblems } = parseSettings(rawSettings, SETTINGS_KEY);
  const ownedById = parseMarker(rawOwnedById, OWNED_SHEETS_SETTING);
  const ownedByName = parseMarker(rawOwnedByName, OWNED_NAMES_SETTING);
  const inputs = parseInputTables(rawInputs, INPUT_TABLES_SETTING);
  for (const p of [ownedById.problems, ownedByName.problems, inputs.problems]) pushAll(settingsProblems, p);
  const owned = resolveOwned(ownedById.value, ownedByName.value, sheets.items);
  // A sheet whose input tables cannot be located is no longer ours for this run: left as it is
  // (the analyst's values on it stay), its step written on a new sheet beside it.
  for (const p of inputs.problems) {
    const step = String(p.params.step ?? "");
    p.params.sheet = sheets.items.find((s) => s.id === owned[step])?.name ?? step;
    delete owned[step];
  }
  const ownedIds = new Set(Object.values(owned));
  const tableReads = tables.items.map((tb) => {
    const range = tb.getRange();
    range.load("address");
    const head = tb.getHeaderRowRange();
    head.load("values");
    const ws = tb.worksheet;
    ws.load("name");
    return { tb, range, head, ws };
  });
  const userSheets = sheets.items.filter((ws) => !ownedIds.has(ws.id) && ws.visibility === "Visible");
  const used = userSheets.map((ws) => {
    const u = ws.getUsedRangeOrNullObject(true);
    u.load("address");
    return { ws, u };
  });
  opts.withHeaders?.({
    settings,
    owned,
    inputTables: inputs.value,
    sheets: sheets.items.map((w) => ({ id: w.id, name: w.name, protected: w.protection.protected })),
    names: names.items.map((n) => n.name),
    tableNames: tables.items.map((tb) => tb.name),
  });
  await context.sync();
  const candidates: SourceCandidate[] = tableReads.map(({ tb, range, head, ws }) => ({
    kind: "table",
    name: tb.name,
    sheet: ws.name,
    address: localAddress(range.address),
    headers: head.values[0],
    matches: matchesRevenue(head.values[0], manualFor(head.values[0])),
  }));
  // Plain ranges: sheets without a table, whose first used row is read only when no table fits.
  const tableSheets = new Set(candidates.map((c) => c.sheet));
  const plain = used.filter(({ ws, u }) => !u.isNullObject && !tableSheets.has(ws.name));
  // Ranges by address: the one asked for or saved, then the selection (read on its own: Excel
  // refuses getSelectedRange while a chart or shape is selected).
  const byAddress: { kind: "range" | "selection"; sheet: string; address: string }[] = [];
  const wanted = parseRangeName(opts.wanted ?? settings.revenueTable);
  if (wanted && sheets.items.some((w) => w.name === wanted.sheet)) byAddress.push({ kind: "range", ...wanted });
  if (opts.selection) {
    try {
      const sel = context.workbook.getSelectedRange();
      sel.load("address,rowCount,columnCount");
      await context.sync();
      const where = parseRangeName(sel.address);
      const known = (a: { sheet: string; address: string }) =>
        candidates.some((c) => c.sheet === a.sheet && c.address === a.address) ||
        byAddress.some((c) => c.sheet === a.sheet && c.address === a.address) ||
        used.some(({ ws, u }) => ws.name === a.sheet && !u.isNullObject && localAddress(u.address) === a.address);
      if (where && sel.rowCount >= 2 && sel.columnCount >= 2 && sel.rowCount < 1_048_576 && !known(where))
        byAddress.push({ kind: "selection", ...where });
    } catch {
      // no range is selected: nothing to offer
    }
  }
  const needPlain = !candidates.some((c) => c.matches) && plain.length > 0;
  if (needPlain || byAddress.length) {
    // The first rows of each range: its header may sit below a report title and a source line.
    const top = (sheet: Excel.Worksheet, address: string) => {
      const r = rectOf(address);
      const h = sheet.getRangeByIndexes(r.r0, r.c0, Math.min(HEADER_SEARCH_ROWS + 1, r.r1 - r.r0 + 1), r.c1 - r.c0 + 1);
      h.load("values");
      return h;
    };
    const heads = (needPlain ? plain : []).map(({ ws, u }) => ({
      kind: "range" as const,
      name: ws.name,
      sheet: ws.name,
      address: localAddress(u.address),
      h: top(ws, u.address),
    }));
    for (const a of byAddress) {
      heads.push({
        kind: a.kind as "range",
        name: rangeName(a.sheet, a.address),
        sheet: a.sheet,
        address: a.address,
        h: top(context.workbook.worksheets.getItem(a.sheet), a.address),
      });
    }
    await context.sync();
    for (const { kind, name, sheet, address, h } of heads) {
      // The range starts at its header row: the title rows above it are left alone.
      // A site table's header may sit below a title too.
      const revenueAt = findHeaderRow(h.values, opts.mapping, byHeader);
      // findHeaderRow says 0 for a header on the first row and for none: only a range that holds no
      // revenue header is searched for a site table's header below a title.
      const revenue = revenueAt > 0 || matchesRevenue(h.values[0] ?? [], manualFor(h.values[0] ?? []));
      const at = revenue
        ? revenueAt
        : Math.max(
            0,
            h.values.slice(0, HEADER_SEARCH_ROWS).findIndex((row) => isSiteTable(row)),
          );
      const r = rectOf(address);
      candidates.push({
        kind,
        name,
        sheet,
        address: at ? localAddress(rectA1({ ...r, r0: r.r0 + at })) : address,
        headers: h.values[at],
        matches: matchesRevenue(h.values[at], manualFor(h.values[at])),
      });
    }
  }
  return {
    settings,
    settingsProblems,
    owned,
    inputTables: inputs.value,
    sheets: sheets.items.map((w) => ({ id: w.id, name: w.name, protected: w.protection.protected })),
    names: names.items.map((n) => n.name),
    candidates,
  };
}

/**
 * Queues the document settings `keys` for the next sync; once it has run, the returned function
 * gives their values in the same order ({} for a setting the document does not have).
 */
export function queueSettings(context: Excel.RequestContext, keys: string[]): () => object[] {
  const items = keys.map((k) => {
    const it = context.workbook.settings.getItemOrNullObject(k);
    it.load("value");
    return it;
  });
  return () => items.map((it) => (it.isNullObject ? {} : ((it.value as object) ?? {})));
}

/**
 * Our sheets by step: the ids recorded, and the sheets recorded by name — a sheet added in a
 * write is marked by its name in that same write (its id is known only after it), and by its id
 * from the next write on.
 */
export function resolveOwned(
  byId: Record<string, string>,
  byName: Record<string, string>,
  sheets: { id: string; name: string }[],
): Record<string, string> {
  const owned: Record<string, string> = {};
  for (const [step, id] of Object.entries(byId)) if (sheets.some((s) => s.id === id)) owned[step] = id;
  for (const [step, name] of Object.entries(byName)) {
    if (owned[step]) continue;
    const s = sheets.find((x) => x.name === name);
    if (s && !Object.values(owned).includes(s.id)) owned[step] = s.id;
  }
  return { ...byId, ...owned };
}

/** Headers that read as a revenue table: long (a month column and an amount column) or wide (one column per month). */
export function matchesRevenue(headers: unknown[], mapping?: ColumnMapping): boolean {
  return layoutOf(headers, mapping).complete;
}

// Defined with the settings (the pane tells it apart without loading this module).
export { CancelledError };

export interface ReadStats {
  blocks: number;
}

/**
 * The candidate's cells (header first), read in row blocks under the response budget. The first
 * sync also reads the given input tables of our sheets, for Refresh.
 */
export async function readSource(
  context: Excel.RequestContext,
  source: SourceCandidate,
  previous: OwnedInputTables,
  isCancelled?: () => boolean,
  /** More loads for the first block's sync (the run's other reads ride along). */
  alsoLoad?: () => void,
  /** The first block and the input tables, already read (a Refresh's second sync): no sync of its own. */
  prefetched?: { firstBlock: unknown[][]; inputs: Record<string, PreviousInputs> },
): Promise<{
  values: unknown[][];
  origin: { row: number; col: number };
  inputs: Record<string, PreviousInputs>;
  blocks: number;
}> {
  const r = rectOf(source.address);
  const cols = r.c1 - r.c0 + 1;
  // Got when a block is read (a prefetched source needs no request at all).
  let ws: Excel.Worksheet | null = null;
  const values: unknown[][] = [];
  if (prefetched) pushAll(values, prefetched.firstBlock);
  const inputReads = queueInputTables(context, previous);
  const readsInputs = previous.some((p) => p.tables.length > 0);
  alsoLoad?.();
  let blocks = prefetched ? 1 : 0;
  let synced = false;
  // A first block of known size; its bytes per row size the rest to fill each response.
  let rowsPerBlock = FIRST_BLOCK_ROWS;
  for (let row = r.r0 + values.length; row <= r.r1; row += rowsPerBlock) {
    // Cancel between reads: nothing is written yet.
    if (blocks > 0 && isCancelled?.()) throw new CancelledError();
    // Also under the 5,000,000-cell limit of one read.
    if (blocks === 1) rowsPerBlock = Math.min(nextBlockRows(values), Math.floor(4_000_000 / cols));
    const n = Math.min(rowsPerBlock, r.r1 - row + 1);
    ws ??= context.workbook.worksheets.getItem(source.sheet);
    const block = ws.getRangeByIndexes(row, r.c0, n, cols);
    block.load("values");
    // Each block is its own response: the cap is per sync, so these syncs cannot be merged.
    // eslint-disable-next-line office-addins/no-context-sync-in-loop
    await context.sync();
    blocks++;
    synced = true;
    for (const v of block.values) values.push(v);
  }
  // Nothing read yet, or loads queued with nothing to ride on: one sync for them.
  if (!synced && (!prefetched || alsoLoad || readsInputs)) await context.sync();
  const inputs = prefetched ? { ...prefetched.inputs, ...inputReads() } : inputReads();
  return { values, origin: { row: r.r0, col: r.c0 }, inputs, blocks };
}

/** Where our input tables are: each owned step's tables, on its sheet (a step whose sheet is gone has none). */
export type OwnedInputTables = { sheetId: string; step: string; tables: InputTableLocation[] }[];

export function ownedInputTables(known: {
  inputTables: Record<string, InputTableLocation[]>;
  owned: Record<string, string>;
  sheets: { id: string }[];
}): OwnedInputTables {
  return Object.entries(known.inputTables)
    .filter(([step]) => known.sheets.some((s) => s.id === known.owned[step]))
    .map(([step, tables]) => ({ sheetId: known.owned[step], step, tables }));
}

/** Queues the values of our input tables; once synced, the function gives them by step and table id. */
export function queueInputTables(
  context: Excel.RequestContext,
  previous: OwnedInputTables,
): () => Record<string, PreviousInputs> {
  const reads = previous.flatMap((p) => {
    const sheet = context.workbook.worksheets.getItem(p.sheetId);
    return p.tables.map((tb) => {
      const range = sheet.getRange(tb.range);
      range.load("values");
      return { step: p.step, id: tb.id, range };
    });
  });
  return () => {
    const out: Record<string, PreviousInputs> = {};
    for (const { step, id, range } of reads) (out[step] ??= {})[id] = range.values;
    return out;
  };
}

/** Rows a column read for a picker takes at most (one response, well under the 5 MB cap). */
export const COLUMN_READ_ROWS = 50_000;

/** Columns' data cells (below the header) of a candidate, up to `COLUMN_READ_ROWS` rows, in one sync. */
export async function readColumns(
  context: Excel.RequestContext,
  source: SourceCandidate,
  columns: number[],
): Promise<unknown[][]> {
  const r = rectOf(source.address);
  const rows = Math.min(COLUMN_READ_ROWS, r.r1 - r.r0);
  if (rows < 1) return columns.map(() => []);
  const ws = context.workbook.worksheets.getItem(source.sheet);
  const ranges = columns.map((c) => {
    const range = ws.getRangeByIndexes(r.r0 + 1, r.c0 + c, rows, 1);
    range.load("values");
    return range;
  });
  await context.sync();
  return ranges.map((range) => range.values.map((row) => row[0]));
}
