/**
 * The step registry: every step id with its module. Typed so that a step id without a
 * definition (or a definition for an id that is not a step) fails `npm run typecheck`; the
 * pipeline runs whatever is here, in dependency order (`orderSteps`).
 */
import { competition } from "./competition";
import { industry } from "./industry";
import { needs } from "./needs";
import { overview } from "./overview";
import { planning } from "./planning";
import { portfolio } from "./portfolio";
import { solutions } from "./solutions";
import { support } from "./support";
import type { ProductRegistry, StepRegistry } from "./types";

export const STEPS = {
  industry,
  competition,
  needs,
  solutions,
  support,
  planning,
  portfolio,
  overview,
} satisfies ProductRegistry;

/**
 * The steps to run, in an order where each runs after the steps it reads (`after`) when those run
 * too, and the front page (the overview) after all the others; otherwise in the registry's order.
 * Unknown ids are refused, not silently mapped to a step.
 */
export function orderSteps(registry: StepRegistry, wanted: readonly string[]): string[] {
  for (const id of wanted) if (!registry[id]) throw new Error(`unknown step: ${id}`);
  const set = new Set(wanted);
  const out: string[] = [];
  const visiting = new Set<string>();
  const visit = (id: string) => {
    if (out.includes(id)) return;
    if (visiting.has(id)) throw new Error(`steps depend on each other: ${[...visiting, id].join(" → ")}`);
    visiting.add(id);
    for (const dep of registry[id].after) if (set.has(dep)) visit(dep);
    visiting.delete(id);
    out.push(id);
  };
  const ids = Object.keys(registry).filter((id) => set.has(id));
  for (const id of ids) if (!registry[id].frontPage) visit(id);
  for (const id of ids) if (registry[id].frontPage) visit(id);
  return out;
}
