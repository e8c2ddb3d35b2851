/**
 * The "5 支撑能力 / 5 Support" sheet: the service-requirement input table, each site's own
 * requirement list (pre-filled from the plan's solutions), the site × service matrix by formulas
 * over the user's site table (ready / ready after works / cannot / not stated, and "–" where the
 * site does not need the service), each category counted per site, readiness now and after works
 * over what each site needs, ready counts per service, the sites and services that block the
 * plan's solutions (SixStep_BlockingSites), the gap list, and the after-sales commitments with
 * their check. The plumbing (fibre flag, services key, needs key, requirement flags, running
 * lists) sits in hidden helper columns to the right.
 */
import type { Translate } from "../i18n";
import type { Capability } from "../method/support";
import { columnIndex, columnLetter } from "../address";
import { CellAnchor, ColumnAnchor, type Anchors } from "./anchor";
import {
  defineTable,
  heading,
  headerRow,
  inputTable,
  quoted,
  sentence,
  SheetBuilder,
  tableAnchors,
  titleBlock,
  type InputTableSection,
} from "./kit";
import type { Block, ConditionalFormatPlan, PlanCell, SheetPlan } from "./plan";

/** What each service needs of a site: service (the key), fibre (yes/no), copper pairs, solutions. */
export const REQUIREMENTS_TABLE = defineTable({
  id: "requirements",
  keyColumns: 1,
  columns: [
    { key: "service", header: "sheet.service", format: "@" },
    {
      key: "needsFibre",
      header: "sheet.needsFibre",
      format: "@",
      validation: { type: "list", source: (t) => [t("sheet.yes"), t("sheet.no")] },
    },
    {
      key: "minCopper",
      header: "sheet.minCopper",
      format: "0",
      validation: { type: "wholeNumber", min: 0, max: 1000 },
    },
    { key: "solutions", header: "sheet.solutionsAffected", format: "@" },
  ],
});

/** Each site's requirement list: the services it needs for the plan (site is the key). */
export const SITE_NEEDS_TABLE = defineTable({
  id: "siteNeeds",
  keyColumns: 1,
  columns: [
    { key: "site", header: "sheet.site", format: "@" },
    { key: "needs", header: "sheet.siteNeeds", format: "@" },
  ],
});

const HOURS = { type: "decimal", min: 0, max: 10000 } as const;

/** After-sales commitments per service (the key) against our standard capability. */
export const AFTER_SALES_TABLE = defineTable({
  id: "afterSales",
  keyColumns: 1,
  columns: [
    { key: "service", header: "sheet.service", format: "@" },
    { key: "promisedResponse", header: "sheet.promisedResponse", format: "0.0", validation: HOURS },
    { key: "promisedRepair", header: "sheet.promisedRepair", format: "0.0", validation: HOURS },
    { key: "standardResponse", header: "sheet.standardResponse", format: "0.0", validation: HOURS },
    { key: "standardRepair", header: "sheet.standardRepair", format: "0.0", validation: HOURS },
    { key: "staff", header: "sheet.staff", format: "0", validation: HOURS },
    { key: "escalation", header: "sheet.escalation", format: "@" },
  ],
});

export interface SiteRefs {
  site: string;
  fibre?: string;
  copper?: string;
  services?: string;
}

export interface SupportInputs {
  /** Requirement rows: service, needs fibre (yes/no label), min copper pairs, solutions. */
  requirements: PlanCell[][];
  sites: string[];
  /** Each site's requirement list rows: site, needs (、-separated services). */
  siteNeeds: PlanCell[][];
  /** Gaps found by the model: (site index, service index). */
  gaps: { site: number; service: number }[];
  /** After-sales rows: service, promised response h, promised repair h, standard response h, standard repair h, staff, escalation. */
  afterSales: PlanCell[][];
  note?: string;
  /** The analyst's own implications (Refresh reads them back). */
  implications?: PlanCell[][];
}

const SPARE = 3;

