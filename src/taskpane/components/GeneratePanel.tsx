import { lazy, Suspense, useCallback, useEffect, useRef, useState } from "react";
import {
  Button,
  Combobox,
  Field,
  Input,
  Link,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  Option,
  ProgressBar,
  Select,
  Text,
  makeStyles,
  tokens,
} from "@fluentui/react-components";
import { DEFAULT_SETTINGS, InputError, type AnalysisSettings, type Progress } from "../../excel/settings";
import type { GenerateResult } from "../../excel/pipeline";
import { CancelledError, readColumns, readSnapshot, type SourceCandidate } from "../../excel/read";
import { readStatus, stepStatuses, type StepState } from "../../excel/status";
import { mapColumns } from "../../tables/revenue";
import { isSiteTable } from "../../tables/sites";
import { latestQuarter, parseMonth, previousPeriod } from "../../tables/period";
import type { ExcelRun } from "../../excel/run";
import { MAIN_INPUT_TABLE, STEP_IDS as AVAILABLE_STEPS, type StepId } from "../../steps/meta";
import { useI18n } from "../i18n-context";
// Loaded when first opened: the mapping view (with its table) is not needed for the first render.
const ColumnMapping = lazy(() =>
  import(/* webpackChunkName: "mapping" */ "./ColumnMapping").then((m) => ({ default: m.ColumnMapping })),
);
import type { ColumnMapping as Mapping } from "../../tables/revenue";

