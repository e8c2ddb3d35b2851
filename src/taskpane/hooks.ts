/**
 * The task pane's state, as hooks: what the workbook holds (candidates, statuses, saved
 * settings), defaults drawn from the data (customers, periods), and a run (progress, Cancel,
 * the outcome). The workbook calls come in as a PaneWorkbook (src/excel/pane); what the pane says
 * is built by the pure functions in ./messages.
 */
import { useCallback, useEffect, useRef, useState } from "react";
import type { PaneCandidate, PaneWorkbook } from "../excel/pane";
import type { SourceCandidate } from "../excel/read";
import { DEFAULT_SETTINGS, type Progress } from "../excel/settings";
import type { StepState } from "../excel/status";
import type { Locale, Translate } from "../i18n/core";
import type { ColumnMapping } from "../tables/revenue";
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

/**
 * The workbook as the pane shows it: candidate tables, each step's status and the saved form,
 * read on mount, after each run, and (statuses only) whenever `version` changes outside a run.
 */
export function useWorkbookState(
  workbook: PaneWorkbook | null,
  version: number | undefined,
  running: { current: boolean },
  onStatus?: (s: Record<string, StepState>) => void,
) {
  const [candidates, setCandidates] = useState<PaneCandidate[]>([]);
  const [states, setStates] = useState<Record<string, StepState>>({});
  const [form, setForm] = useState<Form>(EMPTY_FORM);
  // Status reads match headers under the mapping as the analyst has it now.
  const mappingRef = useRef(form.mapping);
  mappingRef.current = form.mapping;
  const reload = useCallback(
    async (withForm = true) => {
      if (!workbook) return;
      try {
        const { snap, statuses, candidates } = await workbook.readState(mappingRef.current);
        setCandidates([...candidates].sort((a, b) => candidateRank(a) - candidateRank(b)));
        setStates(statuses);
        onStatus?.(statuses);
        if (withForm) {
          const saved = snap.settings ?? {};
          setForm({ ...formFromSettings({ ...DEFAULT_SETTINGS, ...saved }), docLang: saved.lang });
        }
      } catch {
        // A failed status read (the workbook busy, a sheet mid-rename) keeps what the pane showed;
        // the next change or run reads again.
      }
    },
    [workbook, onStatus],
  );
  useEffect(() => {
    void reload();
  }, [reload]);
  useEffect(() => {
    // Not during a run: its own writes bump the version, and the run re-reads when it ends.
    if (version && !running.current) void reload(false);
  }, [version]);
  return { candidates, states, form, setForm, reload };
}

/**
 * From the chosen (or detected) table: the focus picker's customers, and the default periods
 * (the latest quarter in the data and the one before), shown until the analyst types others.
 */
export function useDataDefaults(
  workbook: PaneWorkbook | null,
  source: SourceCandidate | undefined,
  mapping: ColumnMapping,
) {
  const [customers, setCustomers] = useState<{ name: string; rows: number }[]>([]);
  const [defaults, setDefaults] = useState<{ period?: string; compare?: string }>({});
  useEffect(() => {
    let live = true;
    if (!workbook || !source) {
      setCustomers([]);
      setDefaults({});
      return;
    }
    workbook
      .dataDefaults(source, mapping)
      .then((found) => {
        if (!live) return;
        setCustomers(found ? customerChoices(found.names) : []);
        setDefaults(found?.period ? { period: found.period, compare: found.compare } : {});
      })
      .catch(() => live && (setCustomers([]), setDefaults({})));
    return () => {
      live = false;
    };
  }, [workbook, source?.name, source?.address, mapping]);
  return { customers, defaults };
}

/** A run: progress, Cancel, the outcome as a message, and "Go to" for the cells it names. */
export function useRunner(
  workbook: PaneWorkbook | null,
  t: Translate,
  locale: Locale,
  hooks: {
    form: Form;
    setForm: (f: (old: Form) => Form) => void;
    /** True while a run is under way (status reads wait for its end). */
    running: { current: boolean };
    /** After anything the pane wrote or selected (the preview redraws). */
    onChanged?: () => void;
    /** Reads the workbook again after a run. */
    reload: () => void;
  },
) {
  const [progress, setProgress] = useState<Progress | null>(null);
  const [message, setMessage] = useState<Message | null>(null);
  const cancelled = useRef(false);
  const { running } = hooks;
  const start = async (steps: string[], snapshot = false, override: Partial<Form> = {}) => {
    if (!workbook) return;
    cancelled.current = false;
    running.current = true;
    setMessage(null);
    setProgress({ index: 0, total: steps.length + 1, phase: "read" });
    try {
      const result = await workbook.generate({
        steps,
        settings: settingsFromForm({ ...hooks.form, ...override }, locale),
        onProgress: setProgress,
        isCancelled: () => cancelled.current,
        snapshot,
      });
      setMessage(resultMessage(result, t));
      hooks.setForm((old) => formAfterRun(old, result));
    } catch (e) {
      setMessage(errorMessage(e, t));
    } finally {
      running.current = false;
      setProgress(null);
      hooks.onChanged?.();
      hooks.reload();
    }
  };
  const locate = async (p: { sheet: string; cell: string }) => {
    try {
      await workbook?.select(p.sheet, p.cell);
      hooks.onChanged?.();
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
      setMessage(errorMessage(e, t));
      return;
    }
    if (!account) {
      setMessage({ intent: "warning", title: t("ui.planAccountNone"), lines: [] });
      return;
    }
    const focus = account.key;
    hooks.setForm((old) => ({ ...old, focus }));
    await start(steps, false, { focus });
  };
  return { progress, message, start, locate, planAccount, cancel: () => (cancelled.current = true) };
}
