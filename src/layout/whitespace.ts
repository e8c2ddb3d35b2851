/**
 * The whitespace map on the Solutions sheet (issue 22): our offerings (rows: the revenue table's
 * services, then the solutions) × the customer's buying centres (columns: its sites, then the
 * decision process's levels; at most MAX_CENTRES).
 *
 *   title · legend
 *   map      A:B offering (merged) · C ours today (the focus customer's monthly revenue on the
 *            service in the period, by formula) · D value a month for the whole account (input) ·
 *            E… one status per centre (formula: the analyst's mark, else ours where we sell the
 *            service, else open)
 *   marks    A:B offering · C… the analyst's marks (input, a list); the header row of centres is
 *            part of the input table, so Refresh keeps each mark on its centre and offering by name
 *   weights  A:B offering · C… the analyst's weights (input): the centres an offering serves
 *            (0: not applicable there) and how its value is shared among them, kept like the marks
 *   value    A:B offering · C… the open cells' value (the offering's worth, never below what we
 *            earn from it today, × the centre's weight ÷ the offering's weights), a heat map
 *   top      the open cells of largest value: candidate solutions
 *   S:V      (hidden) every cell in reading order with a tie-broken value, for the top list
 */
import type { MessageKey, Translate } from "../i18n";
import { columnLetter } from "../address";
import { STATUSES, TIE_STEP, TOP_OPEN, type Status } from "../method/whitespace";
import {
  dashZero,
  headerRow,
  heading,
  keyFormat,
  moneyFormat,
  quoted,
  type KeyOf,
  type RevenueRefs,
  type Section,
  type Unit,
} from "./kit";
import { rowKey, type PreviousInputs } from "./inputs";
import { listKey, MARK_LIST } from "../method/lists";
import type { Block, ConditionalFormatPlan, PlanCell } from "./plan";
import { ColumnAnchor, type Anchors } from "./anchor";

/** Centres shown (columns E… of the map run up to R; the sheet's helpers start at S). */
export const MAX_CENTRES = 14;

export function statusLabel(t: Translate, s: Status): string {
  return t(`sheet.ws.status.${s}`);
}

/** A mark read through the list codec: any language's label, or the key. */
export function statusOf(_t: Translate, v: unknown): Status | null {
  return listKey(MARK_LIST, v);
}

export interface WhitespaceLayoutInputs {
  /** The centres shown (at most MAX_CENTRES), and how many there are in all. */
  centres: string[];
  centresTotal?: number;
  /** Services then solutions, each with its value a month in force (the analyst's, else the data's). */
  offerings: { name: string; kind: "service" | "solution"; value: number }[];
  /** The analyst's marks, [centre][offering] (see previousMarks). */
  marks: (Status | null)[][];
  /** The weights in force, [centre][offering]: the analyst's, else the pre-filled ones. */
  weights: number[][];
  refs: RevenueRefs;
  key: KeyOf;
  unit?: Unit;
}

const same = (a: unknown, b: unknown) => rowKey([a], 1) === rowKey([b], 1);

/** A grid's header row as Refresh read it back: the centres' order of that time. */
function previousHeader(t: Translate, rows: unknown[][] | undefined): unknown[] | undefined {
  return rows?.find((r) => same(r[0], t("sheet.ws.offering")));
}

/** An offering × centre grid read back, [centre][offering], matched by centre and offering names. */
function previousGrid<T>(
  t: Translate,
  rows: unknown[][] | undefined,
  centres: string[],
  offerings: string[],
  read: (v: unknown) => T | null,
): (T | null)[][] {
  const header = previousHeader(t, rows);
  const byOffering = new Map((rows ?? []).map((r) => [rowKey(r, 1), r] as const));
  const col = (centre: string, i: number) => (header ? header.findIndex((h, k) => k > 1 && same(h, centre)) : i + 2);
  return centres.map((c, i) => {
    const k = col(c, i);
    return offerings.map((o) => {
      const r = byOffering.get(rowKey([o], 1));
      return r && k > 1 ? read(r[k]) : null;
    });
  });
}

