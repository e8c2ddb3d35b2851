/**
 * The "1 行业分析 / 1 Industry" sheet: settings, composition by industry with a total cell the
 * shares reference, the focus customer's service mix, the industry × service matrix with its
 * mix heat map, and the key-purchase-factor input table — all formulas over the revenue table by
 * structured reference (or workbook names), so appended rows count and the workbook stays live
 * without the add-in.
 */
import type { Translate } from "../i18n";
import type { IndustryAnalysis } from "../method/industry";
import { monthEndSerial, monthToSerial, periodMonths } from "../tables/period";
import { columnIndex, columnLetter } from "../address";
import {
  dashZero,
  keyFormat,
  defineTable,
  heading,
  headerRow,
  inputTable,
  moneyFormat,
  PERCENT_FORMAT,
  quoted,
  sentence,
  SheetBuilder,
  tableAnchors,
  titleBlock,
  type RevenueRefs,
  type Section,
  type Unit,
} from "./kit";
import type { Block, ChartPlan, ConditionalFormatPlan, PlanCell, SheetPlan } from "./plan";
import { industrySettings, matrix, MONTH_FORMAT, monthMatrix, type MatrixCtx } from "./industry-matrices";
import { CellAnchor, ColumnAnchor, type Anchors } from "./anchor";
import { sourceColumn, type Provenance } from "./provenance";
import type { KeyOf } from "./kit";
import { pushAll } from "../arrays";

export type { RevenueRefs };

const RATING = { type: "wholeNumber", min: 1, max: 5 } as const;

/** Each slice labelled with its share, to one decimal, where it fits best. */
const PIE_LABELS: ChartPlan["labels"] = [
  { series: 0, options: { showPercentage: true, numberFormat: "0.0%", position: "BestFit" } },
];

/** Key purchase factors: group and factor are the row key; three 1–5 ratings. */
export const FACTORS_TABLE = defineTable({
  id: "factors",
  keyColumns: 2,
  columns: [
    { key: "group", header: "sheet.group", format: "@" },
    { key: "factor", header: "sheet.factor", format: "@" },
    { key: "importance", header: "sheet.importance", format: "0", validation: RATING },
    { key: "ours", header: "sheet.ours", format: "0", validation: RATING },
    { key: "rival", header: "sheet.rival", format: "0", validation: RATING },
  ],
});

export interface IndustryInputs {
  /** Key-purchase-factor rows: group, factor, importance, ours, rival (merged with Refresh's read-back). */
  factors: PlanCell[][];
  /** A line under the title: where the data comes from, or that it is sample data. */
  note?: string;
  /** Money shown in yuan (default) or in 万元 (values stay in yuan; only the display changes). */
  unit?: Unit;
  /** Keys as the revenue columns hold them (numbers where the cells are numbers). */
  key?: KeyOf;
  /** The analyst's own implications (Refresh reads them back). */
  implications?: PlanCell[][];
  /** What the figures cover ("monthly average, excluding interconnect settlement"). */
  scope?: string;
  /** The month of the single-month matrix (an Excel serial of its first day). */
  month?: number;
  /** The sample only: which figures come from the original case (a source column beside each table). */
  sources?: IndustrySources;
}

/** Where the sample's step-1 figures come from, row by row (by the row's label as the sheet shows it). */
export interface IndustrySources {
  /** A row of the composition by industry, and its total row. */
  industry(industry: string): Provenance;
  total: Provenance;
  /** A row of the focus customer's service mix, its total, and its share of its segment. */
  focusService(service: string): Provenance;
  focusTotal: Provenance;
  segmentShare: Provenance;
  /** A row of the focus industry by sub-industry, and its total. */
  subIndustry(subIndustry: string): Provenance;
  subIndustryTotal: Provenance;
  /** The focus customer against the rest of its sub-industry (the second pie's data). */
  focusVsOthers: Provenance;
}

const PCT = PERCENT_FORMAT;
const SPARE_ROWS = 4;
/** The composition's pie sits in J:P; the hidden helpers start after it and after the matrix's columns. */
const PIE_AT = "J";
const PIE_TO = "P";
function helperStart(services: number): number {
  return Math.max(columnIndex(PIE_TO) + 2, 2 * services + 3);
}

