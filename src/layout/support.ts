/**
 * The "5 支撑能力 / 5 Support" sheet: the service-requirement input table, the site × service
 * capability matrix by formulas over the user's site table (carried now / after works / not
 * possible / unknown), ready counts per service, readiness per site, the gap list with the
 * solutions each gap affects, and the after-sales commitments with their check.
 */
import type { Translate } from "../i18n";
import type { Capability } from "../method/support";
import { columnLetter } from "../address";
import { defineTable, heading, headerRow, inputTable, quoted, sentence, SheetBuilder, titleBlock } from "./kit";
import type { Block, PlanCell, SheetPlan } from "./plan";

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
  /** Gaps found by the model: (site index, service index). */
  gaps: { site: number; service: number }[];
  /** After-sales rows: service, promised response h, promised repair h, standard response h, standard repair h, staff, escalation. */
  afterSales: PlanCell[][];
  note?: string;
  /** The analyst's own implications (Refresh reads them back). */
  implications?: PlanCell[][];
}

export interface SupportCells {
  requirementFirstRow: number;
  matrixHeaderRow: number;
  matrixFirstRow: number;
  firstServiceColumn: string;
  nowCountRow: number;
  possibleCountRow: number;
  gapFirstRow: number;
  afterSalesFirstRow: number;
}

const SPARE = 3;

export function capabilityLabels(t: Translate): Record<Capability, string> {
  return {
    now: t("sheet.cap.now"),
    works: t("sheet.cap.works"),
    no: t("sheet.cap.no"),
    unknown: t("sheet.cap.unknown"),
  };
}

export function buildSupportPlan(
  t: Translate,
  refs: SiteRefs,
  inputs: SupportInputs,
): { plan: SheetPlan; cells: SupportCells } {
  const sheet = new SheetBuilder();
  const L = capabilityLabels(t);
  const s = quoted;
  sheet.add(titleBlock(t("sheet.support.title"), inputs.note));
  // Requirements (title row 3, header row 4).
  const requirements = inputTable(REQUIREMENTS_TABLE, inputs.requirements, t, { row: 4, spare: SPARE });
  requirements.blocks.unshift(heading(3, t("sheet.requirements")));
  sheet.add(requirements);
  const m = capabilityMatrix(t, refs, inputs, requirements, requirements.lastRow + 3);
  sheet.add(m);
  const { svcCol, readyCol, mFirst, mLast, mHead, nowRow, possRow } = m;
  const gaps = gapList(t, inputs, m, possRow + 3);
  sheet.add(gaps);
  const after = afterSalesTable(t, inputs.afterSales, gaps.last + 3);
  sheet.add(after);
  const { firstRow: aFirst, lastRow: aLast } = after;
  const ns = m.services.length;
  const gFirst = gaps.first;
  const row = (r: number) => (ns ? `$${svcCol(0)}$${r}:$${svcCol(ns - 1)}$${r}` : `$G$${r}`);
  sheet.addImplications(t, "support", {
    row: 3,
    col: 5,
    width: 8,
    purpose: t("step.support.purpose"),
    sentences: [
      sentence(t("impl.support.gaps"), {
        services: String(ns),
        none: `COUNTIF(${row(nowRow)},0)`,
        after: `SUMPRODUCT((${row(nowRow)}=0)*(${row(possRow)}>0))`,
      }),
      sentence(t("impl.support.ready"), {
        ready: `TEXT(AVERAGE($${readyCol}$${mFirst}:$${readyCol}$${mLast}),"0%")`,
      }),
    ],
    previous: inputs.implications,
  });
  const matrix = ns ? `${svcCol(0)}${mFirst}:${svcCol(ns - 1)}${mLast}` : `G${mFirst}:G${mLast}`;
  const cf = (label: string, fill: string) => ({
    range: matrix,
    type: "custom" as const,
    formula: `=${svcCol(0)}${mFirst}=${s(label)}`,
    fill,
  });
  const plan: SheetPlan = sheet.plan(t("sheet.support.name"), "support", {
    columnWidths: { A: 130, B: 70, C: 60, D: 200, E: 50, F: 60 },
    freezeRows: 1,
    conditionalFormats: [
      { ...cf(L.now, "#C6EFCE"), formula: `=${svcCol(0)}${mFirst}=${s(L.now)}` },
      cf(L.works, "#FFEB9C"),
      cf(L.no, "#FFC7CE"),
      cf(L.unknown, "#D9D9D9"),
      {
        range: `H${aFirst}:H${aLast}`,
        type: "custom",
        formula: `=AND(H${aFirst}<>"",H${aFirst}<>"OK")`,
        fontColor: "#C00000",
      },
    ],
    names: {
      SixStep_SiteCount: `A${mFirst}:A${mLast}`,
      SixStep_Readiness: `${readyCol}${mFirst}:${readyCol}${mLast}`,
    },
  });
  return {
    plan,
    cells: {
      requirementFirstRow: requirements.firstRow,
      matrixHeaderRow: mHead,
      matrixFirstRow: mFirst,
      firstServiceColumn: svcCol(0),
      nowCountRow: nowRow,
      possibleCountRow: possRow,
      gapFirstRow: gFirst,
      afterSalesFirstRow: aFirst,
    },
  };
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
    columnWidths: { A: 130, B: 70, C: 60, D: 200, E: 50, F: 60 },
    freezeRows: 1,
  });
  return { plan };
}

