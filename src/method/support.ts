/**
 * Step 5, service-support capability: for each site and required service, whether the site
 * carries it now, could after works (its fibre and copper meet the requirement), cannot, or is
 * unknown (the data the requirement needs is missing). Pure: the oracle for the sheet's formulas.
 */
import type { SiteRow } from "../tables/sites";

export interface ServiceRequirement {
  service: string;
  needsFibre: boolean;
  minCopper: number;
  /** Solution numbers that depend on the service (for the gap list). */
  solutions: string;
}

export type Capability = "now" | "works" | "no" | "unknown";

/** The method's defaults for the sample's services (step 5). */
export const DEFAULT_REQUIREMENTS: Record<"zh" | "en", ServiceRequirement[]> = {
  zh: [
    { service: "DDN", needsFibre: false, minCopper: 1, solutions: "1" },
    { service: "ISDN", needsFibre: false, minCopper: 1, solutions: "1" },
    { service: "宽带", needsFibre: false, minCopper: 1, solutions: "7" },
    { service: "2M数字电路", needsFibre: true, minCopper: 0, solutions: "2" },
    { service: "MPLS-VPN", needsFibre: true, minCopper: 0, solutions: "3" },
  ],
  en: [
    { service: "DDN", needsFibre: false, minCopper: 1, solutions: "1" },
    { service: "ISDN", needsFibre: false, minCopper: 1, solutions: "1" },
    { service: "Broadband", needsFibre: false, minCopper: 1, solutions: "7" },
    { service: "2M digital circuit", needsFibre: true, minCopper: 0, solutions: "2" },
    { service: "MPLS-VPN", needsFibre: true, minCopper: 0, solutions: "3" },
  ],
};

const norm = (s: string) => s.replace(/\s+/g, "").toLowerCase();

export function capability(site: SiteRow, req: ServiceRequirement): Capability {
  if (site.services?.some((s) => norm(s) === norm(req.service))) return "now";
  const fibreKnown = !req.needsFibre || site.fibre !== null;
  const copperKnown = req.minCopper <= 0 || site.copperPairs !== null;
  const fibreFails = req.needsFibre && site.fibre === false;
  const copperFails = req.minCopper > 0 && site.copperPairs !== null && site.copperPairs < req.minCopper;
  if (fibreFails || copperFails) return "no";
  return fibreKnown && copperKnown ? "works" : "unknown";
}

export interface SupportAnalysis {
  services: string[];
  matrix: { site: string; capabilities: Capability[]; readiness: number }[];
  /** Per service: sites carrying it now, and sites where it is possible (now or after works). */
  readyNow: number[];
  possible: number[];
  gaps: { site: string; service: string; capability: Capability; solutions: string }[];
}

export function analyseSupport(sites: SiteRow[], reqs: ServiceRequirement[]): SupportAnalysis {
  const matrix = sites.map((site) => {
    const capabilities = reqs.map((r) => capability(site, r));
    return {
      site: site.site,
      capabilities,
      readiness: reqs.length ? capabilities.filter((c) => c === "now").length / reqs.length : 0,
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
        .filter((g) => g.capability === "no" || g.capability === "unknown"),
    ),
  };
}
