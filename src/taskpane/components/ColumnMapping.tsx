import { useEffect, useState } from "react";
import {
  Field,
  Select,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  Text,
  makeStyles,
  tokens,
} from "@fluentui/react-components";
import { rectOf } from "../../address";
import type { PaneWorkbook } from "../../excel/pane";
import type { SourceCandidate } from "../../excel/read";
import type { Translate } from "../../i18n";
import { describeProblem } from "../../tables/messages";
import { TableError } from "../../tables/problems";
import {
  layoutOf,
  parseRevenueTable,
  REQUIRED_REVENUE_FIELDS,
  REVENUE_FIELDS,
  type ColumnMapping,
  type RevenueField,
} from "../../tables/revenue";
import { useI18n } from "../i18n-context";

const useStyles = makeStyles({
  grid: {
    display: "grid",
    gridTemplateColumns: "repeat(auto-fill, minmax(130px, 1fr))",
    gap: tokens.spacingHorizontalS,
  },
  preview: { overflowX: "auto", maxWidth: "100%" },
  // Grid items may shrink below their select's longest option (else 320 px overflows).
  cell: { minWidth: 0 },
  // Its natural width (not squeezed into the pane): the box around it scrolls sideways.
  nowrap: { whiteSpace: "nowrap", width: "max-content", minWidth: "100%", tableLayout: "auto" },
  // What was detected, in full: wrapped under the field, never clipped like an option's text.
  detected: { overflowWrap: "anywhere", color: tokens.colorNeutralForeground2 },
  select: { minWidth: 0, width: "100%", textOverflow: "ellipsis" },
  missing: { color: tokens.colorPaletteRedForeground1 },
});

/** Rows of the table checked in the mapping view (the whole table is checked by Generate). */
export const CHECKED_ROWS = 200;

/** Problems in the first rows under a mapping, worded as Generate words them (at most three). */
export function checkRows(
  candidate: SourceCandidate,
  values: unknown[][],
  mapping: ColumnMapping,
  t: Translate,
): string[] {
  if (values.length < 2) return [];
  const r = rectOf(candidate.address);
  try {
    parseRevenueTable({ sheet: candidate.sheet, values, origin: { row: r.r0, col: r.c0 } }, mapping);
    return [];
  } catch (e) {
    if (!(e instanceof TableError)) return [];
    return e.problems.slice(0, 3).map((p) => describeProblem(p, t));
  }
}

/** The first rows of a source (header first): their text to show, their values to check. */
function useFirstRows(workbook: PaneWorkbook, candidate: SourceCandidate | undefined) {
  const [rows, setRows] = useState<{ text: unknown[][]; values: unknown[][] }>({ text: [], values: [] });
  useEffect(() => {
    let live = true;
    if (!candidate) return;
    void workbook
      .firstRows(candidate, CHECKED_ROWS)
      .then((r) => ({ text: r.text.slice(1, 4), values: r.values }))
      .then((r) => live && setRows(r))
      .catch(() => live && setRows({ text: [], values: [] }));
    return () => {
      live = false;
    };
  }, [candidate, workbook]);
  return rows;
}

type Layout = ReturnType<typeof layoutOf>;

/** One field's column: detected (and how), chosen by hand, or none. */
function FieldPicker(props: {
  field: RevenueField;
  headers: unknown[];
  head: Layout;
  mapping: ColumnMapping;
  onChoose: (value: string) => void;
  disabled?: boolean;
}) {
  const { t } = useI18n();
  const styles = useStyles();
  const { field: f, head, headers } = props;
  const detected = head.mapping[f];
  // How the add-in matched the column: an exact name, a name with a unit or qualifier, or a word in the header.
  const m = head.matches[f];
  const unit =
    m && m.how !== "manual" && m.unit !== 1 ? ` · ${t("ui.matchUnit", { unit: m.unit.toLocaleString("en-US") })}` : "";
  const how = !m || m.how === "manual" ? "" : ` (${t(`ui.matchHow.${m.how}`)}${unit})`;
  const auto =
    detected !== undefined ? t("ui.mappingAuto", { header: String(headers[detected] ?? "") }) + how : undefined;
  return (
    <Field
      className={styles.cell}
      label={`${t(`field.${f}`)}${REQUIRED_REVENUE_FIELDS.includes(f) ? " *" : ""}`}
      hint={props.mapping[f] === undefined && auto ? { className: styles.detected, children: auto } : undefined}
    >
      <Select
        className={styles.cell}
        select={{ className: styles.select }}
        value={props.mapping[f] !== undefined ? String(props.mapping[f]) : ""}
        onChange={(_, d) => props.onChoose(d.value)}
        disabled={props.disabled}
      >
        <option value="">
          {auto ??
            (head.layout === "wide" && (f === "period" || f === "amount")
              ? t("ui.mappingByMonthColumns")
              : t("ui.mappingNone"))}
        </option>
        {headers.map((h, i) => (
          <option key={i} value={String(i)}>
            {String(h ?? "") || `#${i + 1}`}
          </option>
        ))}
      </Select>
    </Field>
  );
}

