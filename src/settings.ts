/**
 * The document settings' schema: the keys we save in the workbook's settings and the analysis
 * settings' type with its defaults. Core: the steps and the pipeline read the same settings, and the
 * pane edits them. How a document's settings are read and upgraded is src/excel/document.ts; the
 * run's progress and errors are src/excel/settings.ts.
 */
import type { Locale } from "./i18n";

/**
 * The revenue table's fields, which the saved column mapping names (src/tables/revenue reads the
 * table by them).
 */
export type RevenueField = "period" | "customerId" | "customer" | "industry" | "subIndustry" | "service" | "amount";

/** A column chosen by hand for a field (0-based), saved in the settings. */
export type ColumnMapping = Partial<Record<RevenueField, number>>;

/** Document settings: which sheets are ours ({ step: worksheet id }) … */
export const OWNED_SHEETS_SETTING = "sixstep.ownedSheets";
/** … and, for a sheet added in the same write as its marker, its name ({ step: sheet name }). */
export const OWNED_NAMES_SETTING = "sixstep.ownedNames";
/** … and where each step's input tables sit ({ step: InputTableLocation[] }), read back by Refresh. */
export const INPUT_TABLES_SETTING = "sixstep.inputTables";

/** The analysis settings, saved in the document (workbook settings). */
export interface AnalysisSettings {
  /** The settings' version (excel/document: 1 had none; the run saves the current one). */
  version?: number;
  /** Table name or sheet name of the revenue data; empty = detect. */
  revenueTable: string | null;
  /** Table or sheet name of the site data; empty = detect. */
  sitesTable: string | null;
  mapping: ColumnMapping;
  period: string | null;
  compare: string | null;
  focus: string | null;
  ourOperator: string | null;
  /** Money shown in yuan or in 万元 (the figures stay in yuan; only the display changes). */
  unit: "yuan" | "wan";
  /** Plan year of the Gantt, and the fiscal year's first month (1–12). */
  planYear: number | null;
  fiscalStart: number | null;
  lang: Locale;
  /** Marks the workbook as the sample case (a note on every sheet). */
  sample: boolean;
  /**
   * The plan's as-of date (yyyy-mm-dd): the overview's date, the next milestone and the Gantt's
   * today line. Empty = today (Excel's TODAY(), so an opened workbook moves with the calendar).
   */
  asOf?: string | null;
  /** Paper for print; empty = by language (Letter for en-US, A4 otherwise). */
  paper?: Paper | null;
  /** What the figures cover, shown under the composition's headline (default: monthly average, excluding interconnect settlement). */
  scope?: string | null;
  /** Last Generate/Refresh per step (Excel serials), for the overview. */
  refreshed?: Record<string, number>;
  /** The revenue data as of the last Generate (its address), to tell when sheets are out of date. */
  sourceAddress?: string;
  /** …and a fingerprint of its cells (see excel/status), so an edited amount is noticed too. */
  sourceHash?: string;
}

export type Paper = "A4" | "Letter";

/** The paper a run prints on: the setting, else Letter for en-US and A4 for everyone else. */
export function paperFor(settings: Pick<AnalysisSettings, "paper" | "lang">): Paper {
  return settings.paper ?? (settings.lang === "en-US" ? "Letter" : "A4");
}

/** A calendar date yyyy-mm-dd as an Excel serial, or null when it is not one (2003-02-30 is not). */
export function isoDateSerial(text: string): number | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text.trim());
  if (!m) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const ms = Date.UTC(y, mo - 1, d);
  const back = new Date(ms);
  if (y < 1900 || back.getUTCFullYear() !== y || back.getUTCMonth() !== mo - 1 || back.getUTCDate() !== d) return null;
  return ms / 86_400_000 + 25_569;
}

export const DEFAULT_SETTINGS: AnalysisSettings = {
  revenueTable: null,
  sitesTable: null,
  mapping: {},
  period: null,
  compare: null,
  focus: null,
  ourOperator: null,
  unit: "yuan",
  planYear: null,
  fiscalStart: null,
  lang: "zh-CN",
  sample: false,
};
