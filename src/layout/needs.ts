/**
 * The "3 需求分析 / 3 Needs" sheet: the customer profile form (field / value) with a completeness
 * indicator, the focus customer's monthly revenue per service as formulas over the revenue table
 * (through the period and focus names step 1 defines), and the analyst's input tables —
 * relationship history, network, goals, decision process, latent needs — validated where the
 * values are closed sets.
 */
import type { MessageKey, Translate } from "../i18n";
import { CellAnchor, ColumnAnchor, type Anchors } from "./anchor";
import { buyingDiagram, networkDiagram, placeDiagram, type Drawing, type Influencer } from "./diagrams";
import {
  decodeRow,
  defineTable,
  fieldValueTable,
  heading,
  headerRow,
  inputTable,
  keyFormat,
  titledTable,
  moneyFormat,
  quoted,
  sentence,
  SheetBuilder,
  tableAnchors,
  titleBlock,
  unlessEmpty,
  type InputTableSection,
  type TableSchema,
  type KeyOf,
  type ListSource,
  type RevenueRefs,
  type Section,
  type Unit,
} from "./kit";
import type { Block, PlanCell, SheetPlan } from "./plan";

const yesNo: ListSource = (t) => [t("sheet.yes"), t("sheet.no")];
const levels: ListSource = (t) => [t("sheet.high"), t("sheet.medium"), t("sheet.low")];

/** The profile form: field (the key) and value. */
export const PROFILE_TABLE = fieldValueTable("profile");

export const HISTORY_TABLE = defineTable({
  id: "history",
  keyColumns: 2,
  columns: [
    { key: "date", header: "sheet.date", format: "yyyy-mm" },
    { key: "event", header: "sheet.event", format: "@" },
  ],
});

export const NETWORK_TABLE = defineTable({
  id: "network",
  // A site group's primary and backup links are two rows: the link type is part of the key.
  keyColumns: 3,
  columns: [
    { key: "tier", header: "sheet.tier", format: "@" },
    { key: "site", header: "sheet.site", format: "@" },
    { key: "linkType", header: "sheet.linkType", format: "@" },
    { key: "bandwidth", header: "sheet.bandwidth", format: "@" },
    { key: "intended", header: "sheet.intended", format: "@", validation: { type: "list", source: yesNo } },
    // Added after the first release: at the end, so that Refresh of an older sheet keeps its columns.
    { key: "provider", header: "sheet.provider", format: "@" },
  ],
});

/** The relationship status (level, contacts, satisfaction, last review): field and value. */
export const RELATIONSHIP_TABLE = fieldValueTable("relationship");

/** The employees' telecom spend per department: headcount and monthly spend per head. */
export const EMPLOYEES_TABLE = defineTable({
  id: "employees",
  keyColumns: 1,
  columns: [
    { key: "department", header: "sheet.department", format: "@" },
    {
      key: "headcount",
      header: "sheet.headcount",
      format: "0",
      validation: { type: "wholeNumber", min: 0, max: 1000000 },
    },
    { key: "voicePerHead", header: "sheet.voicePerHead", format: "#,##0.00" },
    { key: "mobilePerHead", header: "sheet.mobilePerHead", format: "#,##0.00" },
    { key: "provider", header: "sheet.provider", format: "@" },
  ],
});

export const GOALS_TABLE = defineTable({
  id: "goals",
  keyColumns: 2,
  columns: [
    { key: "goal", header: "sheet.goal", format: "@" },
    { key: "initiative", header: "sheet.initiative", format: "@" },
    { key: "remark", header: "sheet.remark", format: "@" },
  ],
});

export const DECISION_TABLE = defineTable({
  id: "decision",
  keyColumns: 1,
  columns: [
    { key: "orgLevel", header: "sheet.orgLevel", format: "@" },
    { key: "scope", header: "sheet.scope", format: "@" },
    { key: "voiceDecider", header: "sheet.voiceDecider", format: "@" },
    { key: "dataDecider", header: "sheet.dataDecider", format: "@" },
    { key: "budget", header: "sheet.budget", format: "@", validation: { type: "list", source: yesNo } },
  ],
});

