/** Step 0 — the overview for management: each step's sheet and inputs, and the headline figures. */
import { buildOverviewPlan, type OverviewStep } from "../layout/overview";
import type { PlanCell } from "../layout/plan";
import { parseRect } from "../address";
import { overviewSteps, STEP_META } from "./meta";
import type { StepDefinition } from "./types";

/** How many rows the Planning sheet's task table has, from where this run left it. */
function taskRows(tables: { id: string; range: string }[] | undefined): number {
  const tasks = tables?.find((x) => x.id === "tasks");
  if (!tasks) return 0;
  const r = parseRect(tasks.range);
  return r.r1 - r.r0 + 1;
}

export const overview: StepDefinition<"overview", Record<string, never>> = {
  meta: STEP_META.overview,
  after: [],
  requiresSheet: [],
  // It lists every step's sheet as this run leaves it: it runs last.
  frontPage: true,
  run(ctx) {
    const wb = ctx.workbook;
    // The steps flagged for the overview, of the registry in force, by number.
    const steps: OverviewStep[] = overviewSteps(ctx.steps).map(({ id, number, mainInput }) => {
      const name =
        wb.written.find((w) => w.step === id)?.name ?? wb.sheets.find((x) => x.id === wb.owned[id])?.name ?? null;
      const table = (wb.inputTables[id] ?? []).find((x) => x.id === mainInput);
      return {
        step: id,
        number,
        sheet: name,
        inputRange: table?.range ?? null,
        keyColumns: table?.keyColumns ?? 1,
        optionalColumns: table?.optionalColumns,
        refreshed: wb.refreshed[id] ?? null,
      };
    });
    const { plan } = buildOverviewPlan(ctx.t, {
      steps,
      asOf: ctx.asOf,
      lang: ctx.lang,
      note: ctx.note,
      account: ctx.analysis.focus?.name,
      period: ctx.period.label,
      unit: ctx.unit,
      asks: ctx.previous?.asks as PlanCell[][] | undefined,
      bridgeSteps: ctx.output("solutions")?.bridge.steps.map((s) => s.label),
      taskRows: taskRows(wb.inputTables.planning),
    });
    return { plan, output: {} };
  },
};
