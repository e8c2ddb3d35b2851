/**
 * The panel under the step list: where the run reads from, its settings, what the step asks to be
 * filled in, a run's progress and outcome, the deck, and the action bar. Split as Fluent splits a
 * component: state in ./useGeneratePanel (over the pane's controller), styles in
 * ./GeneratePanel.styles, and the render here, in smaller components (SourcePicker, SettingsForm,
 * RunReport, RunBar).
 *
 * The workbook comes in as a PaneWorkbook, as Microsoft's task-pane template hands `insertText` to
 * its component: the host makes it (src/taskpane/index.tsx over Excel.run, the preview over its
 * emulator), and a test can hand the panel a fake.
 */
import { Text } from "@fluentui/react-components";
import type { PaneWorkbook } from "../../excel/pane";
import type { ExcelRun } from "../../excel/run";
import type { StepState } from "../../excel/status";
import type { Locale } from "../../i18n/core";
import type { StepId } from "../../steps/meta";
import { candidateRank, customerChoices } from "../hooks";
import { useGeneratePanelStyles } from "./GeneratePanel.styles";
import { DeckExport } from "./chunks";
import { RunBar } from "./RunBar";
import { RunReport } from "./RunReport";
import { SettingsForm } from "./SettingsForm";
import { SourcePicker } from "./SourcePicker";
import { useGeneratePanel } from "./useGeneratePanel";

export interface GeneratePanelProps {
  /** Every workbook call the panel makes (null outside Excel and the preview). */
  workbook: PaneWorkbook | null;
  /** The way into the workbook for the deck (built from the generated sheets); no deck without it. */
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

/** Settings, Generate / Generate all, progress with Cancel, and the outcome as a message bar. */
export function GeneratePanel(props: GeneratePanelProps) {
  const styles = useGeneratePanelStyles();
  const panel = useGeneratePanel(props);
  const { t, controller, busy } = panel;
  const { workbook } = props;
  if (!workbook) return <Text className={styles.panel}>{t("ui.noExcel")}</Text>;
  const { form, candidates, progress, message } = controller.state;
  return (
    <section className={styles.panel} aria-label={t("settings.title")}>
      <SourcePicker
        workbook={workbook}
        candidates={candidates}
        form={form}
        source={panel.source}
        siteHint={props.step !== "support"}
        busy={busy}
        onEdit={controller.edit}
      />
      <SettingsForm
        form={form}
        customers={panel.customers}
        defaults={panel.defaults}
        focusOptions={panel.focusOptions}
        busy={busy}
        onEdit={controller.edit}
      />
      {!panel.available && <Text size={200}>{t("ui.notAvailable")}</Text>}
      <Text size={200} className={styles.fill}>
        <strong>{t("ui.fillTitle")}:</strong> {t(`step.${props.step}.fill`)}
      </Text>
      <RunReport
        progress={progress}
        message={message}
        messageRef={panel.messageRef}
        onLocate={(p) => void controller.locate(p)}
      />
      {/* The deck is a deliverable of the generated sheets, not a run: beside them, not in the action bar. */}
      {props.run && <DeckExport run={props.run} disabled={busy} />}
      <RunBar
        step={props.step}
        available={panel.available}
        busy={busy}
        exists={panel.exists}
        allSteps={panel.allSteps}
        act={panel.act}
        start={controller.start}
        planAccount={controller.planAccount}
        cancel={controller.cancel}
        slot={props.actionSlot}
      />
    </section>
  );
}
