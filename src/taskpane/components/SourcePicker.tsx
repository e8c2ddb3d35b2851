/**
 * Where the run reads from: the revenue table and the site table (each offered from the workbook's
 * candidates, those whose headers fit marked ✓), and the column mapping, opened on demand.
 */
import { useState } from "react";
import { Button, Field, Select } from "@fluentui/react-components";
import type { PaneCandidate, PaneWorkbook } from "../../excel/pane";
import type { SourceCandidate } from "../../excel/read";
import type { Translate } from "../../i18n/core";
import type { Form } from "../messages";
import { useI18n } from "../i18n-context";
import { ColumnMapping } from "./chunks";

/** A candidate as the pickers name it: a table with its sheet, the selection, a range, or a sheet. */
export function candidateLabel(c: SourceCandidate, t: Translate): string {
  if (c.kind === "table") return `${c.name} (${c.sheet})`;
  if (c.kind === "selection") return t("ui.selectionCandidate", { name: c.name });
  return c.name !== c.sheet ? t("ui.rangeCandidate", { name: c.name }) : c.sheet;
}

export interface SourcePickerProps {
  workbook: PaneWorkbook;
  candidates: PaneCandidate[];
  form: Form;
  /** The source the run reads (the mapping view shows its headers). */
  source: SourceCandidate | undefined;
  /** The site table's hint is left out on the Support step, which is about sites. */
  siteHint: boolean;
  busy: boolean;
  onEdit: (change: Partial<Form>) => void;
}

export function SourcePicker(props: SourcePickerProps) {
  const { t } = useI18n();
  const [showMapping, setShowMapping] = useState(false);
  const { form, busy, onEdit } = props;
  // Site tables: those whose headers fit first, then the rest (the revenue table is not one).
  const siteCandidates = props.candidates
    .filter((c) => c.kind !== "selection" || c.site)
    .sort((a, b) => Number(b.site) - Number(a.site));
  return (
    <>
      <Field label={t("ui.revenueTable")}>
        <Select value={form.revenueTable ?? ""} onChange={(_, d) => onEdit({ revenueTable: d.value })} disabled={busy}>
          <option value="">{t("ui.autoDetect")}</option>
          {props.candidates.map((c) => (
            <option key={`${c.kind}:${c.name}`} value={c.name}>
              {candidateLabel(c, t)}
              {c.matches ? " ✓" : ""}
            </option>
          ))}
        </Select>
      </Field>
      <Field label={t("ui.sitesTable")} hint={props.siteHint ? t("ui.sitesTableHint") : undefined}>
        <Select value={form.sitesTable ?? ""} onChange={(_, d) => onEdit({ sitesTable: d.value })} disabled={busy}>
          <option value="">{t("ui.autoDetect")}</option>
          {siteCandidates.map((c) => (
            <option key={`${c.kind}:${c.name}`} value={c.name}>
              {candidateLabel(c, t)}
              {c.site ? " ✓" : ""}
            </option>
          ))}
        </Select>
      </Field>
      <Button appearance="subtle" size="small" aria-expanded={showMapping} onClick={() => setShowMapping((v) => !v)}>
        {t("ui.mappingToggle")}
      </Button>
      {showMapping && (
        <ColumnMapping
          workbook={props.workbook}
          candidate={props.source}
          mapping={form.mapping}
          onChange={(mapping) => onEdit({ mapping })}
          disabled={busy}
        />
      )}
    </>
  );
}
