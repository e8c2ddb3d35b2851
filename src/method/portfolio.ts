/**
 * The portfolio (issue 22): every customer of the revenue table on one sheet, to choose which key
 * accounts to plan. Pure: the oracle the Portfolio sheet's formulas are held to.
 *
 * Per customer: its monthly average in the period and the comparison period (sum ÷ the months of
 * each period present in the table, as the Industry sheet divides), growth, share of its segment
 * (sub-industry, or industry without one: the sum of the segment's customers on the sheet), and
 * how many of the table's services it bought in the period, and its wallet (issue 29 item 4): the
 * account's whole telecom spend a month, with every operator — the analyst's figure where typed,
 * else an estimate: the largest of what it pays us, what its employees spend (the Needs sheet, for
 * the focus account) and what its sub-industry's peers pay us on average (a peer is another account
 * of the segment; at least MIN_PEERS of them, else the peers give no estimate). Share of wallet = our average ÷ the wallet; the rest is what rivals hold.
 *
 * Non-customers (a residual bucket such as "福州大客户本部零星业务", an aggregate or total row)
 * are flagged — by the analyst, pre-flagged by their names — and left out of the ranking: no
 * scores, no rank, no quadrant, and not counted in the others' revenue percentile.
 *
 * Four scores of 0–5 for each customer —
 *   revenue     5 × the share of the other customers with a smaller average (a percentile: one
 *               very large account does not flatten every other score);
 *   growth      5 × (growth + 25%) ÷ 50%, held within 0–5 (−25% or less: 0, flat: 2.5,
 *               +25% or more: 5; no comparison: 2.5);
 *   whitespace  5 × (1 − services used ÷ services in the table): room to sell more services;
 *   wallet      5 × (1 − share of wallet): the part of its spend rivals hold, to win —
 * weighted (the analyst's weights) into an attractiveness of 0–5. With the analyst's relationship
 * score (1–5) each account falls in a quadrant: invest (attractive, strong relationship), build
 * (attractive, weak), maintain (less attractive, strong), monitor (neither); unrated accounts are
 * "rate"; non-customers "excluded".
 */
import type { Period } from "../tables/period";
import type { RevenueRow } from "../tables/revenue";
import { customerKeying } from "./industry";

export interface PortfolioWeights {
  revenue: number;
  growth: number;
  whitespace: number;
  wallet: number;
}

export const DEFAULT_WEIGHTS: PortfolioWeights = { revenue: 0.4, growth: 0.2, whitespace: 0.1, wallet: 0.3 };
/** Attractiveness counts as high from this score; a relationship as strong from this one. */
export const DEFAULT_THRESHOLDS = { attractive: 2.5, strong: 3 };

/**
 * The peers' mean pre-fills a wallet only where the segment has this many other accounts: the
 * mean of one or two peers is no benchmark (a mobile carrier's one peer may be ten times its size).
 */
export const MIN_PEERS = 3;

export type Quadrant = "invest" | "build" | "maintain" | "monitor" | "rate" | "excluded";
export const QUADRANTS: readonly Quadrant[] = ["invest", "build", "maintain", "monitor", "rate", "excluded"];

/**
 * Names that say a row is not one customer: a residual or sundry bucket, an aggregate, a total.
 * Pre-flags only: the analyst's flag (or its removal) wins.
 */
export const NON_CUSTOMER_NAME =
  /零星|散户|其[他它]客户|未归属|杂项|合计|小计|总计|汇总|\b(?:misc(?:ellaneous)?|sundry|sundries|residual|unallocated|other customers|total|subtotal)\b/i;

export function looksLikeNonCustomer(name: string): boolean {
  return NON_CUSTOMER_NAME.test(name);
}

