/**
 * The "6 客户规划 / 6 Planning" sheet: plan year and fiscal start as inputs, the team, the tasks
 * with a quarterly Gantt drawn by conditional-format formulas (editing a date in Excel moves the
 * bar; milestones, % complete and today's month marked), the communication plan with touchpoints
 * a year, visits, influencers with attitude scores, change arrows and the influence-weighted
 * support index, the progress history with its trend, and the snapshot history.
 */
import type { Translate } from "../i18n";
import { columnIndex, columnLetter } from "../address";
import { CellAnchor, ColumnAnchor, type Anchors } from "./anchor";
import {
  asOfCell,
  defineTable,
  heading,
  headerRow,
  quoted,
  sentence,
  SheetBuilder,
  tableAnchors,
  titledTable,
  titleBlock,
  unlessEmpty,
  type InputTableSection,
  type Section,
} from "./kit";
import type { Block, ConditionalFormatPlan, PlanCell, SheetPlan } from "./plan";

export const ATTITUDES = ["A+", "A", "A-", "B+", "B", "B-", "C+", "C", "C-", "D+", "D", "D-", "E+", "E", "E-"];
const yesNo = { type: "list", source: (t: Translate) => [t("sheet.yes"), t("sheet.no")] } as const;
const attitude = { type: "list", source: () => ATTITUDES } as const;

export const TEAM_TABLE = defineTable({
  id: "team",
  keyColumns: 1,
  columns: [
    { key: "role", header: "sheet.role", format: "@" },
    { key: "name", header: "sheet.name", format: "@" },
  ],
});

/** Tasks: campaign, solution id and task are the row key. */
export const TASKS_TABLE = defineTable({
  id: "tasks",
  keyColumns: 3,
  columns: [
    { key: "campaign", header: "sheet.campaign", format: "@" },
    { key: "solutionId", header: "sheet.id", format: "@" },
    { key: "task", header: "sheet.task", format: "@" },
    { key: "owner", header: "sheet.owner", format: "@" },
    { key: "start", header: "sheet.start", format: "yyyy-mm-dd" },
    { key: "end", header: "sheet.end", format: "yyyy-mm-dd" },
    { key: "milestone", header: "sheet.milestone", format: "@", validation: yesNo },
    { key: "complete", header: "sheet.complete", format: "0%", validation: { type: "decimal", min: 0, max: 1 } },
    {
      key: "status",
      header: "sheet.taskStatus",
      format: "@",
      validation: {
        type: "list",
        source: (t) => [
          t("sheet.status.todo"),
          t("sheet.status.doing"),
          t("sheet.status.done"),
          t("sheet.status.late"),
        ],
      },
    },
  ],
});

/** Communication: campaign, activity and audience are the row key (one activity, several audiences). */
export const COMMUNICATION_TABLE = defineTable({
  id: "communication",
  keyColumns: 3,
  columns: [
    { key: "campaign", header: "sheet.campaign", format: "@" },
    { key: "activity", header: "sheet.activity", format: "@" },
    { key: "audience", header: "sheet.audience", format: "@" },
    { key: "frequency", header: "sheet.frequency", format: "@" },
    { key: "when", header: "sheet.when", format: "@" },
  ],
});

export const VISITS_TABLE = defineTable({
  id: "visits",
  keyColumns: 2,
  columns: [
    { key: "planNo", header: "sheet.planNo", format: "@" },
    { key: "date", header: "sheet.date", format: "yyyy-mm-dd" },
    { key: "time", header: "sheet.time", format: "@" },
    { key: "method", header: "sheet.method", format: "@" },
    { key: "people", header: "sheet.people", format: "@" },
    { key: "points", header: "sheet.points", format: "@" },
    { key: "cautions", header: "sheet.cautions", format: "@" },
    // Added after the first release: at the end, so that Refresh of an older sheet keeps its columns.
    { key: "accountManager", header: "sheet.accountManager", format: "@" },
  ],
});

