/**
 * Step 1, industry analysis: monthly averages, composition by industry, the industry × service
 * matrix and the focus customer's service mix. Pure: the oracle the written formulas are held to.
 */
import type { MonthIndex, Period } from "../tables/period";
import type { RevenueRow } from "../tables/revenue";

export interface IndustryShare {
  industry: string;
  monthlyAverage: number;
  share: number;
  compareAverage: number | null;
  compareShare: number | null;
  /** this period ÷ comparison − 1; null without a comparison or when it was 0. */
  growth: number | null;
}

export interface ServiceShare {
  service: string;
  monthlyAverage: number;
  share: number;
}

export interface FocusCustomer {
  id: string;
  name: string;
  industry: string;
  subIndustry: string;
  monthlyAverage: number;
  services: ServiceShare[];
  /** The customer's sub-industry (or industry, when no sub-industry) monthly average. */
  segment: string;
  segmentAverage: number;
  segmentShare: number;
  compareAverage: number | null;
  growth: number | null;
  /**
   * Its industry split by sub-industry (finance → banking, securities, insurance): each
   * sub-industry's monthly average, its share of the industry, and the focus customer's share
   * of it. Empty when the table has no sub-industries.
   */
  subIndustries: { subIndustry: string; monthlyAverage: number; share: number; focusShare: number }[];
}

/** A customer's monthly average in the period (the largest-customer column reads these). */
export interface CustomerAverage {
  /** The id where the table has ids, else the name: what the formulas match on. */
  key: string;
  name: string;
  industry: string;
  monthlyAverage: number;
}

export interface IndustryAnalysis {
  period: Period;
  compare: Period | null;
  /** Distinct months of the period present in the table: the divisor of every average. */
  monthsPresent: number;
  compareMonthsPresent: number;
  missingMonths: MonthIndex[];
  total: number;
  compareTotal: number | null;
  industries: IndustryShare[];
  /** The composition with small industries folded into "other" (equal to industries when off). */
  folded: IndustryShare[];
  services: string[];
  /** matrix[industry][service] = monthly average. */
  matrix: Record<string, Record<string, number>>;
  focus: FocusCustomer | null;
  /** Every customer with revenue in the period, largest first (ties by name); averages to the cent, as the sheet's helper rounds them. */
  customers: CustomerAverage[];
  /** Each industry's largest customer and its share of the industry (China Mobile: 90% of carriers). */
  largest: Record<string, { name: string; share: number }>;
  /** One month's industry × service totals, for each month of the period present in the table. */
  byMonth: Record<number, Record<string, Record<string, number>>>;
}

export interface IndustryOptions {
  period: Period;
  compare?: Period | null;
  /** Customer id or name. */
  focus?: string | null;
  /** Fold industries whose share is below this fraction into "other"; 0 = off (default). */
  foldBelow?: number;
  otherLabel?: string;
}

/**
 * How a table keys its customers: by id where it has ids, else by name — what every formula over
 * the customer column matches on (the Industry sheet's focus, the portfolio's rows).
 */
export function customerKeying(rows: RevenueRow[]) {
  const byId = rows.some((r) => r.customerId !== "");
  return {
    field: byId ? ("customerId" as const) : ("customer" as const),
    of: (r: { customerId: string; customer: string }) => (byId ? r.customerId : r.customer),
    ofFocus: (f: { id: string; name: string } | null | undefined) => (f ? (byId ? f.id : f.name) : null),
  };
}

/**
 * The customer a typed focus means: the one with that id, else that name, else the only one
 * whose name contains the text. Several names containing it are ambiguous: undefined here, and
 * `focusCandidates` names them (the run refuses, as it refuses a tie between headers).
 */
export function findCustomer(rows: RevenueRow[], key: string): RevenueRow | undefined {
  const k = key.trim();
  const exact = rows.find((r) => r.customerId === k) ?? rows.find((r) => r.customer === k);
  if (exact || !k) return exact;
  const found = focusCandidates(rows, k);
  return found.length === 1 ? found[0].row : undefined;
}