/** The source's first rows under its headers, to check the columns against; scrolls sideways. */
function FirstRows(props: { headers: unknown[]; rows: unknown[][] }) {
  const { t } = useI18n();
  const styles = useStyles();
  return (
    // Scrolls sideways at narrow widths: focusable, so the keyboard can scroll it too.
    <div className={styles.preview} data-scroll="x" tabIndex={0} role="region" aria-label={t("ui.mappingPreview")}>
      <Table size="extra-small" className={styles.nowrap} aria-label={t("ui.mappingPreview")}>
        <TableHeader>
          <TableRow>
            {props.headers.map((h, i) => (
              <TableHeaderCell key={i}>{String(h ?? "")}</TableHeaderCell>
            ))}
          </TableRow>
        </TableHeader>
        <TableBody>
          {props.rows.map((r, i) => (
            <TableRow key={i}>
              {r.map((v, j) => (
                <TableCell key={j}>{String(v ?? "")}</TableCell>
              ))}
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </div>
  );
}

/**
 * Which column holds each field of the revenue table: detected from the headers, changeable by
 * hand, with the table's first rows to check against and the required fields still missing.
 */
export function ColumnMapping(props: {
  workbook: PaneWorkbook;
  candidate: SourceCandidate | undefined;
  mapping: ColumnMapping;
  onChange: (m: ColumnMapping) => void;
  disabled?: boolean;
}) {
  const { t } = useI18n();
  const styles = useStyles();
  const { candidate } = props;
  /** The first rows' text (shown) and values (header first, checked under the current mapping). */
  const { text: rows, values: sampleValues } = useFirstRows(props.workbook, candidate);
  if (!candidate) return null;
  const head = layoutOf(candidate.headers, props.mapping, sampleValues.slice(1, 51));
  // A wide table (one column per month) needs no month or amount column.
  const required =
    head.layout === "wide"
      ? REQUIRED_REVENUE_FIELDS.filter((f) => f !== "period" && f !== "amount")
      : REQUIRED_REVENUE_FIELDS;
  const missing = required.filter((f) => head.mapping[f] === undefined);
  // With every required column found, the first rows are read as Generate would read them.
  const problems = missing.length ? [] : checkRows(candidate, sampleValues, props.mapping, t);
  const choose = (field: RevenueField, value: string) => {
    const next: ColumnMapping = { ...props.mapping };
    if (value === "") delete next[field];
    else next[field] = Number(value);
    props.onChange(next);
  };
  const list = (xs: string[]) => xs.join(t("sheet.listSep"));
  return (
    <section aria-label={t("ui.mappingTitle")}>
      <Text weight="semibold">{t("ui.mappingTitle")}</Text>
      <div className={styles.grid}>
        {REVENUE_FIELDS.map((f) => (
          <FieldPicker
            key={f}
            field={f}
            headers={candidate.headers}
            head={head}
            mapping={props.mapping}
            onChoose={(value) => choose(f, value)}
            disabled={props.disabled}
          />
        ))}
      </div>
      {head.layout === "wide" && (
        <Text role="note">
          {t("ui.mappingWide", {
            months: head.monthColumns.length,
            total: list(head.totalColumns.map((c) => String(candidate.headers[c] ?? ""))) || "—",
          })}
        </Text>
      )}
      {missing.length > 0 && (
        <Text className={styles.missing} role="note">
          {t("ui.mappingMissing", { fields: list(missing.map((f) => t(`field.${f}`))) })}
        </Text>
      )}
      {problems.length > 0 && (
        <ul className={styles.missing} aria-label={t("ui.mappingProblems", { rows: CHECKED_ROWS })}>
          {problems.map((p) => (
            <li key={p}>{p}</li>
          ))}
        </ul>
      )}
      {rows.length > 0 && <FirstRows headers={candidate.headers} rows={rows} />}
    </section>
  );
}
