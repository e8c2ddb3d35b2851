/**
 * The task pane's controller: one reducer holds what the pane shows of the workbook (the candidate
 * tables, each step's status, the settings form), the run under way (its progress) and its outcome
 * (the message), and the read of the workbook it waits for. `usePaneController` performs the reads
 * and the runs through the PaneWorkbook it is given and hands the panel its commands.
 *
 * A run is under way exactly while `progress` is set: a change of the workbook reported then (the
 * run's own writes bump the host's version) asks for no read, because the run reads the workbook
 * again when it ends.
 */
import { useEffect, useReducer, useRef } from "react";
import type { PaneCandidate, PaneState as WorkbookState, PaneWorkbook } from "../excel/pane";
import type { GenerateResult } from "../excel/pipeline";
import { DEFAULT_SETTINGS, type Progress } from "../excel/settings";
import type { StepState } from "../excel/status";
import type { Locale, Translate } from "../i18n/core";
import { candidateRank } from "./hooks";
import {
  EMPTY_FORM,
  errorMessage,
  formAfterRun,
  formFromSettings,
  resultMessage,
  settingsFromForm,
  type Form,
  type Message,
} from "./messages";

/** A read of the workbook asked for: `form` when it also takes the document's saved settings. */
export interface ReadRequest {
  id: number;
  form: boolean;
  /** Status reads match headers under the mapping as the analyst has it when the read is asked for. */
  mapping: Form["mapping"];
}

export interface PaneState {
  /** The workbook the pane reads and runs on (null outside Excel and the preview). */
  workbook: PaneWorkbook | null;
  /** The host's count of changes to the workbook, as last seen. */
  version: number | undefined;
  candidates: PaneCandidate[];
  statuses: Record<string, StepState>;
  form: Form;
  /** The run under way (null between runs). */
  progress: Progress | null;
  message: Message | null;
  /** The read asked for and not yet done; a newer request replaces it (its result is dropped). */
  read: ReadRequest | null;
  /** How many reads have been asked for (the latest one's id). */
  reads: number;
  /** How many actions started from a control have ended, and whether focus goes to the message. */
  settled: { count: number; toMessage: boolean };
}

export type PaneAction =
  /** A new workbook (the preview's live sample replacing its snapshot, a file opened): read all of it. */
  | { type: "workbook"; workbook: PaneWorkbook | null }
  /** The host's version changed: outside a run, the statuses are read again. */
  | { type: "version"; version: number | undefined }
  | { type: "readDone"; id: number; found: WorkbookState }
  | { type: "readFailed"; id: number }
  | { type: "edit"; change: Partial<Form> }
  | { type: "runStarted"; total: number }
  | { type: "progress"; progress: Progress }
  /** The run's outcome (a null message when it was cancelled); the workbook is read again. */
  | { type: "runEnded"; message: Message | null; result?: GenerateResult }
  | { type: "message"; message: Message | null }
  | { type: "settled" };

export function initialPaneState(workbook: PaneWorkbook | null, version: number | undefined): PaneState {
  return {
    workbook,
    version,
    candidates: [],
    statuses: {},
    form: EMPTY_FORM,
    progress: null,
    message: null,
    read: { id: 1, form: true, mapping: EMPTY_FORM.mapping },
    reads: 1,
    settled: { count: 0, toMessage: false },
  };
}

/** Asks for a read; one still pending is replaced, keeping its wish for the saved settings. */
function requestRead(s: PaneState, form: boolean): PaneState {
  const id = s.reads + 1;
  return { ...s, reads: id, read: { id, form: form || !!s.read?.form, mapping: s.form.mapping } };
}

const sameHeaders = (a: unknown[], b: unknown[]) => a.length === b.length && a.every((h, i) => h === b[i]);
const sameCandidate = (a: PaneCandidate, b: PaneCandidate) =>
  a.kind === b.kind &&
  a.name === b.name &&
  a.sheet === b.sheet &&
  a.address === b.address &&
  a.matches === b.matches &&
  a.site === b.site &&
  sameHeaders(a.headers, b.headers);

/**
 * The candidates as read, best first; one unchanged since the last read stays the same object, so
 * what is drawn from the chosen source (its customers, its first rows) is not read again.
 */
function nextCandidates(old: PaneCandidate[], found: PaneCandidate[]): PaneCandidate[] {
  return [...found]
    .sort((a, b) => candidateRank(a) - candidateRank(b))
    .map((c) => old.find((o) => sameCandidate(o, c)) ?? c);
}

