/**
 * The "3 需求分析 / 3 Needs" sheet: the customer profile form (field / value) with a completeness
 * indicator, the focus customer's monthly revenue per service as formulas over the revenue table
 * (through the period and focus names step 1 defines), and the analyst's input tables —
 * relationship history, network, goals, decision process, latent needs — validated where the
 * values are closed sets.
 */
import type { Translate } from "../i18n";
import { moneyFormat, type RevenueRefs } from "./industry";
import type { Block, InputTableLocation, PlanCell, SheetPlan, ValidationPlan } from "./plan";

export const NAMES = {
  periodStart: "SixStep_PeriodStart",
  periodEnd: "SixStep_PeriodEnd",
  months: "SixStep_Months",
  focusId: "SixStep_FocusId",
} as const;

export interface NeedsInputs {
  /** Profile rows: field, value. */
  profile: PlanCell[][];
  history: PlanCell[][];
  network: PlanCell[][];
  goals: PlanCell[][];
  decision: PlanCell[][];
  latent: PlanCell[][];
  /** The focus customer's services (rows of the revenue block). */
  services: string[];
  note?: string;
  unit?: "yuan" | "wan";
}

export interface NeedsCells {
  profileFirstRow: number;
  profileLastRow: number;
  completenessCell: string;
  revenueTotalCell: string;
  revenueFirstRow: number;
}

const HEAD = { bold: true, fill: "#DDEBF7", wrap: true } as const;
const SPARE = 4;