export function capabilityLabels(t: Translate): Record<Capability, string> {
  return {
    now: t("sheet.need.ready"),
    works: t("sheet.need.works"),
    no: t("sheet.need.cannot"),
    unknown: t("sheet.need.unstated"),
  };
}

/** A matrix cell where the site does not need the service. */
export const NOT_NEEDED = "–";

export function buildSupportPlan(t: Translate, refs: SiteRefs, inputs: SupportInputs): { plan: SheetPlan } {
  const name = t("sheet.support.name");
  const sheet = new SheetBuilder();
  sheet.add(titleBlock(t("sheet.support.title"), inputs.note));
  // Requirements (title row 3, header row 4).
  const requirements = inputTable(REQUIREMENTS_TABLE, inputs.requirements, t, { row: 4, spare: SPARE });
  requirements.blocks.unshift(heading(3, t("sheet.requirements")));
  sheet.add(requirements);
  // Each site's requirement list (the analyst's, pre-filled from the plan's solutions).
  const nTitle = requirements.lastRow + 3;
  const needs = inputTable(SITE_NEEDS_TABLE, inputs.siteNeeds, t, { row: nTitle + 2, spare: 0 });
  needs.blocks.unshift(heading(nTitle, [t("sheet.siteNeedsTitle"), t("sheet.siteNeedsNote")]));
  sheet.add(needs);
  const m = capabilityMatrix(t, refs, inputs, requirements, needs, needs.lastRow + 3, name);
  sheet.add(m);
  const gaps = gapList(t, inputs, m, m.neededRow + 5);
  sheet.add(gaps);
  const after = afterSalesTable(t, inputs.afterSales, gaps.last + 3);
  sheet.add(after);
  sheet.addImplications(t, "support", {
    row: 3,
    col: 5,
    width: 8,
    purpose: t("step.support.purpose"),
    sentences: supportSentences(t, m),
    previous: inputs.implications,
  });
  const site = m.at.site;
  // The matrix from its site column to the readiness after works, on the header row or the sites' rows.
  const wide = (r1: number, r2: number) => `${site.cell(r1).ref()}:${m.at.afterWorks.cell(r2).ref()}`;
  const plan: SheetPlan = sheet.plan(name, "support", {
    // G also holds the after-sales escalation path: wider than the ISDN statuses above it.
    columnWidths: { A: 130, B: 70, C: 60, D: 200, G: 125 },
    freezeRows: 1,
    // The fibre flag, the services and needs keys, the requirement flags and the running list are plumbing.
    hiddenColumns: [m.helpers],
    conditionalFormats: supportFormats(t, m, after),
    names: {
      SixStep_SiteCount: `${site.cell().ref()}:${site.cell(site.last).ref()}`,
      SixStep_Readiness: `${m.at.readiness.cell().ref()}:${m.at.readiness.cell(site.last).ref()}`,
      // The overview's risk line: the sites and services that block the plan's solutions.
      SixStep_BlockingSites: m.at.blocking.ref(),
      // The deck's capability matrix: sites × services with readiness now and after works.
      SixStep_CapabilityHead: wide(m.mHead, m.mHead),
      SixStep_Capability: wide(site.first, site.last),
    },
    anchors: supportAnchors(name, { requirements, needs, m, gaps, after }),
  });
  return { plan };
}

/**
 * The anchors a test or another sheet reads: the input tables' columns ("requirements.*",
 * "siteNeeds.*", "afterSales.*"), the matrix's columns over its sites, the ready counts under it
 * (at the first service's column), the blocking line, and the gap list's columns.
 */