export const LATENT_TABLE = defineTable({
  id: "latent",
  keyColumns: 1,
  columns: [
    { key: "need", header: "sheet.need", format: "@" },
    { key: "evidence", header: "sheet.evidence", format: "@" },
    { key: "relatedService", header: "sheet.relatedService", format: "@" },
    { key: "monthlyValue", header: "sheet.monthlyValue", format: "#,##0" },
    { key: "priority", header: "sheet.priorityLevel", format: "@", validation: { type: "list", source: levels } },
  ],
});

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
  relationship?: PlanCell[][];
  employees?: PlanCell[][];
  network: PlanCell[][];
  goals: PlanCell[][];
  decision: PlanCell[][];
  latent: PlanCell[][];
  /** The unit the plan serves, at the centre of the network design (the focus customer's name). */
  hub?: string;
  /** The key people (step 6's influencers), for the buying-process diagram. */
  influencers?: Influencer[];
  /** The focus customer's services (rows of the revenue block). */
  services: string[];
  note?: string;
  unit?: Unit;
  /** Keys as the revenue columns hold them (numbers where the cells are numbers). */
  key?: KeyOf;
  /** The analyst's own implications (Refresh reads them back). */
  implications?: PlanCell[][];
}

const SPARE = 4;

/** The profile form (title at row 3) with its completeness beside it (`completeness`, under its label). */
function profile(t: Translate, rows: PlanCell[][], completeness: CellAnchor) {
  const table = inputTable(PROFILE_TABLE, rows, t, { row: 4, spare: SPARE, wrap: true });
  const { firstRow: pFirst, lastRow: pLast } = table;
  table.blocks.unshift(heading(3, t("sheet.profile")));
  // Completeness: fields with a value among the fields named (spare rows count once named).
  table.blocks.push({
    at: completeness.offset(-1).ref(),
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
  return table;
}

/** The employees' telecom spend (title at `row`): each department's monthly total, the totals and the spend per head. */
function employees(t: Translate, rows: PlanCell[][], row: number) {
  const table = titledTable(EMPLOYEES_TABLE, "sheet.employeeSpend", rows, t, {
    row,
    spare: SPARE,
    extraHeaders: [t("sheet.monthlySpend")],
  });
  const { firstRow: first, lastRow: last } = table;
  const totalRow = last + 1;
  table.blocks.push(
    {
      at: `F${first}`,
      cells: table.rows.map((_, i) => {
        const r = first + i;
        return [{ f: `=IF(B${r}="","",N(B${r})*(N(C${r})+N(D${r})))` }];
      }),
      numberFormat: "#,##0.00",
    },
    {
      at: `A${totalRow}`,
      cells: [
        [
          t("sheet.total"),
          { f: `=SUM(B${first}:B${last})` },
          null,
          null,
          t("sheet.perHead"),
          { f: `=SUM(F${first}:F${last})` },
          { f: `=IF(B${totalRow}=0,"",F${totalRow}/B${totalRow})` },
        ],
      ],
      numberFormat: [["@", "0", "@", "@", "@", "#,##0.00", "#,##0.00"]],
      style: { bold: true },
    },
  );
  return { ...table, next: totalRow + 3, totalRow };
}

/** The focus customer's monthly average per service, by formula (title at `row`). */
function revenueFields(
  t: Translate,
  refs: RevenueRefs,
  row: number,
  services: string[],
  unit: Unit | undefined,
  key: KeyOf,
): Section & { first: number; total: number } {
  const rFirst = row + 2;
  const rLast = rFirst + services.length - 1;
  const rTotal = rLast + 1;
  const who = refs.customerId ?? refs.customer;
  const P = `${refs.month},">="&${NAMES.periodStart},${refs.month},"<="&${NAMES.periodEnd}`;
  const blocks: Block[] = [
    heading(row, t("sheet.revenueFields")),
    headerRow(row + 1, [t("sheet.service"), unit === "wan" ? t("sheet.monthlyAverageWan") : t("sheet.monthlyAverage")]),
  ];
  if (services.length) {
    blocks.push({
      at: `A${rFirst}`,
      cells: services.map((s, i) => [
        key("service", s),
        {
          f: `=IF(${NAMES.months}=0,0,SUMIFS(${refs.amount},${who},${NAMES.focusId},${refs.service},$A${rFirst + i},${P})/${NAMES.months})`,
        },
      ]),
      numberFormat: services.map((x) => [keyFormat(key("service", x)), moneyFormat(unit)]),
    });
  }
  blocks.push({
    at: `A${rTotal}`,
    cells: [[t("sheet.total"), { f: `=SUM(B${rFirst}:B${Math.max(rFirst, rLast)})` }]],
    numberFormat: [["@", moneyFormat(unit)]],
    style: { bold: true },
  });
  return { blocks, next: rTotal + 1, first: rFirst, total: rTotal };
}

/** The text of a plan cell ("" for blank; numbers as written). */
function cellText(c: PlanCell | undefined): string {
  if (c === null || c === undefined || typeof c === "object") return "";
  return String(c).trim();
}

/** Needs' column widths (points): a diagram spans as many columns as its width needs. */
const WIDTHS = [150, 300, 120, 120, 90, 100, 90];

/**
 * A diagram under its heading at `row`, or nothing when its tables are empty; the next free row.
 * `placed` records the heading's row by the diagram's id.
 */
function addDiagram(
  sheet: SheetBuilder,
  placed: Record<string, number>,
  [id, title]: [string, string],
  drawing: Drawing | null,
  row: number,
): number {
  if (!drawing) return row;
  placed[id] = row;
  let cols = 0;
  for (let w = 0; w < drawing.width && cols < WIDTHS.length; cols++) w += WIDTHS[cols];
  const diagram = placeDiagram(id, title, drawing, row, cols);
  sheet.add(diagram.blocks);
  sheet.diagrams.push(diagram.diagram);
  return diagram.next;
}

export function buildNeedsPlan(t: Translate, refs: RevenueRefs, inputs: NeedsInputs): { plan: SheetPlan } {
  const name = t("sheet.needs.name");
  const completeness = new CellAnchor(name, 5, 3);
  const sheet = new SheetBuilder();
  sheet.add(titleBlock(t("sheet.needs.title"), inputs.note));
  const form = profile(t, inputs.profile, completeness);
  sheet.add(form);
  const { firstRow: pFirst, lastRow: pLast } = form;
  const revenue = revenueFields(t, refs, pLast + 2, inputs.services, inputs.unit, inputs.key ?? ((_f, x) => x));
  sheet.add(revenue);
  // Input tables, one under the other.
  const table = (schema: TableSchema, title: MessageKey, rows: PlanCell[][], row: number, spare: number) => {
    const section = titledTable(schema, title, rows, t, { row, spare, wrap: true });
    return { section, next: sheet.add(section)! };
  };
  const rel = table(RELATIONSHIP_TABLE, "sheet.relationship", inputs.relationship ?? [], revenue.total + 3, 2);
  const history = table(HISTORY_TABLE, "sheet.history", inputs.history, rel.next, SPARE);
  const emp = employees(t, inputs.employees ?? [], history.next);
  const network = table(NETWORK_TABLE, "sheet.network", inputs.network, sheet.add(emp)!, SPARE);
  // The network design (p.12, p.20–22) drawn from the table above it.
  const diagrams: Record<string, number> = {};
  let row = addDiagram(
    sheet,
    diagrams,
    ["Network", t("sheet.networkDiagram")],
    networkDiagram(t, networkLinks(t, inputs.network), inputs.hub ?? ""),
    network.next,
  );
  const goals = table(GOALS_TABLE, "sheet.goals", inputs.goals, row, SPARE);
  const decision = table(DECISION_TABLE, "sheet.decision", inputs.decision, goals.next, SPARE);
  // The organisation and buying process (p.14): the levels above, the key people of step 6.
  row = addDiagram(
    sheet,
    diagrams,
    ["Buying", t("sheet.buyingDiagram")],
    buyingDiagram(t, buyingLevels(t, inputs.decision), inputs.influencers ?? []),
    decision.next,
  );
  const latent = titledTable(LATENT_TABLE, "sheet.latent", inputs.latent, t, { row, spare: SPARE, wrap: true });
  sheet.add(latent);
  sheet.addImplications(t, "needs", {
    row: 3,
    col: 5,
    width: 8,
    purpose: t("step.needs.purpose"),
    sentences: needsSentences(t, revenue, latent, completeness),
    previous: inputs.implications,
  });
  const tables = { form, rel, history, emp, network, goals, decision, latent };
  const plan = sheet.plan(name, "needs", {
    columnWidths: Object.fromEntries(WIDTHS.map((w, i) => [String.fromCharCode(65 + i), w])),
    freezeRows: 1,
    // The portfolio's wallet estimate of the focus account reads the employees' monthly spend; the
    // deck's needs slide: the profile form and the latent needs, header rows first.
    names: {
      SixStep_EmployeeSpend: `F${emp.totalRow}`,
      SixStep_Profile: `A${pFirst - 1}:B${pLast}`,
      SixStep_LatentNeeds: `A${latent.firstRow - 1}:${latent.letter("priority")}${latent.lastRow}`,
    },
    conditionalFormats: [
      {
        range: `A${pFirst}:B${pLast}`,
        type: "custom",
        formula: `=AND($A${pFirst}<>"",$B${pFirst}="")`,
        fill: "#FFF2CC",
      },
    ],
    anchors: { ...needsAnchors(name, completeness, revenue, tables), ...diagramAnchors(name, diagrams) },
  });
  return { plan };
}

/** Each diagram's heading (diagram.Network, diagram.Buying), where one is drawn. */
function diagramAnchors(sheet: string, placed: Record<string, number>): Anchors {
  const out: Anchors = {};
  for (const [id, row] of Object.entries(placed)) out[`diagram.${id}`] = new CellAnchor(sheet, row, 0);
  return out;
}

/**
 * The anchors a test or another sheet reads: the profile's completeness, every input table's
 * columns ("<table id>.<column key>"), the focus customer's revenue by service and its total, the
 * employees' monthly spend per department and their totals (headcount, spend, spend per head).
 */
function needsAnchors(
  sheet: string,
  completeness: CellAnchor,
  revenue: { first: number; total: number },
  s: {
    form: InputTableSection;
    rel: { section: InputTableSection };
    history: { section: InputTableSection };
    emp: InputTableSection & { totalRow: number };
    network: { section: InputTableSection };
    goals: { section: InputTableSection };
    decision: { section: InputTableSection };
    latent: InputTableSection;
  },
): Anchors {
  const lastService = Math.max(revenue.first, revenue.total - 1);
  const total = (col: number) => new CellAnchor(sheet, s.emp.totalRow, col);
  return {
    completeness,
    ...tableAnchors(sheet, PROFILE_TABLE, s.form),
    ...tableAnchors(sheet, RELATIONSHIP_TABLE, s.rel.section),
    ...tableAnchors(sheet, HISTORY_TABLE, s.history.section),
    ...tableAnchors(sheet, EMPLOYEES_TABLE, s.emp),
    ...tableAnchors(sheet, NETWORK_TABLE, s.network.section),
    ...tableAnchors(sheet, GOALS_TABLE, s.goals.section),
    ...tableAnchors(sheet, DECISION_TABLE, s.decision.section),
    ...tableAnchors(sheet, LATENT_TABLE, s.latent),
    "revenue.service": new ColumnAnchor(sheet, 0, revenue.first, lastService),
    "revenue.average": new ColumnAnchor(sheet, 1, revenue.first, lastService),
    "revenue.total": new CellAnchor(sheet, revenue.total, 1),
    "employees.monthlySpend": new ColumnAnchor(sheet, 5, s.emp.firstRow, s.emp.lastRow),
    "employees.totalHeadcount": total(1),
    "employees.totalSpend": total(5),
    "employees.perHead": total(6),
  };
}

/** The network table's rows as the network diagram's links. */
function networkLinks(t: Translate, rows: PlanCell[][]): Parameters<typeof networkDiagram>[1] {
  return rows.map((r) => {
    const x = decodeRow(NETWORK_TABLE, r);
    return {
      tier: cellText(x.tier),
      site: cellText(x.site),
      linkType: cellText(x.linkType),
      bandwidth: cellText(x.bandwidth),
      intended: cellText(x.intended) === t("sheet.yes"),
    };
  });
}

/** The decision table's rows as the buying diagram's levels. */
function buyingLevels(t: Translate, rows: PlanCell[][]): Parameters<typeof buyingDiagram>[1] {
  return rows.map((r) => {
    const x = decodeRow(DECISION_TABLE, r);
    return {
      level: cellText(x.orgLevel),
      scope: cellText(x.scope),
      voice: cellText(x.voiceDecider),
      data: cellText(x.dataDecider),
      budget: cellText(x.budget) === t("sheet.yes"),
    };
  });
}

/** The 启示: how complete the profile is and the largest service; the latent needs and how many are high priority. */
function needsSentences(
  t: Translate,
  revenue: { first: number; total: number },
  latent: InputTableSection,
  completeness: CellAnchor,
): { f: string }[] {
  const svc = (x: string) => `$${x}$${revenue.first}:$${x}$${Math.max(revenue.first, revenue.total - 1)}`;
  const lat = (x: string) => latent.column(x);
  return [
    sentence(t("impl.needs.profile"), {
      complete: `TEXT(${completeness.abs()},"0%")`,
      total: `TEXT($B$${revenue.total},"#,##0")`,
      largest: `INDEX(${svc("A")},MATCH(MAX(${svc("B")}),${svc("B")},0))`,
    }),
    // None recorded is no finding: say what to fill, not "0 latent needs, 0 of them high priority".
    unlessEmpty(
      `COUNTIF(${lat("need")},"?*")=0`,
      t("impl.needs.noLatent"),
      sentence(t("impl.needs.latent"), {
        count: `COUNTA(${lat("need")})`,
        high: `COUNTIF(${lat("priority")},${quoted(t("sheet.high"))})`,
      }),
    ),
  ];
}