/** The deal record (the deck's page 39): deal number is the key; progress −5 (the competitor) … +5 (us). */
export const DEALS_TABLE = defineTable({
  id: "deals",
  keyColumns: 1,
  columns: [
    { key: "dealNo", header: "sheet.dealNo", format: "@" },
    { key: "date", header: "sheet.date", format: "yyyy-mm-dd" },
    // The goal in the sheet's wide column C.
    { key: "goal", header: "sheet.dealGoal", format: "@" },
    { key: "accountManager", header: "sheet.accountManager", format: "@" },
    { key: "breakthroughs", header: "sheet.breakthroughs", format: "@" },
    { key: "nextSteps", header: "sheet.nextSteps", format: "@" },
    {
      key: "progress",
      header: "sheet.dealProgress",
      format: "0",
      validation: { type: "wholeNumber", min: -5, max: 5 },
    },
    { key: "assessment", header: "sheet.assessment", format: "@" },
  ],
});

/** Influencers: department and name are the row key; attitudes A+ … E-, influence 1–5. */
export const INFLUENCERS_TABLE = defineTable({
  id: "influencers",
  keyColumns: 2,
  columns: [
    { key: "department", header: "sheet.department", format: "@" },
    { key: "name", header: "sheet.name", format: "@" },
    { key: "role", header: "sheet.role", format: "@" },
    { key: "before", header: "sheet.before", format: "@", validation: attitude },
    { key: "now", header: "sheet.now", format: "@", validation: attitude },
    { key: "influence", header: "sheet.influence", format: "0", validation: { type: "wholeNumber", min: 1, max: 5 } },
  ],
});

/** Progress: −5 (the competitor) … +5 (us), by date. */
export const PROGRESS_TABLE = defineTable({
  id: "progress",
  keyColumns: 1,
  columns: [
    { key: "date", header: "sheet.date", format: "yyyy-mm-dd" },
    { key: "score", header: "sheet.progressScore", format: "0", validation: { type: "wholeNumber", min: -5, max: 5 } },
    { key: "note", header: "sheet.noteColumn", format: "@" },
  ],
});

export const SNAPSHOTS_TABLE = defineTable({
  id: "snapshots",
  keyColumns: 1,
  columns: [
    { key: "date", header: "sheet.date", format: "yyyy-mm-dd" },
    { key: "focusAverage", header: "sheet.focusAverage", format: "money" },
    { key: "bridgeEnd", header: "sheet.bridgeEnd", format: "money" },
    { key: "supportIndex", header: "sheet.supportIndex", format: "0.00" },
    { key: "progress", header: "sheet.progressScore", format: "0" },
    { key: "note", header: "sheet.noteColumn", format: "@" },
  ],
});

export interface PlanningInputs {
  /** Plan year, fiscal-year start month. */
  settings: PlanCell[];
  team: PlanCell[][];
  /** campaign, solution id, task, owner, start, end, milestone?, % complete, status */
  tasks: PlanCell[][];
  /** campaign, activity, audience, frequency, month */
  communication: PlanCell[][];
  /** Touchpoints a year (min, max) for each communication row, from the frequency text. */
  touchpoints: ({ min: number; max: number } | null)[];
  campaigns: string[];
  visits: PlanCell[][];
  /** deal no., date, account manager, goal, breakthroughs, next steps, progress, assessment */
  deals?: PlanCell[][];
  /** department, name, role, attitude before, attitude now, influence */
  influencers: PlanCell[][];
  /** date, score, note */
  progress: PlanCell[][];
  /** date, focus monthly average, projected monthly revenue, support index, progress score, note */
  snapshots: PlanCell[][];
  note?: string;
  /** The analyst's own implications (Refresh reads them back). */
  implications?: PlanCell[][];
  /** The plan's as-of date (an Excel serial), or null for TODAY(). */
  asOf?: number | null;
  /** Money in yuan or in 万元 (the snapshots). */
  unit?: "yuan" | "wan";
}

const SPARE = 3;

/** Month columns of the Gantt: K…V. */
const M = (j: number) => columnLetter(10 + j);

