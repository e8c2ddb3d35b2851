/**
 * What a run makes of the tables it read: the references formulas use for their columns, the
 * default focus customer, a table's problems as the run's error. (Which tables it reads is the
 * source plan's: tables/source-plan.)
 */
import type { Translate } from "../i18n";
import type { Period } from "../tables/period";
import { TableError } from "../tables/problems";
import { describeProblem } from "../tables/messages";
import type { RevenueTable } from "../tables/revenue";
import type { SiteField, SiteTable } from "../tables/sites";
import type { SiteRefs } from "../layout/support";
import { columnLetter, quoteSheet } from "../address";
import { rectOf, type SourceCandidate } from "./read";
import { InputError } from "./settings";

/**
 * A column of a table as a structured reference, written as Excel writes it: ' escapes [ ] # and
 * '; a header with a special character (space, punctuation such as - , . : $ & + = < > / …) goes
 * between double brackets, `Sales[[Sub-industry]]`, which Excel requires (see docs/excel-behaviour.md).
 */
export function structuredColumn(table: string, header: string): string {
  const escaped = String(header).replace(/(['#[\]])/g, "'$1");
  const special = /[\s,:.[\]#'"{}$^&*+=\-<>/]/.test(String(header));
  return special ? `${table}[[${escaped}]]` : `${table}[${escaped}]`;
}

/** The customer with the most revenue in the period: the default focus customer. */
export function largestCustomer(table: RevenueTable, p: Period): string | null {
  const sums = new Map<string, number>();
  for (const r of table.rows) {
    if (r.month < p.from || r.month > p.to) continue;
    const k = r.customerId || r.customer;
    sums.set(k, (sums.get(k) ?? 0) + r.amount);
  }
  let best: string | null = null;
  for (const [k, v] of sums) if (best === null || v > sums.get(best)!) best = k;
  return best;
}

/** References to the site table's columns: structured for a table, A1 ranges for a plain range. */
export function siteRefs(source: SourceCandidate, sites: SiteTable, headers: unknown[]): SiteRefs {
  const r = rectOf(source.address);
  const ref = (f: SiteField): string | undefined => {
    const i = sites.mapping[f];
    if (i === undefined) return undefined;
    if (source.kind === "table") return structuredColumn(source.name, String(headers[i] ?? ""));
    const letter = columnLetter(r.c0 + i);
    return `${quoteSheet(source.sheet)}!$${letter}$${r.r0 + 2}:$${letter}$${r.r1 + 1}`;
  };
  return { site: ref("site")!, fibre: ref("fibre"), copper: ref("copperPairs"), services: ref("services") };
}

export function problemsError(e: TableError, t: Translate): InputError {
  return new InputError(e.problems.map((p) => describeProblem(p, t)).join("\n"), e.problems);
}
