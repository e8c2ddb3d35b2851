/**
 * The task pane's helpers drawn from the data: the order in which candidate tables are offered,
 * and the defaults a source suggests (its customers for the focus picker, its latest periods).
 * The pane's own state (the workbook read, the form, a run) is its controller's (./controller).
 */
import { useEffect, useState } from "react";
import type { PaneWorkbook } from "../excel/pane";
import type { SourceCandidate } from "../excel/read";
import type { ColumnMapping } from "../tables/revenue";

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

export interface DataChoices {
  customers: { name: string; rows: number }[];
  defaults: { period?: string; compare?: string };
}

const NO_CHOICES: DataChoices = { customers: [], defaults: {} };

/**
 * From the chosen (or detected) table: the focus picker's customers, and the default periods
 * (the latest quarter in the data and the one before), shown until the analyst types others.
 */
export function useDataDefaults(
  workbook: PaneWorkbook | null,
  source: SourceCandidate | undefined,
  mapping: ColumnMapping,
): DataChoices {
  const [found, setFound] = useState<DataChoices>(NO_CHOICES);
  useEffect(() => {
    if (!workbook || !source) return;
    let live = true;
    workbook
      .dataDefaults(source, mapping)
      .then((d) =>
        d
          ? {
              customers: customerChoices(d.names),
              defaults: d.period ? { period: d.period, compare: d.compare } : {},
            }
          : NO_CHOICES,
      )
      .catch(() => NO_CHOICES)
      .then((choices) => live && setFound(choices));
    return () => {
      live = false;
    };
  }, [workbook, source, mapping]);
  // Without a source there is nothing to draw from; otherwise the last read stands until the next arrives.
  return workbook && source ? found : NO_CHOICES;
}