/** What the sections share: the analysis, the references, the labels and the period criteria. */
interface Ctx extends MatrixCtx {
  avgLabel: string;
  /** SUMIFS criteria for the comparison period (`P`, the period's, is the matrices'). */
  C: string;
  /** First hidden helper column (0-based): the periods' months, then the customers. */
  helper: number;
  sources?: IndustrySources;
}

/** Settings (rows 3–7): the periods and the focus customer, inputs the analyst may change. */
function settings(c: Ctx): Block[] {
  const { a, refs, t } = c;
  const cmp = a.compare ?? a.period;
  const blocks: Block[] = [
    heading(3, [
      t("sheet.period"),
      t("sheet.compare"),
      t("sheet.monthsPresent"),
      t("sheet.monthsPresentCompare"),
      t("sheet.focus"),
    ]),
    {
      at: c.at.periodStart.ref(),
      cells: [
        [monthToSerial(a.period.from), monthEndSerial(a.period.to)],
        [monthToSerial(cmp.from), monthEndSerial(cmp.to)],
      ],
      numberFormat: "yyyy-mm-dd",
      input: true,
    },
  ];
  // Distinct months present in each period, from a helper list of the period's months.
  const n = periodMonths(a.period);
  const cn = periodMonths(cmp);
  const h = (k: number) => columnLetter(c.helper + k);
  const helper: PlanCell[][] = [];
  for (let k = 0; k < Math.max(n, cn); k++) {
    const r = 3 + k;
    const present = (col: string) =>
      `=IF(COUNTIFS(${refs.month},">="&${col}${r},${refs.month},"<"&EDATE(${col}${r},1))>0,1,0)`;
    helper.push([
      k < n ? { f: `=EDATE(${c.at.periodStart.abs()},${k})` } : null,
      k < n ? { f: present(h(0)) } : null,
      k < cn ? { f: `=EDATE(${c.at.compareStart.abs()},${k})` } : null,
      k < cn ? { f: present(h(2)) } : null,
    ]);
  }
  const hEnd = 3 + helper.length - 1;
  blocks.push({
    at: `${h(0)}3`,
    cells: helper,
    numberFormat: helper.map(() => [MONTH_FORMAT, "0", MONTH_FORMAT, "0"]),
    helper: true,
  });
  blocks.push({
    at: c.at.months.ref(),
    cells: [[{ f: `=SUM(${h(1)}3:${h(1)}${hEnd})` }], [{ f: `=SUM(${h(3)}3:${h(3)}${hEnd})` }]],
    numberFormat: "0",
  });
  const focus = a.focus ? (a.focus.id ? c.key("customerId", a.focus.id) : c.key("customer", a.focus.name)) : "";
  blocks.push({ at: c.at.focusId.ref(), cells: [[focus]], input: true, numberFormat: keyFormat(focus) });
  return blocks;
}

/** Candidates for each industry's largest customer: its five largest at the last Generate or Refresh. */
const LARGEST_CANDIDATES = 5;

/**
 * The candidates' monthly averages in the period (hidden helper, outside the print area), and
 * which is its industry's largest: key, name, industry, average (to the cent, so that the
 * criterion ">"&average reads back the same number), industry & "#" & rank in its industry.
 * Their figures are live; the candidates are chosen again on Refresh (a table of 100,000 rows
 * holds tens of thousands of customers: one SUMIFS each would stall the workbook).
 */
function customerHelper(c: Ctx): { blocks: Block[]; name: string; avg: string; rank: string } {
  const { refs, P } = c;
  const seen = new Map<string, number>();
  const customers = c.a.customers.filter((x) => {
    const n = seen.get(x.industry) ?? 0;
    seen.set(x.industry, n + 1);
    return n < LARGEST_CANDIDATES;
  });
  const col = (k: number) => columnLetter(c.helper + 5 + k);
  const first = 3;
  const last = first + Math.max(1, customers.length) - 1;
  const R = (k: number) => `$${col(k)}$${first}:$${col(k)}$${last}`;
  const who = refs.customerId ?? refs.customer;
  const keyField = refs.customerId ? "customerId" : "customer";
  const cells: PlanCell[][] = customers.map((x, i) => {
    const r = first + i;
    return [
      c.key(keyField, x.key),
      x.name,
      c.key("industry", x.industry),
      {
        f: `=IF(${c.at.months.abs()}=0,0,ROUND(SUMIFS(${refs.amount},${who},${col(0)}${r},${P})/${c.at.months.abs()},2))`,
      },
      { f: `=${col(2)}${r}&"#"&(COUNTIFS(${R(2)},${col(2)}${r},${R(3)},">"&${col(3)}${r})+1)` },
    ];
  });
  const blocks: Block[] = cells.length
    ? [
        {
          at: `${col(0)}${first}`,
          cells,
          numberFormat: cells.map((r) => [
            keyFormat(r[0] as string | number),
            "@",
            keyFormat(r[2] as string | number),
            "0.00",
            "@",
          ]),
          helper: true,
        },
      ]
    : [];
  return { blocks, name: R(1), avg: R(3), rank: R(4) };
}

