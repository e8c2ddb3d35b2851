import { useEffect, useMemo, useRef, useState, type MouseEvent } from "react";
import { createPortal } from "react-dom";
import { Button, Field, Input, Select, Text, makeStyles, mergeClasses, tokens } from "@fluentui/react-components";
import { loadPaneCalls, loadPipeline, paneWorkbook } from "../../excel/pane";
import type { SourceCandidate } from "../../excel/read";
import type { ExcelRun } from "../../excel/run";
import type { StepState } from "../../excel/status";
import { DEFAULT_STEP_IDS, ON_DEMAND_STEPS, STEP_IDS, type StepId } from "../../steps/meta";
import { candidateRank, customerChoices, useDataDefaults, useRunner, useWorkbookState } from "../hooks";
import { validMonth, validYear, type Form } from "../messages";
import { useI18n } from "../i18n-context";
import type { Locale } from "../../i18n/core";
import { chunkLoader, lazyView, preload } from "./Lazy";
import type { FocusPickerProps } from "./FocusPicker";

// Not needed for the first screen, so each is a chunk. The mapping view (with its table) loads
// when first opened; the focus picker (Fluent's Combobox and its popup positioning), what a run
// shows (progress, the message bar) and the deck's button are preloaded once the pane is idle,
// with the workbook calls and the pipeline, so neither a click nor a run waits for them.
const loadMapping = chunkLoader(() => import(/* webpackChunkName: "mapping" */ "./ColumnMapping"));
const loadFocus = chunkLoader(() => import(/* webpackChunkName: "focus" */ "./FocusPicker"));
const loadOutcome = chunkLoader(() => import(/* webpackChunkName: "outcome" */ "./RunOutcome"));
const loadDeckView = chunkLoader(() => import(/* webpackChunkName: "deck-view" */ "./DeckExport"));
const ColumnMapping = lazyView(() => loadMapping().then((m) => m.ColumnMapping));
// Until the picker arrives, the field takes typing as it will (free text).
const FocusPicker = lazyView(
  () => loadFocus().then((m) => m.FocusPicker),
  (p: FocusPickerProps) => (
    <Input value={p.value} placeholder={p.placeholder} disabled={p.disabled} onChange={(_, d) => p.onChange(d.value)} />
  ),
);
const RunProgress = lazyView(() => loadOutcome().then((m) => m.RunProgress));
const RunMessage = lazyView(() => loadOutcome().then((m) => m.RunMessage));
// The button's place is kept while its view loads.
function DeckButtonPlace() {
  const { t } = useI18n();
  return <Button disabled>{t("deck.exportPptx")}</Button>;
}
const DeckExport = lazyView(() => loadDeckView().then((m) => m.DeckExport), DeckButtonPlace);
/** What the pane preloads in idle time after its first render (in Excel or the preview). */
const PRELOAD = [loadPaneCalls, loadPipeline, loadFocus, loadOutcome, loadDeckView];

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
  // The primary actions stay in view at the bottom of the pane while the settings scroll: docked
  // under the scrolling area when the pane offers a place (a sticky bar cannot rise above its own
  // section, which starts below the fold under the step list), else sticky at its end.
  sticky: {
    position: "sticky",
    bottom: 0,
    zIndex: 1,
    margin: `0 calc(-1 * ${tokens.spacingHorizontalS})`,
  },
  bar: {
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalXS,
    padding: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalS}`,
    backgroundColor: tokens.colorNeutralBackground1,
    borderTop: `1px solid ${tokens.colorNeutralStroke2}`,
    boxShadow: tokens.shadow4,
  },
  fill: { color: tokens.colorNeutralForeground2 },
});

export interface GeneratePanelProps {
  run: ExcelRun | null;
  step: StepId;
  /** Called after every write to the workbook (the preview redraws). */
  onChanged?: () => void;
  /** Bumped when the workbook changed outside the panel: statuses are read again. */
  version?: number;
  /** Each step's status, whenever the panel reads the workbook. */
  onStatus?: (s: Record<string, StepState>) => void;
  /**
   * The language the sheets are written in when the analyst chose one; otherwise the document's
   * own (a sample keeps its language's tab names), else the pane's.
   */
  sheetLanguage?: Locale;
  /** Where the action bar docks, outside the scrolling area (the pane's slot under it); sticky in place without one. */
  actionSlot?: HTMLElement | null;
}

export { candidateRank, customerChoices };

/** The focus picker lists at most this many customers matching what was typed. */
const FOCUS_OPTIONS = 50;

/** Settings, Generate / Generate all, progress with Cancel, and the outcome as a message bar. */
export function GeneratePanel(props: GeneratePanelProps) {
  const { t, locale } = useI18n();
  const styles = useStyles();
  const { run, onChanged, onStatus } = props;
  const workbook = useMemo(() => (run ? paneWorkbook(run, STEP_IDS) : null), [run]);
  const running = useRef(false);
  const state = useWorkbookState(workbook, props.version, running, onStatus);
  const { candidates, states, form, setForm } = state;
  useEffect(() => (run ? preload(PRELOAD) : undefined), [run]);
  const [showMapping, setShowMapping] = useState(false);
  const runner = useRunner(workbook, t, props.sheetLanguage ?? form.docLang ?? locale, {
    form,
    setForm,
    running,
    onChanged,
    reload: () => void state.reload(),
  });
  const { progress, message } = runner;
  /** The control that started the last action, and the message bar: where focus goes when it ends. */
  const trigger = useRef<HTMLElement | null>(null);
  const messageRef = useRef<HTMLDivElement>(null);
  const [ended, setEnded] = useState(0);
  useEffect(() => {
    if (!ended) return;
    const bar = messageRef.current;
    // A problem takes focus to the message that names it; otherwise focus returns to the control
    // (which stayed focusable while the run went on), and the message scrolls into view.
    if (bar && message && message.intent !== "success") bar.focus();
    else {
      bar?.scrollIntoView?.({ block: "nearest" });
      if (trigger.current?.isConnected) trigger.current.focus();
      else bar?.focus();
    }
  }, [ended]);
  /** Runs an action started by a control, then settles focus. */
  const act = (e: MouseEvent<HTMLElement>, action: () => Promise<void>) => {
    trigger.current = e.currentTarget;
    void action().then(() => setEnded((n) => n + 1));
  };
  const source =
    candidates.find((c) => c.name === form.revenueTable) ?? candidates.find((c) => c.matches) ?? candidates[0];
  const { customers, defaults } = useDataDefaults(workbook, source, form.mapping);

  if (!run) return <Text className={styles.panel}>{t("ui.noExcel")}</Text>;
  const available = STEP_IDS.includes(props.step);
  const exists = (step: string) => !!states[step] && states[step].status !== "notGenerated";
  const typed = (form.focus ?? "").trim().toLowerCase();
  const focusOptions = customers.filter((c) => !typed || c.name.toLowerCase().includes(typed)).slice(0, FOCUS_OPTIONS);

  const { start, locate } = runner;
  // Generate all: the six steps and the overview; an on-demand sheet (the portfolio) once it exists.
  const allSteps = [...DEFAULT_STEP_IDS, ...ON_DEMAND_STEPS.filter(exists)];

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
    .filter((c) => c.kind !== "selection" || c.site)
    .sort((a, b) => Number(b.site) - Number(a.site));
  const badYear = form.planYear.trim() !== "" && !validYear(form.planYear);
  const badStart = form.fiscalStart.trim() !== "" && !validMonth(form.fiscalStart);

  const actionBar = (
    <div
      className={mergeClasses(styles.bar, !props.actionSlot && styles.sticky)}
      role="group"
      aria-label={t("ui.actions")}
      data-testid="action-bar"
    >
      <div className={styles.actions}>
        {/* Focusable while a run goes on, so focus stays on the control that started it. */}
        <Button
          appearance="primary"
          disabledFocusable={busy || !available}
          onClick={(e) => act(e, () => start([props.step]))}
        >
          {exists(props.step) ? t("ui.refresh") : t("ui.generate")}
        </Button>
        <Button disabledFocusable={busy} onClick={(e) => act(e, () => start(allSteps))}>
          {allSteps.some(exists) ? t("ui.refreshAll") : t("ui.generateAll")}
        </Button>
        {props.step === "portfolio" && exists("portfolio") && (
          <Button disabledFocusable={busy} onClick={(e) => act(e, () => runner.planAccount(allSteps))}>
            {t("ui.planAccount")}
          </Button>
        )}
        {props.step === "planning" && (
          <Button disabledFocusable={busy} onClick={(e) => act(e, () => start(allSteps, true))}>
            {t("ui.snapshot")}
          </Button>
        )}
        {busy && (
          <Button appearance="subtle" onClick={runner.cancel}>
            {t("ui.cancel")}
          </Button>
        )}
      </div>
      <Text size={200} className={styles.fill} data-testid="action-status">
        {busy
          ? t("ui.statusRunning")
          : allSteps.some(exists)
            ? t(exists(props.step) ? "ui.statusRefresh" : "ui.statusGenerateStep")
            : t("ui.statusGenerate")}
      </Text>
    </div>
  );

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
              {c.site ? " ✓" : ""}
            </option>
          ))}
        </Select>
      </Field>
      <Button appearance="subtle" size="small" aria-expanded={showMapping} onClick={() => setShowMapping((v) => !v)}>
        {t("ui.mappingToggle")}
      </Button>
      {showMapping && (
        <ColumnMapping
          workbook={workbook!}
          candidate={source}
          mapping={form.mapping}
          onChange={(mapping) => setForm((old) => ({ ...old, mapping }))}
          disabled={busy}
        />
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
          <FocusPicker
            value={form.focus ?? ""}
            placeholder={t("ui.focusPlaceholder")}
            disabled={busy}
            options={focusOptions.map((c) => c.name)}
            onChange={(focus) => setForm((old) => ({ ...old, focus }))}
          />
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
      {!available && <Text size={200}>{t("ui.notAvailable")}</Text>}
      <Text size={200} className={styles.fill}>
        <strong>{t("ui.fillTitle")}:</strong> {t(`step.${props.step}.fill`)}
      </Text>
      {busy && (
        <RunProgress
          label={t("ui.working")}
          text={t("run.progress", { n: progress.index, total: progress.total, step: phaseName ?? "" })}
          value={progress.index / progress.total}
        />
      )}
      {message && (
        <RunMessage
          message={message}
          barRef={messageRef}
          goToLabel={(place) => t("ui.goTo", { place })}
          onLocate={(p) => void locate(p)}
        />
      )}
      {/* The deck is a deliverable of the generated sheets, not a run: beside them, not in the action bar. */}
      <DeckExport run={run} disabled={busy} />
      {props.actionSlot ? createPortal(actionBar, props.actionSlot) : actionBar}
    </section>
  );
}