/** The settings cells (rows 3–5): the plan year, the fiscal year's first month, the as-of date. */
function settingsCells(sheet: string) {
  return {
    planYear: new CellAnchor(sheet, 3, 1),
    fiscalStart: new CellAnchor(sheet, 4, 1),
    today: new CellAnchor(sheet, 5, 1),
  };
}

type Settings = ReturnType<typeof settingsCells>;

/** Tasks (title at `row`) with the Gantt to their right: quarter headers over 12 month columns. */
function tasksGantt(t: Translate, rows: PlanCell[][], row: number, set: Settings) {
  const tasks = titledTable(TASKS_TABLE, "sheet.tasks", rows, t, {
    row,
    spare: 5,
    extraHeaders: [t("sheet.phaseCheck")],
  });
  // A task's cell on row r, by its column's key: "$E12" for its start.
  const cell = (key: string) => (r: number) => `$${tasks.letter(key)}${r}`;
  const [campaign, id, start, end, milestone, complete] = [
    "campaign",
    "solutionId",
    "start",
    "end",
    "milestone",
    "complete",
  ].map(cell);
  const h = tasks.firstRow - 1;
  const r0 = tasks.firstRow;
  const blocks = tasks.blocks;
  // A task whose dates contradict its solution's window (src/method/planning.ts phaseMismatch,
  // deck p.19 and p.25): short = starts in the plan year's first six months and ends within the
  // year; mid = ends in the year's second half; long = starts after the sixth month. Each test
  // sits on the task's start or end, so a blank date is not tested.
  const S = `DATE(${set.planYear.abs()},${set.fiscalStart.abs()},1)`;
  const sixth = `EOMONTH(${S},5)`;
  const year = `EOMONTH(${S},11)`;
  const phase = (r: number) => `INDEX(SixStep_SolutionPhases,MATCH(${id(r)},SixStep_SolutionIds,0))`;
  blocks.push({
    at: `J${r0}`,
    cells: tasks.rows.map((_, i) => {
      const r = r0 + i;
      const st = `ISNUMBER(${start(r)})`;
      const en = `ISNUMBER(${end(r)})`;
      const short = `AND(${phase(r)}=${quoted(t("sheet.phase.short"))},OR(AND(${st},OR(${start(r)}<${S},${start(r)}>${sixth})),AND(${en},${end(r)}>${year})))`;
      const mid = `AND(${phase(r)}=${quoted(t("sheet.phase.mid"))},OR(AND(${st},${start(r)}<${S}),AND(${en},OR(${end(r)}<=${sixth},${end(r)}>${year}))))`;
      const long = `AND(${phase(r)}=${quoted(t("sheet.phase.long"))},${st},${start(r)}<=${sixth})`;
      return [{ f: `=IFERROR(IF(OR(${short},${mid},${long}),"⚠",""),"")` }];
    }),
    style: { fontColor: "#C00000", bold: true, align: "Center" },
  });
  blocks.push(
    {
      at: `${M(0)}${h - 1}`,
      cells: [[0, 1, 2, 3].flatMap((q) => [`Q${q + 1}`, null, null])],
      style: { bold: true, align: "Center", fill: "#BDD7EE" },
    },
    {
      at: `${M(0)}${h}`,
      cells: [Array.from({ length: 12 }, (_, j) => ({ f: j === 0 ? `=${S}` : `=EDATE(${M(j - 1)}${h},1)` }))],
      numberFormat: [Array<string>(12).fill(t("sheet.monthFormat"))],
      style: { bold: true, fill: "#DDEBF7", align: "Center" },
    },
  );
  const merges = [0, 1, 2, 3].map((q) => `${M(q * 3)}${h - 1}:${M(q * 3 + 2)}${h - 1}`);
  const gantt = `${M(0)}${r0}:${M(11)}${tasks.lastRow}`;
  const inMonth = (col: string) => `${start(r0)}<=EOMONTH(${col}$${h},0),${end(r0)}>=${col}$${h}`;
  const dated = `ISNUMBER(${start(r0)}),ISNUMBER(${end(r0)})`;
  // Added lowest priority first: Excel gives each new rule the top priority.
  const conditionalFormats: ConditionalFormatPlan[] = [
    {
      range: gantt,
      type: "custom",
      formula: `=AND(${set.today.abs()}>=${M(0)}$${h},${set.today.abs()}<=EOMONTH(${M(0)}$${h},0))`,
      fill: "#FCE4D6",
    },
    { range: gantt, type: "custom", formula: `=AND(${dated},${inMonth(M(0))})`, fill: "#9BC2E6" },
    {
      range: gantt,
      type: "custom",
      formula: `=AND(${dated},${inMonth(M(0))},N(${complete(r0)})>0,${M(0)}$${h}<${start(r0)}+(${end(r0)}-${start(r0)})*N(${complete(r0)}))`,
      fill: "#2F75B5",
    },
    {
      range: gantt,
      type: "custom",
      formula: `=AND(${milestone(r0)}=${quoted(t("sheet.yes"))},ISNUMBER(${end(r0)}),${end(r0)}>=${M(0)}$${h},${end(r0)}<=EOMONTH(${M(0)}$${h},0))`,
      fill: "#FFC000",
    },
    // A campaign's first task starts its group.
    {
      range: `A${r0}:I${tasks.lastRow}`,
      type: "custom",
      formula: `=AND(${campaign(r0)}<>"",${campaign(r0)}<>${campaign(r0 - 1)})`,
      fill: "#EDEDED",
    },
  ];
  return { ...tasks, monthHeaderRow: h, merges, conditionalFormats };
}