/** The distinct customers whose name contains the text (by id where the table has ids), in table order. */
export function focusCandidates(rows: RevenueRow[], key: string): { label: string; row: RevenueRow }[] {
  const k = key.trim();
  const seen = new Map<string, { label: string; row: RevenueRow }>();
  for (const r of rows) {
    if (!k || !r.customer.includes(k)) continue;
    const id = r.customerId || r.customer;
    if (!seen.has(id)) seen.set(id, { label: r.customerId ? `${r.customer} (${r.customerId})` : r.customer, row: r });
  }
  return [...seen.values()];
}

export function analyseIndustry(rows: RevenueRow[], opts: IndustryOptions): IndustryAnalysis {
  const { period } = opts;
  const compare = opts.compare ?? null;
  const hit = opts.focus ? findCustomer(rows, opts.focus) : undefined;
  const sums = sumRows(rows, period, compare, hit);
  const n = sums.months.size;
  const cn = sums.cmpMonths.size;
  const missing: MonthIndex[] = [];
  for (let m = period.from; m <= period.to; m++) if (!sums.months.has(m)) missing.push(m);
  const byIndustry = new Map<string, number>(sums.industryNames.map((name, i) => [name, sums.indSum[i]]));
  const totalAvg = avg(sums.total, n);
  const cmpAvg = compare ? avg(sums.cmpTotal, cn) : null;
  const industries = industryShares(sums, compare !== null, n, cn, totalAvg, cmpAvg);
  const folded = foldSmall(industries, opts, compare !== null, totalAvg, cmpAvg);
  const byService = new Map<string, number>(sums.serviceNames.map((n, j) => [n, sums.svcSum[j]]));
  const services = [...byService.entries()].sort((a, b) => b[1] - a[1]).map(([s]) => s);
  const focus = hit ? focusOf(hit, sums, byIndustry, compare !== null, n, cn) : null;
  const customers = [...sums.custSum.values()]
    .map((c) => ({ ...c, monthlyAverage: Math.round(avg(c.monthlyAverage, n) * 100) / 100 }))
    .sort((x, y) => y.monthlyAverage - x.monthlyAverage || x.name.localeCompare(y.name));
  return {
    period,
    compare,
    monthsPresent: n,
    compareMonthsPresent: cn,
    missingMonths: missing,
    total: totalAvg,
    compareTotal: cmpAvg,
    industries,
    folded,
    services,
    matrix: matrixOf(sums, services, n),
    focus,
    customers,
    largest: largestOf(customers, industries),
    byMonth: byMonthOf(sums),
  };
}

/** A monthly average: the sum over the months present (0 without any). */
function avg(sum: number, months: number): number {
  return months > 0 ? sum / months : 0;
}

/**
 * Every sum the step needs, the focus customer's included, from one pass over the rows. Names are
 * numbered on first sight so that each row costs two map lookups and array additions.
 */
interface Sums {
  months: Set<MonthIndex>;
  cmpMonths: Set<MonthIndex>;
  industryIndex: Map<string, number>;
  serviceIndex: Map<string, number>;
  industryNames: string[];
  serviceNames: string[];
  /** By industry (index): the period's and the comparison's sums. */
  indSum: number[];
  indCmp: number[];
  /** By service (index). */
  svcSum: number[];
  /** cells[industry][service]: the period's sums. */
  cells: number[][];
  total: number;
  cmpTotal: number;
  /** The focus customer's sums: by service, in the period, in the comparison; its segment's. */
  focusSvc: Map<string, number>;
  mine: number;
  mineCmp: number;
  seg: number;
  custSum: Map<string, CustomerAverage>;
  /** The focus customer's industry by sub-industry, and the focus customer's part of each. */
  subSum: Map<string, number>;
  focusSub: Map<string, number>;
  /** month → industry → service → sum. */
  monthCells: Map<number, Map<string, Map<string, number>>>;
}

