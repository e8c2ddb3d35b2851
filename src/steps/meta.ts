/**
 * What the task pane and the overview need to know of each step before any run: its number, its
 * main input table (what "inputs filled" measures), its catalogue keys, and where it appears (the
 * navigator, the overview, on demand). Kept apart from the step modules (src/steps/<id>.ts) so the
 * pane's first render does not load the layouts; each step's definition carries its entry (`meta`).
 *
 * A step's id, number, main input table and flags live here once; the lists (navigator, overview
 * rows, Generate all, on demand) are derived from the flags. The catalogue keys are typed against
 * the message catalogue: a step whose `step.<id>.name`, `.purpose` or `.fill` is missing from
 * the catalogue fails `npm run typecheck` here.
 */
import type { MessageKey } from "../i18n/en-US";

/** The catalogue keys a step must have, checked by the compiler against the catalogue. */
export type StepMessages<Id extends string> = {
  [K in "name" | "purpose" | "fill"]: Extract<`step.${Id}.${K}`, MessageKey>;
};

/**
 * Where a step appears, declared with it: the lists below (the navigator, the overview's rows,
 * Generate all) are derived from these flags, never written out by hand.
 */
export interface StepFlags {
  /** Listed in the task pane's navigator, by number. */
  navigator: boolean;
  /** A row of the overview sheet (its so what and its run status), by number. */
  overview: boolean;
  /** Generated only when asked for (or when the workbook has its sheet): not part of Generate all. */
  onDemand: boolean;
}

export interface StepMeta<Id extends string = string> extends StepFlags {
  id: Id;
  /** The number shown in sheet names and the navigator (0 for the overview). */
  number: number;
  /** The input table "inputs filled" measures (null: the step has none). */
  mainInput: string | null;
  messages: StepMessages<Id>;
}

/** A step's metadata; the flags not given are false. */
export const defineStepMeta = <Id extends string>(
  id: Id,
  number: number,
  mainInput: string | null,
  messages: StepMessages<Id>,
  flags: Partial<StepFlags> = {},
): StepMeta<Id> => ({
  id,
  number,
  mainInput,
  messages,
  navigator: flags.navigator ?? false,
  overview: flags.overview ?? false,
  onDemand: flags.onDemand ?? false,
});

/** The six steps of the method: in the navigator and on the overview. */
const METHOD = { navigator: true, overview: true } as const;

/** Every step, in the order of the method; the overview (step 0) last, since it reads the others. */
export const STEP_META = {
  industry: defineStepMeta(
    "industry",
    1,
    "factors",
    {
      name: "step.industry.name",
      purpose: "step.industry.purpose",
      fill: "step.industry.fill",
    },
    METHOD,
  ),
  competition: defineStepMeta(
    "competition",
    2,
    "ratings",
    {
      name: "step.competition.name",
      purpose: "step.competition.purpose",
      fill: "step.competition.fill",
    },
    METHOD,
  ),
  needs: defineStepMeta(
    "needs",
    3,
    "profile",
    {
      name: "step.needs.name",
      purpose: "step.needs.purpose",
      fill: "step.needs.fill",
    },
    METHOD,
  ),
  solutions: defineStepMeta(
    "solutions",
    4,
    "solutions",
    {
      name: "step.solutions.name",
      purpose: "step.solutions.purpose",
      fill: "step.solutions.fill",
    },
    METHOD,
  ),
  support: defineStepMeta(
    "support",
    5,
    "afterSales",
    {
      name: "step.support.name",
      purpose: "step.support.purpose",
      fill: "step.support.fill",
    },
    METHOD,
  ),
  planning: defineStepMeta(
    "planning",
    6,
    "tasks",
    {
      name: "step.planning.name",
      purpose: "step.planning.purpose",
      fill: "step.planning.fill",
    },
    METHOD,
  ),
  portfolio: defineStepMeta(
    "portfolio",
    7,
    "accounts",
    {
      name: "step.portfolio.name",
      purpose: "step.portfolio.purpose",
      fill: "step.portfolio.fill",
    },
    { navigator: true, onDemand: true },
  ),
  overview: defineStepMeta("overview", 0, null, {
    name: "step.overview.name",
    purpose: "step.overview.purpose",
    fill: "step.overview.fill",
  }),
} as const satisfies Record<string, StepMeta>;

export type StepId = keyof typeof STEP_META;

/** All steps in generation order (the six, the portfolio, then the overview). */
export const STEP_IDS = Object.keys(STEP_META) as StepId[];

/** The steps a list shows, by number (a registry's metadata: the product's, or a test's with its own step). */
function byNumber<M extends StepMeta>(metas: Record<string, M>, shown: (m: M) => boolean): M[] {
  return Object.values(metas)
    .filter(shown)
    .sort((a, b) => a.number - b.number);
}

/** The navigator's steps: those flagged `navigator`, by number. */
export const navigatorSteps = <M extends StepMeta>(metas: Record<string, M>) => byNumber(metas, (m) => m.navigator);

/** The overview's rows: the steps flagged `overview`, by number. */
export const overviewSteps = <M extends StepMeta>(metas: Record<string, M>) => byNumber(metas, (m) => m.overview);

/** Steps generated only when asked for: not part of Generate all until the workbook has their sheet. */
export const ON_DEMAND_STEPS: readonly StepId[] = STEP_IDS.filter((id) => STEP_META[id].onDemand);

/** What Generate all writes in a workbook without on-demand sheets. */
export const DEFAULT_STEP_IDS = STEP_IDS.filter((id) => !STEP_META[id].onDemand);

/** The six steps of the method (the overview's rows). */
export const METHOD_STEPS: readonly StepMeta<StepId>[] = overviewSteps<StepMeta<StepId>>(STEP_META);

/** The navigator's steps: the six, then the portfolio. */
export const NAV_STEPS: readonly StepMeta<StepId>[] = navigatorSteps<StepMeta<StepId>>(STEP_META);

/** Each step's main input table, by step id. */
export const MAIN_INPUT_TABLE = Object.fromEntries(STEP_IDS.map((id) => [id, STEP_META[id].mainInput])) as {
  [K in StepId]: string | null;
};