/** The analyst's marks read back, [centre][offering], matched by centre and offering names. */
export function previousMarks(
  t: Translate,
  centres: string[],
  offerings: string[],
  previous: PreviousInputs | undefined,
): (Status | null)[][] {
  return previousGrid(t, previous?.whitespace, centres, offerings, (v) => statusOf(t, v));
}

/** The analyst's weights read back, [centre][offering] (null where the cell is new). */
export function previousWeights(
  t: Translate,
  centres: string[],
  offerings: string[],
  previous: PreviousInputs | undefined,
): (number | null)[][] {
  if (!previous?.whitespaceWeights) return centres.map(() => offerings.map(() => null));
  return previousGrid(t, previous.whitespaceWeights, centres, offerings, (v) =>
    typeof v === "number" ? v : v === "" || v === null ? 0 : null,
  );
}

/** The analyst's values a month read back by offering (null where none was typed). */
export function previousValues(offerings: string[], previous: PreviousInputs | undefined): (number | null)[] {
  const rows = previous?.whitespaceValue ?? [];
  const byOffering = new Map(rows.map((r) => [rowKey(r, 1), r] as const));
  return offerings.map((o) => {
    // The row read back: offering (A, merged over B), ours today (C), value a month (D).
    const v = byOffering.get(rowKey([o], 1))?.[3];
    return typeof v === "number" ? v : null;
  });
}

export interface WhitespaceSection extends Section {
  merges: string[];
  conditionalFormats: ConditionalFormatPlan[];
  names: Record<string, string>;
  /** Where its blocks are, for its anchors. */
  rows: WsRows;
}

/**
 * The whitespace map's anchors on `sheet`: for the map, the marks, the weights and the values, the
 * offering's column over the offerings' rows and the first centre's (the others follow it, in the
 * header's order); the map's "ours today" and value a month; the top list's columns.
 */
export function whitespaceAnchors(sheet: string, ws: WhitespaceSection): Anchors {
  const at = ws.rows;
  const column = (col: number, first: number, last: number) => new ColumnAnchor(sheet, col, first, last);
  const grid = (key: string, first: number, last: number, centre: number): Anchors => ({
    [`whitespace.${key}.offering`]: column(0, first, last),
    [`whitespace.${key}.centre`]: column(centre, first, last),
  });
  const top = (col: number) => column(col, at.topFirst, at.topFirst + TOP_OPEN - 1);
  return {
    ...grid("map", at.mapFirst, at.mapLast, 4),
    "whitespace.map.current": column(2, at.mapFirst, at.mapLast),
    "whitespace.map.value": column(3, at.mapFirst, at.mapLast),
    ...grid("marks", at.marksFirst, at.marksLast, 2),
    ...grid("weights", at.weightsFirst, at.weightsLast, 2),
    ...grid("values", at.valueFirst, at.valueLast, 2),
    "whitespace.top.rank": top(0),
    "whitespace.top.offering": top(1),
    "whitespace.top.centre": top(3),
    "whitespace.top.value": top(4),
  };
}

export function whitespaceSection(t: Translate, row: number, w: WhitespaceLayoutInputs): WhitespaceSection {
  const c = wsContext(t, w);
  const at = wsRows(row, w.offerings.length);
  const blocks: Block[] = [
    ...theMap(c, at),
    // The analyst's marks: the header row of centres is part of the input table.
    ...offeringGrid(c, at.marksTitle, "sheet.ws.marks", {
      cells: w.offerings.map((_o, j) =>
        c.centres.map((_, i) => {
          const s = w.marks[i]?.[j];
          return s ? statusLabel(t, s) : null;
        }),
      ),
      input: true,
      numberFormat: "@",
      style: { align: "Center" },
    }),
    // The analyst's weights: how much of an offering's value each centre carries (0 = it does not serve it).
    ...offeringGrid(c, at.weightsTitle, "sheet.ws.weights", {
      cells: w.offerings.map((_o, j) => c.centres.map((_, i) => w.weights[i]?.[j] ?? 0)),
      input: true,
      numberFormat: "0.##",
      style: { align: "Center" },
    }),
    ...openValues(c, at),
    ...topOpen(c, at),
  ];
  return { blocks, next: at.topFirst + TOP_OPEN - 1 + 2, ...wsInputs(c, at), ...wsLooks(c, at), rows: at };
}

