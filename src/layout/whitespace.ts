/**
 * The whitespace map on the Solutions sheet (issue 22): buying centres (rows) × offerings
 * (columns from B: the revenue table's services, then the solutions).
 *
 *   title · legend
 *   map      header; "ours today" (the focus customer's monthly revenue on each service in the
 *            period, by formula); "value a month" (input: the whole account); one status row per
 *            centre (formula: the analyst's mark, else ours where we sell the service, else open)
 *   marks    the analyst's marks (input, a list): its header row is part of the input table, so
 *            Refresh maps each mark to its offering by name even when the offerings change
 *   value    the open cells' value (value a month ÷ centres), a heat map
 *   top      the open cells of largest value: candidate solutions
 *   S:V      (hidden) every cell in reading order with a tie-broken value, for the top list
 */
import type { Translate } from "../i18n";
import { columnLetter } from "../address";
import { STATUSES, TIE_STEP, TOP_OPEN, type Status } from "../method/whitespace";
import {
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
import type { Block, ConditionalFormatPlan, PlanCell } from "./plan";

export function statusLabel(t: Translate, s: Status): string {
  return t(`sheet.ws.status.${s}`);
}

export function statusOf(t: Translate, v: unknown): Status | null {
  const s = String(v ?? "").trim();
  if (!s) return null;
  return STATUSES.find((x) => statusLabel(t, x) === s || x === s.toLowerCase()) ?? null;
}

export interface WhitespaceLayoutInputs {
  centres: string[];
  /** Services then solutions, each with its value a month in force (the analyst's, else the data's). */
  offerings: { name: string; kind: "service" | "solution"; value: number }[];
  /** The analyst's marks, [centre][offering] (see previousMarks). */
  marks: (Status | null)[][];
  refs: RevenueRefs;
  key: KeyOf;
  unit?: Unit;
}

/** The marks table's header row as Refresh read it back: the offerings' order of that time. */
function previousHeader(t: Translate, previous: PreviousInputs | undefined): unknown[] | undefined {
  return previous?.whitespace?.find((r) => rowKey(r, 1) === rowKey([t("sheet.ws.centre")], 1));
}

/** Where an offering was in the previous header (its column within the marks table), or -1. */
function previousColumn(header: unknown[], name: string): number {
  return header.findIndex((h, i) => i > 0 && rowKey([h], 1) === rowKey([name], 1));
}

/** The analyst's values a month read back, re-ordered to `offerings` (null where none was typed). */
export function previousValues(
  t: Translate,
  offerings: string[],
  previous: PreviousInputs | undefined,
): (number | null)[] {
  const prev = previous?.whitespaceValue?.[0];
  const header = previousHeader(t, previous);
  return offerings.map((o, j) => {
    const k = header ? previousColumn(header, o) - 1 : j;
    const v = prev && k >= 0 ? prev[k] : undefined;
    return typeof v === "number" ? v : null;
  });
}

/** The analyst's marks read back, re-ordered to `offerings` by the marks table's header row. */
export function previousMarks(
  t: Translate,
  centres: string[],
  offerings: string[],
  previous: PreviousInputs | undefined,
): (Status | null)[][] {
  const rows = previous?.whitespace ?? [];
  const header = previousHeader(t, previous);
  const byCentre = new Map(rows.map((r) => [rowKey(r, 1), r] as const));
  const col = (name: string, j: number) => (header ? previousColumn(header, name) : j + 1);
  return centres.map((c) => {
    const r = byCentre.get(rowKey([c], 1));
    return offerings.map((o, j) => {
      const k = col(o, j);
      return r && k > 0 ? statusOf(t, r[k]) : null;
    });
  });
}

export interface WhitespaceSection extends Section {
  mapFirst: number;
  valueFirst: number;
  topFirst: number;
  conditionalFormats: ConditionalFormatPlan[];
  names: Record<string, string>;
}

export function whitespaceSection(t: Translate, row: number, w: WhitespaceLayoutInputs): WhitespaceSection {
  const money = moneyFormat(w.unit);
  const m = w.offerings.length;
  const n = w.centres.length;
  const L = (j: number) => columnLetter(1 + j);
  const lastCol = L(m - 1);
  const labels = STATUSES.map((s) => statusLabel(t, s));
  const q = (s: Status) => quoted(statusLabel(t, s));
  const marks = w.marks;
  const values = w.offerings.map((o) => o.value);

  const title = row;
  const legend = row + 1;
  const mapHead = row + 3;
  const currentRow = mapHead + 1;
  const valueRow = mapHead + 2;
  const mapFirst = mapHead + 3;
  const mapLast = mapFirst + n - 1;
  const marksTitle = mapLast + 2;
  const marksHead = marksTitle + 1;
  const marksFirst = marksHead + 1;
  const marksLast = marksFirst + n - 1;
  const valueTitle = marksLast + 2;
  const valueHead = valueTitle + 1;
  const valueFirst = valueHead + 1;
  const valueLast = valueFirst + n - 1;
  const topTitle = valueLast + 2;
  const topHead = topTitle + 1;
  const topFirst = topHead + 1;
  const offeringHeader = w.offerings.map((o) => (o.kind === "service" ? w.key("service", o.name) : o.name));

  // A header of offerings: a service as the revenue column holds it (a number stays a number).
  const offeringRow = (r: number): Block => ({
    ...headerRow(r, [t("sheet.ws.centre"), ...offeringHeader]),
    numberFormat: [["@", ...offeringHeader.map((h) => keyFormat(h))]],
  });
  const inPeriod = `${w.refs.month},">="&SixStep_PeriodStart,${w.refs.month},"<="&SixStep_PeriodEnd`;
  const custRef = w.refs.customerId ?? w.refs.customer;
  const blocks: Block[] = [
    heading(title, t("sheet.ws.title")),
    {
      at: `A${legend}`,
      cells: [[t("sheet.ws.legend", { statuses: labels.join(" / ") })]],
      style: { fontColor: "#595959" },
    },
    offeringRow(mapHead),
    {
      at: `A${currentRow}`,
      cells: [
        [
          t("sheet.ws.current"),
          ...w.offerings.map((o, j): PlanCell =>
            o.kind === "service"
              ? {
                  f: `=IFERROR(SUMIFS(${w.refs.amount},${custRef},SixStep_FocusId,${inPeriod},${w.refs.service},${L(j)}$${mapHead})/SixStep_Months,0)`,
                }
              : null,
          ),
        ],
      ],
      numberFormat: [["@", ...w.offerings.map(() => money)]],
    },
    { at: `A${valueRow}`, cells: [[t("sheet.ws.value")]] },
    { at: `B${valueRow}`, cells: [values], input: true, numberFormat: [w.offerings.map(() => money)] },
    { at: `A${mapFirst}`, cells: w.centres.map((c) => [c]), numberFormat: "@" },
    {
      at: `B${mapFirst}`,
      cells: w.centres.map((_, i) =>
        w.offerings.map((o, j): PlanCell => {
          const mark = `${L(j)}${marksFirst + i}`;
          const fallback =
            o.kind === "service" ? `IF(N(${L(j)}$${currentRow})>0,${q("ours")},${q("open")})` : q("open");
          return { f: `=IF(${mark}<>"",${mark},${fallback})` };
        }),
      ),
      style: { align: "Center" },
    },
    // The analyst's marks: the header row is part of the input table (offerings matched by name).
    heading(marksTitle, t("sheet.ws.marks")),
    offeringRow(marksHead),
    {
      at: `A${marksFirst}`,
      cells: w.centres.map((c, i) => [c, ...marks[i].map((s) => (s ? statusLabel(t, s) : null))]),
      input: true,
      numberFormat: w.centres.map(() => ["@", ...w.offerings.map(() => "@")]),
    },
    heading(valueTitle, t("sheet.ws.valueTitle")),
    offeringRow(valueHead),
    { at: `A${valueFirst}`, cells: w.centres.map((c) => [c]), numberFormat: "@" },
    {
      at: `B${valueFirst}`,
      cells: w.centres.map((_, i) =>
        w.offerings.map((_o, j): PlanCell => ({
          f: `=IF(${L(j)}${mapFirst + i}=${q("open")},N(${L(j)}$${valueRow})/${n},0)`,
        })),
      ),
      numberFormat: w.centres.map(() => w.offerings.map(() => money)),
    },
  ];

  // Every cell in reading order (hidden S:V): centre, offering, value + a tie-break (the top list's
  // key: equal values in reading order), value.
  const total = n * m;
  const flat: PlanCell[][] = [];
  w.centres.forEach((_, i) =>
    w.offerings.forEach((_o, j) => {
      const k = i * m + j;
      flat.push([
        { f: `=$A${valueFirst + i}` },
        { f: `=${L(j)}$${valueHead}` },
        { f: `=${L(j)}${valueFirst + i}+${(total - k) * TIE_STEP}` },
        { f: `=${L(j)}${valueFirst + i}` },
      ]);
    }),
  );
  const hFirst = topFirst;
  const hLast = hFirst + Math.max(1, total) - 1;
  const H = (c: string) => `$${c}$${hFirst}:$${c}$${hLast}`;
  blocks.push({ at: `S${hFirst}`, cells: flat, helper: true });
  blocks.push(heading(topTitle, t("sheet.ws.top")));
  blocks.push(
    headerRow(topHead, [t("sheet.rank"), t("sheet.ws.centre"), t("sheet.ws.offering"), t("sheet.ws.cellValue")]),
  );
  const pick = (k: number, c: string) => `INDEX(${H(c)},MATCH(LARGE(${H("U")},${k}),${H("U")},0))`;
  const topRows: PlanCell[][] = Array.from({ length: TOP_OPEN }, (_, k) => {
    const r = topFirst + k;
    const v = `D${r}`;
    return [
      k + 1,
      { f: `=IF(N(${v})>0,${pick(k + 1, "S")},"")` },
      { f: `=IF(N(${v})>0,${pick(k + 1, "T")},"")` },
      { f: `=IFERROR(${pick(k + 1, "V")},0)` },
    ];
  });
  blocks.push({
    at: `A${topFirst}`,
    cells: topRows,
    numberFormat: topRows.map(() => ["0", "@", "@", money]),
  });
  const topLast = topFirst + TOP_OPEN - 1;
  return {
    blocks,
    next: topLast + 2,
    validations: [{ range: `B${marksFirst}:${lastCol}${marksLast}`, type: "list", source: labels }],
    inputTables: [
      { id: "whitespaceValue", range: `B${valueRow}:${lastCol}${valueRow}`, keyColumns: 0 },
      {
        id: "whitespace",
        range: `A${marksHead}:${lastCol}${marksLast}`,
        keyColumns: 1,
        optionalColumns: w.offerings.map((_, j) => j + 1),
      },
    ],
    mapFirst,
    valueFirst,
    topFirst,
    conditionalFormats: [
      { range: `B${valueFirst}:${lastCol}${valueLast}`, type: "colorScale", min: "#FFFFFF", max: "#F8696B" },
      {
        range: `B${mapFirst}:${lastCol}${mapLast}`,
        type: "custom",
        formula: `=B${mapFirst}=${q("ours")}`,
        fill: "#E2EFDA",
      },
      {
        range: `B${mapFirst}:${lastCol}${mapLast}`,
        type: "custom",
        formula: `=B${mapFirst}=${q("competitor")}`,
        fill: "#FCE4D6",
      },
    ],
    names: {
      SixStep_WhitespaceValue: `B${valueFirst}:${lastCol}${valueLast}`,
    },
  };
}
