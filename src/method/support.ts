/**
 * Step 5, service-support capability: for each site and each service it needs for the plan (its
 * own requirement list, pre-filled from the plan's solutions), whether it is ready (the site's row
 * lists the service), ready after works (its fibre and copper meet the requirement), cannot carry
 * it (they do not), or the site table does not say (the data the requirement needs is missing).
 * A service a site does not need is not counted. Pure: the oracle for the sheet's formulas.
 */
import type { SiteRow } from "../tables/sites";

export interface ServiceRequirement {
  service: string;
  needsFibre: boolean;
  minCopper: number;
  /** Solution numbers that depend on the service (for the gap list). */
  solutions: string;
  /**
   * Which sites need it, for the pre-filled per-site lists only: every site, or the headquarters
   * (the site table's first row: the branch the other sites link to). Default: every site.
   */
  scope?: "all" | "hq";
}

export type Capability = "now" | "works" | "no" | "unknown";
/** A cell of the site × service matrix: a capability where the site needs the service, else null. */
export type NeedCapability = Capability | null;

/**
 * The method's defaults (step 5), each linked to the solutions it serves (deck p.17, p.20–22):
 * the existing data network the plan keeps (网元出租 and DDN at every site, solution 1 "延续DDN组网"),
 * ISDN backup of the branch's DDN links (p.20, solution 1), 2M circuits from the prefecture
 * branches to the branch (p.21, solution 2), MPLS-VPN at every site (p.22, solution 3, long term)
 * and broadband for online insurance (solution 7, long term).
 */
export const DEFAULT_REQUIREMENTS: Record<"zh" | "en", ServiceRequirement[]> = {
  zh: [
    { service: "网元出租", needsFibre: false, minCopper: 0, solutions: "1", scope: "all" },
    { service: "DDN", needsFibre: false, minCopper: 1, solutions: "1", scope: "all" },
    { service: "ISDN", needsFibre: false, minCopper: 1, solutions: "1", scope: "hq" },
    { service: "宽带", needsFibre: false, minCopper: 1, solutions: "7", scope: "hq" },
    { service: "2M数字电路", needsFibre: true, minCopper: 0, solutions: "2", scope: "hq" },
    { service: "MPLS-VPN", needsFibre: true, minCopper: 0, solutions: "3", scope: "all" },
  ],
  en: [
    { service: "Network leasing", needsFibre: false, minCopper: 0, solutions: "1", scope: "all" },
    { service: "DDN", needsFibre: false, minCopper: 1, solutions: "1", scope: "all" },
    { service: "ISDN", needsFibre: false, minCopper: 1, solutions: "1", scope: "hq" },
    { service: "Broadband", needsFibre: false, minCopper: 1, solutions: "7", scope: "hq" },
    { service: "2M digital circuit", needsFibre: true, minCopper: 0, solutions: "2", scope: "hq" },
    { service: "MPLS-VPN", needsFibre: true, minCopper: 0, solutions: "3", scope: "all" },
  ],
};

/** A list cell's items: 、 , ， ; ； / and line breaks separate them. */
export function listItems(text: string): string[] {
  return text
    .split(/[、,，;；/\n]/)
    .map((x) => x.replace(/\s+/g, ""))
    .filter(Boolean);
}

/**
 * Each site's pre-filled requirement list, from the plan's solutions: a requirement is needed in
 * the plan when one of its solutions is short- or mid-term (a long-term one is delivered after the
 * plan year, deck p.25), at every site or at the headquarters (the first site) by its scope.
 */
export function defaultNeeds(
  sites: string[],
  reqs: ServiceRequirement[],
  phaseOf: (solution: string) => "short" | "mid" | "long" | null,
): string[][] {
  const inPlan = reqs.filter((r) => {
    const ids = listItems(r.solutions);
    return ids.length === 0 || ids.some((id) => phaseOf(id) !== "long");
  });
  return sites.map((_, i) => inPlan.filter((r) => (r.scope ?? "all") === "all" || i === 0).map((r) => r.service));
}

const norm = (s: string) => s.replace(/\s+/g, "").toLowerCase();

export function capability(site: SiteRow, req: ServiceRequirement): Capability {
  if (site.services?.some((s) => norm(s) === norm(req.service))) return "now";
  const fibreKnown = !req.needsFibre || site.fibre !== null;
  const copperKnown = req.minCopper <= 0 || site.copperPairs !== null;
  const fibreFails = req.needsFibre && site.fibre === false;
  const copperFails = req.minCopper > 0 && site.copperPairs !== null && site.copperPairs < req.minCopper;
  if (fibreFails || copperFails) return "no";
  // After works only when the table says enough: the access the service needs, or what the site carries.
  const said = req.needsFibre || req.minCopper > 0 || site.services !== null;
  return fibreKnown && copperKnown && said ? "works" : "unknown";
}

export interface SiteReadiness {
  site: string;
  /** One per requirement: null where the site does not need the service. */
  capabilities: NeedCapability[];
  counts: Record<Capability, number>;
  /** Ready now / ready now or after works, over the services the site needs; null when it needs none or every one is not stated. */
  readiness: number | null;
  afterWorks: number | null;
}

export interface SupportAnalysis {
  services: string[];
  matrix: SiteReadiness[];
  /** Per service: sites carrying it now, and sites where it is possible (now or after works), among those that need it. */
  readyNow: number[];
  possible: number[];
  /** The needed (site, service) pairs that cannot be carried or are not stated. */
  gaps: { site: string; service: string; capability: Capability; solutions: string }[];
}

/** `needs[i]`: the services site i needs (its requirement list); a service not among the requirements is ignored. */
export function analyseSupport(sites: SiteRow[], reqs: ServiceRequirement[], needs?: string[][]): SupportAnalysis {
  const matrix = sites.map((site, i) => {
    const wanted = new Set((needs?.[i] ?? reqs.map((r) => r.service)).map(norm));
    const capabilities = reqs.map((r) => (wanted.has(norm(r.service)) ? capability(site, r) : null));
    const counts: Record<Capability, number> = { now: 0, works: 0, no: 0, unknown: 0 };
    for (const c of capabilities) if (c) counts[c]++;
    const needed = counts.now + counts.works + counts.no + counts.unknown;
    const stated = needed > 0 && counts.unknown < needed;
    return {
      site: site.site,
      capabilities,
      counts,
      readiness: stated ? counts.now / needed : null,
      afterWorks: stated ? (counts.now + counts.works) / needed : null,
    };
  });
  return {
    services: reqs.map((r) => r.service),
    matrix,
    readyNow: reqs.map((_, j) => matrix.filter((m) => m.capabilities[j] === "now").length),
    possible: reqs.map(
      (_, j) => matrix.filter((m) => m.capabilities[j] === "now" || m.capabilities[j] === "works").length,
    ),
    gaps: matrix.flatMap((m) =>
      m.capabilities
        .map((c, j) => ({ site: m.site, service: reqs[j].service, capability: c, solutions: reqs[j].solutions }))
        .filter((g): g is typeof g & { capability: Capability } => g.capability === "no" || g.capability === "unknown"),
    ),
  };
}
