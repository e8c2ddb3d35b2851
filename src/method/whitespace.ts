/**
 * The whitespace map (issue 22): the customer's buying centres (its sites and the decision
 * process's organisation levels) × our offerings (the revenue table's services and the solutions),
 * each cell ours / a competitor's / open / not applicable. Where the analyst has not marked a
 * cell, the revenue table decides what it knows: a service the focus customer bought from us in
 * the period is ours; anything else is open. An offering's value is what it is worth a month for
 * the whole account (for a service: what the focus customer's segment peers who buy it spend on it
 * on average; for a solution: its expected impact), spread evenly over the buying centres; the
 * open cells carry that value. Pure: the sheet's oracle.
 */
export type Status = "ours" | "competitor" | "open" | "na";
export const STATUSES: readonly Status[] = ["ours", "competitor", "open", "na"];

export interface Offering {
  name: string;
  kind: "service" | "solution";
  /** Monthly value for the whole account (yuan). */
  value: number;
  /** The focus customer's monthly revenue on it in the period (services); null for a solution. */
  current: number | null;
}

export interface WhitespaceCell {
  centre: string;
  offering: string;
  status: Status;
  value: number;
}

export interface Whitespace {
  centres: string[];
  offerings: Offering[];
  /** cells[centre][offering]. */
  cells: WhitespaceCell[][];
  openCells: number;
  openValue: number;
  /** The open cells of largest value, first by value then in the sheet's reading order (offering, then centre). */
  top: WhitespaceCell[];
}

export const TOP_OPEN = 5;
/** The tie-break the sheet adds to each cell's value to order equal values in reading order. */
export const TIE_STEP = 1e-6;

export function analyseWhitespace(
  centres: string[],
  offerings: Offering[],
  marks: (Status | null)[][],
  topN = TOP_OPEN,
): Whitespace {
  const n = centres.length;
  const cells = centres.map((centre, i) =>
    offerings.map((o, j): WhitespaceCell => {
      const mark = marks[i]?.[j] ?? null;
      const status: Status = mark ?? (o.kind === "service" && (o.current ?? 0) > 0 ? "ours" : "open");
      return { centre, offering: o.name, status, value: status === "open" && n ? o.value / n : 0 };
    }),
  );
  // Reading order on the sheet: offering by offering (rows), centre by centre (columns).
  const flat = offerings.flatMap((_, j) => cells.map((row) => row[j]));
  const total = flat.length;
  const keyed = flat.map((c, k) => ({ c, key: c.value + (total - k) * TIE_STEP }));
  keyed.sort((a, b) => b.key - a.key);
  const open = flat.filter((c) => c.status === "open");
  return {
    centres,
    offerings,
    cells,
    openCells: open.length,
    openValue: open.reduce((a, c) => a + c.value, 0),
    top: keyed
      .slice(0, topN)
      .map((x) => x.c)
      .filter((c) => c.value > 0),
  };
}

/**
 * What the focus customer's segment peers spend a month on each service: the average, over the
 * peers (the segment's other customers) that bought it in the period, of their monthly revenue
 * on it. One pass over the rows for every service; a service no peer bought is absent.
 */
export function peerSpend(
  rows: { customerKey: string; segment: string; service: string; amount: number; inPeriod: boolean }[],
  focusKey: string,
  segment: string,
  months: number,
): Map<string, number> {
  const byService = new Map<string, Map<string, number>>();
  for (const r of rows) {
    if (!r.inPeriod || r.segment !== segment || r.customerKey === focusKey) continue;
    let peers = byService.get(r.service);
    if (!peers) byService.set(r.service, (peers = new Map()));
    peers.set(r.customerKey, (peers.get(r.customerKey) ?? 0) + r.amount);
  }
  const out = new Map<string, number>();
  for (const [service, peers] of byService) {
    const buying = [...peers.values()].filter((v) => v > 0);
    if (buying.length && months) out.set(service, buying.reduce((x, y) => x + y, 0) / buying.length / months);
  }
  return out;
}