/**
 * The communication plan (title at `row`) with touchpoints a year (from the frequency text,
 * refreshed by the add-in), and the touchpoints per campaign under it.
 */
function communication(t: Translate, inputs: PlanningInputs, row: number) {
  const comm = titledTable(COMMUNICATION_TABLE, "sheet.communication", inputs.communication, t, { row, spare: SPARE });
  const { firstRow: first, lastRow: last, blocks } = comm;
  blocks.push(headerRow(first - 1, [t("sheet.touchMin"), t("sheet.touchMax")], 5), {
    at: `F${first}`,
    cells: comm.rows.map((_, i) => {
      const tp = inputs.touchpoints[i];
      return tp ? [tp.min, tp.max] : [null, null];
    }),
    numberFormat: "0",
  });
  const totals = comm.next;
  blocks.push(headerRow(totals, [t("sheet.campaign"), t("sheet.touchMin"), t("sheet.touchMax")]), {
    at: `A${totals + 1}`,
    cells: inputs.campaigns.map((c, i) => [
      c,
      { f: `=SUMIF(${comm.column("campaign")},$A${totals + 1 + i},$F$${first}:$F$${last})` },
      { f: `=SUMIF(${comm.column("campaign")},$A${totals + 1 + i},$G$${first}:$G$${last})` },
    ]),
    numberFormat: inputs.campaigns.map(() => ["@", "0", "0"]),
  });
  return {
    ...comm,
    next: totals + inputs.campaigns.length + 3,
    totalsFirstRow: totals + 1,
    totalsLastRow: totals + inputs.campaigns.length,
  };
}

/**
 * The visit plan (title at `row`), with the customer's status line beside each planned visit by
 * formula: the focus customer's monthly spend, and its voice and data parts from the Solutions
 * sheet's service lines ("monthly spend about 6.4 万元, voice about 3.6 万, data about 2.8 万").
 */
