/**
 * The "6 客户规划 / 6 Planning" sheet: plan year and fiscal start as inputs, the team, the tasks
 * with a quarterly Gantt drawn by conditional-format formulas (editing a date in Excel moves the
 * bar; milestones, % complete and today's month marked), the communication plan with touchpoints
 * a year, visits, influencers with attitude scores, change arrows and the influence-weighted
 * support index, the progress history with its trend, and the snapshot history.
 */
import type { Translate } from "../i18n";
import { columnLetter } from "../tables/text";
import type { Block, ConditionalFormatPlan, InputTableLocation, PlanCell, SheetPlan, ValidationPlan } from "./plan";

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
  /** department, name, role, attitude before, attitude now, influence */
  influencers: PlanCell[][];
  /** date, score, note */
  progress: PlanCell[][];
  /** date, focus monthly average, projected monthly revenue, support index, progress score, note */
  snapshots: PlanCell[][];
  note?: string;
}

export interface PlanningCells {
  planYear: string;
  fiscalStart: string;
  today: string;
  taskFirstRow: number;
  taskLastRow: number;
  monthHeaderRow: number;
  firstMonthColumn: string;
  communicationFirstRow: number;
  campaignTotalsFirstRow: number;
  influencerFirstRow: number;
  supportIndexCell: string;
  progressLatestCell: string;
  progressTrendCell: string;
  snapshotFirstRow: number;
  snapshotLastRow: number;
}

const HEAD = { bold: true, fill: "#DDEBF7", wrap: true } as const;
const SPARE = 3;
export const ATTITUDES = ["A+", "A", "A-", "B+", "B", "B-", "C+", "C", "C-", "D+", "D", "D-", "E+", "E", "E-"];