/** A monthly total as text in the catalogue's unit (万 in Chinese, millions of yuan in English). */
export function totalText(t: Translate, cell: string): string {
  const decimals = Number(t("sheet.total.decimals"));
  return `TEXT(${cell}/${Number(t("sheet.total.divisor"))},${quoted(decimals > 0 ? `#,##0.${"0".repeat(decimals)}` : "#,##0")})`;
}

/** Composition by industry (headline at `row`, header below) with one total cell every share references. */
function composition(c: Ctx, row: number, scope: string): Section & { first: number; last: number; totalRow: number } {
  const { a, refs, t, money: MONEY, P, C } = c;
  const first = row + 2;
  const last = first + a.industries.length - 1;
  const totalRow = last + 1;
  const cust = customerHelper(c);
  const blocks: Block[] = [
    {
      at: `A${row}`,
      // "100% = 2,560 万元" / "Total: ¥25.6m a month": the catalogue sets the unit and its decimals.
      cells: [[sentence(t("sheet.totalLine"), { total: totalText(t, `$B$${totalRow}`) })]],
      style: { bold: true, fontSize: 12 },
    },
    // What the figures cover (the deck says it beside its headline), just above it: the analyst's to edit.
    { at: `A${row - 1}`, cells: [[scope]], input: true, numberFormat: "@", style: { fontColor: "#595959" } },
    ...cust.blocks,
    headerRow(row + 1, [
      t("sheet.industry"),
      c.avgLabel,
      t("sheet.share"),
      t("sheet.compareAverage"),
      t("sheet.compareShare"),
      t("sheet.growth"),
      t("sheet.largestCustomer"),
      t("sheet.largestShare"),
    ]),
    {
      at: `A${first}`,
      cells: a.industries.map((ind, i) => {
        const r = first + i;
        return [
          c.key("industry", ind.industry),
          {
            f: `=IF(${c.at.months.abs()}=0,0,SUMIFS(${refs.amount},${refs.industry},$A${r},${P})/${c.at.months.abs()})`,
          },
          { f: `=IF($B$${totalRow}=0,0,B${r}/$B$${totalRow})` },
          {
            f: `=IF(${c.at.compareMonths.abs()}=0,0,SUMIFS(${refs.amount},${refs.industry},$A${r},${C})/${c.at.compareMonths.abs()})`,
          },
          { f: `=IF($D$${totalRow}=0,0,D${r}/$D$${totalRow})` },
          { f: `=IF(D${r}=0,"",B${r}/D${r}-1)` },
          { f: `=IFERROR(INDEX(${cust.name},MATCH($A${r}&"#1",${cust.rank},0)),"")` },
          { f: `=IFERROR(INDEX(${cust.avg},MATCH($A${r}&"#1",${cust.rank},0))/B${r},"")` },
        ];
      }),
      numberFormat: a.industries.map((ind) => [
        keyFormat(c.key("industry", ind.industry)),
        MONEY,
        PCT,
        MONEY,
        PCT,
        PCT,
        "@",
        PCT,
      ]),
    },
    {
      at: `A${totalRow}`,
      cells: [
        [
          t("sheet.total"),
          { f: `=SUM(B${first}:B${last})` },
          { f: `=SUM(C${first}:C${last})` },
          { f: `=SUM(D${first}:D${last})` },
          { f: `=SUM(E${first}:E${last})` },
          { f: `=IF(D${totalRow}=0,"",B${totalRow}/D${totalRow}-1)` },
        ],
      ],
      numberFormat: [["@", MONEY, PCT, MONEY, PCT, PCT]],
      style: { bold: true },
    },
  ];
  const src = c.sources;
  if (src)
    pushAll(
      blocks,
      sourceColumn(
        t,
        8,
        [
          ...a.industries.map((ind, i) => ({ row: first + i, source: src.industry(ind.industry) })),
          { row: totalRow, source: src.total },
        ],
        row + 1,
      ),
    );
  return { blocks, next: totalRow + 1, first, last, totalRow };
}