function visitPlan(t: Translate, rows: PlanCell[][], row: number) {
  const visits = titledTable(VISITS_TABLE, "sheet.visits", rows, t, { row, spare: SPARE });
  // In 万 (10k yuan, one decimal) in Chinese, in thousands of yuan in English: the catalogue's scale.
  const wan = (x: string) =>
    `TEXT(${x}/${Number(t("sheet.statusLine.divisor"))},${quoted(t("sheet.statusLine.numberFormat"))})`;
  const family = (k: "sheet.family.voice" | "sheet.family.data") =>
    wan(`SUMIF(SixStep_LineFamilies,${quoted(t(k))},SixStep_LineAnnual)/12`);
  const status = sentence(t("sheet.statusLine"), {
    total: wan("SixStep_FocusAverage"),
    voice: family("sheet.family.voice"),
    data: family("sheet.family.data"),
  }).f.slice(1);
  // Beside the table, over the Gantt's month columns (empty in these rows), one merged cell a visit.
  const col = M(0);
  const head = visits.firstRow - 1;
  visits.blocks.push(headerRow(head, [t("sheet.visitStatus")], 10), {
    at: `${col}${visits.firstRow}`,
    cells: visits.rows.map((_, i) => [{ f: `=IF($A${visits.firstRow + i}="","",${status})` }]),
    numberFormat: "General",
  });
  const merges = [head, ...visits.rows.map((_, i) => visits.firstRow + i)].map((r) => `${col}${r}:${M(11)}${r}`);
  return { ...visits, statusColumn: col, merges };
}

/** Influencers (title at `row`): attitude scores (A = 5 … E = 1, ± 0.5), change arrows, support index. */
function influencers(t: Translate, rows: PlanCell[][], row: number) {
  const inf = titledTable(INFLUENCERS_TABLE, "sheet.influencers", rows, t, { row, spare: SPARE });
  const { firstRow: first, lastRow: last, blocks } = inf;
  const score = (c: string, r: number) =>
    `=IF(TRIM(${c}${r})="","",IFERROR(FIND(UPPER(LEFT(TRIM(${c}${r}),1)),"EDCBA")+IF(RIGHT(TRIM(${c}${r}),1)="+",0.5,IF(OR(RIGHT(TRIM(${c}${r}),1)="-",RIGHT(TRIM(${c}${r}),1)="−"),-0.5,0)),""))`;
  const idxRow = last + 1;
  blocks.push(
    headerRow(first - 1, [t("sheet.beforeScore"), t("sheet.nowScore"), t("sheet.change"), "", t("sheet.weight")], 6),
    {
      at: `G${first}`,
      cells: inf.rows.map((_, i) => {
        const r = first + i;
        return [
          { f: score("D", r) },
          { f: score("E", r) },
          { f: `=IF(OR(G${r}="",H${r}=""),"",H${r}-G${r})` },
          { f: `=IF(I${r}="","",IF(I${r}>0,"↑",IF(I${r}<0,"↓","→")))` },
          { f: `=IF(H${r}="","",IF(ISNUMBER(F${r}),F${r},1))` },
        ];
      }),
      numberFormat: inf.rows.map(() => ["0.0", "0.0", "+0.0;-0.0;0.0", "@", "0"]),
    },
    {
      at: `A${idxRow}`,
      cells: [
        [
          t("sheet.supportIndex"),
          {
            f: `=IF(SUM(K${first}:K${last})=0,"",SUMPRODUCT(H${first}:H${last},K${first}:K${last})/SUM(K${first}:K${last}))`,
          },
        ],
      ],
      numberFormat: [["@", "0.00"]],
      style: { bold: true },
    },
  );
  const conditionalFormats: ConditionalFormatPlan[] = [
    { range: `J${first}:J${last}`, type: "custom", formula: `=J${first}="↑"`, fontColor: "#2E7D32" },
    { range: `J${first}:J${last}`, type: "custom", formula: `=J${first}="↓"`, fontColor: "#C00000" },
  ];
  return { ...inf, next: idxRow + 3, indexCell: `B${idxRow}`, conditionalFormats };
}

