/**
 * The Portfolio sheet's rank and percentile helpers (issue 35): the orders Generate writes, the
 * checks that they still hold, and the customers listed by average (hidden columns AX:BB).
 */
import type { Translate } from "../i18n";
import { round6, type Portfolio } from "../method/portfolio";
import { PORTFOLIO_HEAD } from "./anchors";
import type { Block, PlanCell } from "./plan";

const FIRST = PORTFOLIO_HEAD + 1;

/**
 * The rank and the percentile without a scan per customer (issue 35). On Generate the customers
 * are written first, most attractive first, and their averages are listed once more in ascending
 * order (AZ the account's place, BA its live average, BB the first place of that average). While
 * the orders hold — checked in one pass each (AX, AY: the customers are the m written first and
 * their T does not rise; the listed averages are m numbers that do not fall) — a rank is its
 * predecessor's for a tie, else its place, and the customers below an average are the first place
 * of that average less one, found by a binary search (MATCH(…,1)). Once an analyst's edit breaks an
 * order, IF takes the COUNTIF over all customers instead, as before: the figures stay right, and
 * Excel and LibreOffice evaluate only the branch IF takes (docs/excel-behaviour.md row 40).
 */
export interface OrderHelpers {
  /** Customers written first (the rows FIRST … FIRST + m − 1). */
  m: number;
  /** The checks (absolute cells): TRUE while the rank's and the percentile's orders hold. */
  rankOk: string;
  averageOk: string;
  /** The averages listed ascending (BA) and the first place of each (BB), absolute. */
  sorted: string;
  firstOf: string;
  /** The helper block (AX:BB from the header row). */
  block: Block;
}

export function orderPlan(t: Translate, p: Portfolio, money: string, E7: string): OrderHelpers | null {
  const m = p.accounts.findIndex((a) => a.nonCustomer);
  const customers = m < 0 ? p.accounts.length : m;
  if (customers < 1 || p.accounts.slice(customers).some((a) => !a.nonCustomer)) return null;
  const end = FIRST + customers - 1;
  const T = (r0: number, r1: number) => `$T$${r0}:$T$${r1}`;
  const BA = `$BA$${FIRST}:$BA$${end}`;
  const rising = (col: (r0: number, r1: number) => string, op: string) =>
    customers > 1 ? `,SUMPRODUCT(--(${col(FIRST + 1, end)}${op}${col(FIRST, end - 1)}))=0` : "";
  const byAverage = p.accounts
    .slice(0, customers)
    .map((a, i) => ({ i, v: round6(a.average) }))
    .sort((a, b) => a.v - b.v || a.i - b.i);
  const rows: PlanCell[][] = byAverage.map((x, k) => {
    const r = FIRST + k;
    return [
      x.i + 1,
      { f: `=INDEX($AW$${FIRST}:$AW$${end},AZ${r})` },
      // The first place of this average: its predecessor's for a tie, else its own (the first row
      // compares with the header, which no average equals).
      { f: `=IF(BA${r}=BA${r - 1},BB${r - 1},ROW()-${FIRST - 1})` },
    ];
  });
  // The checks sit in AX:AY of the first account row; AZ:BB list the customers by average.
  rows[0] = [
    { f: `=IFERROR(AND(${E7}=${customers},COUNT(${T(FIRST, end)})=${customers}${rising(T, ">")}),FALSE)` },
    {
      f: `=IFERROR(AND(${E7}=${customers},COUNT(${BA})=${customers}${rising((a, b) => `$BA$${a}:$BA$${b}`, "<")}),FALSE)`,
    },
    ...rows[0],
  ];
  for (let k = 1; k < rows.length; k++) rows[k] = [null, null, ...rows[k]];
  return {
    m: customers,
    rankOk: `$AX$${FIRST}`,
    averageOk: `$AY$${FIRST}`,
    sorted: BA,
    firstOf: `$BB$${FIRST}:$BB$${end}`,
    block: {
      at: `AX${PORTFOLIO_HEAD}`,
      cells: [
        [
          t("sheet.pf.hRankOrder"),
          t("sheet.pf.hAverageOrder"),
          t("sheet.pf.hSortedAccount"),
          t("sheet.pf.hSortedAverage"),
          t("sheet.pf.hFirstOfAverage"),
        ],
        ...rows,
      ],
      numberFormat: [["@", "@", "@", "@", "@"], ...rows.map(() => ["General", "General", "0", money, "0"])],
      helper: true,
      afterRows: true,
    },
  };
}