function supportAnchors(
  sheet: string,
  s: {
    requirements: InputTableSection;
    needs: InputTableSection;
    m: ReturnType<typeof capabilityMatrix>;
    gaps: ReturnType<typeof gapList>;
    after: InputTableSection;
  },
): Anchors {
  const { m } = s;
  const gap = (col: number) => new ColumnAnchor(sheet, col, s.gaps.first, s.gaps.last);
  const count = (row: number) => new CellAnchor(sheet, row, m.at.firstService.col);
  return {
    ...tableAnchors(sheet, REQUIREMENTS_TABLE, s.requirements),
    ...tableAnchors(sheet, SITE_NEEDS_TABLE, s.needs),
    ...tableAnchors(sheet, AFTER_SALES_TABLE, s.after),
    "afterSales.check": new ColumnAnchor(sheet, 7, s.after.firstRow, s.after.lastRow),
    "matrix.site": m.at.site,
    "matrix.fibre": new ColumnAnchor(sheet, 1, m.mFirst, m.mLast),
    "matrix.copper": new ColumnAnchor(sheet, 2, m.mFirst, m.mLast),
    "matrix.services": new ColumnAnchor(sheet, 3, m.mFirst, m.mLast),
    "matrix.firstService": m.at.firstService,
    "matrix.readiness": m.at.readiness,
    "matrix.afterWorks": m.at.afterWorks,
    "matrix.count.now": m.at.count(0),
    "matrix.count.works": m.at.count(1),
    "matrix.count.no": m.at.count(2),
    "matrix.count.unknown": m.at.count(3),
    "matrix.fibreFlag": m.at.fibreFlag,
    "counts.readyNow": count(m.nowRow),
    "counts.possible": count(m.possRow),
    "counts.needing": count(m.neededRow),
    blocking: m.at.blocking,
    "gaps.site": gap(0),
    "gaps.service": gap(1),
    "gaps.status": gap(2),
    "gaps.missing": gap(3),
    "gaps.solutions": gap(4),
  };
}

/** The 启示: the services no site can carry now, the readiness, the sites that block the plan. */
function supportSentences(t: Translate, m: ReturnType<typeof capabilityMatrix>): { f: string }[] {
  const { svcCol, nowRow, possRow, neededRow } = m;
  const ns = m.services.length;
  const row = (r: number) => (ns ? `$${svcCol(0)}$${r}:$${svcCol(ns - 1)}$${r}` : `$E$${r}`);
  const ready = m.at.readiness.range();
  return [
    // Over the services some site needs.
    sentence(t("impl.support.gaps"), {
      services: `COUNTIF(${row(neededRow)},">0")`,
      none: `SUMPRODUCT((${row(neededRow)}>0)*(${row(nowRow)}=0))`,
      after: `SUMPRODUCT((${row(neededRow)}>0)*(${row(nowRow)}=0)*(${row(possRow)}>0))`,
    }),
    {
      f: `=IF(COUNT(${ready})=0,${quoted(t("sheet.readinessNotStated"))},${sentence(t("impl.support.ready"), { ready: `TEXT(AVERAGE(${ready}),"0%")` }).f.slice(1)})`,
    },
    { f: `=${m.at.blocking.ref()}` },
  ];
}

/** The matrix's cells coloured by capability; an after-sales promise over our standard in red. */
function supportFormats(
  t: Translate,
  m: ReturnType<typeof capabilityMatrix>,
  after: { firstRow: number; lastRow: number },
): ConditionalFormatPlan[] {
  const L = capabilityLabels(t);
  const { svcCol, mFirst, mLast } = m;
  const ns = m.services.length;
  const { firstRow: aFirst, lastRow: aLast } = after;
  const matrix = ns ? `${svcCol(0)}${mFirst}:${svcCol(ns - 1)}${mLast}` : `E${mFirst}:E${mLast}`;
  const cf = (label: string, fill: string) => ({
    range: matrix,
    type: "custom" as const,
    formula: `=${svcCol(0)}${mFirst}=${quoted(label)}`,
    fill,
  });
  return [
    cf(L.now, "#C6EFCE"),
    cf(L.works, "#FFEB9C"),
    cf(L.no, "#FFC7CE"),
    cf(L.unknown, "#D9D9D9"),
    {
      range: `H${aFirst}:H${aLast}`,
      type: "custom",
      formula: `=AND(H${aFirst}<>"",H${aFirst}<>"OK")`,
      fontColor: "#C00000",
    },
  ];
}