/** What the whitespace map's parts share: the centres shown, the column letters, the labels. */
function wsContext(t: Translate, w: WhitespaceLayoutInputs) {
  const centres = w.centres.slice(0, MAX_CENTRES);
  const offeringCell = (o: { name: string; kind: string }): PlanCell =>
    o.kind === "service" ? w.key("service", o.name) : o.name;
  return {
    t,
    w,
    centres,
    n: centres.length,
    labels: STATUSES.map((s) => statusLabel(t, s)),
    q: (s: Status) => quoted(statusLabel(t, s)),
    // Map columns: E… ; marks and values: C… (the offering's name spans A:B).
    M: (i: number) => columnLetter(4 + i),
    V: (i: number) => columnLetter(2 + i),
    zeroDash: dashZero(moneyFormat(w.unit)),
    // The offerings' names in A (merged over B) from a block's first row.
    names: (first: number): Block => ({
      at: `A${first}`,
      cells: w.offerings.map((o) => [offeringCell(o)]),
      numberFormat: w.offerings.map((o) => [keyFormat(offeringCell(o) as string | number)]),
    }),
  };
}

type WsContext = ReturnType<typeof wsContext>;

/** The map's rows from its title at `row`, for `m` offerings: the map, marks, weights, value, then the top list. */
function wsRows(row: number, m: number) {
  const mapHead = row + 3;
  const mapFirst = mapHead + 1;
  const mapLast = mapFirst + m - 1;
  const marksTitle = mapLast + 2;
  const marksLast = marksTitle + 2 + m - 1;
  const weightsTitle = marksLast + 2;
  const weightsLast = weightsTitle + 2 + m - 1;
  const valueTitle = weightsLast + 2;
  const valueLast = valueTitle + 2 + m - 1;
  const topTitle = valueLast + 2;
  return {
    title: row,
    legend: row + 1,
    mapHead,
    mapFirst,
    mapLast,
    marksTitle,
    marksHead: marksTitle + 1,
    marksFirst: marksTitle + 2,
    marksLast,
    weightsTitle,
    weightsHead: weightsTitle + 1,
    weightsFirst: weightsTitle + 2,
    weightsLast,
    valueTitle,
    valueHead: valueTitle + 1,
    valueFirst: valueTitle + 2,
    valueLast,
    topTitle,
    topHead: topTitle + 1,
    topFirst: topTitle + 2,
  };
}

type WsRows = ReturnType<typeof wsRows>;

/** A titled grid of offerings × centres: its title, header, the offerings' names, then `grid` at C. */
function offeringGrid(c: WsContext, title: number, key: MessageKey, grid: Omit<Block, "at">): Block[] {
  return [
    heading(title, c.t(key)),
    headerRow(title + 1, [c.t("sheet.ws.offering"), null, ...c.centres]),
    c.names(title + 2),
    { at: `C${title + 2}`, ...grid },
  ];
}

