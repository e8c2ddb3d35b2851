/** Excel's alert (a data validation Stop, Warning or Information; a protected cell): modal, Esc cancels. */
import { useEffect, useRef } from "react";
import type { Translate } from "../../i18n";
import { alertBackdrop, alertBox, alertButton, alertPrimary } from "./styles";
import type { Alert } from "./useGridEntry";

export type AlertChoice = "retry" | "accept" | "cancel";

/** The alert's buttons, Excel's for its kind: the first is the default. */
function buttonsOf(alert: Alert, t: Translate): [string, AlertChoice][] {
  switch (alert.buttons) {
    case "retryCancel":
      return [
        [t("preview.alert.retry"), "retry"],
        [t("preview.alert.cancel"), "cancel"],
      ];
    case "yesNoCancel":
      return [
        [t("preview.alert.yes"), "accept"],
        [t("preview.alert.no"), "retry"],
        [t("preview.alert.cancel"), "cancel"],
      ];
    case "okCancel":
      return [
        [t("preview.alert.ok"), "accept"],
        [t("preview.alert.cancel"), "cancel"],
      ];
    default:
      return [[t("preview.alert.ok"), "cancel"]];
  }
}

export function AlertDialog(props: {
  alert: Alert;
  ids: { title: string; body: string };
  t: Translate;
  onClose: (choice: AlertChoice) => void;
}) {
  const { alert, onClose } = props;
  const first = useRef<HTMLButtonElement>(null);
  useEffect(() => first.current?.focus(), []);
  return (
    <div style={alertBackdrop}>
      <div
        role="alertdialog"
        aria-modal="true"
        aria-labelledby={props.ids.title}
        aria-describedby={props.ids.body}
        data-testid="alert"
        onKeyDown={(e) => {
          if (e.key === "Escape") {
            e.preventDefault();
            onClose("cancel");
          } else if (e.key === "Tab") {
            // Focus stays in the dialog.
            const els = [...e.currentTarget.querySelectorAll("button")];
            const i = els.indexOf(document.activeElement as HTMLButtonElement);
            e.preventDefault();
            els[(i + (e.shiftKey ? -1 : 1) + els.length) % els.length]?.focus();
          }
        }}
        style={alertBox}
      >
        <h2 id={props.ids.title} style={{ fontSize: 15, margin: "0 0 8px" }}>
          {alert.title}
        </h2>
        <p id={props.ids.body} style={{ margin: "0 0 12px", whiteSpace: "pre-line" }}>
          {alert.message}
        </p>
        <div style={{ display: "flex", gap: 8, justifyContent: "flex-end" }}>
          {buttonsOf(alert, props.t).map(([label, choice], i) => (
            <button
              key={label}
              ref={i === 0 ? first : undefined}
              style={i === 0 ? alertPrimary : alertButton}
              onClick={() => onClose(choice)}
            >
              {label}
            </button>
          ))}
        </div>
      </div>
    </div>
  );
}
