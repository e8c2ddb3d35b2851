/**
 * The "1 行业分析 / 1 Industry" sheet: settings, composition by industry with a total cell the
 * shares reference, and the focus customer's service mix — all formulas over the revenue table
 * by structured reference, so appended rows count and the workbook stays live without the add-in.
 */
import type { IndustryAnalysis } from "../method/industry";
import { monthEndSerial, monthToSerial, periodMonths } from "../tables/period";
import type { Block, PlanCell, SheetPlan } from "./plan";

export interface RevenueRefs {
  /** Structured references (e.g. "Revenue[收入(元)]") for each column the formulas read. */
  month: string;
  amount: string;
  industry: string;
  service: string;
  customerId?: string;
  customer: string;
  subIndustry?: string;
}

export interface IndustryLabels {
  sheetName: string;
  title: string;
  period: string;
  compare: string;
  monthsPresent: string;
  focus: string;
  industry: string;
  monthlyAverage: string;
  share: string;
  compareAverage: string;
  compareShare: string;
  growth: string;
  total: string;
  service: string;
  segmentShare: string;
  unitWan: string;
}

/** Cell addresses the tests and the overview read; stable across languages. */
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
}

const MONEY = "#,##0.00";
const PCT = "0.0%";
const DATE = "yyyy-mm";

export function buildIndustryPlan(
  a: IndustryAnalysis,
  refs: RevenueRefs,
  L: IndustryLabels,
): { plan: SheetPlan; cells: IndustryCells } {
  const blocks: Block[] = [];
  const cmp = a.compare ?? a.period;
  blocks.push({ at: "A1", cells: [[L.title]], style: { bold: true, fontSize: 14 } });
  // Settings (rows 3–7): inputs the analyst may change in Excel.
  blocks.push({
    at: "A3",
    cells: [[L.period], [L.compare], [L.monthsPresent], [`${L.monthsPresent} (${L.compare})`], [L.focus]],
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
  // Distinct months present in each period, from a helper list of the period's months (K:N).
  const n = periodMonths(a.period);
  const cn = periodMonths(cmp);
  const helper: PlanCell[][] = [];
  for (let k = 0; k < Math.max(n, cn); k++) {
    const r = 3 + k;
    helper.push([
      k < n ? { f: `=EDATE($B$3,${k})` } : null,
      k < n ? { f: `=IF(COUNTIFS(${refs.month},">="&K${r},${refs.month},"<"&EDATE(K${r},1))>0,1,0)` } : null,
      k < cn ? { f: `=EDATE($B$4,${k})` } : null,
      k < cn ? { f: `=IF(COUNTIFS(${refs.month},">="&M${r},${refs.month},"<"&EDATE(M${r},1))>0,1,0)` } : null,
    ]);
  }
  const hEnd = 3 + helper.length - 1;
  blocks.push({ at: "K3", cells: helper, numberFormat: helper.map(() => [DATE, "0", DATE, "0"]) });
  blocks.push({ at: "B5", cells: [[{ f: `=SUM(L3:L${hEnd})` }], [{ f: `=SUM(N3:N${hEnd})` }]], numberFormat: "0" });
  blocks.push({ at: "B7", cells: [[a.focus ? a.focus.id || a.focus.name : ""]], input: true });

  // Composition (header at row 10).
  const inPeriod = (start: string, end: string) => `${refs.month},">="&${start},${refs.month},"<="&${end}`;
  const P = inPeriod("$B$3", "$C$3");
  const C = inPeriod("$B$4", "$C$4");
  const first = 11;
  const last = first + a.industries.length - 1;
  const totalRow = last + 1;
  blocks.push({
    at: "A9",
    cells: [[{ f: `="100% = "&TEXT($B$${totalRow}/10000,"#,##0")&" ${L.unitWan}"` }]],
    style: { bold: true },
  });
  blocks.push({
    at: "A10",
    cells: [[L.industry, L.monthlyAverage, L.share, L.compareAverage, L.compareShare, L.growth]],
    style: { bold: true, fill: "#DDEBF7" },
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
        L.total,
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
  blocks.push({ at: `A${fHead - 1}`, cells: [[a.focus ? a.focus.name : ""]], style: { bold: true } });
  blocks.push({
    at: `A${fHead}`,
    cells: [[L.service, L.monthlyAverage, L.share]],
    style: { bold: true, fill: "#DDEBF7" },
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
        L.total,
        { f: `=SUM(B${fFirst}:B${Math.max(fFirst, fLast)})` },
        { f: `=SUM(C${fFirst}:C${Math.max(fFirst, fLast)})` },
      ],
      [
        `${L.segmentShare} ${segment}`,
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

  const plan: SheetPlan = {
    name: L.sheetName,
    step: "industry",
    blocks,
    columnWidths: { A: 120, B: 90, C: 70, D: 90, E: 70, F: 70 },
    freezeRows: 1,
    conditionalFormats: [{ range: `C${first}:C${last}`, type: "colorScale", min: "#FFFFFF", max: "#5B9BD5" }],
    charts: [
      {
        type: "Pie",
        source: `A10:B${last}`,
        title: L.share,
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
    },
  };
}