/** The title, the legend, and the map: ours today, the value a month, and one status per centre. */
function theMap(c: WsContext, at: WsRows): Block[] {
  const { t, w, centres, n, q, V, zeroDash } = c;
  const { mapFirst, marksFirst, weightsFirst } = at;
  const inPeriod = `${w.refs.month},">="&SixStep_PeriodStart,${w.refs.month},"<="&SixStep_PeriodEnd`;
  const custRef = w.refs.customerId ?? w.refs.customer;
  const legendText =
    t("sheet.ws.legend", { statuses: c.labels.join(" / ") }) +
    ((w.centresTotal ?? n) > n ? ` ${t("sheet.ws.more", { shown: n, total: w.centresTotal ?? n })}` : "");
  return [
    heading(at.title, t("sheet.ws.title")),
    { at: `A${at.legend}`, cells: [[legendText]], style: { fontColor: "#595959" } },
    headerRow(at.mapHead, [t("sheet.ws.offering"), null, t("sheet.ws.current"), t("sheet.ws.value"), ...centres]),
    c.names(mapFirst),
    {
      at: `C${mapFirst}`,
      cells: w.offerings.map((o, j): PlanCell[] => [
        o.kind === "service"
          ? {
              f: `=IFERROR(SUMIFS(${w.refs.amount},${custRef},SixStep_FocusId,${inPeriod},${w.refs.service},$A${mapFirst + j})/SixStep_Months,0)`,
            }
          : null,
      ]),
      numberFormat: zeroDash,
    },
    { at: `D${mapFirst}`, cells: w.offerings.map((o) => [o.value]), input: true, numberFormat: zeroDash },
    {
      at: `E${mapFirst}`,
      cells: w.offerings.map((o, j) =>
        centres.map((_, i): PlanCell => {
          const mark = `${V(i)}${marksFirst + j}`;
          const weight = `N(${V(i)}${weightsFirst + j})`;
          const served = o.kind === "service" ? `IF(N($C${mapFirst + j})>0,${q("ours")},${q("open")})` : q("open");
          return { f: `=IF(${mark}<>"",${mark},IF(${weight}<=0,${q("na")},${served}))` };
        }),
      ),
      style: { align: "Center" },
    },
  ];
}

/**
 * An open cell's value: the offering's worth (never below what we earn from it today) × the
 * centre's weight ÷ the offering's weights.
 */
function openValues(c: WsContext, at: WsRows): Block[] {
  const { w, centres, n, q, M, V } = c;
  const { mapFirst, weightsFirst } = at;
  return offeringGrid(c, at.valueTitle, "sheet.ws.valueTitle", {
    cells: w.offerings.map((_o, j) =>
      centres.map((_, i): PlanCell => {
        const weights = `$${V(0)}${weightsFirst + j}:$${V(n - 1)}${weightsFirst + j}`;
        return {
          f: `=IF(AND(${M(i)}${mapFirst + j}=${q("open")},SUM(${weights})>0),MAX(N($D${mapFirst + j}),N($C${mapFirst + j}))*MAX(0,N(${V(i)}${weightsFirst + j}))/SUMIF(${weights},">0"),0)`,
        };
      }),
    ),
    numberFormat: c.zeroDash,
  });
}

/**
 * The open cells of largest value (candidate solutions), from every cell in reading order (hidden
 * S:V): offering, centre, value + a tie-break (the top list's key: equal values in reading
 * order), value.
 */
function topOpen(c: WsContext, at: WsRows): Block[] {
  const { t, w, centres, n, V } = c;
  const { valueFirst, valueHead, topFirst } = at;
  const total = n * w.offerings.length;
  const flat: PlanCell[][] = [];
  w.offerings.forEach((_o, j) =>
    centres.forEach((_, i) => {
      const k = j * n + i;
      const cellRef = `${V(i)}${valueFirst + j}`;
      flat.push([
        { f: `=$A${valueFirst + j}` },
        { f: `=${V(i)}$${valueHead}` },
        { f: `=${cellRef}+${(total - k) * TIE_STEP}` },
        { f: `=${cellRef}` },
      ]);
    }),
  );
  const hFirst = topFirst;
  const hLast = hFirst + Math.max(1, total) - 1;
  const H = (col: string) => `$${col}$${hFirst}:$${col}$${hLast}`;
  const pick = (k: number, col: string) => `INDEX(${H(col)},MATCH(LARGE(${H("U")},${k}),${H("U")},0))`;
  const topRows: PlanCell[][] = Array.from({ length: TOP_OPEN }, (_, k) => {
    const v = `E${topFirst + k}`;
    return [
      k + 1,
      { f: `=IF(N(${v})>0,${pick(k + 1, "S")},"")` },
      null,
      { f: `=IF(N(${v})>0,${pick(k + 1, "T")},"")` },
      { f: `=IFERROR(${pick(k + 1, "V")},0)` },
    ];
  });
  const money = moneyFormat(w.unit);
  return [
    { at: `S${hFirst}`, cells: flat, helper: true },
    heading(at.topTitle, t("sheet.ws.top")),
    headerRow(at.topHead, [
      t("sheet.rank"),
      t("sheet.ws.offering"),
      null,
      t("sheet.ws.centre"),
      t("sheet.ws.cellValue"),
    ]),
    { at: `A${topFirst}`, cells: topRows, numberFormat: topRows.map(() => ["0", "@", "@", "@", money]) },
  ];
}

