/**
 * Reading what the pipeline needs from the workbook in as few syncs as the response cap allows:
 * one sync for settings, tables and sheets; one for the candidate headers; then one per row
 * block of the revenue table (sized to stay under Excel on the web's 5 MB response cap), the
 * first of which also reads back the analyst's input tables for Refresh. A Refresh whose settings
 * say where its source is reads that first block, the input tables and the site table with the
 * headers (`withHeaders`): 2 syncs in all for a table of up to 2,000 rows. And where the lists
 * (settings, sheets, tables, names) are as the last read of the workbook found them (`readPlans`),
 * the headers and those reads ride with the first sync: 1 sync.
 */
import type { InputTableLocation } from "../layout/plan";
import type { PreviousInputs } from "../layout/inputs";
import { HEADER_SEARCH_ROWS, type ColumnMapping, type RevenueField } from "../tables/revenue";
import {
  candidateOf,
  parseRangeName,
  rangeName,
  searchRanges,
  type HeaderRule,
  type SourceCandidate,
  type SourceHead,
} from "../tables/source-plan";
import { jsonBytes, localAddress, rectOf } from "../address";
import { CancelledError, INPUT_TABLES_SETTING, OWNED_NAMES_SETTING, OWNED_SHEETS_SETTING } from "./settings";
import { parseInputTables, parseMarker, parseSettings, type ParsedSettings, type SettingsProblem } from "./document";
import { pushAll } from "../arrays";
import type { ExcelRun } from "./run";

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

// A candidate, and the names of a range by address, are the source plan's (tables/source-plan).
export type { SourceCandidate };
export { parseRangeName, rangeName };

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
  /** What the first sync found, for the next snapshot's `remembered`. */
  plan: ReadPlan;
}

export { rectOf, localAddress };

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
  /**
   * The lists an earlier snapshot of this workbook found (its `plan`). The tables' headers and the
   * `withHeaders` loads are then queued from them with the first sync, and used when that sync
   * finds the same lists: one sync where there were two. Where anything moved they are read again.
   */
  remembered?: ReadPlan;
}

/**
 * The plan each workbook's last snapshot found, by its way in (one ExcelRun per task pane, one per
 * emulator): a Refresh, and the pane's status read after it, then read in one sync where nothing moved.
 */
export const readPlans = new WeakMap<ExcelRun, ReadPlan>();

