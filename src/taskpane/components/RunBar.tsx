/**
 * The primary actions: Generate (or Refresh) this step, Generate all (or Refresh all), "Plan this
 * account" on the portfolio, the snapshot on the plan, Cancel while a run goes on, and a line that
 * says what is offered. Docked in the pane's slot under its scrolling area, else sticky in place.
 */
import type { MouseEvent } from "react";
import { createPortal } from "react-dom";
import { Button, Text, mergeClasses } from "@fluentui/react-components";
import type { StepId } from "../../steps/meta";
import { useI18n } from "../i18n-context";
import { useGeneratePanelStyles } from "./GeneratePanel.styles";

export interface RunBarProps {
  step: StepId;
  /** This step can be generated from the pane. */
  available: boolean;
  busy: boolean;
  exists: (step: string) => boolean;
  allSteps: StepId[];
  /** Runs an action started by a control (focus settles when it ends). */
  act: (e: MouseEvent<HTMLElement>, action: () => Promise<void>) => void;
  start: (steps: string[], snapshot?: boolean) => Promise<void>;
  planAccount: (steps: string[]) => Promise<void>;
  cancel: () => void;
  /** Where the bar docks, outside the scrolling area; sticky in place without one. */
  slot?: HTMLElement | null;
}

export function RunBar(props: RunBarProps) {
  const { t } = useI18n();
  const styles = useGeneratePanelStyles();
  const { step, busy, exists, allSteps, act, start } = props;
  const bar = (
    <div
      className={mergeClasses(styles.bar, !props.slot && styles.sticky)}
      role="group"
      aria-label={t("ui.actions")}
      data-testid="action-bar"
    >
      <div className={styles.actions}>
        {/* Focusable while a run goes on, so focus stays on the control that started it. */}
        <Button
          appearance="primary"
          disabledFocusable={busy || !props.available}
          onClick={(e) => act(e, () => start([step]))}
        >
          {exists(step) ? t("ui.refresh") : t("ui.generate")}
        </Button>
        <Button disabledFocusable={busy} onClick={(e) => act(e, () => start(allSteps))}>
          {allSteps.some(exists) ? t("ui.refreshAll") : t("ui.generateAll")}
        </Button>
        {step === "portfolio" && exists("portfolio") && (
          <Button disabledFocusable={busy} onClick={(e) => act(e, () => props.planAccount(allSteps))}>
            {t("ui.planAccount")}
          </Button>
        )}
        {step === "planning" && (
          <Button disabledFocusable={busy} onClick={(e) => act(e, () => start(allSteps, true))}>
            {t("ui.snapshot")}
          </Button>
        )}
        {busy && (
          <Button appearance="subtle" onClick={props.cancel}>
            {t("ui.cancel")}
          </Button>
        )}
      </div>
      <Text size={200} className={styles.fill} data-testid="action-status">
        {busy
          ? t("ui.statusRunning")
          : allSteps.some(exists)
            ? t(exists(step) ? "ui.statusRefresh" : "ui.statusGenerateStep")
            : t("ui.statusGenerate")}
      </Text>
    </div>
  );
  return props.slot ? createPortal(bar, props.slot) : bar;
}