export function buildNeedsPlan(
  t: Translate,
  refs: RevenueRefs,
  inputs: NeedsInputs,
): { plan: SheetPlan; cells: NeedsCells } {
  const blocks: Block[] = [];
  const validations: ValidationPlan[] = [];
  const inputTables: InputTableLocation[] = [];
  blocks.push({ at: "A1", cells: [[t("sheet.needs.title")]], style: { bold: true, fontSize: 14 } });
  if (inputs.note) blocks.push({ at: "A2", cells: [[inputs.note]], style: { fontColor: "#7F7F7F" } });

  // Profile form.
  const pHead = 4;
  const pFirst = pHead + 1;
  const profile = [...inputs.profile, ...Array.from({ length: SPARE }, () => [null, null] as PlanCell[])];
  const pLast = pFirst + profile.length - 1;
  blocks.push({ at: "A3", cells: [[t("sheet.profile")]], style: { bold: true } });
  blocks.push({ at: `A${pHead}`, cells: [[t("sheet.field"), t("sheet.value")]], style: HEAD });
  blocks.push({
    at: `A${pFirst}`,
    cells: profile,
    input: true,
    numberFormat: profile.map(() => ["@", "@"]),
    style: { wrap: true },
  });
  inputTables.push({ id: "profile", range: `A${pFirst}:B${pLast}`, keyColumns: 1 });
  // Completeness: fields with a value among the fields named (spare rows count once named).
  blocks.push({
    at: "D4",
    cells: [
      [t("sheet.completeness")],
      [
        {
          f: `=IF(COUNTA(A${pFirst}:A${pLast})=0,0,COUNTIFS(A${pFirst}:A${pLast},"<>",B${pFirst}:B${pLast},"<>")/COUNTA(A${pFirst}:A${pLast}))`,
        },
      ],
    ],
    numberFormat: [["@"], ["0%"]],
    style: { bold: true },
  });

  // Revenue fields: the focus customer's monthly average per service, by formula.
  const rTitle = pLast + 2;
  const rFirst = rTitle + 2;
  const services = inputs.services;
  const rLast = rFirst + services.length - 1;
  const rTotal = rLast + 1;
  const who = refs.customerId ?? refs.customer;
  const P = `${refs.month},">="&${NAMES.periodStart},${refs.month},"<="&${NAMES.periodEnd}`;
  blocks.push({ at: `A${rTitle}`, cells: [[t("sheet.revenueFields")]], style: { bold: true } });
  blocks.push({
    at: `A${rTitle + 1}`,
    cells: [[t("sheet.service"), inputs.unit === "wan" ? t("sheet.monthlyAverageWan") : t("sheet.monthlyAverage")]],
    style: HEAD,
  });
  if (services.length) {
    blocks.push({
      at: `A${rFirst}`,
      cells: services.map((s, i) => [
        s,
        {
          f: `=IF(${NAMES.months}=0,0,SUMIFS(${refs.amount},${who},${NAMES.focusId},${refs.service},$A${rFirst + i},${P})/${NAMES.months})`,
        },
      ]),
      numberFormat: services.map(() => ["@", moneyFormat(inputs.unit)]),
    });
  }
  blocks.push({
    at: `A${rTotal}`,
    cells: [[t("sheet.total"), { f: `=SUM(B${rFirst}:B${Math.max(rFirst, rLast)})` }]],
    numberFormat: [["@", moneyFormat(inputs.unit)]],
    style: { bold: true },
  });

  // Input tables, one under the other.
  let row = rTotal + 3;
  const table = (
    id: string,
    title: Parameters<Translate>[0],
    headers: Parameters<Translate>[0][],
    rows: PlanCell[][],
    keyColumns: number,
    formats: string[],
    lists: Record<number, string[]> = {},
  ) => {
    const head = row + 1;
    const first = head + 1;
    const all = [...rows, ...Array.from({ length: SPARE }, () => Array<PlanCell>(headers.length).fill(null))];
    const last = first + all.length - 1;
    blocks.push({ at: `A${row}`, cells: [[t(title)]], style: { bold: true } });
    blocks.push({ at: `A${head}`, cells: [headers.map((h) => t(h))], style: HEAD });
    blocks.push({
      at: `A${first}`,
      cells: all,
      input: true,
      numberFormat: all.map(() => formats),
      style: { wrap: true },
    });
    const end = String.fromCharCode(64 + headers.length);
    inputTables.push({ id, range: `A${first}:${end}${last}`, keyColumns });
    for (const [col, source] of Object.entries(lists)) {
      const c = String.fromCharCode(65 + Number(col));
      validations.push({ range: `${c}${first}:${c}${last}`, type: "list", source });
    }
    row = last + 3;
  };
  const yesNo = [t("sheet.yes"), t("sheet.no")];
  table("history", "sheet.history", ["sheet.date", "sheet.event"], inputs.history, 2, ["yyyy-mm", "@"]);
  table(
    "network",
    "sheet.network",
    ["sheet.tier", "sheet.site", "sheet.linkType", "sheet.bandwidth", "sheet.intended"],
    inputs.network,
    2,
    ["@", "@", "@", "@", "@"],
    { 4: yesNo },
  );
  table("goals", "sheet.goals", ["sheet.goal", "sheet.initiative", "sheet.remark"], inputs.goals, 2, ["@", "@", "@"]);
  table(
    "decision",
    "sheet.decision",
    ["sheet.orgLevel", "sheet.scope", "sheet.voiceDecider", "sheet.dataDecider", "sheet.budget"],
    inputs.decision,
    1,
    ["@", "@", "@", "@", "@"],
    { 4: yesNo },
  );
  table(
    "latent",
    "sheet.latent",
    ["sheet.need", "sheet.evidence", "sheet.relatedService", "sheet.monthlyValue", "sheet.priorityLevel"],
    inputs.latent,
    1,
    ["@", "@", "@", "#,##0", "@"],
    { 4: [t("sheet.high"), t("sheet.medium"), t("sheet.low")] },
  );

  const plan: SheetPlan = {
    name: t("sheet.needs.name"),
    step: "needs",
    blocks,
    columnWidths: { A: 150, B: 300, C: 120, D: 120, E: 90 },
    freezeRows: 1,
    conditionalFormats: [
      {
        range: `A${pFirst}:B${pLast}`,
        type: "custom",
        formula: `=AND($A${pFirst}<>"",$B${pFirst}="")`,
        fill: "#FFF2CC",
      },
    ],
    validations,
    inputTables,
  };
  return {
    plan,
    cells: {
      profileFirstRow: pFirst,
      profileLastRow: pLast,
      completenessCell: "D5",
      revenueTotalCell: `B${rTotal}`,
      revenueFirstRow: rFirst,
    },
  };
}
