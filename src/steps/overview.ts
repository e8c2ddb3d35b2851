/** Step 0 — the overview for management: each step's sheet and inputs, and the headline figures. */
import { buildOverviewPlan, type OverviewStep } from "../layout/overview";
import type { PlanCell } from "../layout/plan";
import { METHOD_STEPS } from "./meta";
import type { StepDefinition, StepOutputs } from "./types";

export const overview: StepDefinition<"overview", StepOutputs["overview"]> = {
  id: "overview",
  // It lists every step's sheet as this run leaves it.
  after: METHOD_STEPS.map((s) => s.id),
  requiresSheet: [],
  run(ctx) {
    const wb = ctx.workbook;
    const steps: OverviewStep[] = METHOD_STEPS.map(({ id, mainInput }) => {
      const name =
        wb.written.find((w) => w.step === id)?.name ?? wb.sheets.find((x) => x.id === wb.owned[id])?.name ?? null;
      const table = (wb.inputTables[id] ?? []).find((x) => x.id === mainInput);
      return {
        step: id,
        sheet: name,
        inputRange: table?.range ?? null,
        keyColumns: table?.keyColumns ?? 1,
        optionalColumns: table?.optionalColumns,
        refreshed: wb.refreshed[id] ?? null,
      };
    });
    const { plan } = buildOverviewPlan(ctx.t, {
      steps,
      today: ctx.today,
      note: ctx.note,
      account: ctx.analysis.focus?.name,
      period: ctx.period.label,
      unit: ctx.unit,
      asks: ctx.previous?.asks as PlanCell[][] | undefined,
    });
    return { plan, output: {} };
  },
};