/**
 * The Support sheet of a workbook without a site table: the requirements and after-sales tables
 * (the analyst's inputs), and in the capability matrix's place a message saying which table to
 * add and with which columns. Refresh fills the matrix in once the table is there.
 */
export function buildSupportWithoutSites(t: Translate, inputs: SupportInputs): { plan: SheetPlan } {
  const sheet = new SheetBuilder();
  sheet.add(titleBlock(t("sheet.support.title"), inputs.note));
  const requirements = inputTable(REQUIREMENTS_TABLE, inputs.requirements, t, { row: 4, spare: SPARE });
  requirements.blocks.unshift(heading(3, t("sheet.requirements")));
  sheet.add(requirements);
  const msgRow = requirements.lastRow + 3;
  sheet.add([
    heading(msgRow, t("sheet.capability")),
    { at: `A${msgRow + 1}`, cells: [[t("run.noSiteTableSheet")]], style: { bold: true, fontColor: "#C00000" } },
  ]);
  const after = afterSalesTable(t, inputs.afterSales, msgRow + 4);
  sheet.add(after);
  sheet.addImplications(t, "support", {
    row: 3,
    col: 5,
    width: 8,
    purpose: t("step.support.purpose"),
    sentences: [sentence(t("run.noSiteTableSheet"), {})],
    previous: inputs.implications,
  });
  const plan = sheet.plan(t("sheet.support.name"), "support", {
    // G also holds the after-sales escalation path: wider than the ISDN statuses above it.
    columnWidths: { A: 130, B: 70, C: 60, D: 200, G: 125 },
    freezeRows: 1,
  });
  return { plan };
}

/** Where the capability matrix's rows and columns are, its hidden helpers included. */
function matrixLayout(inputs: SupportInputs, requirements: Pick<InputTableSection, "column">, row: number) {
  /** A column of the requirements table, absolute, by key. */
  const R = requirements.column;
  const services = inputs.requirements.map((r) => String(r[0] ?? "")).filter(Boolean);
  const ns = services.length;
  // Hidden helper columns, right of everything the sheet shows (the implications span E…L).
  const HS = Math.max(16, 4 + ns + 4 + 3);
  const H = (k: number) => columnLetter(HS + k);
  const [fibreFlag, servicesKey, needsKey, blocking, running] = [0, 1, 2, 3, 4].map(H);
  const mTitle = row;
  // The title and the legend, then the header.
  const mHead = mTitle + 2;
  const mFirst = mHead + 1;
  return {
    R,
    services,
    svcCol: (j: number) => columnLetter(4 + j),
    readyCol: columnLetter(4 + ns),
    worksCol: columnLetter(5 + ns),
    countCol: (k: number) => columnLetter(6 + ns + k),
    HS,
    H,
    fibreFlag,
    servicesKey,
    needsKey,
    blocking,
    running,
    flagCol: (j: number) => H(5 + j),
    mTitle,
    mHead,
    // The requirement flags (needs fibre, minimum copper) per service, in the helper columns.
    fibRow: mTitle,
    copRow: mTitle + 1,
    mFirst,
    mLast: mFirst + Math.max(inputs.sites.length, 1) - 1,
  };
}

type MatrixLayout = ReturnType<typeof matrixLayout>;

/**
 * The site × service matrix (title at `row`): for each service a site needs (its requirement
 * list), whether it can carry it, by formula over the site table; per site the four categories
 * counted apart and the readiness now and after works over what it needs.
 */