/** The one pass: each row in the period or in the comparison period added to its sums. */
function sumRows(rows: RevenueRow[], period: Period, compare: Period | null, hit: RevenueRow | undefined): Sums {
  const s: Sums = {
    months: new Set(),
    cmpMonths: new Set(),
    industryIndex: new Map(),
    serviceIndex: new Map(),
    industryNames: [],
    serviceNames: [],
    indSum: [],
    indCmp: [],
    svcSum: [],
    cells: [],
    total: 0,
    cmpTotal: 0,
    focusSvc: new Map(),
    mine: 0,
    mineCmp: 0,
    seg: 0,
    custSum: new Map(),
    subSum: new Map(),
    focusSub: new Map(),
    monthCells: new Map(),
  };
  const keyOf = customerKeying(rows).of;
  for (const r of rows) {
    const m = r.month;
    const here = m >= period.from && m <= period.to;
    const there = !here && compare !== null && m >= compare.from && m <= compare.to;
    if (!here && !there) continue;
    let i = s.industryIndex.get(r.industry);
    if (i === undefined) {
      i = s.industryNames.length;
      s.industryIndex.set(r.industry, i);
      s.industryNames.push(r.industry);
      s.indSum.push(0);
      s.indCmp.push(0);
      s.cells.push([]);
    }
    const him = hit !== undefined && (hit.customerId ? r.customerId === hit.customerId : r.customer === hit.customer);
    if (here) {
      addPeriodRow(s, r, i, keyOf(r));
      if (hit) addFocusRow(s, r, hit, him);
    } else {
      s.cmpTotal += r.amount;
      s.indCmp[i] += r.amount;
      s.cmpMonths.add(m);
      if (him) s.mineCmp += r.amount;
    }
  }
  return s;
}

/** A row of the period (its industry numbered `i`, its customer keyed `ck`) added to the totals, the matrix, its customer and its month. */
function addPeriodRow(s: Sums, r: RevenueRow, i: number, ck: string): void {
  let j = s.serviceIndex.get(r.service);
  if (j === undefined) {
    j = s.serviceNames.length;
    s.serviceIndex.set(r.service, j);
    s.serviceNames.push(r.service);
    s.svcSum.push(0);
  }
  s.total += r.amount;
  s.indSum[i] += r.amount;
  s.months.add(r.month);
  s.svcSum[j] += r.amount;
  s.cells[i][j] = (s.cells[i][j] ?? 0) + r.amount;
  const cust = s.custSum.get(ck);
  if (cust) cust.monthlyAverage += r.amount;
  else s.custSum.set(ck, { key: ck, name: r.customer, industry: r.industry, monthlyAverage: r.amount });
  let mc = s.monthCells.get(r.month);
  if (!mc) s.monthCells.set(r.month, (mc = new Map()));
  let mi = mc.get(r.industry);
  if (!mi) mc.set(r.industry, (mi = new Map()));
  mi.set(r.service, (mi.get(r.service) ?? 0) + r.amount);
}

/** A row of the period added to the focus customer's sums (`him`: the row is the focus customer's). */
function addFocusRow(s: Sums, r: RevenueRow, hit: RevenueRow, him: boolean): void {
  if (r.industry === hit.industry && r.subIndustry) {
    s.subSum.set(r.subIndustry, (s.subSum.get(r.subIndustry) ?? 0) + r.amount);
    if (him) s.focusSub.set(r.subIndustry, (s.focusSub.get(r.subIndustry) ?? 0) + r.amount);
  }
  if (him) {
    s.mine += r.amount;
    s.focusSvc.set(r.service, (s.focusSvc.get(r.service) ?? 0) + r.amount);
  }
  if (hit.subIndustry ? r.subIndustry === hit.subIndustry : r.industry === hit.industry) s.seg += r.amount;
}

/** The composition by industry, largest first (ties by name). */
function industryShares(
  s: Sums,
  hasCompare: boolean,
  n: number,
  cn: number,
  totalAvg: number,
  cmpAvg: number | null,
): IndustryShare[] {
  const byIndustryCmp = new Map<string, number>(s.industryNames.map((name, i) => [name, s.indCmp[i]]));
  const industries: IndustryShare[] = s.industryNames.map((industry, i) => {
    const a = avg(s.indSum[i], n);
    const c = hasCompare ? avg(byIndustryCmp.get(industry) ?? 0, cn) : null;
    return {
      industry,
      monthlyAverage: a,
      share: totalAvg ? a / totalAvg : 0,
      compareAverage: c,
      compareShare: c !== null && cmpAvg ? c / cmpAvg : null,
      growth: c ? a / c - 1 : null,
    };
  });
  industries.sort((x, y) => y.monthlyAverage - x.monthlyAverage || x.industry.localeCompare(y.industry));
  return industries;
}