export interface PortfolioAccount {
  /** The id where the table has ids, else the name: what the formulas match on. */
  key: string;
  name: string;
  industry: string;
  /** The sub-industry, or the industry where the table has none. */
  segment: string;
  average: number;
  compareAverage: number;
  /** average ÷ compareAverage − 1; null when the comparison is 0. */
  growth: number | null;
  /** Share of its segment's total on the sheet; null when the segment's total is 0. */
  segmentShare: number | null;
  services: number;
  /** A residual bucket, an aggregate or total row: left out of the ranking. */
  nonCustomer: boolean;
  /** The analyst's wallet (yuan a month), or null: the estimate stands. */
  walletInput: number | null;
  /** The estimate: max(our average, the employees' spend where known, the segment peers' mean). */
  walletEstimate: number;
  /** The wallet in force: the analyst's, else the estimate. */
  wallet: number;
  /** average ÷ wallet; null when the wallet is 0. */
  shareOfWallet: number | null;
  revenueScore: number | null;
  growthScore: number | null;
  whitespaceScore: number | null;
  walletScore: number | null;
  /** Null for a non-customer. */
  attractiveness: number | null;
  relationship: number | null;
  quadrant: Quadrant;
  /** 1 = most attractive; ties share a rank; null for a non-customer. */
  rank: number | null;
}

export interface PortfolioOptions {
  period: Period;
  compare: Period | null;
  /** Months of each period present in the table (the Industry sheet's divisors). */
  months: number;
  compareMonths: number;
  weights?: PortfolioWeights;
  thresholds?: { attractive: number; strong: number };
  /** The analyst's relationship scores (1–5) by customer key. */
  relationships?: Record<string, number>;
  /** Keys kept from an earlier sheet (the analyst's rows) for customers no longer in the table. */
  extraKeys?: string[];
  /** The analyst's non-customer flags by key (true / false); a key without one is pre-flagged by its name. */
  nonCustomers?: Record<string, boolean>;
  /** The analyst's wallets (yuan a month) by key. */
  wallets?: Record<string, number>;
  /** The employees' telecom spend a month (the Needs sheet) of one account, the focus. */
  employeesSpend?: { key: string; monthly: number };
}

export interface Portfolio {
  accounts: PortfolioAccount[];
  /** Services in the table: the whitespace score's denominator. */
  services: string[];
  counts: Record<Quadrant, number>;
  /** Customers ranked (non-customers left out). */
  ranked: number;
}

/**
 * ROUND(x, 4) as the sheet computes it (the engine's ROUND: scaled, rounded half up, away from 0):
 * rounded, the attractiveness reads back exactly through the rank's ">"&value criterion.
 */
export function round4(x: number): number {
  return x < 0 ? -Math.round(-x * 1e4) / 1e4 : Math.round(x * 1e4) / 1e4;
}

/**
 * ROUND(x, 6) as the sheet computes it. The revenue percentile compares averages to a millionth:
 * two customers whose sums are equal are a tie whatever order their amounts were added in (the
 * sheet's SUMIFS adds them in another order than this model, and a last-bit difference would
 * count one below the other).
 */
export function round6(x: number): number {
  return x < 0 ? -Math.round(-x * 1e6) / 1e6 : Math.round(x * 1e6) / 1e6;
}

/** The growth score: 5 × (g + 25%) ÷ 50%, held within 0–5; 2.5 without a comparison. */
export function growthScore(growth: number | null): number {
  return growth === null ? 2.5 : 5 * Math.min(1, Math.max(0, (growth + 0.25) / 0.5));
}

export function quadrantOf(
  attractiveness: number,
  relationship: number | null,
  t: { attractive: number; strong: number },
): Quadrant {
  if (relationship === null) return "rate";
  const high = attractiveness >= t.attractive;
  const strong = relationship >= t.strong;
  return high ? (strong ? "invest" : "build") : strong ? "maintain" : "monitor";
}