function capabilityMatrix(
  t: Translate,
  refs: SiteRefs,
  inputs: SupportInputs,
  requirements: Pick<InputTableSection, "column">,
  needs: Pick<InputTableSection, "column">,
  row: number,
  sheet: string,
) {
  const g = matrixLayout(inputs, requirements, row);
  const { services, svcCol, mFirst, mLast, running } = g;
  const blocks: Block[] = matrixHead(t, g);
  if (services.length) blocks.push(requirementFlags(t, g));
  const visible = inputs.sites.map((site, i) => siteRow(t, refs, g, site, mFirst + i));
  const helpers = inputs.sites.map((_, i) => siteHelpers(t, g, needs, i));
  if (inputs.sites.length) {
    blocks.push(
      {
        at: `A${mFirst}`,
        cells: visible,
        numberFormat: inputs.sites.map(() => [
          "@",
          "@",
          "0",
          "@",
          ...services.map(() => "@"),
          "0%",
          "0%",
          "0",
          "0",
          "0",
          "0",
        ]),
      },
      {
        at: `${g.fibreFlag}${mFirst}`,
        cells: helpers,
        numberFormat: inputs.sites.map(() => ["0", "@", "@", "@", "@"]),
        helper: true,
      },
    );
  }
  // Ready counts per service, under the sites; then the sites and services that block the plan.
  const nowRow = mLast + 1;
  const possRow = mLast + 2;
  const neededRow = mLast + 3;
  blocks.push(readyCounts(t, services, svcCol, mFirst, mLast));
  const bRow = neededRow + 2;
  const list = inputs.sites.length ? `${running}${mLast}` : '""';
  const column = (L: string) => new ColumnAnchor(sheet, columnIndex(L), mFirst, mLast);
  const at = {
    site: column("A"),
    firstService: column(svcCol(0)),
    readiness: column(g.readyCol),
    afterWorks: column(g.worksCol),
    /** The sites' counts of each capability: now, works, no, unknown. */
    count: (k: number) => column(g.countCol(k)),
    fibreFlag: column(g.fibreFlag),
    /** The line naming the sites and services that block the plan's solutions (SixStep_BlockingSites). */
    blocking: new CellAnchor(sheet, bRow, 1),
  };
  blocks.push({
    at: at.blocking.offset(0, -1).ref(),
    cells: [
      [
        t("sheet.risk.blocking"),
        {
          f: `=IF(${list}="",${quoted(t("sheet.noBlocking"))},MID(${list},${t("sheet.blockingSep").length + 1},32767))`,
        },
      ],
    ],
    numberFormat: [["@", "@"]],
    style: { bold: true },
  });
  return {
    blocks,
    next: bRow + 1,
    services,
    svcCol,
    readyCol: g.readyCol,
    worksCol: g.worksCol,
    countCol: g.countCol,
    flagCol: g.flagCol,
    fibreFlag: g.fibreFlag,
    mHead: g.mHead,
    fibRow: g.fibRow,
    copRow: g.copRow,
    mFirst,
    mLast,
    nowRow,
    possRow,
    neededRow,
    at,
    helpers: `${g.H(0)}:${g.H(4 + Math.max(services.length, 1))}`,
    R: g.R,
  };
}

/** The matrix's title and legend, its header, and the hidden helpers' header. */
function matrixHead(t: Translate, g: MatrixLayout): Block[] {
  const L = capabilityLabels(t);
  return [
    heading(g.mTitle, [t("sheet.capability"), t("sheet.capabilityNote")]),
    headerRow(g.mHead, [
      t("sheet.site"),
      t("field.fibre"),
      t("field.copperPairs"),
      t("field.services"),
      ...g.services,
      t("sheet.readiness"),
      t("sheet.readinessAfterWorks"),
      L.now,
      L.works,
      L.no,
      L.unknown,
    ]),
    headerRow(
      g.mHead,
      [t("sheet.fibreFlag"), t("sheet.servicesKey"), t("sheet.needsKey"), t("sheet.blockingHelper"), ""],
      g.HS,
    ),
  ];
}

