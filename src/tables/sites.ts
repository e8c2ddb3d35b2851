/**
 * The site table (step 5): one row per customer site with its access point, whether fibre reaches
 * the customer's end, copper pairs, and the services it can carry. Fibre reads 有/无, yes/no,
 * Y/N, ✓/✗, 是/否, TRUE/FALSE; services split on 、 , ; / and new lines. Blank fibre, copper or
 * services are missing data (reported), not "no".
 */
import { TableError, type TableProblem } from "./problems";
import { isBlank, mapFields, text, type TableSource } from "./revenue";
import { columnLetter } from "../address";
import { headerKey } from "../text";

export type SiteField = "site" | "address" | "accessPoint" | "fibre" | "fibreNote" | "copperPairs" | "services";
export const SITE_FIELDS: readonly SiteField[] = [
  "site",
  "address",
  "accessPoint",
  "fibre",
  "fibreNote",
  "copperPairs",
  "services",
];
export const SITE_ALIASES: Record<SiteField, string[]> = {
  site: ["站点", "网点", "site", "location"],
  address: ["地址", "address"],
  accessPoint: ["接入点/母局", "接入点", "母局", "access point", "accesspoint", "exchange"],
  fibre: ["用户端光纤", "光纤", "fibre", "fiber", "fibre at customer", "fiber at customer"],
  fibreNote: ["光纤说明", "fibre note", "fiber note"],
  copperPairs: ["实线电缆", "电缆", "copper pairs", "copper", "copperpairs"],
  services: ["可承载业务", "业务", "services", "services it can carry"],
};

export interface SiteRow {
  site: string;
  address: string;
  accessPoint: string;
  /** null = not stated. */
  fibre: boolean | null;
  fibreNote: string;
  copperPairs: number | null;
  /** null = not stated. */
  services: string[] | null;
  sheetRow: number;
}

export interface SiteTable {
  rows: SiteRow[];
  mapping: Partial<Record<SiteField, number>>;
  notes: TableProblem[];
}

const YES = new Set(["有", "是", "yes", "y", "✓", "✔", "true", "1", "x"]);
const NO = new Set(["无", "否", "没有", "no", "n", "✗", "✘", "false", "0", "-"]);

/** Fibre as true / false / null (blank); undefined when unreadable. */
/** Headers that hold a site table: the site column and at least two of fibre, copper pairs, services. */
export function isSiteTable(headers: unknown[]): boolean {
  const m = mapFields(headers, SITE_FIELDS, SITE_ALIASES);
  return m.site !== undefined && [m.fibre, m.copperPairs, m.services].filter((x) => x !== undefined).length >= 2;
}

export function parseFibre(v: unknown): boolean | null | undefined {
  if (typeof v === "boolean") return v;
  if (isBlank(v)) return null;
  const k = headerKey(v);
  if (YES.has(k)) return true;
  if (NO.has(k)) return false;
  return undefined;
}

export function splitServices(v: unknown): string[] | null {
  if (isBlank(v)) return null;
  return text(v)
    .split(/[、,，;；/\n\r]+/)
    .map((s) => s.trim())
    .filter(Boolean);
}

export function parseSiteTable(src: TableSource): SiteTable {
  const { sheet, values, origin } = src;
  if (values.length === 0) throw new TableError([{ key: "table.empty", sheet, params: {} }]);
  const mapping = mapFields(
    values[0].map((h) => text(h)),
    SITE_FIELDS,
    SITE_ALIASES,
  );
  if (mapping.site === undefined) {
    throw new TableError([
      {
        key: "table.missingSiteColumn",
        sheet,
        row: origin.row + 1,
        params: { field: "field.site", aliases: SITE_ALIASES.site.join(", ") },
      },
    ]);
  }
  const problems: TableProblem[] = [];
  const notes: TableProblem[] = [];
  const rows: SiteRow[] = [];
  const col = (f: SiteField) => columnLetter(origin.col + mapping[f]!);
  for (let i = 1; i < values.length; i++) {
    const row = values[i];
    if (row.every(isBlank)) continue;
    const sheetRow = origin.row + i + 1;
    const get = (f: SiteField) => (mapping[f] === undefined ? undefined : row[mapping[f]!]);
    const site = text(get("site"));
    if (!site) {
      problems.push({
        key: "table.blankRequired",
        sheet,
        column: col("site"),
        row: sheetRow,
        params: { field: "field.site" },
      });
      continue;
    }
    const fibre = mapping.fibre === undefined ? null : parseFibre(get("fibre"));
    if (fibre === undefined) {
      problems.push({
        key: "sites.badFibre",
        sheet,
        column: col("fibre"),
        row: sheetRow,
        params: { value: text(get("fibre")).slice(0, 40) },
      });
      continue;
    }
    const cv = get("copperPairs");
    let copper: number | null = null;
    if (!isBlank(cv)) {
      copper = typeof cv === "number" ? cv : Number(text(cv).replace(/[^\d.]/g, "") || NaN);
      if (!Number.isFinite(copper) || copper < 0) {
        problems.push({
          key: "sites.badCopper",
          sheet,
          column: col("copperPairs"),
          row: sheetRow,
          params: { value: text(cv).slice(0, 40) },
        });
        continue;
      }
    }
    const services = mapping.services === undefined ? null : splitServices(get("services"));
    const missing: string[] = [];
    if (fibre === null) missing.push("field.fibre");
    if (copper === null) missing.push("field.copperPairs");
    if (services === null) missing.push("field.services");
    if (missing.length)
      notes.push({ key: "sites.missingData", sheet, row: sheetRow, params: { site, fields: missing.join(",") } });
    rows.push({
      site,
      address: text(get("address")),
      accessPoint: text(get("accessPoint")),
      fibre,
      fibreNote: text(get("fibreNote")),
      copperPairs: copper,
      services,
      sheetRow,
    });
  }
  if (problems.length) throw new TableError(problems);
  if (!rows.length) throw new TableError([{ key: "table.empty", sheet, params: {} }]);
  return { rows, mapping, notes };
}