export function analysePortfolio(rows: RevenueRow[], o: PortfolioOptions): Portfolio {
  const { accounts, services } = sumAccounts(rows, o);
  const list = [...accounts.values()].map((a) => accountFigures(a, services, o));
  // The revenue percentile counts customers only, their averages to a millionth (round6).
  const sorted = list
    .filter((x) => !x.nonCustomer)
    .map((x) => round6(x.average))
    .sort((p, q) => p - q);
  const scoring: Scoring = {
    o,
    w: o.weights ?? DEFAULT_WEIGHTS,
    th: o.thresholds ?? DEFAULT_THRESHOLDS,
    services,
    sorted,
    segments: segmentsOf(list),
  };
  const out = list.map((x) => scoreAccount(x, scoring));
  rankAccounts(out);
  const counts = Object.fromEntries(QUADRANTS.map((q) => [q, 0])) as Record<Quadrant, number>;
  for (const x of out) counts[x.quadrant]++;
  return { accounts: out, services, counts, ranked: sorted.length };
}

/** An account's sums over the table: the period's and the comparison's, and the period's by service. */
interface Acc {
  key: string;
  name: string;
  industry: string;
  segment: string;
  sum: number;
  cmp: number;
  bought: Map<string, number>;
}

/** Every account of the table (and the analyst's extra keys) with its sums, and the table's services in order. */
function sumAccounts(rows: RevenueRow[], o: PortfolioOptions): { accounts: Map<string, Acc>; services: string[] } {
  const keyOf = customerKeying(rows).of;
  const services: string[] = [];
  const seenService = new Set<string>();
  const accounts = new Map<string, Acc>();
  for (const r of rows) {
    if (!seenService.has(r.service)) {
      seenService.add(r.service);
      services.push(r.service);
    }
    const key = keyOf(r);
    let a = accounts.get(key);
    if (!a) {
      a = {
        key,
        name: r.customer,
        industry: r.industry,
        segment: r.subIndustry || r.industry,
        sum: 0,
        cmp: 0,
        bought: new Map(),
      };
      accounts.set(key, a);
    }
    if (r.month >= o.period.from && r.month <= o.period.to) {
      a.sum += r.amount;
      a.bought.set(r.service, (a.bought.get(r.service) ?? 0) + r.amount);
    } else if (o.compare && r.month >= o.compare.from && r.month <= o.compare.to) a.cmp += r.amount;
  }
  for (const k of o.extraKeys ?? [])
    if (!accounts.has(k))
      accounts.set(k, { key: k, name: k, industry: "", segment: "", sum: 0, cmp: 0, bought: new Map() });
  return { accounts, services };
}

/** An account's averages, growth, services used, and whether it is a customer at all. */
function accountFigures(a: Acc, services: string[], o: PortfolioOptions) {
  const average = o.months ? a.sum / o.months : 0;
  const compareAverage = o.compareMonths ? a.cmp / o.compareMonths : 0;
  return {
    a,
    average,
    compareAverage,
    growth: compareAverage === 0 ? null : average / compareAverage - 1,
    // A service counts as used when the customer's revenue on it in the period is above 0.
    services: services.filter((s) => (a.bought.get(s) ?? 0) > 0).length,
    nonCustomer: o.nonCustomers?.[a.key] ?? looksLikeNonCustomer(a.name),
  };
}

type AccountFigures = ReturnType<typeof accountFigures>;

/**
 * Each segment's total and number of accounts. Segments compare as Excel's "=" does:
 * case-insensitively. Every account of a segment counts (what the segment pays us), and each is a
 * peer of the others for the wallet's estimate.
 */
function segmentsOf(list: AccountFigures[]): { total: Map<string, number>; count: Map<string, number> } {
  const total = new Map<string, number>();
  const count = new Map<string, number>();
  for (const x of list) {
    const s = x.a.segment.toLowerCase();
    total.set(s, (total.get(s) ?? 0) + x.average);
    count.set(s, (count.get(s) ?? 0) + 1);
  }
  return { total, count };
}