/** Each service's requirements (needs fibre, minimum copper) from the requirements table, hidden over the header. */
function requirementFlags(t: Translate, g: MatrixLayout): Block {
  const { services, svcCol, mHead, R } = g;
  return {
    at: `${g.flagCol(0)}${g.fibRow}`,
    cells: [
      services.map((_, j) => ({
        f: `=IFERROR(IF(INDEX(${R("needsFibre")},MATCH(${svcCol(j)}$${mHead},${R("service")},0))=${quoted(t("sheet.yes"))},1,0),0)`,
      })),
      services.map((_, j) => ({
        f: `=IFERROR(N(INDEX(${R("minCopper")},MATCH(${svcCol(j)}$${mHead},${R("service")},0))),0)`,
      })),
    ],
    numberFormat: [0, 1].map(() => Array<string>(services.length).fill("0")),
    helper: true,
  };
}

/**
 * A site's row (`r`): what the site table says of it, whether it can carry each service it
 * needs, its readiness now and after works, and its four categories counted.
 */
function siteRow(t: Translate, refs: SiteRefs, g: MatrixLayout, site: string, r: number): PlanCell[] {
  const L = capabilityLabels(t);
  const s = quoted;
  const { services, svcCol, mHead, flagCol, fibRow, copRow, fibreFlag, servicesKey, needsKey } = g;
  const ns = services.length;
  const look = (ref: string | undefined, asText: boolean) => {
    if (!ref) return '=""';
    const hit = `INDEX(${ref},MATCH($A${r},${refs.site},0))`;
    return asText ? `=IFERROR(${hit}&"","")` : `=IFERROR(IF(${hit}="","",${hit}),"")`;
  };
  const cells = ns ? `${svcCol(0)}${r}:${svcCol(ns - 1)}${r}` : "";
  const needed = `(${ns}-COUNTIF(${cells},${s(NOT_NEEDED)}))`;
  return [
    site,
    { f: look(refs.fibre, true) },
    { f: look(refs.copper, false) },
    { f: look(refs.services, true) },
    ...services.map((_, j) => {
      const X = svcCol(j);
      const item = `";"&SUBSTITUTE(${X}$${mHead}," ","")&";"`;
      const wanted = `ISNUMBER(SEARCH(${item},$${needsKey}${r}))`;
      const carried = `AND($${servicesKey}${r}<>"",ISNUMBER(SEARCH(${item},$${servicesKey}${r})))`;
      const fib = `${flagCol(j)}$${fibRow}`;
      const cop = `${flagCol(j)}$${copRow}`;
      const fails = `OR(AND(${fib}=1,$${fibreFlag}${r}=0),AND(${cop}>0,$C${r}<>"",N($C${r})<${cop}))`;
      // After works only when the table says enough: the access the service needs, or what the site carries.
      const known = `AND(OR(${fib}=0,$${fibreFlag}${r}<>""),OR(${cop}<=0,$C${r}<>""),OR(${fib}=1,${cop}>0,$${servicesKey}${r}<>""))`;
      return {
        f: `=IF(NOT(${wanted}),${s(NOT_NEEDED)},IF(${carried},${s(L.now)},IF(${fails},${s(L.no)},IF(${known},${s(L.works)},${s(L.unknown)}))))`,
      };
    }),
    // Readiness over what the site needs; "–" when it needs nothing, not stated when the table says nothing.
    ...(ns
      ? [
          {
            f: `=IF(${needed}=0,${s(NOT_NEEDED)},IF(COUNTIF(${cells},${s(L.unknown)})=${needed},${s(L.unknown)},COUNTIF(${cells},${s(L.now)})/${needed}))`,
          },
          {
            f: `=IF(${needed}=0,${s(NOT_NEEDED)},IF(COUNTIF(${cells},${s(L.unknown)})=${needed},${s(L.unknown)},(COUNTIF(${cells},${s(L.now)})+COUNTIF(${cells},${s(L.works)}))/${needed}))`,
          },
          ...[L.now, L.works, L.no, L.unknown].map((label) => ({ f: `=COUNTIF(${cells},${s(label)})` })),
        ]
      : ['=""', '=""', "=0", "=0", "=0", "=0"].map((f) => ({ f }))),
  ];
}