export function buildPlanningPlan(t: Translate, inputs: PlanningInputs): { plan: SheetPlan; cells: PlanningCells } {
  const blocks: Block[] = [];
  const cfs: ConditionalFormatPlan[] = [];
  const validations: ValidationPlan[] = [];
  const inputTables: InputTableLocation[] = [];
  const merges: string[] = [];
  const s = (x: string) => `"${x.replace(/"/g, '""')}"`;
  const YES = t("sheet.yes");
  blocks.push({ at: "A1", cells: [[t("sheet.planning.title")]], style: { bold: true, fontSize: 14 } });
  if (inputs.note) blocks.push({ at: "A2", cells: [[inputs.note]], style: { fontColor: "#7F7F7F" } });
  blocks.push({
    at: "A3",
    cells: [[t("sheet.planYear")], [t("sheet.fiscalStart")], [t("sheet.today")]],
    style: { bold: true },
  });
  blocks.push({ at: "B3", cells: inputs.settings.map((v) => [v]), input: true, numberFormat: "0" });
  blocks.push({ at: "B5", cells: [[{ f: "=TODAY()" }]], numberFormat: "yyyy-mm-dd" });
  inputTables.push({ id: "settings", range: "B3:B4", keyColumns: 0 });
  validations.push(
    { range: "B3", type: "wholeNumber", min: 1900, max: 9999 },
    { range: "B4", type: "wholeNumber", min: 1, max: 12 },
  );

  let row = 7;
  /** An input table under a title; returns its first and last data rows. */
  const table = (
    id: string,
    title: Parameters<Translate>[0],
    headers: string[],
    rows: PlanCell[][],
    keyColumns: number,
    formats: string[],
    spare = SPARE,
  ) => {
    const head = row + 1;
    const first = head + 1;
    const all = [...rows, ...Array.from({ length: spare }, () => Array<PlanCell>(headers.length).fill(null))];
    const last = first + all.length - 1;
    blocks.push({ at: `A${row}`, cells: [[t(title)]], style: { bold: true } });
    blocks.push({ at: `A${head}`, cells: [headers], style: HEAD });
    blocks.push({ at: `A${first}`, cells: all, input: true, numberFormat: all.map(() => formats) });
    inputTables.push({ id, range: `A${first}:${columnLetter(headers.length - 1)}${last}`, keyColumns });
    row = last + 3;
    return { head, first, last, count: all.length };
  };

  table("team", "sheet.team", [t("sheet.role"), t("sheet.name")], inputs.team, 1, ["@", "@"]);

  // Tasks with the Gantt to their right: quarter headers over 12 month columns (K:V).
  row += 1; // room for the quarter header row above the column headers
  const tasks = table(
    "tasks",
    "sheet.tasks",
    [
      t("sheet.campaign"),
      t("sheet.id"),
      t("sheet.task"),
      t("sheet.owner"),
      t("sheet.start"),
      t("sheet.end"),
      t("sheet.milestone"),
      t("sheet.complete"),
      t("sheet.taskStatus"),
    ],
    inputs.tasks,
    3,
    ["@", "@", "@", "@", "yyyy-mm-dd", "yyyy-mm-dd", "@", "0%", "@"],
    5,
  );
  const M = (j: number) => columnLetter(10 + j); // K…V
  const h = tasks.head;
  blocks.push({
    at: `${M(0)}${h - 1}`,
    cells: [[0, 1, 2, 3].flatMap((q) => [`Q${q + 1}`, null, null])],
    style: { bold: true, align: "Center", fill: "#BDD7EE" },
  });
  for (let q = 0; q < 4; q++) merges.push(`${M(q * 3)}${h - 1}:${M(q * 3 + 2)}${h - 1}`);
  blocks.push({
    at: `${M(0)}${h}`,
    cells: [
      Array.from({ length: 12 }, (_, j) => ({ f: j === 0 ? "=DATE($B$3,$B$4,1)" : `=EDATE(${M(j - 1)}${h},1)` })),
    ],
    numberFormat: [Array<string>(12).fill(t("sheet.monthFormat"))],
    style: { bold: true, fill: "#DDEBF7", align: "Center" },
  });
  const gantt = `${M(0)}${tasks.first}:${M(11)}${tasks.last}`;
  const r0 = tasks.first;
  const inMonth = (col: string) => `$E${r0}<=EOMONTH(${col}$${h},0),$F${r0}>=${col}$${h}`;
  const dated = `ISNUMBER($E${r0}),ISNUMBER($F${r0})`;
  // Added lowest priority first: Excel gives each new rule the top priority.
  cfs.push(
    {
      range: gantt,
      type: "custom",
      formula: `=AND($B$5>=${M(0)}$${h},$B$5<=EOMONTH(${M(0)}$${h},0))`,
      fill: "#FCE4D6",
    },
    { range: gantt, type: "custom", formula: `=AND(${dated},${inMonth(M(0))})`, fill: "#9BC2E6" },
    {
      range: gantt,
      type: "custom",
      formula: `=AND(${dated},${inMonth(M(0))},N($H${r0})>0,${M(0)}$${h}<$E${r0}+($F${r0}-$E${r0})*N($H${r0}))`,
      fill: "#2F75B5",
    },
    {
      range: gantt,
      type: "custom",
      formula: `=AND($G${r0}=${s(YES)},ISNUMBER($F${r0}),$F${r0}>=${M(0)}$${h},$F${r0}<=EOMONTH(${M(0)}$${h},0))`,
      fill: "#FFC000",
    },
    // A campaign's first task starts its group.
    {
      range: `A${r0}:I${tasks.last}`,
      type: "custom",
      formula: `=AND($A${r0}<>"",$A${r0}<>$A${r0 - 1})`,
      fill: "#EDEDED",
    },
  );
  validations.push(
    { range: `G${tasks.first}:G${tasks.last}`, type: "list", source: [YES, t("sheet.no")] },
    { range: `H${tasks.first}:H${tasks.last}`, type: "decimal", min: 0, max: 1 },
    {
      range: `I${tasks.first}:I${tasks.last}`,
      type: "list",
      source: [t("sheet.status.todo"), t("sheet.status.doing"), t("sheet.status.done"), t("sheet.status.late")],
    },
  );

  // Communication plan with touchpoints a year (from the frequency text, refreshed by the add-in).
  const comm = table(
    "communication",
    "sheet.communication",
    [t("sheet.campaign"), t("sheet.activity"), t("sheet.audience"), t("sheet.frequency"), t("sheet.when")],
    inputs.communication,
    2,
    ["@", "@", "@", "@", "@"],
  );
  blocks.push({ at: `F${comm.head}`, cells: [[t("sheet.touchMin"), t("sheet.touchMax")]], style: HEAD });
  blocks.push({
    at: `F${comm.first}`,
    cells: Array.from({ length: comm.count }, (_, i) => {
      const tp = inputs.touchpoints[i];
      return tp ? [tp.min, tp.max] : [null, null];
    }),
    numberFormat: "0",
  });
  const totals = row;
  blocks.push({
    at: `A${totals}`,
    cells: [[t("sheet.campaign"), t("sheet.touchMin"), t("sheet.touchMax")]],
    style: HEAD,
  });
  blocks.push({
    at: `A${totals + 1}`,
    cells: inputs.campaigns.map((c, i) => [
      c,
      { f: `=SUMIF($A$${comm.first}:$A$${comm.last},$A${totals + 1 + i},$F$${comm.first}:$F$${comm.last})` },
      { f: `=SUMIF($A$${comm.first}:$A$${comm.last},$A${totals + 1 + i},$G$${comm.first}:$G$${comm.last})` },
    ]),
    numberFormat: inputs.campaigns.map(() => ["@", "0", "0"]),
  });
  row = totals + inputs.campaigns.length + 3;

  table(
    "visits",
    "sheet.visits",
    [
      t("sheet.planNo"),
      t("sheet.date"),
      t("sheet.time"),
      t("sheet.method"),
      t("sheet.people"),
      t("sheet.points"),
      t("sheet.cautions"),
    ],
    inputs.visits,
    2,
    ["@", "yyyy-mm-dd", "@", "@", "@", "@", "@"],
  );

  // Influencers: attitude scores (A = 5 … E = 1, ± 0.5), change arrows, support index.
  const inf = table(
    "influencers",
    "sheet.influencers",
    [t("sheet.department"), t("sheet.name"), t("sheet.role"), t("sheet.before"), t("sheet.now"), t("sheet.influence")],
    inputs.influencers,
    2,
    ["@", "@", "@", "@", "@", "0"],
  );
  blocks.push({
    at: `G${inf.head}`,
    cells: [[t("sheet.beforeScore"), t("sheet.nowScore"), t("sheet.change"), "", t("sheet.weight")]],
    style: HEAD,
  });
  const score = (c: string, r: number) =>
    `=IF(TRIM(${c}${r})="","",IFERROR(FIND(UPPER(LEFT(TRIM(${c}${r}),1)),"EDCBA")+IF(RIGHT(TRIM(${c}${r}),1)="+",0.5,IF(OR(RIGHT(TRIM(${c}${r}),1)="-",RIGHT(TRIM(${c}${r}),1)="−"),-0.5,0)),""))`;
  blocks.push({
    at: `G${inf.first}`,
    cells: Array.from({ length: inf.count }, (_, i) => {
      const r = inf.first + i;
      return [
        { f: score("D", r) },
        { f: score("E", r) },
        { f: `=IF(OR(G${r}="",H${r}=""),"",H${r}-G${r})` },
        { f: `=IF(I${r}="","",IF(I${r}>0,"↑",IF(I${r}<0,"↓","→")))` },
        { f: `=IF(H${r}="","",IF(ISNUMBER(F${r}),F${r},1))` },
      ];
    }),
    numberFormat: Array.from({ length: inf.count }, () => ["0.0", "0.0", "+0.0;-0.0;0.0", "@", "0"]),
  });
  const idxRow = inf.last + 1;
  blocks.push({
    at: `A${idxRow}`,
    cells: [
      [
        t("sheet.supportIndex"),
        {
          f: `=IF(SUM(K${inf.first}:K${inf.last})=0,"",SUMPRODUCT(H${inf.first}:H${inf.last},K${inf.first}:K${inf.last})/SUM(K${inf.first}:K${inf.last}))`,
        },
      ],
    ],
    numberFormat: [["@", "0.00"]],
    style: { bold: true },
  });
  validations.push(
    { range: `D${inf.first}:E${inf.last}`, type: "list", source: ATTITUDES },
    { range: `F${inf.first}:F${inf.last}`, type: "wholeNumber", min: 1, max: 5 },
  );
  cfs.push(
    { range: `J${inf.first}:J${inf.last}`, type: "custom", formula: `=J${inf.first}="↑"`, fontColor: "#2E7D32" },
    { range: `J${inf.first}:J${inf.last}`, type: "custom", formula: `=J${inf.first}="↓"`, fontColor: "#C00000" },
  );
  row = idxRow + 3;

  // Progress history: −5 (competitor) … +5 (us); the latest score and its trend.
  const prog = table(
    "progress",
    "sheet.progress",
    [t("sheet.date"), t("sheet.progressScore"), t("sheet.noteColumn")],
    inputs.progress,
    1,
    ["yyyy-mm-dd", "0", "@"],
  );
  const P = (c: string) => `$${c}$${prog.first}:$${c}$${prog.last}`;
  const latestRow = prog.last + 1;
  blocks.push({
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
  validations.push({ range: `B${prog.first}:B${prog.last}`, type: "wholeNumber", min: -5, max: 5 });
  row = latestRow + 4;

  const snaps = table(
    "snapshots",
    "sheet.snapshots",
    [
      t("sheet.date"),
      t("sheet.focusAverage"),
      t("sheet.bridgeEnd"),
      t("sheet.supportIndex"),
      t("sheet.progressScore"),
      t("sheet.noteColumn"),
    ],
    inputs.snapshots,
    1,
    ["yyyy-mm-dd", "#,##0.00", "#,##0.00", "0.00", "0", "@"],
  );

  // The next milestone from today, for the overview.
  const F = `$F$${tasks.first}:$F$${tasks.last}`;
  const G = `$G$${tasks.first}:$G$${tasks.last}`;
  const nextRow = snaps.last + 3;
  blocks.push({
    at: `A${nextRow}`,
    cells: [
      [
        t("sheet.nextMilestone"),
        { f: `=IF(COUNTIFS(${F},">="&$B$5,${G},${s(YES)})=0,"",MINIFS(${F},${F},">="&$B$5,${G},${s(YES)}))` },
        { f: `=IF(B${nextRow}="","",INDEX($C$${tasks.first}:$C$${tasks.last},MATCH(B${nextRow},${F},0)))` },
      ],
    ],
    numberFormat: [["@", "yyyy-mm-dd", "@"]],
    style: { bold: true },
  });

  const plan: SheetPlan = {
    name: t("sheet.planning.name"),
    step: "planning",
    blocks,
    columnWidths: {
      A: 110,
      B: 70,
      C: 260,
      D: 90,
      E: 80,
      F: 80,
      G: 60,
      H: 60,
      I: 70,
      J: 20,
      ...Object.fromEntries(Array.from({ length: 12 }, (_, j) => [M(j), 34])),
    },
    freezeRows: 1,
    conditionalFormats: cfs,
    validations,
    inputTables,
    merges,
    names: {
      SixStep_SupportIndex: `B${idxRow}`,
      SixStep_ProgressLatest: `B${latestRow}`,
      SixStep_NextMilestone: `B${nextRow}`,
      SixStep_NextMilestoneTask: `C${nextRow}`,
    },
  };
  return {
    plan,
    cells: {
      planYear: "B3",
      fiscalStart: "B4",
      today: "B5",
      taskFirstRow: tasks.first,
      taskLastRow: tasks.last,
      monthHeaderRow: h,
      firstMonthColumn: M(0),
      communicationFirstRow: comm.first,
      campaignTotalsFirstRow: totals + 1,
      influencerFirstRow: inf.first,
      supportIndexCell: `B${idxRow}`,
      progressLatestCell: `B${latestRow}`,
      progressTrendCell: `B${latestRow + 1}`,
      snapshotFirstRow: snaps.first,
      snapshotLastRow: snaps.last,
    },
  };
}
