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
import { columnIndex, columnLetter } from "../tables/text";
import type { Block, PlanCell, SheetPlan } from "./plan";

export interface RevenueRefs {
  /** References (e.g. "Revenue[收入(元)]" or a workbook name) for each column the formulas read. */
  month: string;
  amount: string;
  industry: string;
  service: string;
  customerId?: string;
  customer: string;
  subIndustry?: string;
}

/** Cell addresses the tests, the overview and later steps read; stable across languages. */
export interface IndustryCells {
  periodStart: string;
  periodEnd: string;
  compareStart: string;
  compareEnd: string;
  months: string;
  compareMonths: string;
  focusId: string;
  compositionFirstRow: number;
  compositionLastRow: number;
  totalRow: number;
  focusFirstRow: number;
  focusTotalRow: number;
  segmentShareCell: string;
  matrixHeaderRow: number;
  matrixFirstRow: number;
  factorFirstRow: number;
  factorLastRow: number;
}

export interface IndustryInputs {
  /** Key-purchase-factor rows: group, factor, importance, ours, rival (merged with Refresh's read-back). */
  factors: PlanCell[][];
  /** A line under the title: where the data comes from, or that it is sample data. */
  note?: string;
  /** Money shown in yuan (default) or in 万元 (values stay in yuan; only the display changes). */
  unit?: "yuan" | "wan";
}

/** Excel's format for yuan shown in 万 with one decimal (the "!" escapes the inserted point). */
export const WAN_FORMAT = "0!.0,";

export function moneyFormat(unit: "yuan" | "wan" | undefined): string {
  return unit === "wan" ? WAN_FORMAT : "#,##0.00";
}

const PCT = "0.0%";
const DATE = "yyyy-mm";
const HEAD = { bold: true, fill: "#DDEBF7" } as const;
const SPARE_ROWS = 4;
/** Helper columns for the months of each period, out of the way of the chart. */
const HELPER_COL = "P";

