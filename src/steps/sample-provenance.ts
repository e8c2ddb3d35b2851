/**
 * Which of the sample's figures come from the original case, and from which of its pages
 * (`sample-case/README.md` and the method's notes record it; the pages are the seed text's slide
 * numbers, as everywhere in the project). The steps hand these to their layouts only when the
 * workbook is the sample (`settings.sample`), so a user's own workbook gets no source column.
 * It lives with the steps, not in src/sample: the steps and the pipeline read it, and src/sample
 * (the sample workbook's builder) sits above them.
 */
import { cellA1, intersects, rectOf, type Rect } from "../address";
import type { Translate } from "../i18n";
import type { IndustrySources } from "../layout/industry";
import type { Block, SheetPlan } from "../layout/plan";
import type { Provenance } from "../layout/provenance";
import type { BridgeSources } from "../layout/solutions";
import { maxOf } from "../arrays";

/** The case's pages for the figures the sample takes from it. */
export const CASE_PAGES = {
  /** "100%=2,560" (万元 a month, Q4 2002) and "China Mobile is 90% of carriers". */
  composition: "2",
  /** The insurance sub-industry: 100% = 45万元 a month, Ping An Life 14.2%, others 85.8%. */
  insurance: "4",
  /** Ping An's Q4-2002 monthly averages by service (total 64,007.81; the sample's rows give 64,007.80). */
  profileUsage: "9",
  /** About 5,000 yuan a month more from new DDN lines (campaign one's message). */
  newDdn: "37",
  /** The financial impact: annual growth of 23% from Ping An. */
  growth: "26",
  /** The customer's sites: address, access point, fibre, copper, services. */
  sites: "29",
} as const;

/** The sample's labels in either language (the English as `EN_LABELS` gives them). */
const is = (text: string, zh: string, en: string) => text === zh || text === en;
const PING_AN_SERVICES: [string, string][] = [
  ["市话", "Local calls"],
  ["长话", "Long distance"],
  ["17909长话", "17909 long distance"],
  ["数据", "Data"],
];

/** Step 1: the total and China Mobile's share of carriers, the focus customer's services and its insurance share. */
export function sampleIndustrySources(t: Translate): IndustrySources {
  const page = (p: string, part?: string): Provenance => (part ? { page: p, part } : { page: p });
  return {
    // Each industry's split is illustrative; the deck gives only China Mobile's share of carriers.
    industry: (x) =>
      is(x, "运营商", "Carriers") ? page(CASE_PAGES.composition, t("sheet.largestShare")) : "illustrative",
    // The comparison period (Q3) is illustrative; the period's total is the deck's.
    total: page(CASE_PAGES.composition, t("sheet.monthlyAverage")),
    focusService: (x) =>
      PING_AN_SERVICES.some(([zh, en]) => is(x, zh, en)) ? page(CASE_PAGES.profileUsage) : "illustrative",
    focusTotal: page(CASE_PAGES.profileUsage),
    segmentShare: page(CASE_PAGES.insurance),
    subIndustry: (x) =>
      is(x, "保险", "Insurance")
        ? page(CASE_PAGES.insurance, `${t("sheet.monthlyAverage")}${t("sheet.listSep")}${t("sheet.focusShareOf")}`)
        : "illustrative",
    subIndustryTotal: "illustrative",
    focusVsOthers: page(CASE_PAGES.insurance),
  };
}

/** Step 4's revenue bridge: the start (Ping An's average), the new DDN lines, and the 23% growth. */
export function sampleBridgeSources(): BridgeSources {
  return {
    start: { page: CASE_PAGES.profileUsage },
    step: (label) =>
      is(label, "营业点新增DDN收入", "New DDN revenue from new outlets") ? { page: CASE_PAGES.newDdn } : "illustrative",
    // The other two steps are chosen so that the end is the start × 1.23.
    end: "illustrative",
    growth: { page: CASE_PAGES.growth },
  };
}

/**
 * The sample's input tables that hold the case's facts: their pages, and what in them is made
 * up for the demonstration (in Chinese and English), by step and table id.
 */
const TABLE_SOURCES: Record<string, Record<string, { pages: string; invented?: [string, string] }>> = {
  industry: { factors: { pages: "5", invented: ["评分", "the scores"] } },
  competition: {
    ratings: { pages: "7", invented: ["评分", "the ratings"] },
    networkResources: { pages: "17–18" },
  },
  needs: {
    profile: { pages: "9" },
    history: { pages: "10" },
    network: { pages: "12, 20" },
    goals: { pages: "13" },
    decision: { pages: "14" },
    latent: { pages: "12" },
  },
  solutions: {
    solutions: { pages: "17–18, 23–25", invented: ["评分", "the ratings"] },
    lines: { pages: "17–18" },
    principles: { pages: "25" },
    pipeline: {
      pages: "37",
      invented: ["阶段、成交日期、负责人及O-02金额", "stages, closes, owners and O-02's value"],
    },
  },
  support: {
    afterSales: { pages: "30–31", invented: ["时限、人数与升级路径", "the hours, staff and escalation"] },
  },
  planning: {
    team: { pages: "34" },
    tasks: { pages: "33–36", invented: ["负责人分配与日期", "who does which and the dates"] },
    communication: { pages: "37, 40", invented: ["部分频率与对象", "some frequencies and audiences"] },
    visits: { pages: "38" },
    deals: { pages: "39" },
    influencers: { pages: "39" },
    progress: { pages: "39", invented: ["进展记录", "the progress entries"] },
  },
};

/** The rectangle (0-based) a block covers. */
function blockRect(b: Block): Rect {
  const { r0, c0 } = rectOf(b.at);
  const cols = maxOf(
    b.cells.map((r) => r.length),
    1,
  );
  return { r0, c0, r1: r0 + Math.max(1, b.cells.length) - 1, c1: c0 + cols - 1 };
}

/**
 * The sample only: a source line under each input table that holds the case's facts
 * ("来源：原案例第34页" / "Source: case p.34", and what in it is illustrative), on the row
 * after the table's last row when that row is free there.
 */
export function markSampleTables(plan: SheetPlan, step: string, t: Translate, lang: "zh" | "en"): void {
  const sources = TABLE_SOURCES[step];
  if (!sources) return;
  const taken = plan.blocks.map(blockRect);
  for (const loc of plan.inputTables ?? []) {
    const s = sources[loc.id];
    if (!s) continue;
    const table = rectOf(loc.range);
    const line: Rect = { r0: table.r1 + 1, r1: table.r1 + 1, c0: table.c0, c1: table.c1 };
    if (taken.some((r) => intersects(r, line))) continue;
    const pages = lang === "zh" ? s.pages.replace(/, /g, "、") : s.pages;
    const text = s.invented
      ? t("sheet.src.pagesBut", { pages, what: s.invented[lang === "zh" ? 0 : 1] })
      : t("sheet.src.page", { page: pages });
    plan.blocks.push({
      at: cellA1(line.r0, line.c0),
      cells: [[text]],
      numberFormat: "@",
      style: { fontColor: "#595959" },
    });
    taken.push(line);
  }
}