/** The focus customer's service mix (title at `row`), its total and its share of its segment. */
function focusMix(c: Ctx, row: number): Section & { first: number; total: number } {
  const { a, refs, t, money: MONEY, P } = c;
  const fHead = row + 1;
  const fFirst = fHead + 1;
  const services = a.focus?.services ?? [];
  const fLast = fFirst + services.length - 1;
  const fTotal = fLast + 1;
  const who = refs.customerId ? `${refs.customerId},${c.at.focusId.abs()}` : `${refs.customer},${c.at.focusId.abs()}`;
  const blocks: Block[] = [
    heading(row, t("sheet.focusTitle", { name: a.focus ? a.focus.name : "—" })),
    headerRow(fHead, [t("sheet.service"), c.avgLabel, t("sheet.share")]),
  ];
  if (services.length) {
    blocks.push({
      at: `A${fFirst}`,
      cells: services.map((s, i) => {
        const r = fFirst + i;
        return [
          c.key("service", s.service),
          {
            f: `=IF(${c.at.months.abs()}=0,0,SUMIFS(${refs.amount},${who},${refs.service},$A${r},${P})/${c.at.months.abs()})`,
          },
          { f: `=IF($B$${fTotal}=0,0,B${r}/$B$${fTotal})` },
        ];
      }),
      numberFormat: services.map((x) => [keyFormat(c.key("service", x.service)), MONEY, PCT]),
    });
  }
  const segCol = a.focus?.subIndustry && refs.subIndustry ? refs.subIndustry : refs.industry;
  const segment = a.focus ? a.focus.segment : "";
  blocks.push({
    at: `A${fTotal}`,
    cells: [
      [
        t("sheet.total"),
        { f: `=SUM(B${fFirst}:B${Math.max(fFirst, fLast)})` },
        { f: `=SUM(C${fFirst}:C${Math.max(fFirst, fLast)})` },
      ],
      [
        `${t("sheet.segmentShare")} ${segment}`,
        {
          f: `=IF(${c.at.months.abs()}=0,0,SUMIFS(${refs.amount},${segCol},${quoted(segment)},${P})/${c.at.months.abs()})`,
        },
        { f: `=IF(B${fTotal + 1}=0,0,B${fTotal}/B${fTotal + 1})` },
      ],
    ],
    numberFormat: [
      ["@", MONEY, PCT],
      ["@", MONEY, PCT],
    ],
    style: { bold: true },
  });
  const src = c.sources;
  if (src)
    pushAll(
      blocks,
      sourceColumn(
        t,
        3,
        [
          ...services.map((x, i) => ({ row: fFirst + i, source: src.focusService(x.service) })),
          { row: fTotal, source: src.focusTotal },
          { row: fTotal + 1, source: src.segmentShare },
        ],
        fHead,
      ),
    );
  return { blocks, next: fTotal + 2, first: fFirst, total: fTotal };
}

/**
 * The focus customer's industry by sub-industry (title at `row`, columns E:H beside the service
 * mix): each sub-industry's monthly average, its share of the industry and the focus customer's
 * share of it; the industry's total; then the focus customer against the rest of its own
 * sub-industry (the deck's 14.2% / 85.8%), which the second pie reads.
 */
