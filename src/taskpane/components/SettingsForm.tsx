/**
 * The run's settings: the periods (the data's latest quarter and the one before as placeholders),
 * the unit, the focus customer (picked from the data's customers, or typed), our operator, the plan
 * year and the fiscal year's first month (each checked as typed).
 */
import { Field, Input, Select } from "@fluentui/react-components";
import type { DataChoices } from "../hooks";
import { useI18n } from "../i18n-context";
import { validMonth, validYear, type Form } from "../messages";
import { useGeneratePanelStyles } from "./GeneratePanel.styles";
import { FocusPicker } from "./chunks";

export interface SettingsFormProps extends DataChoices {
  form: Form;
  /** The focus picker's customers, filtered by what was typed. */
  focusOptions: string[];
  busy: boolean;
  onEdit: (change: Partial<Form>) => void;
}

type TextField = "period" | "compare" | "ourOperator" | "planYear" | "fiscalStart";

export function SettingsForm(props: SettingsFormProps) {
  const { t } = useI18n();
  const styles = useGeneratePanelStyles();
  const { form, busy, defaults, customers } = props;
  const set = (k: TextField) => (_: unknown, d: { value: string }) => props.onEdit({ [k]: d.value });
  const badYear = form.planYear.trim() !== "" && !validYear(form.planYear);
  const badStart = form.fiscalStart.trim() !== "" && !validMonth(form.fiscalStart);
  return (
    <>
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
        <Select value={form.unit} onChange={(_, d) => props.onEdit({ unit: d.value as Form["unit"] })} disabled={busy}>
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
            options={props.focusOptions}
            onChange={(focus) => props.onEdit({ focus })}
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
    </>
  );
}