/** The lists a snapshot's first sync found: what its later reads were queued from. */
export interface ReadPlan {
  head: SnapshotHead;
  /** The workbook's sheets in order, with their visibility (the analyst's visible sheets are searched). */
  sheets: { id: string; name: string; visibility: string }[];
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

/**
 * Settings, our sheets, and every table or sheet that could hold the revenue data: the headers
 * read (the tables' header rows; then, where needed, the first rows of ranges), each made a
 * candidate by the source plan (tables/source-plan), which decides what they are.
 */
export async function readSnapshot(
  context: Excel.RequestContext,
  opts: SnapshotOptions = {},
): Promise<WorkbookSnapshot> {
  const rule: HeaderRule = { mapping: opts.mapping, byHeader: opts.mapHeaders };
  const { lists, listed } = await readHeads(context, opts);
  const { head } = lists;
  const candidates = listed.tables().map((h) => candidateOf(h, rule));
  // Ranges by address: the one asked for or saved, then the selection (read on its own: Excel
  // refuses getSelectedRange while a chart or shape is selected).
  const byAddress: RangeAt[] = [];
  const wanted = parseRangeName(opts.wanted ?? head.settings.revenueTable);
  if (wanted && head.sheets.some((w) => w.name === wanted.sheet)) byAddress.push({ kind: "range", ...wanted });
  if (opts.selection) {
    const known = (a: { sheet: string; address: string }) =>
      candidates.some((c) => c.sheet === a.sheet && c.address === a.address) ||
      byAddress.some((c) => c.sheet === a.sheet && c.address === a.address) ||
      listed.isUsedRange(a);
    const selected = await readSelection(context);
    if (selected && !known(selected)) byAddress.push(selected);
  }
  // Plain ranges: sheets without a table, whose first used rows are read only when no table fits.
  const plain = searchRanges(candidates) ? listed.plain() : [];
  if (plain.length || byAddress.length) {
    const heads = await readRangeHeads(context, plain, byAddress);
    for (const h of heads) candidates.push(candidateOf(h, rule));
  }
  return {
    settings: head.settings,
    settingsProblems: lists.settingsProblems,
    owned: head.owned,
    inputTables: head.inputTables,
    // Lists of their own: a run's writes keep theirs up to date (the head's went to `withHeaders`).
    sheets: head.sheets.map((s) => ({ ...s })),
    names: [...head.names],
    candidates,
    plan: lists.plan,
  };
}

/**
 * The first two reads of a snapshot: the lists, then the tables' headers and the sheets' used
 * ranges (with `withHeaders`' loads). With a remembered plan both ride in one sync, and stand when
 * that sync finds the lists the plan was made from; a remembered table or sheet that has gone
 * fails that sync, and the snapshot reads as on a first run.
 */
async function readHeads(context: Excel.RequestContext, opts: SnapshotOptions) {
  const guess = opts.remembered;
  if (guess) {
    let found: Lists | null = null;
    let listed: ReturnType<typeof queueHeaders> | null = null;
    try {
      const lists = queueLists(context);
      listed = queueHeaders(context, guess.head.owned, guessedTables(context, guess), guessedSheets(context, guess));
      opts.withHeaders?.(guess.head);
      await context.sync();
      found = lists();
    } catch (e) {
      // A remembered table or sheet is no longer there (Excel's ItemNotFound): read as on a first
      // run, below. Any other failure is the run's.
      if ((e as { code?: unknown }).code !== "ItemNotFound") throw e;
    }
    if (found && listed && planKey(found.plan) === planKey(guess)) return { lists: found, listed };
    if (found) return { lists: found, listed: await readHeaders(context, found, opts) };
  }
  const lists = queueLists(context);
  await context.sync();
  const found = lists();
  return { lists: found, listed: await readHeaders(context, found, opts) };
}

/** The headers' sync for lists just read. */
async function readHeaders(context: Excel.RequestContext, lists: Lists, opts: SnapshotOptions) {
  const listed = queueHeaders(
    context,
    lists.head.owned,
    lists.tables.map((tb) => ({ name: tb.name, tb })),
    lists.sheets.map((ws) => ({ id: ws.id, name: ws.name, visibility: ws.visibility, ws })),
  );
  opts.withHeaders?.(lists.head);
  await context.sync();
  return listed;
}

/** What the reads after the lists are queued from: equal keys, equal reads. */
function planKey(plan: ReadPlan): string {
  const { settings, owned, inputTables, sheets, names, tableNames } = plan.head;
  // Of the settings, what a Refresh's early reads take (pipeline.ts, queueEarlyReads).
  const saved = [settings.revenueTable, settings.sourceAddress, settings.sitesTable];
  return JSON.stringify([saved, owned, inputTables, sheets, names, tableNames, plan.sheets]);
}

function guessedTables(context: Excel.RequestContext, plan: ReadPlan) {
  return plan.head.tableNames.map((name) => ({ name, tb: context.workbook.tables.getItem(name) }));
}

function guessedSheets(context: Excel.RequestContext, plan: ReadPlan) {
  return plan.sheets.map((s) => ({ ...s, ws: context.workbook.worksheets.getItem(s.id) }));
}

/** A range by address to read the first rows of: the one asked for or saved, or the selection. */
interface RangeAt {
  kind: "range" | "selection";
  sheet: string;
  address: string;
}

type Lists = ReturnType<ReturnType<typeof queueLists>>;

/**
 * Queues the first sync's reads: the document's settings, our sheets, the workbook's tables,
 * sheets and names. Once synced, the returned function reads them.
 */
function queueLists(context: Excel.RequestContext) {
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
  return () => listsOf(settingValues(), tables.items, sheets.items, names.items);
}

function listsOf(values: object[], tables: Excel.Table[], sheets: Excel.Worksheet[], names: Excel.NamedItem[]) {
  const [rawSettings, rawOwnedById, rawInputs, rawOwnedByName] = values;
  const { settings, problems: settingsProblems } = parseSettings(rawSettings, SETTINGS_KEY);
  const ownedById = parseMarker(rawOwnedById, OWNED_SHEETS_SETTING);
  const ownedByName = parseMarker(rawOwnedByName, OWNED_NAMES_SETTING);
  const inputs = parseInputTables(rawInputs, INPUT_TABLES_SETTING);
  for (const p of [ownedById.problems, ownedByName.problems, inputs.problems]) pushAll(settingsProblems, p);
  const owned = resolveOwned(ownedById.value, ownedByName.value, sheets);
  // A sheet whose input tables cannot be located is no longer ours for this run: left as it is
  // (the analyst's values on it stay), its step written on a new sheet beside it.
  for (const p of inputs.problems) {
    const step = String(p.params.step ?? "");
    p.params.sheet = sheets.find((s) => s.id === owned[step])?.name ?? step;
    delete owned[step];
  }
  const head: SnapshotHead = {
    settings,
    owned,
    inputTables: inputs.value,
    sheets: sheets.map((w) => ({ id: w.id, name: w.name, protected: w.protection.protected })),
    names: names.map((n) => n.name),
    tableNames: tables.map((tb) => tb.name),
  };
  const plan: ReadPlan = { head, sheets: sheets.map((w) => ({ id: w.id, name: w.name, visibility: w.visibility })) };
  return { head, settingsProblems, tables, sheets, plan };
}

/**
 * Queues, for the second sync, each table's address, header row and sheet, and the used range of
 * each visible sheet of the analyst's (not ours). Once synced: the tables as the source plan takes
 * them, the used ranges of the sheets without a table, and whether an address is a used range.
 */
function queueHeaders(
  context: Excel.RequestContext,
  owned: Record<string, string>,
  tables: { name: string; tb: Excel.Table }[],
  sheets: { id: string; name: string; visibility: string; ws: Excel.Worksheet }[],
) {
  const ownedIds = new Set(Object.values(owned));
  const tableReads = tables.map(({ name, tb }) => {
    const range = tb.getRange();
    range.load("address");
    const head = tb.getHeaderRowRange();
    head.load("values");
    const ws = tb.worksheet;
    ws.load("name");
    return { name, range, head, ws };
  });
  const userSheets = sheets.filter((s) => !ownedIds.has(s.id) && s.visibility === "Visible");
  const used = userSheets.map(({ name, ws }) => {
    const u = ws.getUsedRangeOrNullObject(true);
    u.load("address");
    return { name, ws, u };
  });
  return {
    tables: (): SourceHead[] =>
      tableReads.map(({ name, range, head, ws }) => ({
        kind: "table",
        name,
        sheet: ws.name,
        address: localAddress(range.address),
        rows: head.values,
      })),
    plain: (): { ws: Excel.Worksheet; name: string; address: string }[] => {
      const tableSheets = new Set(tableReads.map(({ ws }) => ws.name));
      return used
        .filter(({ name, u }) => !u.isNullObject && !tableSheets.has(name))
        .map(({ ws, name, u }) => ({ ws, name, address: u.address }));
    },
    isUsedRange: (a: { sheet: string; address: string }): boolean =>
      used.some(({ name, u }) => name === a.sheet && !u.isNullObject && localAddress(u.address) === a.address),
  };
}

/** The selection as a range by address, when it spans two rows and two columns or more (not whole columns). */
async function readSelection(context: Excel.RequestContext): Promise<RangeAt | null> {
  try {
    const sel = context.workbook.getSelectedRange();
    sel.load("address,rowCount,columnCount");
    await context.sync();
    const where = parseRangeName(sel.address);
    if (where && sel.rowCount >= 2 && sel.columnCount >= 2 && sel.rowCount < 1_048_576)
      return { kind: "selection", ...where };
  } catch {
    // no range is selected: nothing to offer
  }
  return null;
}

/**
 * The first rows of each range, in one sync: its header may sit below a report title and a source
 * line. The sheets' used ranges first, then the ranges by address.
 */
async function readRangeHeads(
  context: Excel.RequestContext,
  plain: { ws: Excel.Worksheet; name: string; address: string }[],
  byAddress: RangeAt[],
): Promise<SourceHead[]> {
  const top = (sheet: Excel.Worksheet, address: string) => {
    const r = rectOf(address);
    const h = sheet.getRangeByIndexes(r.r0, r.c0, Math.min(HEADER_SEARCH_ROWS + 1, r.r1 - r.r0 + 1), r.c1 - r.c0 + 1);
    h.load("values");
    return h;
  };
  const heads = plain.map(({ ws, name, address }) => ({
    kind: "range" as SourceHead["kind"],
    name,
    sheet: name,
    address: localAddress(address),
    h: top(ws, address),
  }));
  for (const a of byAddress) {
    heads.push({
      kind: a.kind,
      name: rangeName(a.sheet, a.address),
      sheet: a.sheet,
      address: a.address,
      h: top(context.workbook.worksheets.getItem(a.sheet), a.address),
    });
  }
  await context.sync();
  return heads.map(({ kind, name, sheet, address, h }) => ({ kind, name, sheet, address, rows: h.values }));
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