/** The site × service matrix (title at `row`): what each site can carry, by formula over the site table. */
function capabilityMatrix(
  t: Translate,
  refs: SiteRefs,
  inputs: SupportInputs,
  requirements: { firstRow: number; lastRow: number },
  row: number,
) {
  const blocks: Block[] = [];
  const L = capabilityLabels(t);
  const s = quoted;
  const YES = t("sheet.yes");
  const { firstRow: qFirst, lastRow: qLast } = requirements;
  const R = (c: string) => `$${c}$${qFirst}:$${c}$${qLast}`;
  const services = inputs.requirements.map((r) => String(r[0] ?? "")).filter(Boolean);
  const ns = services.length;
  const svcCol = (j: number) => columnLetter(6 + j);
  const readyCol = columnLetter(6 + ns);
  const mTitle = row;
  const mHead = mTitle + 1;
  const fibRow = mHead + 1;
  const copRow = mHead + 2;
  const mFirst = mHead + 3;
  const mLast = mFirst + inputs.sites.length - 1;
  blocks.push(heading(mTitle, t("sheet.capability")));
  blocks.push(
    headerRow(mHead, [
      t("sheet.site"),
      t("field.fibre"),
      t("field.copperPairs"),
      t("field.services"),
      t("sheet.fibreFlag"),
      t("sheet.servicesKey"),
      ...services,
      t("sheet.readiness"),
      t("sheet.readinessAfterWorks"),
    ]),
  );
  blocks.push({
    at: `A${fibRow}`,
    cells: [
      [
        t("sheet.needsFibre"),
        null,
        null,
        null,
        null,
        null,
        ...services.map((_, j) => ({
          f: `=IFERROR(IF(INDEX(${R("B")},MATCH(${svcCol(j)}$${mHead},${R("A")},0))=${s(YES)},1,0),0)`,
        })),
      ],
      [
        t("sheet.minCopper"),
        null,
        null,
        null,
        null,
        null,
        ...services.map((_, j) => ({ f: `=IFERROR(N(INDEX(${R("C")},MATCH(${svcCol(j)}$${mHead},${R("A")},0))),0)` })),
      ],
    ],
    numberFormat: [0, 1].map(() => Array<string>(6 + ns).fill("0")),
    style: { fontColor: "#7F7F7F" },
  });
  const look = (ref: string | undefined, r: number, asText: boolean) => {
    if (!ref) return '=""';
    const hit = `INDEX(${ref},MATCH($A${r},${refs.site},0))`;
    return asText ? `=IFERROR(${hit}&"","")` : `=IFERROR(IF(${hit}="","",${hit}),"")`;
  };
  // The services as ";DDN;ISDN;": every separator the site table may use becomes ";", which no
  // search mode treats as special (LibreOffice may read SEARCH's text as a regular expression).
  const key = (r: number) =>
    `=IF(D${r}="","",";"&SUBSTITUTE(SUBSTITUTE(SUBSTITUTE(SUBSTITUTE(SUBSTITUTE(SUBSTITUTE(SUBSTITUTE(D${r}," ",""),"、",";"),",",";"),"，",";"),"；",";"),"/",";"),CHAR(10),";")&";")`;
  const yesForms = ["有", "是", "yes", "y", "✓", "✔", "TRUE", "1"].map((x) => `B{r}=${s(x)}`);
  blocks.push({
    at: `A${mFirst}`,
    cells: inputs.sites.map((site, i) => {
      const r = mFirst + i;
      return [
        site,
        { f: look(refs.fibre, r, true) },
        { f: look(refs.copper, r, false) },
        { f: look(refs.services, r, true) },
        { f: `=IF(B${r}="","",IF(OR(${yesForms.join(",").replace(/\{r\}/g, String(r))}),1,0))` },
        { f: key(r) },
        ...services.map((_, j) => {
          const X = svcCol(j);
          const carried = `AND($F${r}<>"",ISNUMBER(SEARCH(";"&SUBSTITUTE(${X}$${mHead}," ","")&";",$F${r})))`;
          const fails = `OR(AND(${X}$${fibRow}=1,$E${r}=0),AND(${X}$${copRow}>0,$C${r}<>"",N($C${r})<${X}$${copRow}))`;
          const known = `AND(OR(${X}$${fibRow}=0,$E${r}<>""),OR(${X}$${copRow}<=0,$C${r}<>""))`;
          return {
            f: `=IF(${carried},${s(L.now)},IF(${fails},${s(L.no)},IF(${known},${s(L.works)},${s(L.unknown)})))`,
          };
        }),
        // Readiness now, and after works; a site whose data is missing is unknown, not 0%.
        ...(() => {
          if (!ns) return ['=""', '=""'].map((f) => ({ f }));
          const cells = `${svcCol(0)}${r}:${svcCol(ns - 1)}${r}`;
          const unknown = `COUNTIF(${cells},${s(L.unknown)})=${ns}`;
          const now = `COUNTIF(${cells},${s(L.now)})`;
          return [
            { f: `=IF(${unknown},${s(L.unknown)},${now}/${ns})` },
            { f: `=IF(${unknown},${s(L.unknown)},(${now}+COUNTIF(${cells},${s(L.works)}))/${ns})` },
          ];
        })(),
      ];
    }),
    numberFormat: inputs.sites.map(() => ["@", "@", "0", "@", "0", "@", ...services.map(() => "@"), "0%", "0%"]),
  });
  // Ready counts per service, under the sites.
  const nowRow = mLast + 1;
  const possRow = mLast + 2;
  blocks.push(readyCounts(t, services, svcCol, mFirst, mLast));
  return {
    blocks,
    next: possRow + 1,
    services,
    svcCol,
    readyCol,
    mHead,
    fibRow,
    copRow,
    mFirst,
    mLast,
    nowRow,
    possRow,
    R,
  };
}

