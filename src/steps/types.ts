/**
 * What a step is: its metadata (src/steps/meta.ts: number, main input table, flags), the steps it
 * reads from, the figures it reports (its JSON keys and their types), and a run that turns the
 * run's context into its sheet plan, what it hands to later steps, and its headline figures.
 *
 * What the steps hand on (`StepOutputs`) and report (`RegistryFigures`) is derived from the
 * registry's definitions: a step declares both in its own module.
 */
import type { Translate } from "../i18n";
import type { AnalysisSettings } from "../settings";
import type { KeyOf, RevenueRefs, Unit } from "../layout/kit";
import type { PreviousInputs } from "../layout/inputs";
import type { InputTableLocation, SheetPlan } from "../layout/plan";
import type { SiteRefs } from "../layout/support";
import type { IndustryAnalysis } from "../method/industry";
import type { Period } from "../tables/period";
import type { SiteTable } from "../tables/sites";
import type { RevenueRow } from "../tables/revenue";
import type { StepId, StepMeta } from "./meta";
import type { STEPS } from "./index";

export interface StepContext {
  t: Translate;
  lang: "zh" | "en";
  unit: Unit;
  /** The settings in force: saved in the document, with this run's overrides laid over them. */
  settings: AnalysisSettings;
  /** Only what this run asked for (the pane's or the CLI's settings), before the saved ones. */
  requested: Partial<AnalysisSettings>;
  /** The line under each sheet's title: the source table, or that this is sample data. */
  note: string | undefined;
  period: Period;
  analysis: IndustryAnalysis;
  /** The revenue table's rows (parsed, in yuan). */
  rows: RevenueRow[];
  /** How formulas name the revenue table's columns. */
  refs: RevenueRefs;
  /**
   * Where each row sits in the ranges the refs name (1-based, for INDEX), and how many rows those
   * ranges span (blank rows included): the portfolio's sorted copy reads rows by position.
   */
  positions: { of: (r: RevenueRow, index: number) => number; rangeRows: number };
  /** Keys written for criteria, typed as the revenue columns hold them. */
  key: KeyOf;
  /** The site table and how formulas name its columns, when the workbook has one. */
  sites: { table: SiteTable; refs: SiteRefs } | null;
  /** This step's input tables as Refresh read them back (or the sample's seed). */
  previous: PreviousInputs | undefined;
  /** Today as an Excel serial. */
  today: number;
  /** The plan's as-of date as an Excel serial (the setting), or null: Excel's TODAY(). */
  asOf: number | null;
  /** Append a snapshot row (the Planning step). */
  snapshot: boolean;
  /** Another step's input tables as this run read them (or the sample's seed): e.g. the decision process. */
  inputsOf(step: StepId): PreviousInputs | undefined;
  /** What an earlier step of this run handed on (undefined when it did not run). */
  output<K extends keyof StepOutputs>(step: K): StepOutputs[K] | undefined;
  /** Every step of the registry in force (the product's, or a test's with its own), by metadata. */
  steps: Record<string, StepMeta>;
  /** The workbook as this run leaves it so far, for the overview. */
  workbook: {
    owned: Record<string, string>;
    sheets: { id: string; name: string }[];
    written: { step: string; name: string }[];
    inputTables: Record<string, InputTableLocation[]>;
    refreshed: Record<string, number>;
  };
}

export interface StepRun<Out, Fig extends object = object> {
  plan: SheetPlan;
  output: Out;
  /** This step's part of the run's headline figures. */
  figures?: Partial<Fig>;
}

/** The keys of a figures type that are always in the JSON (the others only when the step ran). */
type AlwaysKeys<Fig> = { [K in keyof Fig]-?: object extends Pick<Fig, K> ? never : K }[keyof Fig];
/** A step's always-present figures, as the JSON shows them when the step did not run. */
export type FiguresWhenNotRun<Fig> = { [K in AlwaysKeys<Fig>]: Fig[K] };

/**
 * A step. `Out` is what it hands to later steps and to the run's result (`StepOutputs`); `Fig` is
 * its part of the run's headline figures (`Figures`, the JSON of `sixstep --json`): its keys are
 * the JSON keys, its types their shape. A key that is not optional is in the JSON whether the step
 * ran or not (`notRun` says what it reads then); an optional one only when the step ran.
 */
export interface StepDefinition<Id extends string = string, Out = unknown, Fig extends object = object> {
  /** Its id, number, main input table, catalogue keys and where it appears (navigator, overview, on demand). */
  meta: StepMeta<Id>;
  /**
   * Steps whose outputs this one reads: when both run, they run first. (Planning reads the
   * Solutions bridge for a snapshot.)
   */
  after: readonly StepId[];
  /**
   * Steps whose sheet this one's formulas reference (workbook names): generated first when the
   * workbook does not have it yet.
   */
  requiresSheet: readonly StepId[];
  /** Needs the site table: without one, left out with a message. */
  requiresSites?: boolean;
  /**
   * The account plan's front page (the overview): it reads every other sheet, so it runs after
   * every other step of the run; after Generate all the workbook opens on it; it keeps no refresh
   * date of its own.
   */
  frontPage?: boolean;
  /** Takes the snapshot: a run asked for one (the pane's Snapshot) runs this step too. */
  snapshot?: boolean;
  /** Its always-present figures when it does not run (the site table's rows for the Support step). */
  notRun?(given: Pick<StepContext, "sites">): FiguresWhenNotRun<Fig>;
  /** What it saves in the document's settings when it ran (the Planning step's plan year). */
  saves?(output: Out): Partial<AnalysisSettings>;
  /**
   * The sample's values of its input tables when it is generated on demand in a sample workbook
   * (the sample workbook does not hold them).
   */
  sampleInputs?(): PreviousInputs;
  run(ctx: StepContext): StepRun<Out, Fig>;
}

/** A registry: every step id with its definition. */
export type StepRegistry = Record<string, StepDefinition<string, unknown, object>>;

/** The typed registry of the product's steps: an id without a definition fails to compile. */
export type ProductRegistry = { [K in StepId]: StepDefinition<K, unknown, object> };

type OutputOf<D> = D extends StepDefinition<string, infer Out, object> ? Out : never;
type FiguresOf<D> = D extends StepDefinition<string, unknown, infer Fig> ? Fig : never;
type Intersection<U> = (U extends unknown ? (x: U) => void : never) extends (x: infer I) => void ? I : never;

/** What each step hands to later steps and to the run's result, by step id (from the registry). */
export type StepOutputs = { [K in StepId]: OutputOf<(typeof STEPS)[K]> };

/** Every step's part of the run's headline figures (from the registry). */
export type RegistryFigures = Intersection<{ [K in StepId]: FiguresOf<(typeof STEPS)[K]> }[StepId]>;
