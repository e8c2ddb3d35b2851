/**
 * What a run says in the panel: its progress while it goes on (naming the current step), then its
 * outcome as a message bar whose links select the cells it names. Both views are in the "outcome"
 * chunk, preloaded when the pane is idle.
 */
import type { RefObject } from "react";
import type { Progress } from "../../excel/settings";
import { useI18n } from "../i18n-context";
import type { Message } from "../messages";
import { RunMessage, RunProgress } from "./chunks";

export interface RunReportProps {
  progress: Progress | null;
  message: Message | null;
  /** The message bar, for focus to go to when an action ends with a problem. */
  messageRef: RefObject<HTMLDivElement>;
  onLocate: (p: { sheet: string; cell: string }) => void;
}

export function RunReport(props: RunReportProps) {
  const { t } = useI18n();
  const { progress, message } = props;
  const phase = progress && (progress.phase === "read" ? t("run.reading") : t(`step.${progress.phase}.name`));
  return (
    <>
      {progress && (
        <RunProgress
          label={t("ui.working")}
          text={t("run.progress", { n: progress.index, total: progress.total, step: phase ?? "" })}
          value={progress.index / progress.total}
        />
      )}
      {message && (
        <RunMessage
          message={message}
          barRef={props.messageRef}
          goToLabel={(place) => t("ui.goTo", { place })}
          onLocate={props.onLocate}
        />
      )}
    </>
  );
}
