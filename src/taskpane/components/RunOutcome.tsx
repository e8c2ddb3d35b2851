/**
 * What a run shows: its progress (naming the current step) and its outcome as a Fluent message
 * bar with "Go to" links. Only after Generate, so a chunk the pane preloads when idle.
 */
import type { Ref } from "react";
import {
  Field,
  Link,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  ProgressBar,
  makeStyles,
  tokens,
} from "@fluentui/react-components";
import type { Message } from "../messages";

const useStyles = makeStyles({
  lines: { margin: 0, paddingLeft: tokens.spacingHorizontalL },
  places: { display: "flex", gap: tokens.spacingHorizontalS, flexWrap: "wrap", alignItems: "center" },
});

export function RunProgress(props: { label: string; text: string; value: number }) {
  return (
    <Field label={props.label} validationMessage={props.text} validationState="none">
      <ProgressBar value={props.value} />
    </Field>
  );
}

export function RunMessage(props: {
  message: Message;
  /** The bar, for the panel to move focus to it when a run ends. */
  barRef?: Ref<HTMLDivElement>;
  goToLabel: (place: string) => string;
  onLocate: (p: { sheet: string; cell: string }) => void;
}) {
  const styles = useStyles();
  // Taken apart: the bar's ref is for the bar alone, not read with the rest while rendering.
  const { message, barRef, goToLabel, onLocate } = props;
  return (
    <MessageBar
      ref={barRef}
      tabIndex={-1}
      intent={message.intent}
      role={message.intent === "error" ? "alert" : "status"}
    >
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
          <div className={styles.places}>
            {message.places.map((p) => (
              <Link key={`${p.sheet}!${p.cell}`} as="button" onClick={() => onLocate(p)}>
                {goToLabel(`${p.sheet}!${p.cell}`)}
              </Link>
            ))}
          </div>
        )}
      </MessageBarBody>
    </MessageBar>
  );
}