function subIndustrySplit(
  c: Ctx,
  row: number,
  focusTotal: number,
): (Section & { first: number; total: number; pieFirst: number }) | null {
  const { a, refs, t, money: MONEY, P } = c;
  const f = a.focus;
  if (!f || !refs.subIndustry || !f.subIndustries.length) return null;
  const head = row + 1;
  const first = head + 1;
  const last = first + f.subIndustries.length - 1;
  const total = last + 1;
  const who = refs.customerId ? `${refs.customerId},${c.at.focusId.abs()}` : `${refs.customer},${c.at.focusId.abs()}`;
  const ind = c.key("industry", f.industry);
  const indCrit = typeof ind === "number" ? String(ind) : quoted(ind);
  const blocks: Block[] = [
    heading(row, t("sheet.subIndustryTitle", { industry: f.industry }), 4),
    headerRow(head, [t("sheet.subIndustry"), c.avgLabel, t("sheet.shareOfIndustry"), t("sheet.focusShareOf")], 4),
    {
      at: `E${first}`,
      cells: f.subIndustries.map((x, i) => {
        const r = first + i;
        return [
          c.key("subIndustry", x.subIndustry),
          {
            f: `=IF(${c.at.months.abs()}=0,0,SUMIFS(${refs.amount},${refs.industry},${indCrit},${refs.subIndustry},$E${r},${P})/${c.at.months.abs()})`,
          },
          { f: `=IF($F$${total}=0,0,F${r}/$F$${total})` },
          {
            f: `=IF(OR(${c.at.months.abs()}=0,F${r}=0),0,SUMIFS(${refs.amount},${who},${refs.subIndustry},$E${r},${P})/${c.at.months.abs()}/F${r})`,
          },
        ];
      }),
      numberFormat: f.subIndustries.map((x) => [
        keyFormat(c.key("subIndustry", x.subIndustry)),
        MONEY,
        PCT,
        dashZero(PCT),
      ]),
    },
    {
      at: `E${total}`,
      cells: [
        [
          `${t("sheet.total")} ${f.industry}`,
          {
            f: `=IF(${c.at.months.abs()}=0,0,SUMIFS(${refs.amount},${refs.industry},${indCrit},${P})/${c.at.months.abs()})`,
          },
          { f: `=SUM(G${first}:G${last})` },
        ],
      ],
      numberFormat: [["@", MONEY, PCT]],
      style: { bold: true },
    },
  ];
  // The focus customer and the rest of its sub-industry: the second pie's data.
  const pieHead = total + 2;
  blocks.push(headerRow(pieHead, [f.segment, c.avgLabel, t("sheet.share")], 4), {
    at: `E${pieHead + 1}`,
    cells: [
      [f.name, { f: `=B${focusTotal}` }, { f: `=IF(B${focusTotal + 1}=0,0,F${pieHead + 1}/B${focusTotal + 1})` }],
      [
        t("sheet.others"),
        { f: `=B${focusTotal + 1}-B${focusTotal}` },
        { f: `=IF(B${focusTotal + 1}=0,0,F${pieHead + 2}/B${focusTotal + 1})` },
      ],
    ],
    numberFormat: [
      ["@", MONEY, PCT],
      ["@", MONEY, PCT],
    ],
  });
  const src = c.sources;
  if (src)
    pushAll(
      blocks,
      sourceColumn(
        t,
        8,
        [
          ...f.subIndustries.map((x, i) => ({ row: first + i, source: src.subIndustry(x.subIndustry) })),
          { row: total, source: src.subIndustryTotal },
        ],
        head,
      ).concat(
        // The pie's data is E:G, so its source is in H.
        sourceColumn(
          t,
          7,
          [1, 2].map((k) => ({ row: pieHead + k, source: src.focusVsOthers })),
          pieHead,
        ),
      ),
    );
  return { blocks, next: pieHead + 3, first, total, pieFirst: pieHead };
}

/** Key purchase factors (title at `row`): the input table, then gap, rival lead, priority and rank. */
function factors(c: Ctx, row: number, rows: PlanCell[][]): ReturnType<typeof inputTable> {
  const { t } = c;
  const table = inputTable(FACTORS_TABLE, rows, t, {
    row: row + 2,
    spare: SPARE_ROWS,
    extraHeaders: [t("sheet.gap"), t("sheet.rivalLead"), t("sheet.priority"), t("sheet.rank")],
  });
  const { firstRow: kFirst, lastRow: kLast } = table;
  table.blocks.unshift(heading(row, [t("sheet.kpf"), t("sheet.kpfNote")]));
  table.blocks.push({
    at: `F${kFirst}`,
    cells: table.rows.map((_, i) => {
      const r = kFirst + i;
      return [
        { f: `=IF(COUNT(C${r}:D${r})<2,"",C${r}-D${r})` },
        { f: `=IF(COUNT(D${r}:E${r})<2,"",E${r}-D${r})` },
        { f: `=IF(F${r}="","",C${r}*F${r})` },
        { f: `=IF(H${r}="","",COUNTIF($H$${kFirst}:$H$${kLast},">"&H${r})+1)` },
      ];
    }),
    numberFormat: table.rows.map(() => ["0", "0", "0", "0"]),
  });
  // The factor with the largest gap, by the gap's one definition (importance − our performance,
  // column F): the overview's risk line reads it through SixStep_LargestGap.
  const F = `$F$${kFirst}:$F$${kLast}`;
  table.blocks.push({
    at: `A${kLast + 2}`,
    cells: [
      [
        t("sheet.largestGap"),
        {
          f: `=IF(COUNT(${F})=0,${quoted(t("sheet.notRatedYet"))},IF(MAX(${F})<=0,${quoted(t("sheet.noGap"))},INDEX($B$${kFirst}:$B$${kLast},MATCH(MAX(${F}),${F},0))&" ("&MAX(${F})&")"))`,
        },
      ],
    ],
    numberFormat: [["@", "@"]],
    style: { bold: true },
  });
  return table;
}