export function paneReducer(s: PaneState, a: PaneAction): PaneState {
  switch (a.type) {
    case "workbook":
      return a.workbook === s.workbook ? s : requestRead({ ...s, workbook: a.workbook }, true);
    case "version": {
      const seen = { ...s, version: a.version };
      return a.version && !s.progress ? requestRead(seen, false) : seen;
    }
    case "readDone": {
      if (a.id !== s.read?.id) return s;
      const { snap, statuses, candidates } = a.found;
      const saved = snap.settings ?? {};
      const form = s.read.form
        ? { ...formFromSettings({ ...DEFAULT_SETTINGS, ...saved }), docLang: saved.lang }
        : s.form;
      return { ...s, candidates: nextCandidates(s.candidates, candidates), statuses, form, read: null };
    }
    case "readFailed":
      // A failed read (the workbook busy, a sheet mid-rename) keeps what the pane showed; the next
      // change or run reads again.
      return a.id === s.read?.id ? { ...s, read: null } : s;
    case "edit":
      return { ...s, form: { ...s.form, ...a.change } };
    case "runStarted":
      return { ...s, message: null, progress: { index: 0, total: a.total, phase: "read" } };
    case "progress":
      return s.progress ? { ...s, progress: a.progress } : s;
    case "runEnded": {
      const form = a.result ? formAfterRun(s.form, a.result) : s.form;
      return requestRead({ ...s, form, message: a.message, progress: null }, true);
    }
    case "message":
      return { ...s, message: a.message };
    case "settled":
      // A problem takes focus to the message that names it; otherwise focus returns to the control.
      return {
        ...s,
        settled: { count: s.settled.count + 1, toMessage: !!s.message && s.message.intent !== "success" },
      };
  }
}

export interface PaneHost {
  /** Bumped when the workbook changed outside the pane: statuses are read again. */
  version?: number;
  /** The language the run writes the sheets in, when the host chose one. */
  sheetLanguage?: Locale;
  /** The pane's language (messages, and the sheets when neither the host nor the document chose). */
  locale: Locale;
  t: Translate;
  /** After anything the pane wrote or selected (the preview redraws). */
  onChanged?: () => void;
  /** Each step's status, whenever the pane reads the workbook. */
  onStatus?: (s: Record<string, StepState>) => void;
}

/** Reads the workbook whenever the controller asks; a read asked for again drops the older one's result. */
function useWorkbookReads(
  workbook: PaneWorkbook | null,
  read: ReadRequest | null,
  dispatch: (a: PaneAction) => void,
  onStatus: PaneHost["onStatus"],
) {
  useEffect(() => {
    if (!workbook || !read) return;
    let live = true;
    workbook.readState(read.mapping).then(
      (found) => {
        if (!live) return;
        onStatus?.(found.statuses);
        dispatch({ type: "readDone", id: read.id, found });
      },
      () => live && dispatch({ type: "readFailed", id: read.id }),
    );
    return () => {
      live = false;
    };
  }, [workbook, read, dispatch, onStatus]);
}

/** The pane's state and its commands: edit the form, run steps, cancel, "Plan this account", "Go to". */
export function usePaneController(workbook: PaneWorkbook | null, host: PaneHost) {
  const [state, dispatch] = useReducer(paneReducer, null, () => initialPaneState(workbook, host.version));
  // The props as this render has them: a new workbook, or a change reported by the host.
  if (workbook !== state.workbook) dispatch({ type: "workbook", workbook });
  if (host.version !== state.version) dispatch({ type: "version", version: host.version });
  useWorkbookReads(workbook, state.read, dispatch, host.onStatus);
  /** Asked for by Cancel, read by the run between its units of work. */
  const cancelled = useRef(false);
  const { t, onChanged } = host;
  const lang = host.sheetLanguage ?? state.form.docLang ?? host.locale;

  const start = async (steps: string[], snapshot = false, override: Partial<Form> = {}) => {
    if (!workbook) return;
    cancelled.current = false;
    dispatch({ type: "runStarted", total: steps.length + 1 });
    let ended: PaneAction;
    try {
      const result = await workbook.generate({
        steps,
        settings: settingsFromForm({ ...state.form, ...override }, lang),
        onProgress: (progress) => dispatch({ type: "progress", progress }),
        isCancelled: () => cancelled.current,
        snapshot,
      });
      ended = { type: "runEnded", message: resultMessage(result, t), result };
    } catch (e) {
      ended = { type: "runEnded", message: errorMessage(e, t) };
    }
    dispatch(ended);
    onChanged?.();
  };

  const locate = async (p: { sheet: string; cell: string }) => {
    try {
      await workbook?.select(p.sheet, p.cell);
      onChanged?.();
    } catch {
      // the sheet was renamed or deleted since: nothing to select
    }
  };

  /**
   * "Plan this account": the account on the selected row of the Portfolio sheet becomes the focus
   * customer, and Generate all runs for it.
   */
  const planAccount = async (steps: string[]) => {
    if (!workbook) return;
    let account: { key: string; name: string } | null = null;
    try {
      account = await workbook.selectedAccount();
    } catch (e) {
      dispatch({ type: "message", message: errorMessage(e, t) });
      return;
    }
    if (!account) {
      dispatch({ type: "message", message: { intent: "warning", title: t("ui.planAccountNone"), lines: [] } });
      return;
    }
    const focus = account.key;
    dispatch({ type: "edit", change: { focus } });
    await start(steps, false, { focus });
  };

  return {
    state,
    edit: (change: Partial<Form>) => dispatch({ type: "edit", change }),
    start,
    locate,
    planAccount,
    cancel: () => {
      cancelled.current = true;
    },
    /** An action started from a control has ended: focus settles (see GeneratePanel). */
    settle: () => dispatch({ type: "settled" }),
  };
}

export type PaneController = ReturnType<typeof usePaneController>;