/** Progress history (title at `row`): −5 (the competitor) … +5 (us); the latest score and its trend. */
function progress(t: Translate, rows: PlanCell[][], row: number) {
  const prog = titledTable(PROGRESS_TABLE, "sheet.progress", rows, t, { row, spare: SPARE });
  const P = (c: string) => `$${c}$${prog.firstRow}:$${c}$${prog.lastRow}`;
  const latestRow = prog.lastRow + 1;
  prog.blocks.push({
    at: `A${latestRow}`,
    cells: [
      [t("sheet.latest"), { f: `=IF(COUNT(${P("A")})=0,"",INDEX(${P("B")},MATCH(MAX(${P("A")}),${P("A")},0)))` }],
      [
        t("sheet.trend"),
        {
          f: `=IF(COUNT(${P("A")})<2,"",B${latestRow}-INDEX(${P("B")},MATCH(LARGE(${P("A")},2),${P("A")},0)))`,
        },
      ],
    ],
    numberFormat: [
      ["@", "0"],
      ["@", "+0;-0;0"],
    ],
    style: { bold: true },
  });
  return { ...prog, next: latestRow + 4, latestRow };
}

/** The next milestone from today (its date at `a.next`, its task beside it), for the overview. */
function nextMilestone(t: Translate, a: PlanningAnchors): Block {
  const F = a.tasks["tasks.end"].range();
  const G = a.tasks["tasks.milestone"].range();
  const YES = quoted(t("sheet.yes"));
  const today = a.settings.today.abs();
  const next = a.next.ref();
  return {
    at: a.next.offset(0, -1).ref(),
    cells: [
      [
        t("sheet.nextMilestone"),
        { f: `=IF(COUNTIFS(${F},">="&${today},${G},${YES})=0,"",MINIFS(${F},${F},">="&${today},${G},${YES}))` },
        { f: `=IF(${next}="","",INDEX(${a.tasks["tasks.task"].range()},MATCH(${next},${F},0)))` },
      ],
    ],
    numberFormat: [["@", "yyyy-mm-dd", "@"]],
    style: { bold: true },
  };
}

export function buildPlanningPlan(t: Translate, inputs: PlanningInputs): { plan: SheetPlan } {
  const name = t("sheet.planning.name");
  const set = settingsCells(name);
  const sheet = new SheetBuilder();
  sheet.add(titleBlock(t("sheet.planning.title"), inputs.note));
  sheet.add(planSettings(t, inputs, set));
  const team = titledTable(TEAM_TABLE, "sheet.team", inputs.team, t, { row: 7, spare: SPARE });
  sheet.add(team);
  // One more row above the tasks: the Gantt's quarter headers sit beside their title.
  const tasks = tasksGantt(t, inputs.tasks, team.next + 1, set);
  sheet.add(tasks);
  const comm = communication(t, inputs, tasks.next);
  sheet.add(comm);
  const visits = visitPlan(t, inputs.visits, comm.next);
  sheet.add(visits);
  const deals = titledTable(DEALS_TABLE, "sheet.deals", inputs.deals ?? [], t, {
    row: visits.next,
    spare: SPARE,
    wrap: true,
  });
  sheet.add(deals);
  // A deal's goal, breakthroughs and next steps wrap on up to four lines.
  (inputs.deals ?? []).forEach((_, i) => (sheet.rowHeights[deals.firstRow + i] = 60));
  const inf = influencers(t, inputs.influencers, deals.next);
  sheet.add(inf);
  const prog = progress(t, inputs.progress, inf.next);
  sheet.add(prog);
  const snaps = titledTable(SNAPSHOTS_TABLE, "sheet.snapshots", inputs.snapshots, t, {
    row: prog.next,
    spare: SPARE,
    unit: inputs.unit,
  });
  sheet.add(snaps);
  const a = planningAnchors(name, set, { team, tasks, comm, visits, deals, inf, prog, snaps });
  sheet.add([nextMilestone(t, a)]);
  sheet.addImplications(t, "planning", {
    row: 3,
    col: 3,
    width: 8,
    purpose: t("step.planning.purpose"),
    sentences: planningSentences(t, a),
    previous: inputs.implications,
  });

  const plan: SheetPlan = sheet.plan(name, "planning", {
    columnWidths: {
      A: 110,
      B: 70,
      C: 260,
      D: 90,
      E: 130,
      F: 130,
      G: 60,
      H: 60,
      I: 70,
      J: 34,
      ...Object.fromEntries(Array.from({ length: 12 }, (_, j) => [M(j), 34])),
    },
    freezeRows: 1,
    // The Gantt's months print and scroll beside their tasks: the task columns stay in view.
    print: { titleColumns: "A:C" },
    freezeColumns: 3,
    conditionalFormats: [...tasks.conditionalFormats, ...inf.conditionalFormats],
    merges: [...tasks.merges, ...visits.merges],
    names: planningNames(a),
    anchors: anchorsOf(a),
  });
  return { plan };
}