/** The gap list (title at `row`): each (site, service) the model found not possible or unknown, live by formula. */
function gapList(t: Translate, inputs: SupportInputs, m: ReturnType<typeof capabilityMatrix>, row: number) {
  const blocks: Block[] = [];
  const L = capabilityLabels(t);
  const s = quoted;
  const { services, svcCol, fibRow, copRow, mFirst, R } = m;
  // Gap list: each (site, service) the model found not possible or unknown, live by formula.
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
      cells: inputs.gaps.map((g) => {
        const r = mFirst + g.site;
        const X = svcCol(g.service);
        const missingData = `TRIM(IF(AND(${X}$${fibRow}=1,$E$${r}=""),${s(t("field.fibre"))}&" ","")&IF(AND(${X}$${copRow}>0,$C$${r}=""),${s(t("field.copperPairs"))}&" ","")&IF($F$${r}="",${s(t("field.services"))},""))`;
        return [
          inputs.sites[g.site],
          services[g.service],
          { f: `=${X}${r}` },
          {
            f: `=IF(${X}${r}=${s(L.unknown)},${s(t("sheet.missingData"))}&": "&${missingData},IF(AND(${X}$${fibRow}=1,$E$${r}=0),${s(t("sheet.needFibreText"))},IF(${X}$${copRow}>0,${s(t("sheet.needCopperText"))}&${X}$${copRow},"")))`,
          },
          { f: `=IFERROR(INDEX(${R("D")},MATCH($B${gFirst + inputs.gaps.indexOf(g)},${R("A")},0))&"","")` },
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

/** How many sites carry each service now, and now or after works (two rows under the matrix). */
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
  const lead = (label: string) => [label, null, null, null, null, null];
  return {
    at: `A${mLast + 1}`,
    cells: [
      [...lead(t("sheet.readyNow")), ...services.map((_, j) => ({ f: `=COUNTIF(${col(j)},${s(L.now)})` }))],
      [
        ...lead(t("sheet.possible")),
        ...services.map((_, j) => ({ f: `=COUNTIF(${col(j)},${s(L.now)})+COUNTIF(${col(j)},${s(L.works)})` })),
      ],
    ],
    numberFormat: [0, 1].map(() => Array<string>(6 + ns).fill("0")),
    style: { bold: true },
  };
}
