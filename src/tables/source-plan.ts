/**
 * Which tables a run reads, decided in one place from what the read stage found (issue 33).
 * The read stage reads the workbook's headers — each Excel table's header row, the first rows of
 * a plain range or of a range by address — and hands them here: `candidateOf` says where each
 * one's header row is and whether it reads as a revenue table; `resolveSource` takes the
 * candidates with what the run asks for (the source and the site table asked for or saved, the
 * saved column mapping, the columns named by header) and returns one plan: the source to read
 * from its header row down, the site table, the mapping the parse starts from, the headers'
 * language — or the error that says why no source can be read. Pure: the read stage then reads
 * what the plan names and decides nothing itself.
 */
import type { MessageKey } from "../i18n";
import { localAddress, quoteSheet, rectA1, rectOf } from "../address";
import { headersLanguage } from "./header-match";
import {
  findHeaderRow,
  HEADER_SEARCH_ROWS,
  headerMapping,
  layoutOf,
  REQUIRED_REVENUE_FIELDS,
  type ColumnMapping,
  type RevenueField,
} from "./revenue";
import { isSiteTable } from "./sites";

export interface SourceCandidate {
  /** An Excel table; a sheet's used range; or a range by address (the selection, or one saved). */
  kind: "table" | "range" | "selection";
  /** Table name; sheet name for a used range; "Sheet!A1:F9" for a range by address. */
  name: string;
  sheet: string;
  /** Sheet address of the whole table/range including the header, e.g. "A1:G601". */
  address: string;
  headers: unknown[];
  /** All required revenue fields map from the headers. */
  matches: boolean;
}

/** What the read stage found that may hold a table, as it was read. */
export interface SourceHead {
  kind: SourceCandidate["kind"];
  name: string;
  sheet: string;
  /** Sheet address of the whole table or range, e.g. "A1:G601". */
  address: string;
  /** A table: its header row; a range: its first rows (`HEADER_SEARCH_ROWS` + 1 at most). */
  rows: unknown[][];
}

/** How a header row is read: the mapping the analyst chose, and the columns named by their header (--map). */
export interface HeaderRule {
  mapping?: ColumnMapping;
  byHeader?: Partial<Record<RevenueField, string>>;
}

/** "Sheet!A1:F9" (sheet possibly quoted) split into sheet and a rectangular address; null otherwise. */
export function parseRangeName(name: string | null | undefined): { sheet: string; address: string } | null {
  const m = name ? /^(?:'((?:[^']|'')+)'|([^'!]+))!(\$?[A-Z]+\$?\d+:\$?[A-Z]+\$?\d+)$/.exec(name.trim()) : null;
  if (!m) return null;
  return { sheet: m[1] !== undefined ? m[1].replace(/''/g, "'") : m[2], address: m[3].replace(/\$/g, "") };
}

/** The name a range-by-address candidate goes by, as the analyst would type it. */
export function rangeName(sheet: string, address: string): string {
  return `${quoteSheet(sheet)}!${localAddress(address)}`;
}

/** A header row's mapping under the rule: the chosen one, with the columns named by header laid over it. */
function manualFor(headers: unknown[], rule: HeaderRule): ColumnMapping | undefined {
  return rule.byHeader ? { ...rule.mapping, ...headerMapping(headers, rule.byHeader).mapping } : rule.mapping;
}

/** Headers that read as a revenue table: long (a month column and an amount column) or wide (one column per month). */
function matchesRevenue(headers: unknown[], rule: HeaderRule): boolean {
  return layoutOf(headers, manualFor(headers, rule)).complete;
}

/**
 * A table or range as a candidate source. A table's header is its header row; a range starts at
 * its header row, which may sit below a report title and a source line (the rows above are left
 * alone) — a revenue table's header, else a site table's.
 */
export function candidateOf(head: SourceHead, rule: HeaderRule): SourceCandidate {
  const { kind, name, sheet, address, rows } = head;
  if (kind === "table") return { kind, name, sheet, address, headers: rows[0], matches: matchesRevenue(rows[0], rule) };
  const revenueAt = findHeaderRow(rows, rule.mapping, rule.byHeader);
  // findHeaderRow says 0 for a header on the first row and for none: only a range that holds no
  // revenue header is searched for a site table's header below a title.
  const revenue = revenueAt > 0 || matchesRevenue(rows[0] ?? [], rule);
  const at = revenue
    ? revenueAt
    : Math.max(
        0,
        rows.slice(0, HEADER_SEARCH_ROWS).findIndex((row) => isSiteTable(row)),
      );
  const r = rectOf(address);
  return {
    kind,
    name,
    sheet,
    address: at ? localAddress(rectA1({ ...r, r0: r.r0 + at })) : address,
    headers: rows[at],
    matches: matchesRevenue(rows[at], rule),
  };
}

/** Plain ranges are candidates only when no table reads as a revenue table: their first rows are read then. */
export function searchRanges(tables: SourceCandidate[]): boolean {
  return !tables.some((c) => c.matches);
}

