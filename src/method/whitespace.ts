/**
 * The whitespace map (issues 22 and 29): the customer's buying centres (its sites, the decision
 * process's organisation levels and the departments of its key people) × our offerings (the
 * revenue table's services and the solutions), each cell ours / a competitor's / open / not
 * applicable. Each offering serves the centres the analyst weights (pre-filled: a service at the
 * sites, where it is delivered; a solution at the centres its text names, else at the sites); a
 * centre with no weight is not applicable. Where the analyst has not marked a cell, the data
 * decides what it knows, per centre: a service the focus customer buys from us is ours at the
 * centres it serves; anything else is open. An offering's value is what it is worth a month for
 * the whole account (for a service: what its segment peers spend on it, never below what the
 * customer already pays us; for a solution: its expected impact), shared among the centres by
 * their weights; the open cells carry their share. Pure: the sheet's oracle.
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

/**
 * `weights[centre][offering]`: how much of the offering's value a centre carries (0 = the offering
 * does not serve it); without weights every centre carries an equal share.
 */
export function analyseWhitespace(
  centres: string[],
  offerings: Offering[],
  marks: (Status | null)[][],
  topN = TOP_OPEN,
  weights?: number[][],
): Whitespace {
  const w = (i: number, j: number) => (weights ? Math.max(0, weights[i]?.[j] ?? 0) : 1);
  const sums = offerings.map((_, j) => centres.reduce((a, _c, i) => a + w(i, j), 0));
  const cells = centres.map((centre, i) =>
    offerings.map((o, j): WhitespaceCell => {
      const mark = marks[i]?.[j] ?? null;
      const serves = w(i, j) > 0;
      const data: Status = !serves ? "na" : o.kind === "service" && (o.current ?? 0) > 0 ? "ours" : "open";
      const status: Status = mark ?? data;
      const worth = Math.max(o.value, o.current ?? 0);
      return {
        centre,
        offering: o.name,
        status,
        value: status === "open" && sums[j] > 0 ? (worth * w(i, j)) / sums[j] : 0,
      };
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

/**
 * The pre-filled weights, [centre][offering]: a service at every site (1 each: it is delivered
 * there); a solution at the centres whose name its text contains (the call-back centre for the IP
 * express agreement), else at every site; the organisation levels and departments only where named.
 */
export function defaultWeights(
  centres: string[],
  sites: number,
  offerings: { name: string; kind: string; text?: string }[],
): number[][] {
  const named = offerings.map((o) =>
    o.kind === "solution"
      ? centres.map((c) => c.length > 1 && `${o.name} ${o.text ?? ""}`.includes(c))
      : centres.map(() => false),
  );
  return centres.map((_, i) =>
    offerings.map((_o, j) => (named[j].some(Boolean) ? (named[j][i] ? 1 : 0) : i < sites ? 1 : 0)),
  );
}