export function buildIndustryPlan(
  a: IndustryAnalysis,
  refs: RevenueRefs,
  t: Translate,
  inputs: IndustryInputs,
): { plan: SheetPlan; cells: IndustryCells } {
  const blocks: Block[] = [];
  const cmp = a.compare ?? a.period;
  const MONEY = moneyFormat(inputs.unit);
  const avgLabel = inputs.unit === "wan" ? t("sheet.monthlyAverageWan") : t("sheet.monthlyAverage");
  blocks.push({ at: "A1", cells: [[t("sheet.industry.title")]], style: { bold: true, fontSize: 14 } });
  if (inputs.note) blocks.push({ at: "A2", cells: [[inputs.note]], style: { fontColor: "#7F7F7F" } });
  // Settings (rows 3–7): inputs the analyst may change in Excel.
  blocks.push({
    at: "A3",
    cells: [
      [t("sheet.period")],
      [t("sheet.compare")],
      [t("sheet.monthsPresent")],
      [t("sheet.monthsPresentCompare")],
      [t("sheet.focus")],
    ],
    style: { bold: true },
  });
  blocks.push({
    at: "B3",
    cells: [
      [monthToSerial(a.period.from), monthEndSerial(a.period.to)],
      [monthToSerial(cmp.from), monthEndSerial(cmp.to)],
    ],
    numberFormat: "yyyy-mm-dd",
    input: true,
  });
  // Distinct months present in each period, from a helper list of the period's months.
  const n = periodMonths(a.period);
  const cn = periodMonths(cmp);
  const h = (k: number) => columnLetter(columnIndex(HELPER_COL) + k);
  const helper: PlanCell[][] = [];
  for (let k = 0; k < Math.max(n, cn); k++) {
    const r = 3 + k;
    const present = (col: string) =>
      `=IF(COUNTIFS(${refs.month},">="&${col}${r},${refs.month},"<"&EDATE(${col}${r},1))>0,1,0)`;
    helper.push([
      k < n ? { f: `=EDATE($B$3,${k})` } : null,
      k < n ? { f: present(h(0)) } : null,
      k < cn ? { f: `=EDATE($B$4,${k})` } : null,
      k < cn ? { f: present(h(2)) } : null,
    ]);
  }
  const hEnd = 3 + helper.length - 1;
  blocks.push({ at: `${h(0)}3`, cells: helper, numberFormat: helper.map(() => [DATE, "0", DATE, "0"]) });
  blocks.push({
    at: "B5",
    cells: [[{ f: `=SUM(${h(1)}3:${h(1)}${hEnd})` }], [{ f: `=SUM(${h(3)}3:${h(3)}${hEnd})` }]],
    numberFormat: "0",
  });
  blocks.push({ at: "B7", cells: [[a.focus ? a.focus.id || a.focus.name : ""]], input: true });

  // Composition (header at row 10) with one total cell that every share references.
  const inPeriod = (start: string, end: string) => `${refs.month},">="&${start},${refs.month},"<="&${end}`;
  const P = inPeriod("$B$3", "$C$3");
  const C = inPeriod("$B$4", "$C$4");
  const first = 11;
  const last = first + a.industries.length - 1;
  const totalRow = last + 1;
  blocks.push({
    at: "A9",
    cells: [[{ f: `="100% = "&TEXT($B$${totalRow}/10000,"#,##0")&" ${t("sheet.unitWan")}"` }]],
    style: { bold: true, fontSize: 12 },
  });
  blocks.push({
    at: "A10",
    cells: [
      [
        t("sheet.industry"),
        avgLabel,
        t("sheet.share"),
        t("sheet.compareAverage"),
        t("sheet.compareShare"),
        t("sheet.growth"),
      ],
    ],
    style: HEAD,
  });
  blocks.push({
    at: `A${first}`,
    cells: a.industries.map((ind, i) => {
      const r = first + i;
      return [
        ind.industry,
        { f: `=IF($B$5=0,0,SUMIFS(${refs.amount},${refs.industry},$A${r},${P})/$B$5)` },
        { f: `=IF($B$${totalRow}=0,0,B${r}/$B$${totalRow})` },
        { f: `=IF($B$6=0,0,SUMIFS(${refs.amount},${refs.industry},$A${r},${C})/$B$6)` },
        { f: `=IF($D$${totalRow}=0,0,D${r}/$D$${totalRow})` },
        { f: `=IF(D${r}=0,"",B${r}/D${r}-1)` },
      ];
    }),
    numberFormat: a.industries.map(() => ["@", MONEY, PCT, MONEY, PCT, PCT]),
  });
  blocks.push({
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
  });

  // Focus customer's service mix.
  const fHead = totalRow + 3;
  const fFirst = fHead + 1;
  const services = a.focus?.services ?? [];
  const fLast = fFirst + services.length - 1;
  const fTotal = fLast + 1;
  const who = refs.customerId ? `${refs.customerId},$B$7` : `${refs.customer},$B$7`;
  blocks.push({
    at: `A${fHead - 1}`,
    cells: [[t("sheet.focusTitle", { name: a.focus ? a.focus.name : "—" })]],
    style: { bold: true },
  });
  blocks.push({
    at: `A${fHead}`,
    cells: [[t("sheet.service"), avgLabel, t("sheet.share")]],
    style: HEAD,
  });
  if (services.length) {
    blocks.push({
      at: `A${fFirst}`,
      cells: services.map((s, i) => {
        const r = fFirst + i;
        return [
          s.service,
          { f: `=IF($B$5=0,0,SUMIFS(${refs.amount},${who},${refs.service},$A${r},${P})/$B$5)` },
          { f: `=IF($B$${fTotal}=0,0,B${r}/$B$${fTotal})` },
        ];
      }),
      numberFormat: services.map(() => ["@", MONEY, PCT]),
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
        { f: `=IF($B$5=0,0,SUMIFS(${refs.amount},${segCol},"${segment.replace(/"/g, '""')}",${P})/$B$5)` },
        { f: `=IF(B${fTotal + 1}=0,0,B${fTotal}/B${fTotal + 1})` },
      ],
    ],
    numberFormat: [
      ["@", MONEY, PCT],
      ["@", MONEY, PCT],
    ],
    style: { bold: true },
  });

  // Industry × service matrix (monthly averages), a row total, and each industry's service mix.
  const mTitle = fTotal + 4;
  const mHead = mTitle + 1;
  const mFirst = mHead + 1;
  const ns = a.services.length;
  const totCol = columnLetter(1 + ns);
  const mixCol = (j: number) => columnLetter(2 + ns + j);
  blocks.push({ at: `A${mTitle}`, cells: [[t("sheet.matrix")]], style: { bold: true } });
  blocks.push({
    at: `A${mHead}`,
    cells: [[t("sheet.industry"), ...a.services, t("sheet.total"), ...a.services.map((s) => `${t("sheet.mix")} ${s}`)]],
    style: { ...HEAD, wrap: true },
  });
  const mLast = mFirst + a.industries.length - 1;
  blocks.push({
    at: `A${mFirst}`,
    cells: a.industries.map((ind, i) => {
      const r = mFirst + i;
      return [
        ind.industry,
        ...a.services.map((_, j) => {
          const c = columnLetter(1 + j);
          return {
            f: `=IF($B$5=0,0,SUMIFS(${refs.amount},${refs.industry},$A${r},${refs.service},${c}$${mHead},${P})/$B$5)`,
          };
        }),
        { f: `=SUM(B${r}:${columnLetter(ns)}${r})` },
        ...a.services.map((_, j) => ({ f: `=IF($${totCol}${r}=0,0,${columnLetter(1 + j)}${r}/$${totCol}${r})` })),
      ];
    }),
    numberFormat: a.industries.map(() => ["@", ...a.services.map(() => MONEY), MONEY, ...a.services.map(() => PCT)]),
  });

  // Key purchase factors: inputs (group, factor, three 1–5 ratings), then gap, priority and rank.
  const kTitle = mLast + 3;
  const kHead = kTitle + 2;
  const kFirst = kHead + 1;
  const factorRows = [...inputs.factors, ...Array.from({ length: SPARE_ROWS }, () => [null, null, null, null, null])];
  const kLast = kFirst + factorRows.length - 1;
  blocks.push({ at: `A${kTitle}`, cells: [[t("sheet.kpf")], [t("sheet.kpfNote")]], style: { bold: true } });
  blocks.push({
    at: `A${kHead}`,
    cells: [
      [
        t("sheet.group"),
        t("sheet.factor"),
        t("sheet.importance"),
        t("sheet.ours"),
        t("sheet.rival"),
        t("sheet.gap"),
        t("sheet.rivalLead"),
        t("sheet.priority"),
        t("sheet.rank"),
      ],
    ],
    style: { ...HEAD, wrap: true },
  });
  blocks.push({
    at: `A${kFirst}`,
    cells: factorRows,
    input: true,
    numberFormat: factorRows.map(() => ["@", "@", "0", "0", "0"]),
  });
  blocks.push({
    at: `F${kFirst}`,
    cells: factorRows.map((_, i) => {
      const r = kFirst + i;
      return [
        { f: `=IF(COUNT(C${r}:D${r})<2,"",C${r}-D${r})` },
        { f: `=IF(COUNT(D${r}:E${r})<2,"",E${r}-D${r})` },
        { f: `=IF(F${r}="","",C${r}*F${r})` },
        { f: `=IF(H${r}="","",COUNTIF($H$${kFirst}:$H$${kLast},">"&H${r})+1)` },
      ];
    }),
    numberFormat: factorRows.map(() => ["0", "0", "0", "0"]),
  });

  const plan: SheetPlan = {
    name: t("sheet.industry.name"),
    step: "industry",
    blocks,
    columnWidths: { A: 150, B: 110, C: 80, D: 100, E: 80, F: 70, G: 70, H: 70, I: 60 },
    freezeRows: 1,
    conditionalFormats: [
      { range: `C${first}:C${last}`, type: "colorScale", min: "#FFFFFF", max: "#5B9BD5" },
      ...(ns
        ? [
            {
              range: `${mixCol(0)}${mFirst}:${mixCol(ns - 1)}${mLast}`,
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
    ],
    validations: [{ range: `C${kFirst}:E${kLast}`, type: "wholeNumber", min: 1, max: 5 }],
    inputTables: [{ id: "factors", range: `A${kFirst}:E${kLast}`, keyColumns: 2 }],
    // Later steps read the period, the focus customer and its average through these names.
    names: {
      SixStep_PeriodStart: "B3",
      SixStep_PeriodEnd: "C3",
      SixStep_Months: "B5",
      SixStep_FocusId: "B7",
      SixStep_FocusAverage: `B${fTotal}`,
      SixStep_SegmentShare: `C${fTotal + 1}`,
      SixStep_Total: `B${totalRow}`,
    },
    charts: [
      {
        type: "Pie",
        source: `A10:B${last}`,
        title: t("sheet.share"),
        seriesBy: "Columns",
        at: "H9",
        to: `N${Math.max(last, 24)}`,
      },
    ],
  };
  return {
    plan,
    cells: {
      periodStart: "B3",
      periodEnd: "C3",
      compareStart: "B4",
      compareEnd: "C4",
      months: "B5",
      compareMonths: "B6",
      focusId: "B7",
      compositionFirstRow: first,
      compositionLastRow: last,
      totalRow,
      focusFirstRow: fFirst,
      focusTotalRow: fTotal,
      segmentShareCell: `C${fTotal + 1}`,
      matrixHeaderRow: mHead,
      matrixFirstRow: mFirst,
      factorFirstRow: kFirst,
      factorLastRow: kLast,
    },
  };
}