/** What a run asks for. */
export interface SourceRequest {
  /** The revenue table asked for or saved: a table's or a sheet's name, or a range "Sheet!A1:F9". */
  revenue?: string | null;
  /** The site table asked for or saved: a table's or a sheet's name. */
  sites?: string | null;
  /** The saved mapping: where the parse starts from. */
  mapping?: ColumnMapping;
  /** Columns named by their header (the command line's --map), laid over the saved mapping. */
  byHeader?: Partial<Record<RevenueField, string>>;
}

/** Why no source can be read: a message and its parameters, for the run to say in its language. */
export interface SourceProblem {
  key: MessageKey;
  params?: Record<string, string | number>;
}

/** The source, the site table and the mapping to read them with; or the problem, and nothing to read. */
export type SourcePlan = {
  /** The language the headers speak: the first revenue table's, else the first candidate's. */
  lang: "zh" | "en" | null;
} & (
  | {
      ok: true;
      /** The revenue source: the rows to read are its address, header row first. */
      source: SourceCandidate;
      sites: SourceCandidate | null;
      /** The mapping the parse starts from (the saved one as it is, when no column is named by header). */
      mapping: ColumnMapping;
    }
  | { ok: false; problem: SourceProblem }
);

/** The run's plan from the candidates (see the file's comment). */
export function resolveSource(candidates: SourceCandidate[], request: SourceRequest): SourcePlan {
  const found = candidates.find((c) => c.matches) ?? candidates[0];
  const lang = found ? headersLanguage(found.headers) : null;
  const byHeader = request.byHeader && Object.keys(request.byHeader).length ? request.byHeader : undefined;
  const source = (byHeader && closestByHeader(candidates, byHeader)) || pickSource(candidates, request.revenue);
  if ("problem" in source) return { lang, ok: false, problem: source.problem };
  let mapping = request.mapping ?? {};
  if (byHeader) {
    const named = headerMapping(source.headers, byHeader);
    if (named.missing.length) {
      const f = named.missing[0];
      const headers = source.headers.filter((h) => String(h ?? "").trim() !== "").join(", ");
      return {
        lang,
        ok: false,
        problem: { key: "run.mapHeaderMissing", params: { field: f, header: byHeader[f]!, headers } },
      };
    }
    mapping = { ...mapping, ...named.mapping };
  }
  return { lang, ok: true, source, sites: pickSites(candidates, source, request.sites ?? null), mapping };
}

/**
 * Columns named by header that fit no table: the candidate that lacks the fewest of them, so the
 * run can name the header it could not find there; none when a candidate matches or one has them all.
 */
function closestByHeader(
  candidates: SourceCandidate[],
  byHeader: Partial<Record<RevenueField, string>>,
): SourceCandidate | null {
  if (candidates.some((c) => c.matches)) return null;
  const missing = (c: SourceCandidate) => headerMapping(c.headers, byHeader).missing.length;
  const closest = [...candidates].sort((a, b) => missing(a) - missing(b))[0];
  return closest && missing(closest) > 0 ? closest : null;
}

/** The revenue source: the one asked for, else the first that matches (a table first), else the closest. */
function pickSource(
  candidates: SourceCandidate[],
  wanted: string | null | undefined,
): SourceCandidate | { problem: SourceProblem } {
  if (wanted) {
    const byAddress = parseRangeName(wanted);
    const w = (byAddress ? rangeName(byAddress.sheet, byAddress.address) : wanted.trim()).toLowerCase();
    const hit =
      candidates.find((c) => c.kind !== "range" && c.name.toLowerCase() === w) ??
      candidates.find((c) => c.name.toLowerCase() === w) ??
      candidates.find((c) => c.sheet.toLowerCase() === w);
    return hit ?? { problem: { key: "run.tableNotFound", params: { name: wanted } } };
  }
  const hit = candidates.find((c) => c.kind === "table" && c.matches) ?? candidates.find((c) => c.matches);
  if (hit) return hit;
  // None fits: the closest one (most required columns found, at least two) is read, so the
  // message can say which of its columns is missing; otherwise say that there is no table.
  const score = (c: SourceCandidate) => {
    const m = layoutOf(c.headers).mapping;
    return REQUIRED_REVENUE_FIELDS.filter((f) => m[f] !== undefined).length;
  };
  const closest = [...candidates].sort((a, b) => score(b) - score(a))[0];
  if (closest && score(closest) >= 2) return closest;
  return { problem: { key: "run.noRevenueTable" } };
}

/** The site table: the one asked for (by table or sheet name), else the first other candidate whose headers read as one. */
function pickSites(
  candidates: SourceCandidate[],
  revenue: SourceCandidate,
  wanted: string | null,
): SourceCandidate | null {
  if (wanted) {
    const w = wanted.trim().toLowerCase();
    return candidates.find((c) => c.name.toLowerCase() === w || c.sheet.toLowerCase() === w) ?? null;
  }
  return candidates.find((c) => c !== revenue && isSiteTable(c.headers)) ?? null;
}