type Rows = { firstRow: number; lastRow: number };
type Table = Pick<InputTableSection, "firstRow" | "lastRow" | "letter">;
type PlanningSections = {
  team: Table;
  tasks: Table & { monthHeaderRow: number };
  comm: Table & { totalsFirstRow: number; totalsLastRow: number };
  visits: Table;
  deals: Table;
  inf: Table & { indexCell: string };
  prog: Table & { latestRow: number };
  snaps: Table;
};

/**
 * Where the Planning sheet's sections put their cells: the settings, each table's columns (keyed
 * "<table id>.<column key>"), the columns computed beside them, the support index, the latest
 * progress and its trend, the next milestone.
 */
function planningAnchors(sheet: string, settings: Settings, s: PlanningSections) {
  const column = (rows: Rows, L: string) => new ColumnAnchor(sheet, columnIndex(L), rows.firstRow, rows.lastRow);
  const campaigns = { firstRow: s.comm.totalsFirstRow, lastRow: s.comm.totalsLastRow };
  const latest = new CellAnchor(sheet, s.prog.latestRow, 1);
  const next = new CellAnchor(sheet, s.snaps.lastRow + 3, 1);
  return {
    settings,
    tasks: tableAnchors(sheet, TASKS_TABLE, s.tasks),
    /** The Gantt's first month (the fiscal year's first), over the tasks' month columns. */
    ganttStart: new CellAnchor(sheet, s.tasks.monthHeaderRow, 10),
    columns: {
      ...tableAnchors(sheet, TEAM_TABLE, s.team),
      ...tableAnchors(sheet, COMMUNICATION_TABLE, s.comm),
      ...tableAnchors(sheet, VISITS_TABLE, s.visits),
      ...tableAnchors(sheet, DEALS_TABLE, s.deals),
      ...tableAnchors(sheet, INFLUENCERS_TABLE, s.inf),
      ...tableAnchors(sheet, PROGRESS_TABLE, s.prog),
      ...tableAnchors(sheet, SNAPSHOTS_TABLE, s.snaps),
      "tasks.phaseCheck": column(s.tasks, "J"),
      "communication.touchMin": column(s.comm, "F"),
      "communication.touchMax": column(s.comm, "G"),
      "campaigns.name": column(campaigns, "A"),
      "campaigns.touchMin": column(campaigns, "B"),
      "campaigns.touchMax": column(campaigns, "C"),
      "visits.status": column(s.visits, M(0)),
      "influencers.beforeScore": column(s.inf, "G"),
      "influencers.nowScore": column(s.inf, "H"),
      "influencers.change": column(s.inf, "I"),
      "influencers.arrow": column(s.inf, "J"),
      "influencers.weight": column(s.inf, "K"),
    },
    supportIndex: CellAnchor.at(sheet, s.inf.indexCell),
    latest,
    trend: latest.offset(1),
    /** The next milestone's date; its task beside it. */
    next,
    nextTask: next.offset(0, 1),
  };
}

type PlanningAnchors = ReturnType<typeof planningAnchors>;

/** The anchors a test or another sheet reads, by key. */
function anchorsOf(a: PlanningAnchors): Anchors {
  return {
    "settings.planYear": a.settings.planYear,
    "settings.fiscalStart": a.settings.fiscalStart,
    "settings.today": a.settings.today,
    ...a.tasks,
    "gantt.start": a.ganttStart,
    ...a.columns,
    supportIndex: a.supportIndex,
    "progress.latest": a.latest,
    "progress.trend": a.trend,
    "nextMilestone.date": a.next,
    "nextMilestone.task": a.nextTask,
  };
}