const useStyles = makeStyles({
  panel: {
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalS,
    padding: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalS}`,
    borderTop: `1px solid ${tokens.colorNeutralStroke2}`,
  },
  row: { display: "flex", gap: tokens.spacingHorizontalS, flexWrap: "wrap" },
  grow: { flexGrow: 1, minWidth: "120px" },
  actions: { display: "flex", gap: tokens.spacingHorizontalS, flexWrap: "wrap", alignItems: "center" },
  lines: { margin: 0, paddingLeft: tokens.spacingHorizontalL },
  fill: { color: tokens.colorNeutralForeground2 },
});

type Form = Pick<AnalysisSettings, "revenueTable" | "sitesTable" | "period" | "compare" | "focus" | "ourOperator"> & {
  planYear: string;
  fiscalStart: string;
  unit: "yuan" | "wan";
  mapping: Mapping;
};

interface Message {
  intent: "success" | "warning" | "error";
  title: string;
  lines: string[];
  /** Cells the message is about (sheet, A1), each a link that selects it in the workbook. */
  places?: { sheet: string; cell: string }[];
}

export interface GeneratePanelProps {
  run: ExcelRun | null;
  step: StepId;
  /** Called after every write to the workbook (the preview redraws). */
  onChanged?: () => void;
  /** Bumped when the workbook changed outside the panel: statuses are read again. */
  version?: number;
  /** Each step's status, whenever the panel reads the workbook. */
  onStatus?: (s: Record<string, StepState>) => void;
}

/** Tables whose headers match first, then matching ranges, then the selection, then the rest. */
export function candidateRank(c: SourceCandidate): number {
  if (c.kind === "selection") return 2;
  return (c.matches ? 0 : 3) + (c.kind === "table" ? 0 : 1);
}

/** Distinct customers by how many rows they have, most first (ties by name). */
export function customerChoices(values: unknown[]): { name: string; rows: number }[] {
  const counts = new Map<string, number>();
  for (const v of values) {
    const name = v === null || v === undefined ? "" : String(v).trim();
    if (name) counts.set(name, (counts.get(name) ?? 0) + 1);
  }
  return [...counts]
    .map(([name, rows]) => ({ name, rows }))
    .sort((a, b) => b.rows - a.rows || a.name.localeCompare(b.name));
}

/** The focus picker lists at most this many customers matching what was typed. */
const FOCUS_OPTIONS = 50;

const fmt = (n: number, digits = 0) =>
  n.toLocaleString("en-US", { minimumFractionDigits: digits, maximumFractionDigits: digits });

/** Settings, Generate / Generate all, progress with Cancel, and the outcome as a message bar. */
export function GeneratePanel(props: GeneratePanelProps) {
  const { t, locale } = useI18n();
  const styles = useStyles();
  const [form, setForm] = useState<Form>({
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
  });
  const [candidates, setCandidates] = useState<SourceCandidate[]>([]);
  const [progress, setProgress] = useState<Progress | null>(null);
  const [message, setMessage] = useState<Message | null>(null);
  const cancelled = useRef(false);
  const running = useRef(false);
  const [showMapping, setShowMapping] = useState(false);
  const [states, setStates] = useState<Record<string, StepState>>({});
  const [customers, setCustomers] = useState<{ name: string; rows: number }[]>([]);
  const [defaults, setDefaults] = useState<{ period?: string; compare?: string }>({});
  const mappingRef = useRef<Mapping>({});
  mappingRef.current = form.mapping;
  const { run, onChanged, onStatus } = props;

  const loadSettings = useCallback(
    async (withForm = true) => {
      if (!run) return;
      try {
        const { snap, now } = await run({}, async (context) => {
          const snap = await readSnapshot(context, { selection: true, mapping: mappingRef.current });
          return { snap, now: await readStatus(context, snap, MAIN_INPUT_TABLE) };
        });
        const saved = { ...DEFAULT_SETTINGS, ...(snap.settings as Partial<AnalysisSettings>) };
        setCandidates([...snap.candidates].sort((a, b) => candidateRank(a) - candidateRank(b)));
        const next = stepStatuses(snap, AVAILABLE_STEPS, now);
        setStates(next);
        onStatus?.(next);
        if (!withForm) return;
        setForm({
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
        });
      } catch {
        // A failed status read (the workbook busy, a sheet mid-rename) keeps what the pane showed;
        // the next change or run reads again.
      }
    },
    [run, onStatus],
  );

  useEffect(() => {
    void loadSettings();
  }, [loadSettings]);
  // The workbook changed (an edit, appended rows): statuses again, the form as the analyst left it.
  useEffect(() => {
    // Not during a run: its own writes bump the version, and the run re-reads when it ends.
    if (props.version && !running.current) void loadSettings(false);
  }, [props.version]);

  // From the chosen (or detected) table: the focus picker's customers, and the default periods
  // (the latest quarter in the data and the one before), shown until the analyst types others.
  const source =
    candidates.find((c) => c.name === form.revenueTable) ?? candidates.find((c) => c.matches) ?? candidates[0];
  useEffect(() => {
    let live = true;
    const m = source ? mapColumns(source.headers, form.mapping) : {};
    if (!run || !source || m.customer === undefined || m.period === undefined) {
      setCustomers([]);
      setDefaults({});
      return;
    }
    run({}, (context) => readColumns(context, source, [m.customer!, m.period!]))
      .then(([names, months]) => {
        if (!live) return;
        setCustomers(customerChoices(names));
        const period = latestQuarter(months.flatMap((v) => parseMonth(v)?.month ?? []));
        setDefaults(period ? { period: period.label, compare: previousPeriod(period).label } : {});
      })
      .catch(() => live && (setCustomers([]), setDefaults({})));
    return () => {
      live = false;
    };
  }, [run, source?.name, source?.address, form.mapping]);

  if (!run) return <Text className={styles.panel}>{t("ui.noExcel")}</Text>;
  const available = AVAILABLE_STEPS.includes(props.step);
  const exists = (step: string) => !!states[step] && states[step].status !== "notGenerated";
  const typed = (form.focus ?? "").trim().toLowerCase();
  const focusOptions = customers.filter((c) => !typed || c.name.toLowerCase().includes(typed)).slice(0, FOCUS_OPTIONS);

  const start = async (steps: StepId[], snapshot = false) => {
    cancelled.current = false;
    running.current = true;
    setMessage(null);
    setProgress({ index: 0, total: steps.length + 1, phase: "read" });
    try {
      const blank = (s: string | null) => (s && s.trim() ? s.trim() : null);
      // The pipeline is its own chunk, loaded on the first run (the pane renders without it).
      const { generate } = await import(/* webpackChunkName: "pipeline" */ "../../excel/pipeline");
      const result: GenerateResult = await generate(run, {
        steps,
        settings: {
          lang: locale,
          revenueTable: blank(form.revenueTable),
          sitesTable: blank(form.sitesTable),
          period: blank(form.period),
          compare: blank(form.compare),
          focus: blank(form.focus),
          ourOperator: blank(form.ourOperator),
          planYear: /^\d{4}$/.test(form.planYear.trim()) ? Number(form.planYear) : undefined,
          fiscalStart: /^(1[0-2]|[1-9])$/.test(form.fiscalStart.trim()) ? Number(form.fiscalStart) : undefined,
          unit: form.unit,
          mapping: form.mapping,
        },
        onProgress: setProgress,
        isCancelled: () => cancelled.current,
        snapshot,
      });
      const f = result.figures;
      const lines = [t("ui.headline", { total: fmt(f.total / 10_000) })];
      if (f.focus)
        lines.push(
          t("ui.focusHeadline", {
            name: f.focus.name,
            amount: fmt(f.focus.monthlyAverage, 2),
            share: `${(f.focus.subIndustryShare * 100).toFixed(1)}%`,
            segment: f.focus.subIndustry,
          }),
        );
      setMessage({
        intent: f.warnings.length ? "warning" : "success",
        title: t("run.done", { sheets: result.sheets.map((s) => s.name).join(", "), total: fmt(f.total / 10_000) }),
        lines: [...lines, ...f.warnings],
      });
      setForm((old) => ({
        ...old,
        revenueTable: result.settings.revenueTable,
        sitesTable: result.settings.sitesTable,
        period: result.settings.period,
        compare: result.settings.compare,
        focus: result.settings.focus,
        ourOperator: f.competition?.ourOperator ?? old.ourOperator,
        planYear: f.planning ? String(f.planning.planYear) : old.planYear,
      }));
    } catch (e) {
      if (e instanceof InputError) {
        const places = e.problems
          .filter((p) => p.row !== undefined)
          .map((p) => ({ sheet: p.sheet, cell: `${p.column ?? "A"}${p.row}` }))
          .filter((p, i, all) => all.findIndex((q) => q.sheet === p.sheet && q.cell === p.cell) === i)
          .slice(0, 5);
        setMessage({ intent: "error", title: e.message.split("\n")[0], lines: e.message.split("\n").slice(1), places });
      } else if (e instanceof CancelledError) setMessage(null);
      else {
        const err = e as { code?: string; message?: string };
        setMessage({
          intent: "error",
          title: t("run.failed", { code: err.code ?? "Error", message: err.message ?? String(e) }),
          lines: [],
        });
      }
    } finally {
      running.current = false;
      setProgress(null);
      onChanged?.();
      void loadSettings();
    }
  };

  /** Selects the cell a message is about, so the analyst lands on it. */
  const locate = async (p: { sheet: string; cell: string }) => {
    try {
      await run({}, async (context) => {
        const ws = context.workbook.worksheets.getItem(p.sheet);
        ws.activate();
        ws.getRange(p.cell).select();
        await context.sync();
      });
      onChanged?.();
    } catch {
      // the sheet was renamed or deleted since: nothing to select
    }
  };

  const busy = progress !== null;
  const phaseName = progress && (progress.phase === "read" ? t("run.reading") : t(`step.${progress.phase}.name`));
  const set = (k: keyof Form) => (_: unknown, d: { value: string }) => setForm((old) => ({ ...old, [k]: d.value }));
  const candidateLabel = (c: SourceCandidate) =>
    c.kind === "table"
      ? `${c.name} (${c.sheet})`
      : c.kind === "selection"
        ? t("ui.selectionCandidate", { name: c.name })
        : c.name !== c.sheet
          ? t("ui.rangeCandidate", { name: c.name })
          : c.sheet;
  // Site tables: those whose headers fit first, then the rest (the revenue table is not one).
  const siteCandidates = candidates
    .filter((c) => c.kind !== "selection" || isSiteTable(c.headers))
    .sort((a, b) => Number(isSiteTable(b.headers)) - Number(isSiteTable(a.headers)));
  const badYear = form.planYear.trim() !== "" && !/^\d{4}$/.test(form.planYear.trim());
  const badStart = form.fiscalStart.trim() !== "" && !/^(1[0-2]|[1-9])$/.test(form.fiscalStart.trim());

  return (
    <section className={styles.panel} aria-label={t("settings.title")}>
      <Field label={t("ui.revenueTable")}>
        <Select value={form.revenueTable ?? ""} onChange={set("revenueTable")} disabled={busy}>
          <option value="">{t("ui.autoDetect")}</option>
          {candidates.map((c) => (
            <option key={`${c.kind}:${c.name}`} value={c.name}>
              {candidateLabel(c)}
              {c.matches ? " ✓" : ""}
            </option>
          ))}
        </Select>
      </Field>
      <Field label={t("ui.sitesTable")} hint={props.step === "support" ? undefined : t("ui.sitesTableHint")}>
        <Select value={form.sitesTable ?? ""} onChange={set("sitesTable")} disabled={busy}>
          <option value="">{t("ui.autoDetect")}</option>
          {siteCandidates.map((c) => (
            <option key={`${c.kind}:${c.name}`} value={c.name}>
              {candidateLabel(c)}
              {isSiteTable(c.headers) ? " ✓" : ""}
            </option>
          ))}
        </Select>
      </Field>
      <Button appearance="subtle" size="small" aria-expanded={showMapping} onClick={() => setShowMapping((v) => !v)}>
        {t("ui.mappingToggle")}
      </Button>
      {showMapping && (
        <Suspense fallback={<Text size={200}>{t("ui.working")}</Text>}>
          <ColumnMapping
            run={run}
            candidate={source}
            mapping={form.mapping}
            onChange={(mapping) => setForm((old) => ({ ...old, mapping }))}
            disabled={busy}
          />
        </Suspense>
      )}
      <div className={styles.row}>
        <Field
          className={styles.grow}
          label={t("ui.periodLabel")}
          hint={defaults.period ? t("ui.latestQuarter", { period: defaults.period }) : t("ui.periodForms")}
        >
          <Input value={form.period ?? ""} onChange={set("period")} disabled={busy} placeholder={defaults.period} />
        </Field>
        <Field
          className={styles.grow}
          label={t("ui.compareLabel")}
          hint={defaults.compare ? t("ui.previousPeriod", { period: defaults.compare }) : undefined}
        >
          <Input value={form.compare ?? ""} onChange={set("compare")} disabled={busy} placeholder={defaults.compare} />
        </Field>
      </div>
      <Field label={t("ui.unitLabel")}>
        <Select value={form.unit} onChange={set("unit")} disabled={busy}>
          <option value="yuan">{t("ui.unitYuan")}</option>
          <option value="wan">{t("ui.unitWan")}</option>
        </Select>
      </Field>
      <div className={styles.row}>
        <Field
          className={styles.grow}
          label={t("ui.focusLabel")}
          hint={customers.length ? t("ui.focusFromData", { count: customers.length }) : undefined}
        >
          <Combobox
            freeform
            value={form.focus ?? ""}
            placeholder={t("ui.focusPlaceholder")}
            disabled={busy}
            onChange={(e) => setForm((old) => ({ ...old, focus: e.target.value }))}
            onOptionSelect={(_, d) => setForm((old) => ({ ...old, focus: d.optionText ?? old.focus }))}
          >
            {focusOptions.map((c) => (
              <Option key={c.name} text={c.name}>
                {c.name}
              </Option>
            ))}
          </Combobox>
        </Field>
        <Field className={styles.grow} label={t("ui.operatorLabel")}>
          <Input value={form.ourOperator ?? ""} onChange={set("ourOperator")} disabled={busy} />
        </Field>
      </div>
      <div className={styles.row}>
        <Field
          className={styles.grow}
          label={t("ui.planYearLabel")}
          validationMessage={badYear ? t("ui.badPlanYear") : undefined}
        >
          <Input value={form.planYear} onChange={set("planYear")} disabled={busy} inputMode="numeric" />
        </Field>
        <Field
          className={styles.grow}
          label={t("ui.fiscalStartLabel")}
          validationMessage={badStart ? t("ui.badFiscalStart") : undefined}
        >
          <Input value={form.fiscalStart} onChange={set("fiscalStart")} disabled={busy} inputMode="numeric" />
        </Field>
      </div>
      <div className={styles.actions}>
        <Button appearance="primary" disabled={busy || !available} onClick={() => void start([props.step])}>
          {exists(props.step) ? t("ui.refresh") : t("ui.generate")}
        </Button>
        <Button disabled={busy} onClick={() => void start(AVAILABLE_STEPS)}>
          {AVAILABLE_STEPS.some(exists) ? t("ui.refreshAll") : t("ui.generateAll")}
        </Button>
        {props.step === "planning" && (
          <Button disabled={busy} onClick={() => void start(AVAILABLE_STEPS, true)}>
            {t("ui.snapshot")}
          </Button>
        )}
        {busy && (
          <Button appearance="subtle" onClick={() => (cancelled.current = true)}>
            {t("ui.cancel")}
          </Button>
        )}
      </div>
      {!available && <Text size={200}>{t("ui.notAvailable")}</Text>}
      <Text size={200} className={styles.fill}>
        <strong>{t("ui.fillTitle")}:</strong> {t(`step.${props.step}.fill`)}
      </Text>
      {busy && (
        <Field
          label={t("ui.working")}
          validationMessage={t("run.progress", { n: progress.index, total: progress.total, step: phaseName ?? "" })}
          validationState="none"
        >
          <ProgressBar value={progress.index / progress.total} />
        </Field>
      )}
      {message && (
        <MessageBar intent={message.intent} role={message.intent === "error" ? "alert" : "status"}>
          <MessageBarBody>
            <MessageBarTitle>{message.title}</MessageBarTitle>
            {message.lines.length > 0 && (
              <ul className={styles.lines}>
                {message.lines.map((l, i) => (
                  <li key={i}>{l}</li>
                ))}
              </ul>
            )}
            {message.places && message.places.length > 0 && (
              <div className={styles.actions}>
                {message.places.map((p) => (
                  <Link key={`${p.sheet}!${p.cell}`} as="button" onClick={() => void locate(p)}>
                    {t("ui.goTo", { place: `${p.sheet}!${p.cell}` })}
                  </Link>
                ))}
              </div>
            )}
          </MessageBarBody>
        </MessageBar>
      )}
    </section>
  );
}
