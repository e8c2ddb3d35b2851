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
  const months = new Set<MonthIndex>();
  const cmpMonths = new Set<MonthIndex>();

  // One pass over the rows for every sum the step needs, the focus customer's included. Names are
  // numbered on first sight so that each row costs two map lookups and array additions.
  const industryIndex = new Map<string, number>();
  const serviceIndex = new Map<string, number>();
  const industryNames: string[] = [];
  const serviceNames: string[] = [];
  const indSum: number[] = [];
  const indCmp: number[] = [];
  const svcSum: number[] = [];
  const cells: number[][] = [];
  let total = 0;
  let cmpTotal = 0;
  const hit = opts.focus ? findCustomer(rows, opts.focus) : undefined;
  const focusSvc = new Map<string, number>();
  let mine = 0;
  let mineCmp = 0;
  let seg = 0;
  const custSum = new Map<string, CustomerAverage>();
  const subSum = new Map<string, number>();
  const focusSub = new Map<string, number>();
  const monthCells = new Map<number, Map<string, Map<string, number>>>();
  const keyOf = customerKeying(rows).of;
  for (const r of rows) {
    const m = r.month;
    const here = m >= period.from && m <= period.to;
    const there = !here && compare !== null && m >= compare.from && m <= compare.to;
    if (!here && !there) continue;
    let i = industryIndex.get(r.industry);
    if (i === undefined) {
      i = industryNames.length;
      industryIndex.set(r.industry, i);
      industryNames.push(r.industry);
      indSum.push(0);
      indCmp.push(0);
      cells.push([]);
    }
    const him = hit !== undefined && (hit.customerId ? r.customerId === hit.customerId : r.customer === hit.customer);
    if (here) {
      let j = serviceIndex.get(r.service);
      if (j === undefined) {
        j = serviceNames.length;
        serviceIndex.set(r.service, j);
        serviceNames.push(r.service);
        svcSum.push(0);
      }
      total += r.amount;
      indSum[i] += r.amount;
      months.add(m);
      svcSum[j] += r.amount;
      cells[i][j] = (cells[i][j] ?? 0) + r.amount;
      const ck = keyOf(r);
      const cust = custSum.get(ck);
      if (cust) cust.monthlyAverage += r.amount;
      else custSum.set(ck, { key: ck, name: r.customer, industry: r.industry, monthlyAverage: r.amount });
      let mc = monthCells.get(m);
      if (!mc) monthCells.set(m, (mc = new Map()));
      let mi = mc.get(r.industry);
      if (!mi) mc.set(r.industry, (mi = new Map()));
      mi.set(r.service, (mi.get(r.service) ?? 0) + r.amount);
      if (hit) {
        if (r.industry === hit.industry && r.subIndustry) {
          subSum.set(r.subIndustry, (subSum.get(r.subIndustry) ?? 0) + r.amount);
          if (him) focusSub.set(r.subIndustry, (focusSub.get(r.subIndustry) ?? 0) + r.amount);
        }
        if (him) {
          mine += r.amount;
          focusSvc.set(r.service, (focusSvc.get(r.service) ?? 0) + r.amount);
        }
        if (hit.subIndustry ? r.subIndustry === hit.subIndustry : r.industry === hit.industry) seg += r.amount;
      }
    } else {
      cmpTotal += r.amount;
      indCmp[i] += r.amount;
      cmpMonths.add(m);
      if (him) mineCmp += r.amount;
    }
  }
  const n = months.size;
  const cn = cmpMonths.size;
  const missing: MonthIndex[] = [];
  for (let m = period.from; m <= period.to; m++) if (!months.has(m)) missing.push(m);
  const byIndustry = new Map<string, number>(industryNames.map((name, i) => [name, indSum[i]]));
  const byIndustryCmp = new Map<string, number>(industryNames.map((name, i) => [name, indCmp[i]]));
  const byService = new Map<string, number>(serviceNames.map((n, j) => [n, svcSum[j]]));
  // The matrix holds the industries with revenue in the analysis period.
  const matrix = new Map<string, Map<string, number>>();
  industryNames.forEach((name, i) => {
    if (cells[i].length) matrix.set(name, new Map(serviceNames.map((sv, j) => [sv, cells[i][j] ?? 0])));
  });
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
  if (hit) {
    const a = avg(mine, n);
    const c = compare ? avg(mineCmp, cn) : null;
    focus = {
      id: hit.customerId,
      name: hit.customer,
      industry: hit.industry,
      subIndustry: hit.subIndustry,
      monthlyAverage: a,
      services: [...focusSvc.entries()]
        .map(([service, sum]) => ({ service, monthlyAverage: avg(sum, n), share: a ? avg(sum, n) / a : 0 }))
        .sort((x, y) => y.monthlyAverage - x.monthlyAverage),
      segment: hit.subIndustry || hit.industry,
      segmentAverage: avg(seg, n),
      segmentShare: seg ? mine / seg : 0,
      compareAverage: c,
      growth: c ? a / c - 1 : null,
      subIndustries: [...subSum.entries()]
        .map(([subIndustry, sum]) => {
          const ind = byIndustry.get(hit.industry) ?? 0;
          return {
            subIndustry,
            monthlyAverage: avg(sum, n),
            share: ind ? sum / ind : 0,
            focusShare: sum ? (focusSub.get(subIndustry) ?? 0) / sum : 0,
          };
        })
        .sort((x, y) => y.monthlyAverage - x.monthlyAverage || x.subIndustry.localeCompare(y.subIndustry)),
    };
  }

  const customers = [...custSum.values()]
    .map((c) => ({ ...c, monthlyAverage: Math.round(avg(c.monthlyAverage, n) * 100) / 100 }))
    .sort((x, y) => y.monthlyAverage - x.monthlyAverage || x.name.localeCompare(y.name));
  const largest: IndustryAnalysis["largest"] = {};
  for (const c of customers) {
    if (largest[c.industry]) continue;
    const ind = industries.find((i) => i.industry === c.industry);
    largest[c.industry] = { name: c.name, share: ind?.monthlyAverage ? c.monthlyAverage / ind.monthlyAverage : 0 };
  }
  const byMonth: IndustryAnalysis["byMonth"] = {};
  for (const [m, mc] of monthCells) {
    byMonth[m] = {};
    for (const [ind, ms] of mc) byMonth[m][ind] = Object.fromEntries(ms);
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
    customers,
    largest,
    byMonth,
  };
}