/**
 * The `i`-th site's hidden helpers: its fibre as a flag, its services and its needs as search
 * keys, what blocks it, and the running list of the sites that block the plan.
 */
function siteHelpers(t: Translate, g: MatrixLayout, needs: Pick<InputTableSection, "column">, i: number): PlanCell[] {
  const L = capabilityLabels(t);
  const s = quoted;
  const { services, svcCol, mHead, blocking, running } = g;
  const r = g.mFirst + i;
  // ";a;b;": a list cell with every separator turned into ";", so SEARCH finds whole items; ";"
  // is special in no search mode (LibreOffice may read SEARCH's text as a regular expression).
  const listKey = (x: string) =>
    `IF(${x}="","",";"&SUBSTITUTE(SUBSTITUTE(SUBSTITUTE(SUBSTITUTE(SUBSTITUTE(SUBSTITUTE(SUBSTITUTE(${x}," ",""),"、",";"),",",";"),"，",";"),"；",";"),"/",";"),CHAR(10),";")&";")`;
  const yesForms = ["有", "是", "yes", "y", "✓", "✔", "TRUE", "1"].map((x) => `B{r}=${s(x)}`);
  const needList = needs.column("needs");
  const needSites = needs.column("site");
  const sep = t("sheet.listSep");
  // The services a site cannot carry, and those the site table says too little about: told
  // apart, since a site not surveyed is a gap in the data, not a site that cannot serve.
  const listOf = (status: string) =>
    services.map((_, j) => `IF(${svcCol(j)}${r}=${s(status)},${s(sep)}&${svcCol(j)}$${mHead},"")`).join("&");
  const part = (status: string) =>
    sentence(t("sheet.blockingPart"), {
      status: s(status),
      services: `MID(${listOf(status)},${sep.length + 1},32767)`,
    }).f.slice(1);
  const noPart = `IF(${listOf(L.no)}="","",${part(L.no)})`;
  const unknownPart = `IF(${listOf(L.unknown)}="","",${part(L.unknown)})`;
  const blocked = `${noPart}&IF(AND(${noPart}<>"",${unknownPart}<>""),${s(t("sheet.blockingPartSep"))},"")&${unknownPart}`;
  return [
    { f: `=IF(B${r}="","",IF(OR(${yesForms.join(",").replace(/\{r\}/g, String(r))}),1,0))` },
    { f: `=${listKey(`D${r}`)}` },
    { f: `=IFERROR(${listKey(`INDEX(${needList},MATCH($A${r},${needSites},0))&""`)},"")` },
    services.length
      ? {
          f: `=IFERROR(IF(${blocked}="","",${sentence(t("sheet.blockingItem"), { site: `$A${r}`, services: blocked }).f.slice(1)}),"")`,
        }
      : '=""',
    { f: `=${i ? `${running}${r - 1}&` : ""}IF(${blocking}${r}="","",${s(t("sheet.blockingSep"))}&${blocking}${r})` },
  ];
}