/** The 启示: the largest and fastest-growing industries; the focus customer's segment share and largest service. */
function industrySentences(
  c: Ctx,
  comp: { first: number; last: number },
  focus: { first: number; total: number },
): { f: string }[] {
  const { a, t } = c;
  const col = (x: string) => `$${x}$${comp.first}:$${x}$${comp.last}`;
  const [A, B, C, F] = ["A", "B", "C", "F"].map(col);
  const out = [
    sentence(t("impl.industry.largest"), {
      industry: `INDEX(${A},MATCH(MAX(${B}),${B},0))`,
      share: `TEXT(MAX(${C}),"0.0%")`,
      growing: `INDEX(${A},MATCH(MAX(${F}),${F},0))`,
      growth: `TEXT(MAX(${F}),"+0.0%;-0.0%")`,
    }),
  ];
  const n = a.focus?.services.length ?? 0;
  if (a.focus && n) {
    const svc = (x: string) => `$${x}$${focus.first}:$${x}$${focus.first + n - 1}`;
    out.push(
      sentence(t("impl.industry.focus"), {
        focus: quoted(a.focus.name),
        share: `TEXT($C$${focus.total + 1},"0.0%")`,
        segment: quoted(a.focus.segment),
        service: `INDEX(${svc("A")},MATCH(MAX(${svc("B")}),${svc("B")},0))`,
        serviceShare: `TEXT(MAX(${svc("C")}),"0%")`,
      }),
    );
  }
  return out;
}

export function buildIndustryPlan(
  a: IndustryAnalysis,
  refs: RevenueRefs,
  t: Translate,
  inputs: IndustryInputs,
): { plan: SheetPlan } {
  const c = industryContext(a, refs, t, inputs);
  const sheet = new SheetBuilder();
  sheet.add(titleBlock(t("sheet.industry.title"), inputs.note));
  sheet.add(settings(c));
  const comp = composition(c, 9, inputs.scope ?? t("sheet.scopeDefault"));
  sheet.add(comp);
  const focus = focusMix(c, comp.totalRow + 2);
  sheet.add(focus);
  const split = subIndustrySplit(c, comp.totalRow + 2, focus.total);
  if (split) sheet.add(split);
  // The deck's two pies of its page 4 under the focus customer: its service mix, its share of its sub-industry.
  const pieRow = Math.max(focus.next, split?.next ?? 0) + 1;
  const hasPies = (a.focus?.services.length ?? 0) > 0;
  const mx = matrix(c, hasPies ? pieRow + 16 : focus.total + 4);
  sheet.add(mx);
  const month = monthMatrix(c, mx.last + 3, inputs.month ?? monthToSerial(a.period.to));
  sheet.add(month);
  const kpf = factors(c, month.next + 2, inputs.factors);
  sheet.add(kpf);
  sheet.addImplications(t, "industry", {
    row: 3,
    col: 4,
    width: 8,
    purpose: t("step.industry.purpose"),
    sentences: industrySentences(c, comp, focus),
    previous: inputs.implications,
  });
  const parts: Parts = { comp, focus, split, mx, month, kpf };
  const plan = sheet.plan(t("sheet.industry.name"), "industry", {
    // The sample's source columns (D beside the service mix, I beside the composition) need room.
    columnWidths: c.sources
      ? { A: 150, B: 110, C: 80, D: 130, E: 110, F: 90, G: 210, H: 110, I: 220 }
      : { A: 150, B: 110, C: 80, D: 100, E: 110, F: 90, G: 210, H: 70, I: 60 },
    freezeRows: 1,
    // The months of each period (for "months present") and the customers' averages are helpers.
    hiddenColumns: [`${columnLetter(c.helper)}:${columnLetter(c.helper + 9)}`],
    inputTables: [
      { id: "scope", range: `A${comp.first - 3}`, keyColumns: 0 },
      { id: "month", range: `B${month.head - 1}`, keyColumns: 0 },
    ],
    conditionalFormats: industryFormats(a.services.length, parts),
    names: industryNames(c, parts, hasPies),
    anchors: industryAnchors(c, parts),
    charts: industryCharts(c, parts, hasPies ? pieRow : null),
  });
  return { plan };
}

