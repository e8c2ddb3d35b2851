/**
 * Step 4 by service line (the deck's pages 17–18: data; voice — long distance incl. 17909, local;
 * information applications): which line each revenue service belongs to, each line's current
 * annual revenue from the data, and the solutions' typed current revenue reconciled against it.
 * Pure: the oracle the Solutions sheet's line formulas are held to.
 */
type Lang = "zh" | "en";
export type LineFamily = "voice" | "data" | "apps";

/** The catalogue key of each family's label (what the lines table shows and the visit status sums by). */
export const FAMILY_LABEL = {
  voice: "sheet.family.voice",
  data: "sheet.family.data",
  apps: "sheet.family.apps",
} as const satisfies Record<LineFamily, string>;

export interface LineDefinition {
  line: string;
  family: LineFamily;
}

/**
 * The deck's four lines, in its order, with the words that put a service on each (first match wins:
 * a long-distance circuit, 省际长途电路, is data, as on the deck's page 17).
 */
const LINES: Record<Lang, (LineDefinition & { match: RegExp })[]> = {
  zh: [
    { line: "数据业务", family: "data", match: /数据|DDN|帧中继|ATM|X\.25|专线|电路|网元|出租|分组/i },
    { line: "语音：长话（含17909）", family: "voice", match: /17909|长话|长途|国际|IP电话/ },
    { line: "语音：市话", family: "voice", match: /市话|本地|固话|电话|语音/ },
    { line: "信息化应用", family: "apps", match: /互联网|宽带|上网|视频|会议|应用|无线|VPDN/i },
  ],
  en: [
    { line: "Data", family: "data", match: /data|ddn|frame|atm|x\.25|leas|circuit|packet/i },
    { line: "Voice: long distance (incl. 17909)", family: "voice", match: /17909|long|international|\bip\b/i },
    { line: "Voice: local", family: "voice", match: /local|phone|voice|fixed/i },
    { line: "IT applications", family: "apps", match: /internet|broadband|video|conferenc|app|wireless|vpdn/i },
  ],
};

export function defaultLines(lang: Lang): LineDefinition[] {
  return LINES[lang].map(({ line, family }) => ({ line, family }));
}

/** The line a revenue service belongs to by its name (either language's words), or "" when none fits. */
export function lineOf(service: string, lang: Lang): string {
  for (let i = 0; i < LINES[lang].length; i++) {
    if (LINES.zh[i].match.test(service) || LINES.en[i].match.test(service)) return LINES[lang][i].line;
  }
  return "";
}

/** The deck's implementation principles (its page 25), pre-filled for the analyst to edit. */
export const DEFAULT_PRINCIPLES: Record<Lang, string[]> = {
  zh: [
    "各项方案的推出应按照盈利大小、竞争态势和可行性分阶段实施",
    "中、长期方案推出较晚，但要在近期做好充分准备，并保证一定的灵活性",
    "与客户相应的决策层保持密切沟通，确保方案的灵活性和在不同时期的可行性",
  ],
  en: [
    "Launch the measures in phases, by profit, competitive situation and feasibility",
    "Mid- and long-term measures launch later, but prepare them fully now and keep them flexible",
    "Keep in close touch with the customer's decision makers, so each measure stays feasible over time",
  ],
};

export interface LineFigure {
  line: string;
  family: string;
  /** The focus customer's current annual revenue on the line: its services' monthly averages × 12. */
  annualRevenue: number;
  /** The solutions' typed current annual revenue on the line. */
  solutionsRevenue: number;
  /** solutions ÷ data − 1; null when the data has nothing on the line. */
  difference: number | null;
  /** More than 10% apart. */
  flagged: boolean;
}

/** Each line's figures, as the sheet's formulas compute them. */
export function lineFigures(
  lines: { line: string; family: string }[],
  services: { service: string; monthlyAverage: number }[],
  map: Map<string, string>,
  solutions: { line: string; annualRevenue: number | null }[],
): LineFigure[] {
  return lines.map(({ line, family }) => {
    const annualRevenue =
      12 * services.filter((s) => map.get(s.service) === line).reduce((a, s) => a + s.monthlyAverage, 0);
    const solutionsRevenue = solutions.filter((s) => s.line === line).reduce((a, s) => a + (s.annualRevenue ?? 0), 0);
    const difference = annualRevenue ? solutionsRevenue / annualRevenue - 1 : null;
    return {
      line,
      family,
      annualRevenue,
      solutionsRevenue,
      difference,
      flagged: difference !== null && Math.abs(difference) > 0.1,
    };
  });
}