/** The inputs' validations, and where Refresh reads them back: the values a month, the marks, the weights. */
function wsInputs(c: WsContext, at: WsRows): Pick<WhitespaceSection, "validations" | "inputTables"> {
  const lastValue = c.V(c.n - 1);
  const { mapFirst, mapLast, marksFirst, marksLast, weightsFirst, weightsLast } = at;
  return {
    validations: [
      { range: `C${marksFirst}:${lastValue}${marksLast}`, type: "list", source: c.labels },
      { range: `C${weightsFirst}:${lastValue}${weightsLast}`, type: "decimal", min: 0, max: 1e6 },
      { range: `D${mapFirst}:D${mapLast}`, type: "decimal", min: 0, max: 1e12 },
    ],
    inputTables: [
      { id: "whitespaceValue", range: `A${mapFirst}:D${mapLast}`, keyColumns: 1, optionalColumns: [1, 2, 3] },
      {
        id: "whitespace",
        range: `A${at.marksHead}:${lastValue}${marksLast}`,
        keyColumns: 1,
        optionalColumns: [1, ...c.centres.map((_, i) => i + 2)],
      },
      {
        id: "whitespaceWeights",
        range: `A${at.weightsHead}:${lastValue}${weightsLast}`,
        keyColumns: 1,
        optionalColumns: [1, ...c.centres.map((_, i) => i + 2)],
      },
    ],
  };
}

/** The merged offering names, the map's and the values' colours, and the values' name. */
function wsLooks(c: WsContext, at: WsRows): Pick<WhitespaceSection, "merges" | "conditionalFormats" | "names"> {
  const { q } = c;
  const { mapFirst, mapLast, valueFirst, valueLast, topFirst } = at;
  const lastValue = c.V(c.n - 1);
  const cf = (formula: string, style: { fill?: string; fontColor?: string }): ConditionalFormatPlan => ({
    range: `E${mapFirst}:${c.M(c.n - 1)}${mapLast}`,
    type: "custom",
    formula,
    ...style,
  });
  return {
    // The offering's name spans A:B on every row of the three blocks and of the top list.
    merges: [
      ...[mapFirst, at.marksFirst, at.weightsFirst, valueFirst].flatMap((first) =>
        c.w.offerings.map((_, j) => `A${first + j}:B${first + j}`),
      ),
      ...Array.from({ length: TOP_OPEN }, (_, k) => `B${topFirst + k}:C${topFirst + k}`),
    ],
    conditionalFormats: [
      { range: `C${valueFirst}:${lastValue}${valueLast}`, type: "colorScale", min: "#FFFFFF", max: "#F8696B" },
      cf(`=E${mapFirst}=${q("ours")}`, { fill: "#E2EFDA" }),
      cf(`=E${mapFirst}=${q("competitor")}`, { fill: "#FCE4D6" }),
      cf(`=E${mapFirst}=${q("open")}`, { fontColor: "#C00000" }),
    ],
    names: {
      SixStep_WhitespaceValue: `C${valueFirst}:${lastValue}${valueLast}`,
    },
  };
}
