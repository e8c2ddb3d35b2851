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

function inPeriod(m: MonthIndex, p: Period): boolean {
  return m >= p.from && m <= p.to;
}

function monthsIn(rows: RevenueRow[], p: Period): Set<MonthIndex> {
  const s = new Set<MonthIndex>();
  for (const r of rows) if (inPeriod(r.month, p)) s.add(r.month);
  return s;
}

export function findCustomer(rows: RevenueRow[], key: string): RevenueRow | undefined {
  const k = key.trim();
  return (
    rows.find((r) => r.customerId === k) ??
    rows.find((r) => r.customer === k) ??
    rows.find((r) => r.customer.includes(k))
  );
}

export function analyseIndustry(rows: RevenueRow[], opts: IndustryOptions): IndustryAnalysis {
  const { period } = opts;
  const compare = opts.compare ?? null;
  const months = monthsIn(rows, period);
  const cmpMonths = compare ? monthsIn(rows, compare) : new Set<MonthIndex>();
  const n = months.size;
  const cn = cmpMonths.size;
  const missing: MonthIndex[] = [];
  for (let m = period.from; m <= period.to; m++) if (!months.has(m)) missing.push(m);

  const byIndustry = new Map<string, number>();
  const byIndustryCmp = new Map<string, number>();
  const matrix = new Map<string, Map<string, number>>();
  const byService = new Map<string, number>();
  let total = 0;
  let cmpTotal = 0;
  // One pass over the rows: every sum the step needs.
  for (const r of rows) {
    if (inPeriod(r.month, period)) {
      total += r.amount;
      byIndustry.set(r.industry, (byIndustry.get(r.industry) ?? 0) + r.amount);
      byService.set(r.service, (byService.get(r.service) ?? 0) + r.amount);
      let m = matrix.get(r.industry);
      if (!m) matrix.set(r.industry, (m = new Map()));
      m.set(r.service, (m.get(r.service) ?? 0) + r.amount);
    } else if (compare && inPeriod(r.month, compare)) {
      cmpTotal += r.amount;
      byIndustryCmp.set(r.industry, (byIndustryCmp.get(r.industry) ?? 0) + r.amount);
      if (!byIndustry.has(r.industry)) byIndustry.set(r.industry, 0);
    }
  }
  const avg = (sum: number, months: number) => (months > 0 ? sum / months : 0);
  const totalAvg = avg(total, n);
  const cmpAvg = compare ? avg(cmpTotal, cn) : null;
  const industries: IndustryShare[] = [...byIndustry.entries()].map(([industry, sum]) => {
    const a = avg(sum, n);
    const c = compare ? avg(byIndustryCmp.get(industry) ?? 0, cn) : null;
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

  const foldBelow = opts.foldBelow ?? 0;
  let folded = industries;
  if (foldBelow > 0) {
    const keep = industries.filter((i) => i.share >= foldBelow);
    const small = industries.filter((i) => i.share < foldBelow);
    if (small.length > 1) {
      const a = small.reduce((s, i) => s + i.monthlyAverage, 0);
      const c = compare ? small.reduce((s, i) => s + (i.compareAverage ?? 0), 0) : null;
      folded = [
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
  }

  const services = [...byService.entries()].sort((a, b) => b[1] - a[1]).map(([s]) => s);
  const matrixOut: Record<string, Record<string, number>> = {};
  for (const [ind, m] of matrix) {
    matrixOut[ind] = {};
    for (const s of services) matrixOut[ind][s] = avg(m.get(s) ?? 0, n);
  }

  let focus: FocusCustomer | null = null;
  const hit = opts.focus ? findCustomer(rows, opts.focus) : undefined;
  if (hit) {
    const isHim = (r: RevenueRow) => (hit.customerId ? r.customerId === hit.customerId : r.customer === hit.customer);
    const segment = hit.subIndustry || hit.industry;
    const inSegment = (r: RevenueRow) =>
      hit.subIndustry ? r.subIndustry === hit.subIndustry : r.industry === hit.industry;
    const svc = new Map<string, number>();
    let mine = 0;
    let mineCmp = 0;
    let seg = 0;
    for (const r of rows) {
      if (inPeriod(r.month, period)) {
        if (isHim(r)) {
          mine += r.amount;
          svc.set(r.service, (svc.get(r.service) ?? 0) + r.amount);
        }
        if (inSegment(r)) seg += r.amount;
      } else if (compare && inPeriod(r.month, compare) && isHim(r)) mineCmp += r.amount;
    }
    const a = avg(mine, n);
    const c = compare ? avg(mineCmp, cn) : null;
    focus = {
      id: hit.customerId,
      name: hit.customer,
      industry: hit.industry,
      subIndustry: hit.subIndustry,
      monthlyAverage: a,
      services: [...svc.entries()]
        .map(([service, sum]) => ({ service, monthlyAverage: avg(sum, n), share: a ? avg(sum, n) / a : 0 }))
        .sort((x, y) => y.monthlyAverage - x.monthlyAverage),
      segment,
      segmentAverage: avg(seg, n),
      segmentShare: seg ? mine / seg : 0,
      compareAverage: c,
      growth: c ? a / c - 1 : null,
    };
  }

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
    matrix: matrixOut,
    focus,
  };
}