/** The gap list (title at `row`): each needed (site, service) the model found not possible or not stated, live by formula. */
function gapList(t: Translate, inputs: SupportInputs, m: ReturnType<typeof capabilityMatrix>, row: number) {
  const blocks: Block[] = [];
  const L = capabilityLabels(t);
  const s = quoted;
  const { services, svcCol, flagCol, fibreFlag, fibRow, copRow, mFirst, R } = m;
  const gTitle = row;
  const gHead = gTitle + 1;
  const gFirst = gHead + 1;
  blocks.push(heading(gTitle, t("sheet.gaps")));
  blocks.push(
    headerRow(gHead, [
      t("sheet.site"),
      t("sheet.service"),
      t("sheet.status"),
      t("sheet.missingRequirement"),
      t("sheet.solutionsAffected"),
    ]),
  );
  if (inputs.gaps.length) {
    blocks.push({
      at: `A${gFirst}`,
      cells: inputs.gaps.map((g, k) => {
        const r = mFirst + g.site;
        const X = svcCol(g.service);
        const fib = `${flagCol(g.service)}$${fibRow}`;
        const cop = `${flagCol(g.service)}$${copRow}`;
        const missingData = `TRIM(IF(AND(${fib}=1,$${fibreFlag}$${r}=""),${s(t("field.fibre"))}&" ","")&IF(AND(${cop}>0,$C$${r}=""),${s(t("field.copperPairs"))}&" ","")&IF($D$${r}="",${s(t("field.services"))},""))`;
        return [
          inputs.sites[g.site],
          services[g.service],
          { f: `=${X}${r}` },
          {
            f: `=IF(${X}${r}=${s(L.unknown)},${s(t("sheet.missingData"))}&": "&${missingData},IF(AND(${fib}=1,$${fibreFlag}$${r}=0),${s(t("sheet.needFibreText"))},IF(${cop}>0,${s(t("sheet.needCopperText"))}&${cop},"")))`,
          },
          { f: `=IFERROR(INDEX(${R("solutions")},MATCH($B${gFirst + k},${R("service")},0))&"","")` },
        ];
      }),
    });
  }
  const gLast = gFirst + Math.max(inputs.gaps.length, 1) - 1;

  return { blocks, next: gLast + 1, first: gFirst, last: gLast };
}

/** After-sales commitments (title at `row`) with a check against our standard capability. */
function afterSalesTable(t: Translate, rows: PlanCell[][], row: number) {
  const s = quoted;
  const aTitle = row;
  const aHead = aTitle + 1;
  const afterSales = inputTable(AFTER_SALES_TABLE, rows, t, {
    row: aHead,
    spare: SPARE,
    extraHeaders: [t("sheet.check")],
  });
  afterSales.blocks.unshift(heading(aTitle, t("sheet.afterSales")));
  const { firstRow: aFirst, rows: after } = afterSales;
  afterSales.blocks.push({
    at: `H${aFirst}`,
    cells: after.map((_, i) => {
      const r = aFirst + i;
      return [
        {
          f: `=IF(A${r}="","",IF(COUNT(B${r}:F${r})<5,${s(t("sheet.incomplete"))},IF(OR(B${r}<D${r},C${r}<E${r},F${r}<1),${s(t("sheet.overPromise"))},"OK")))`,
        },
      ];
    }),
  });

  return afterSales;
}

/** How many sites carry each service now, now or after works, and need it (three rows under the matrix). */
function readyCounts(
  t: Translate,
  services: string[],
  svcCol: (j: number) => string,
  mFirst: number,
  mLast: number,
): Block {
  const L = capabilityLabels(t);
  const s = quoted;
  const ns = services.length;
  const col = (j: number) => `${svcCol(j)}${mFirst}:${svcCol(j)}${mLast}`;
  const lead = (label: string) => [label, null, null, null];
  return {
    at: `A${mLast + 1}`,
    cells: [
      [...lead(t("sheet.readyNow")), ...services.map((_, j) => ({ f: `=COUNTIF(${col(j)},${s(L.now)})` }))],
      [
        ...lead(t("sheet.possible")),
        ...services.map((_, j) => ({ f: `=COUNTIF(${col(j)},${s(L.now)})+COUNTIF(${col(j)},${s(L.works)})` })),
      ],
      [
        ...lead(t("sheet.sitesNeeding")),
        ...services.map((_, j) => ({ f: `=ROWS(${col(j)})-COUNTIF(${col(j)},${s(NOT_NEEDED)})` })),
      ],
    ],
    numberFormat: [0, 1, 2].map(() => Array<string>(4 + ns).fill("0")),
    style: { bold: true },
  };
}
