/**
 * What the pane says after a run, and how the settings form maps to the pipeline's settings:
 * pure functions, tested without React.
 */
import type { GenerateResult } from "../excel/pipeline";
import { CancelledError, InputError, type AnalysisSettings } from "../excel/settings";
import type { Locale, Translate } from "../i18n/core";
import type { ColumnMapping } from "../tables/revenue";

export interface Message {
  intent: "success" | "warning" | "error";
  title: string;
  lines: string[];
  /** Cells the message is about (sheet, A1), each a link that selects it in the workbook. */
  places?: { sheet: string; cell: string }[];
}

/** The settings form as typed: free text, validated when a run starts. */
export type Form = Pick<
  AnalysisSettings,
  "revenueTable" | "sitesTable" | "period" | "compare" | "focus" | "ourOperator"
> & {
  planYear: string;
  fiscalStart: string;
  unit: "yuan" | "wan";
  mapping: ColumnMapping;
  /** The language the document's sheets were last written in (its saved settings), if any. */
  docLang?: Locale;
};

export const EMPTY_FORM: Form = {
  revenueTable: null,
  sitesTable: null,
  period: null,
  compare: null,
  focus: null,
  ourOperator: null,
  planYear: "",
  fiscalStart: "",
  unit: "yuan",
  mapping: {},
};

const fmt = (n: number, digits = 0) =>
  n.toLocaleString("en-US", { minimumFractionDigits: digits, maximumFractionDigits: digits });

export const validYear = (s: string) => /^\d{4}$/.test(s.trim());
export const validMonth = (s: string) => /^(1[0-2]|[1-9])$/.test(s.trim());

/** The form as the document saved it. */
export function formFromSettings(saved: AnalysisSettings): Form {
  return {
    revenueTable: saved.revenueTable,
    sitesTable: saved.sitesTable,
    period: saved.period,
    compare: saved.compare,
    focus: saved.focus,
    ourOperator: saved.ourOperator,
    planYear: saved.planYear ? String(saved.planYear) : "",
    fiscalStart: saved.fiscalStart ? String(saved.fiscalStart) : "",
    unit: saved.unit === "wan" ? "wan" : "yuan",
    mapping: saved.mapping ?? {},
  };
}

/** The run's settings from the form: blanks mean "detect", malformed years and months are left out. */
export function settingsFromForm(form: Form, lang: Locale): Partial<AnalysisSettings> {
  const blank = (s: string | null) => (s && s.trim() ? s.trim() : null);
  return {
    lang,
    revenueTable: blank(form.revenueTable),
    sitesTable: blank(form.sitesTable),
    period: blank(form.period),
    compare: blank(form.compare),
    focus: blank(form.focus),
    ourOperator: blank(form.ourOperator),
    planYear: validYear(form.planYear) ? Number(form.planYear) : undefined,
    fiscalStart: validMonth(form.fiscalStart) ? Number(form.fiscalStart) : undefined,
    unit: form.unit,
    mapping: form.mapping,
  };
}

/** The form after a run: what the run resolved (the table found, the default periods and focus). */
export function formAfterRun(old: Form, result: GenerateResult): Form {
  const f = result.figures;
  return {
    ...old,
    revenueTable: result.settings.revenueTable,
    sitesTable: result.settings.sitesTable,
    period: result.settings.period,
    compare: result.settings.compare,
    focus: result.settings.focus,
    ourOperator: f.competition?.ourOperator ?? old.ourOperator,
    planYear: f.planning ? String(f.planning.planYear) : old.planYear,
    docLang: result.settings.lang,
  };
}

/** Success (or warnings): the sheets written and the headline figures. */
export function resultMessage(result: GenerateResult, t: Translate): Message {
  const f = result.figures;
  // The total in the catalogue's unit: 万 (whole) in Chinese, millions (one decimal) in English.
  const total = fmt(f.total / Number(t("sheet.total.divisor")), Number(t("sheet.total.decimals")));
  const lines = [t("ui.headline", { total })];
  // The sample's own notes (a site left without data, to show "unknown") are part of the
  // demonstration: labelled as such, they do not turn a good run amber.
  const sample = !!result.settings.sample;
  if (f.focus) {
    lines.push(
      t("ui.focusHeadline", {
        name: f.focus.name,
        amount: fmt(f.focus.monthlyAverage, 2),
        share: `${(f.focus.subIndustryShare * 100).toFixed(1)}%`,
        segment: f.focus.subIndustry,
      }),
    );
  }
  return {
    intent: f.warnings.length && !sample ? "warning" : "success",
    title: t("run.done", { sheets: result.sheets.map((s) => s.name).join(", "), total }),
    lines: [...lines, ...f.warnings.map((w) => (sample ? t("ui.sampleNote", { note: w }) : w))],
  };
}

/** webpack's error for a chunk whose script did not arrive (offline, or a deployment replaced it). */
export function isChunkLoadError(e: unknown): boolean {
  return !!e && typeof e === "object" && (e as { name?: unknown }).name === "ChunkLoadError";
}

/** A failed run: the located input error with links to its cells (at most five), or Excel's error. Null when cancelled. */
export function errorMessage(e: unknown, t: Translate): Message | null {
  if (e instanceof CancelledError) return null;
  // The pipeline's chunk (or the workbook calls') could not be loaded: nothing ran.
  if (isChunkLoadError(e)) return { intent: "error", title: t("ui.loadFailed"), lines: [] };
  if (e instanceof InputError) {
    const places = e.problems
      .filter((p) => p.row !== undefined)
      .map((p) => ({ sheet: p.sheet, cell: `${p.column ?? "A"}${p.row}` }))
      .filter((p, i, all) => all.findIndex((q) => q.sheet === p.sheet && q.cell === p.cell) === i)
      .slice(0, 5);
    const [title, ...lines] = e.message.split("\n");
    return { intent: "error", title, lines, places };
  }
  const err = e as { code?: string; message?: string };
  return {
    intent: "error",
    title: t("run.failed", { code: err.code ?? "Error", message: err.message ?? String(e) }),
    lines: [],
  };
}
