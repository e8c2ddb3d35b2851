import { Tab, TabList, Text, makeStyles, tokens } from "@fluentui/react-components";
import { NAV_STEPS, type StepId } from "../../steps/meta";
import { useI18n } from "../i18n-context";
import type { StepState } from "../../excel/status";

const useStyles = makeStyles({
  list: { width: "100%" },
  tab: { justifyContent: "flex-start", width: "100%", paddingTop: "6px", paddingBottom: "6px" },
  label: { display: "flex", flexDirection: "column", alignItems: "flex-start", textAlign: "left", gap: "2px" },
  number: {
    display: "inline-flex",
    alignItems: "center",
    justifyContent: "center",
    minWidth: "22px",
    height: "22px",
    borderRadius: tokens.borderRadiusCircular,
    backgroundColor: tokens.colorBrandBackground,
    color: tokens.colorNeutralForegroundOnBrand,
    fontSize: tokens.fontSizeBase200,
    fontWeight: tokens.fontWeightSemibold,
  },
  purpose: { color: tokens.colorNeutralForeground3, fontSize: tokens.fontSizeBase200, whiteSpace: "normal" },
  state: { color: tokens.colorNeutralForeground2, fontSize: tokens.fontSizeBase100 },
  stale: {
    color: tokens.colorPaletteDarkOrangeForeground1,
    fontSize: tokens.fontSizeBase100,
    fontWeight: tokens.fontWeightSemibold,
  },
});

/** The six steps (and the on-demand portfolio) as a vertical tab list: arrow keys move, Enter/Space select (Fluent's tablist). */
export function StepNavigator(props: {
  selected: StepId;
  onSelect: (id: StepId) => void;
  statuses?: Record<string, StepState>;
}) {
  const { t } = useI18n();
  const styles = useStyles();
  return (
    <TabList
      vertical
      className={styles.list}
      aria-label={t("nav.label")}
      selectedValue={props.selected}
      onTabSelect={(_, data) => props.onSelect(data.value as StepId)}
    >
      {NAV_STEPS.map((s) => (
        <Tab key={s.id} value={s.id} className={styles.tab} icon={<span className={styles.number}>{s.number}</span>}>
          <span className={styles.label}>
            <Text weight="semibold">{t(`step.${s.id}.name`)}</Text>
            <span className={styles.purpose}>{t(`step.${s.id}.purpose`)}</span>
            {props.statuses?.[s.id] && (
              <span
                className={
                  // Out of date asks for a Refresh; inputs still to fill are a to-do, not an alarm.
                  props.statuses[s.id].status === "outOfDate" ? styles.stale : styles.state
                }
                data-status={props.statuses[s.id].status}
              >
                {t(`status.${props.statuses[s.id].status}`, {
                  pct: `${Math.floor((props.statuses[s.id].filled ?? 0) * 100)}%`,
                })}
              </span>
            )}
          </span>
        </Tab>
      ))}
    </TabList>
  );
}