/** The composition with the industries below `foldBelow` folded into one "other" (when more than one). */
function foldSmall(
  industries: IndustryShare[],
  opts: IndustryOptions,
  hasCompare: boolean,
  totalAvg: number,
  cmpAvg: number | null,
): IndustryShare[] {
  const foldBelow = opts.foldBelow ?? 0;
  if (foldBelow <= 0) return industries;
  const keep = industries.filter((i) => i.share >= foldBelow);
  const small = industries.filter((i) => i.share < foldBelow);
  if (small.length <= 1) return industries;
  const a = small.reduce((s, i) => s + i.monthlyAverage, 0);
  const c = hasCompare ? small.reduce((s, i) => s + (i.compareAverage ?? 0), 0) : null;
  return [
    ...keep,
    {
      industry: opts.otherLabel ?? "Other",
      monthlyAverage: a,
      share: totalAvg ? a / totalAvg : 0,
      compareAverage: c,
      compareShare: c !== null && cmpAvg ? c / cmpAvg : null,
      growth: c ? a / c - 1 : null,
    },
  ];
}

/** The industry × service matrix of monthly averages, over the industries with revenue in the period. */
function matrixOf(s: Sums, services: string[], n: number): Record<string, Record<string, number>> {
  const matrix = new Map<string, Map<string, number>>();
  s.industryNames.forEach((name, i) => {
    if (s.cells[i].length) matrix.set(name, new Map(s.serviceNames.map((sv, j) => [sv, s.cells[i][j] ?? 0])));
  });
  const out: Record<string, Record<string, number>> = {};
  for (const [ind, m] of matrix) {
    out[ind] = {};
    for (const sv of services) out[ind][sv] = avg(m.get(sv) ?? 0, n);
  }
  return out;
}

/** The focus customer: its average, service mix, segment share, growth and its industry by sub-industry. */
function focusOf(
  hit: RevenueRow,
  s: Sums,
  byIndustry: Map<string, number>,
  hasCompare: boolean,
  n: number,
  cn: number,
): FocusCustomer {
  const a = avg(s.mine, n);
  const c = hasCompare ? avg(s.mineCmp, cn) : null;
  return {
    id: hit.customerId,
    name: hit.customer,
    industry: hit.industry,
    subIndustry: hit.subIndustry,
    monthlyAverage: a,
    services: [...s.focusSvc.entries()]
      .map(([service, sum]) => ({ service, monthlyAverage: avg(sum, n), share: a ? avg(sum, n) / a : 0 }))
      .sort((x, y) => y.monthlyAverage - x.monthlyAverage),
    segment: hit.subIndustry || hit.industry,
    segmentAverage: avg(s.seg, n),
    segmentShare: s.seg ? s.mine / s.seg : 0,
    compareAverage: c,
    growth: c ? a / c - 1 : null,
    subIndustries: [...s.subSum.entries()]
      .map(([subIndustry, sum]) => {
        const ind = byIndustry.get(hit.industry) ?? 0;
        return {
          subIndustry,
          monthlyAverage: avg(sum, n),
          share: ind ? sum / ind : 0,
          focusShare: sum ? (s.focusSub.get(subIndustry) ?? 0) / sum : 0,
        };
      })
      .sort((x, y) => y.monthlyAverage - x.monthlyAverage || x.subIndustry.localeCompare(y.subIndustry)),
  };
}

/** Each industry's largest customer (the first of `customers`, largest first) and its share of the industry. */
function largestOf(customers: CustomerAverage[], industries: IndustryShare[]): IndustryAnalysis["largest"] {
  const largest: IndustryAnalysis["largest"] = {};
  for (const c of customers) {
    if (largest[c.industry]) continue;
    const ind = industries.find((i) => i.industry === c.industry);
    largest[c.industry] = { name: c.name, share: ind?.monthlyAverage ? c.monthlyAverage / ind.monthlyAverage : 0 };
  }
  return largest;
}

/** One month's industry × service totals, for each month of the period present. */
function byMonthOf(s: Sums): IndustryAnalysis["byMonth"] {
  const byMonth: IndustryAnalysis["byMonth"] = {};
  for (const [m, mc] of s.monthCells) {
    byMonth[m] = {};
    for (const [ind, ms] of mc) byMonth[m][ind] = Object.fromEntries(ms);
  }
  return byMonth;
}