/** The context the sections share, from the inputs. */
function industryContext(a: IndustryAnalysis, refs: RevenueRefs, t: Translate, inputs: IndustryInputs): Ctx {
  const inPeriod = (start: CellAnchor, end: CellAnchor) =>
    `${refs.month},">="&${start.abs()},${refs.month},"<="&${end.abs()}`;
  const at = industrySettings(t("sheet.industry.name"));
  return {
    at,
    a,
    refs,
    t,
    money: moneyFormat(inputs.unit),
    avgLabel: inputs.unit === "wan" ? t("sheet.monthlyAverageWan") : t("sheet.monthlyAverage"),
    P: inPeriod(at.periodStart, at.periodEnd),
    C: inPeriod(at.compareStart, at.compareEnd),
    key: inputs.key ?? ((_f, text) => text),
    helper: helperStart(a.services.length),
    sources: inputs.sources,
  };
}

/** The sections' rows, as the builder laid them out. */
interface Parts {
  comp: ReturnType<typeof composition>;
  focus: ReturnType<typeof focusMix>;
  split: ReturnType<typeof subIndustrySplit>;
  mx: ReturnType<typeof matrix>;
  month: ReturnType<typeof monthMatrix>;
  kpf: ReturnType<typeof factors>;
}

/** The heat maps (the composition's shares, the matrix's mix) and the top-priority factors. */
function industryFormats(ns: number, { comp, mx, kpf }: Parts): ConditionalFormatPlan[] {
  const mixCol = (j: number) => columnLetter(2 + ns + j);
  const { firstRow: kFirst, lastRow: kLast } = kpf;
  return [
    { range: `C${comp.first}:C${comp.last}`, type: "colorScale", min: "#FFFFFF", max: "#5B9BD5" },
    ...(ns
      ? [
          {
            range: `${mixCol(0)}${mx.first}:${mixCol(ns - 1)}${mx.last}`,
            type: "colorScale" as const,
            min: "#FFFFFF",
            mid: "#FFEB84",
            max: "#F8696B",
          },
        ]
      : []),
    {
      range: `A${kFirst}:I${kLast}`,
      type: "custom",
      formula: `=AND(ISNUMBER($I${kFirst}),$I${kFirst}<=3)`,
      fill: "#FCE4D6",
      fontColor: "#C00000",
    },
  ];
}

/** Later steps read the period, the focus customer and its average through these names. */
function industryNames(c: Ctx, { comp, focus, kpf }: Parts, hasPies: boolean): Record<string, string> {
  const { firstRow: kFirst, lastRow: kLast } = kpf;
  const fTotal = focus.total;
  const { at } = c;
  return {
    SixStep_PeriodStart: at.periodStart.ref(),
    SixStep_PeriodEnd: at.periodEnd.ref(),
    SixStep_Months: at.months.ref(),
    // The portfolio's comparison averages.
    SixStep_CompareStart: at.compareStart.ref(),
    SixStep_CompareEnd: at.compareEnd.ref(),
    SixStep_CompareMonths: at.compareMonths.ref(),
    SixStep_FocusId: at.focusId.ref(),
    SixStep_FocusAverage: `B${fTotal}`,
    SixStep_SegmentShare: `C${fTotal + 1}`,
    SixStep_Total: `B${comp.totalRow}`,
    SixStep_FactorNames: `B${kFirst}:B${kLast}`,
    SixStep_RivalLead: `G${kFirst}:G${kLast}`,
    // The overview's risks: the factor with the largest gap (importance − our performance).
    SixStep_LargestGap: `B${kLast + 2}`,
    // The deck's exhibits (header row first): the composition and the focus customer's mix.
    SixStep_Composition: `A10:F${comp.last}`,
    ...(hasPies ? { SixStep_FocusMix: `A${focus.first - 1}:C${focus.total - 1}` } : {}),
  };
}

