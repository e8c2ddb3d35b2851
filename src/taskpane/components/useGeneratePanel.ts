/**
 * The panel's state hook (Fluent's split: state here, styles in ./GeneratePanel.styles, render in
 * ./GeneratePanel): the controller over the injected workbook, what the data suggests, which steps
 * exist, and where focus goes when an action ends.
 */
import { useEffect, useRef, type MouseEvent, type RefObject } from "react";
import type { PaneWorkbook } from "../../excel/pane";
import type { SourceCandidate } from "../../excel/read";
import type { StepState } from "../../excel/status";
import type { Locale, Translate } from "../../i18n/core";
import { DEFAULT_STEP_IDS, ON_DEMAND_STEPS, STEP_IDS, type StepId } from "../../steps/meta";
import { usePaneController, type PaneController } from "../controller";
import { useDataDefaults, type DataChoices } from "../hooks";
import { useI18n } from "../i18n-context";
import { preload } from "./Lazy";
import { PRELOAD } from "./chunks";

/** The focus picker lists at most this many customers matching what was typed. */
const FOCUS_OPTIONS = 50;

export interface PanelInput {
  workbook: PaneWorkbook | null;
  step: StepId;
  onChanged?: () => void;
  version?: number;
  onStatus?: (s: Record<string, StepState>) => void;
  sheetLanguage?: Locale;
}

export interface PanelState extends DataChoices {
  t: Translate;
  controller: PaneController;
  /** The source the run reads: the chosen table, else the first that matches, else the first. */
  source: SourceCandidate | undefined;
  /** The focus picker's customers, filtered by what was typed. */
  focusOptions: string[];
  /** Whether a step's sheet has been generated. */
  exists: (step: string) => boolean;
  /** Generate all: the six steps and the overview; an on-demand sheet (the portfolio) once it exists. */
  allSteps: StepId[];
  /** This step can be generated from the pane. */
  available: boolean;
  busy: boolean;
  /** Runs an action started by a control; when it ends, focus settles (see useSettledFocus). */
  act: (e: MouseEvent<HTMLElement>, action: () => Promise<void>) => void;
  /** The message bar, for focus to go to when an action ends with a problem. */
  messageRef: RefObject<HTMLDivElement>;
}

/**
 * When an action started by a control ends: a problem takes focus to the message that names it;
 * otherwise focus returns to the control (which stayed focusable while the run went on), and the
 * message scrolls into view.
 */
function useSettledFocus(settled: { count: number; toMessage: boolean }, settle: () => void) {
  /** The control that started the last action, and the message bar. */
  const trigger = useRef<HTMLElement | null>(null);
  const messageRef = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!settled.count) return;
    const bar = messageRef.current;
    if (bar && settled.toMessage) bar.focus();
    else {
      bar?.scrollIntoView?.({ block: "nearest" });
      if (trigger.current?.isConnected) trigger.current.focus();
      else bar?.focus();
    }
  }, [settled]);
  const act = (e: MouseEvent<HTMLElement>, action: () => Promise<void>) => {
    trigger.current = e.currentTarget;
    void action().then(settle);
  };
  return { act, messageRef };
}

export function useGeneratePanel(props: PanelInput): PanelState {
  const { t, locale } = useI18n();
  const { workbook } = props;
  const controller = usePaneController(workbook, {
    version: props.version,
    sheetLanguage: props.sheetLanguage,
    locale,
    t,
    onChanged: props.onChanged,
    onStatus: props.onStatus,
  });
  const { candidates, statuses, form, progress, settled } = controller.state;
  useEffect(() => (workbook ? preload(PRELOAD) : undefined), [workbook]);
  const { act, messageRef } = useSettledFocus(settled, controller.settle);
  const source =
    candidates.find((c) => c.name === form.revenueTable) ?? candidates.find((c) => c.matches) ?? candidates[0];
  const { customers, defaults } = useDataDefaults(workbook, source, form.mapping);

  const exists = (step: string) => !!statuses[step] && statuses[step].status !== "notGenerated";
  const typed = (form.focus ?? "").trim().toLowerCase();
  return {
    t,
    controller,
    source,
    customers,
    defaults,
    focusOptions: customers
      .filter((c) => !typed || c.name.toLowerCase().includes(typed))
      .slice(0, FOCUS_OPTIONS)
      .map((c) => c.name),
    exists,
    allSteps: [...DEFAULT_STEP_IDS, ...ON_DEMAND_STEPS.filter(exists)],
    available: STEP_IDS.includes(props.step),
    busy: progress !== null,
    act,
    messageRef,
  };
}