/** Settings (rows 3–5): the plan year and the fiscal year's first month (inputs), and the as-of date. */
function planSettings(t: Translate, inputs: PlanningInputs, set: Settings): Section {
  return {
    blocks: [
      heading(3, [t("sheet.planYear"), t("sheet.fiscalStart"), t("sheet.today")]),
      { at: set.planYear.ref(), cells: inputs.settings.map((v) => [v]), input: true, numberFormat: "0" },
      { at: set.today.ref(), cells: [[asOfCell(inputs.asOf)]], numberFormat: "yyyy-mm-dd" },
    ],
    next: 6,
    inputTables: [{ id: "settings", range: `${set.planYear.ref()}:${set.fiscalStart.ref()}`, keyColumns: 0 }],
    validations: [
      { range: set.planYear.ref(), type: "wholeNumber", min: 1900, max: 9999 },
      { range: set.fiscalStart.ref(), type: "wholeNumber", min: 1, max: 12 },
    ],
  };
}

/** The 启示: the support index and the latest progress; the next milestone. */
function planningSentences(t: Translate, a: PlanningAnchors): { f: string }[] {
  const index = a.supportIndex.ref();
  const latest = a.latest.abs();
  const next = a.next.abs();
  return [
    unlessEmpty(`NOT(ISNUMBER(${index}))`, t("impl.planning.notRated"), {
      f: `=IF(${latest}="",${sentence(t("impl.planning.supportOnly"), { index: `TEXT(${index},"0.00")` }).f.slice(1)},${sentence(
        t("impl.planning.support"),
        {
          index: `TEXT(${index},"0.00")`,
          progress: `TEXT(${latest},"+0;-0;0")`,
        },
      ).f.slice(1)})`,
    }),
    // No task at all is not "no milestone ahead": say what to fill.
    unlessEmpty(
      `COUNTIF(${a.tasks["tasks.task"].range()},"?*")=0`,
      t("impl.planning.noTasks"),
      sentence(t("impl.planning.next"), {
        next: `IF(${next}="",${quoted(t("impl.planning.none"))},TEXT(${next},"yyyy-mm-dd")&" "&${a.nextTask.abs()})`,
      }),
    ),
  ];
}

/** A column's local range over its rows, as a name points to it ("B14:B28"). */
const local = (c: ColumnAnchor) => `${c.letter}${c.first}:${c.letter}${c.last}`;

/** The names the overview and the deck read: the support index, the progress, the milestones and the tasks. */
function planningNames(a: PlanningAnchors): Record<string, string> {
  const task = (key: string) => local(a.tasks[`tasks.${key}`]);
  const campaign = a.tasks["tasks.campaign"];
  const status = a.tasks["tasks.status"];
  return {
    SixStep_SupportIndex: a.supportIndex.ref(),
    SixStep_ProgressLatest: a.latest.ref(),
    SixStep_NextMilestone: a.next.ref(),
    SixStep_NextMilestoneTask: a.nextTask.ref(),
    // The overview's top solutions: each one's owner and first task.
    SixStep_TaskIds: task("solutionId"),
    SixStep_TaskNames: task("task"),
    SixStep_TaskOwners: task("owner"),
    // The deck's Gantt: the task table (campaign … status), header row first.
    SixStep_Tasks: `${campaign.cell(campaign.first - 1).ref()}:${status.cell(status.last).ref()}`,
    // The overview's timeline and next milestones.
    SixStep_TaskStarts: task("start"),
    SixStep_TaskEnds: task("end"),
    SixStep_TaskMilestones: task("milestone"),
    SixStep_PlanYear: a.settings.planYear.ref(),
    SixStep_FiscalStart: a.settings.fiscalStart.ref(),
  };
}