/**
 * The composition's pie and, with a focus customer's services (`pieRow` not null), the deck's
 * two pies under it: its service mix, and its share of its sub-industry.
 */
function industryCharts(c: Ctx, { comp, focus, split }: Parts, pieRow: number | null): ChartPlan[] {
  const { a, t } = c;
  return [
    {
      type: "Pie",
      source: `A10:B${comp.last}`,
      title: t("chart.title.composition"),
      seriesBy: "Columns",
      labels: PIE_LABELS,
      at: `${PIE_AT}9`,
      to: `${PIE_TO}${Math.max(comp.last, 24)}`,
    },
    ...(pieRow !== null
      ? [
          {
            type: "Pie" as const,
            source: `A${focus.first - 1}:B${focus.total - 1}`,
            title: t("sheet.focusMixChart", { name: a.focus!.name }),
            seriesBy: "Columns" as const,
            labels: PIE_LABELS,
            at: `A${pieRow}`,
            to: `C${pieRow + 14}`,
          },
        ]
      : []),
    ...(pieRow !== null && split
      ? [
          {
            type: "Pie" as const,
            source: `E${split.pieFirst}:F${split.pieFirst + 2}`,
            title: t("sheet.segmentShareChart", { segment: a.focus!.segment }),
            seriesBy: "Columns" as const,
            labels: PIE_LABELS,
            at: `E${pieRow}`,
            to: `H${pieRow + 14}`,
          },
        ]
      : []),
  ];
}

/** Composition's columns (A…I), by key. */
const COMPOSITION = "industry average share compareAverage compareShare growth largestCustomer largestShare source";

/** The sections' anchors: settings, scope, composition, focus mix, split, matrices, factors, largest gap. */
function industryAnchors(c: Ctx, { comp, focus, split, mx, month, kpf }: Parts): Anchors {
  const sheet = c.at.months.sheet;
  const cell = (row: number, col: number) => new CellAnchor(sheet, row, col);
  const column = (col: number, first: number, last: number) => new ColumnAnchor(sheet, col, first, last);
  const out: Anchors = {
    "period.start": c.at.periodStart,
    "period.end": c.at.periodEnd,
    "compare.start": c.at.compareStart,
    "compare.end": c.at.compareEnd,
    months: c.at.months,
    compareMonths: c.at.compareMonths,
    focusId: c.at.focusId,
    scope: cell(comp.first - 3, 0),
    "composition.total": cell(comp.totalRow, 1),
    "focus.service": column(0, focus.first, focus.total - 1),
    "focus.average": column(1, focus.first, focus.total - 1),
    "focus.share": column(2, focus.first, focus.total - 1),
    "focus.total": cell(focus.total, 1),
    "focus.segmentShare": cell(focus.total + 1, 2),
    "matrix.industry": column(0, mx.first, mx.last),
    "matrix.firstService": column(1, mx.first, mx.last),
    "monthMatrix.month": cell(month.head - 1, 1),
    "monthMatrix.industry": column(0, month.first, month.last),
    "monthMatrix.firstService": column(1, month.first, month.last),
    ...tableAnchors(sheet, FACTORS_TABLE, kpf),
    largestGap: cell(kpf.lastRow + 2, 1),
  };
  COMPOSITION.split(" ").forEach((key, col) => (out[`composition.${key}`] = column(col, comp.first, comp.last)));
  ["gap", "rivalLead", "priority", "rank"].forEach(
    (key, k) => (out[`factors.${key}`] = column(5 + k, kpf.firstRow, kpf.lastRow)),
  );
  if (split) {
    ["subIndustry", "average", "shareOfIndustry", "focusShare"].forEach(
      (key, k) => (out[`sub.${key}`] = column(4 + k, split.first, split.total - 1)),
    );
    out["sub.total"] = cell(split.total, 5);
    // The second pie's data: the focus customer, then the rest of its sub-industry.
    ["name", "average", "share"].forEach(
      (key, k) => (out[`subPie.${key}`] = column(4 + k, split.pieFirst + 1, split.pieFirst + 2)),
    );
  }
  return out;
}