/** What scoring an account reads: the options, the weights and thresholds in force, the services, the customers' sorted averages, the segments. */
interface Scoring {
  o: PortfolioOptions;
  w: PortfolioWeights;
  th: { attractive: number; strong: number };
  services: string[];
  sorted: number[];
  segments: ReturnType<typeof segmentsOf>;
}

/** How many of the sorted averages are strictly below v (binary search). */
function countBelow(sorted: number[], v: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid] < v) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** An account with its segment share, wallet and — a customer only — its scores, attractiveness and quadrant (rank 0: set later). */
function scoreAccount(x: AccountFigures, c: Scoring): PortfolioAccount {
  const { o, w, services } = c;
  const seg = c.segments.total.get(x.a.segment.toLowerCase()) ?? 0;
  const peers = (c.segments.count.get(x.a.segment.toLowerCase()) ?? 1) - 1;
  const peerMean = peers >= MIN_PEERS ? (seg - x.average) / peers : 0;
  const employees = o.employeesSpend && o.employeesSpend.key === x.a.key ? o.employeesSpend.monthly : 0;
  const walletEstimate = Math.max(x.average, employees, peerMean);
  const walletInput = o.wallets?.[x.a.key] ?? null;
  const wallet = walletInput ?? walletEstimate;
  const shareOfWallet = wallet > 0 ? x.average / wallet : null;
  const base = {
    key: x.a.key,
    name: x.a.name,
    industry: x.a.industry,
    segment: x.a.segment,
    average: x.average,
    compareAverage: x.compareAverage,
    growth: x.growth,
    segmentShare: seg ? x.average / seg : null,
    services: x.services,
    nonCustomer: x.nonCustomer,
    walletInput,
    walletEstimate,
    wallet,
    shareOfWallet,
  };
  if (x.nonCustomer)
    return {
      ...base,
      revenueScore: null,
      growthScore: null,
      whitespaceScore: null,
      walletScore: null,
      attractiveness: null,
      relationship: o.relationships?.[x.a.key] ?? null,
      quadrant: "excluded" as const,
      rank: null,
    };
  const n = c.sorted.length;
  const weightSum = w.revenue + w.growth + w.whitespace + w.wallet;
  const revenueScore = n > 1 ? (5 * countBelow(c.sorted, round6(x.average))) / (n - 1) : 0;
  const gScore = growthScore(x.growth);
  const whitespaceScore = services.length ? 5 * (1 - x.services / services.length) : 0;
  const walletScore = shareOfWallet === null ? 0 : 5 * (1 - Math.min(1, shareOfWallet));
  const attractiveness = round4(
    weightSum > 0
      ? (w.revenue * revenueScore + w.growth * gScore + w.whitespace * whitespaceScore + w.wallet * walletScore) /
          weightSum
      : 0,
  );
  const relationship = o.relationships?.[x.a.key] ?? null;
  return {
    ...base,
    revenueScore,
    growthScore: gScore,
    whitespaceScore,
    walletScore,
    attractiveness,
    relationship,
    quadrant: quadrantOf(attractiveness, relationship, c.th),
    rank: 0,
  };
}

/** Sorts the accounts (customers most attractive first, then the non-customers by average) and ranks the customers. */
function rankAccounts(out: PortfolioAccount[]): void {
  out.sort(
    (p, q) =>
      Number(p.nonCustomer) - Number(q.nonCustomer) ||
      (q.attractiveness ?? 0) - (p.attractiveness ?? 0) ||
      q.average - p.average ||
      (p.key < q.key ? -1 : 1),
  );
  // Rank = 1 + how many customers are strictly more attractive (ties share a rank), over the sorted list.
  out.forEach((x, i) => {
    if (x.nonCustomer) return;
    x.rank = i > 0 && out[i - 1].attractiveness === x.attractiveness ? out[i - 1].rank : i + 1;
  });
}
