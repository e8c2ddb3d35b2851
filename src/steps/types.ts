/**
 * What a step is: its metadata (src/steps/meta.ts), the steps it reads from, and a run that turns
 * the run's context into its sheet plan, what it hands to later steps, and its headline figures.
 */
import type { Translate } from "../i18n";
import type { AnalysisSettings, Figures } from "../excel/settings";
import type { KeyOf, RevenueRefs, Unit } from "../layout/kit";
import type { PreviousInputs } from "../layout/inputs";
import type { InputTableLocation, SheetPlan } from "../layout/plan";
import type { SiteRefs } from "../layout/support";
import type { IndustryAnalysis } from "../method/industry";
import type { Period } from "../tables/period";
import type { SiteTable } from "../tables/sites";
import type { RevenueRow } from "../tables/revenue";
import type { StepId } from "./meta";

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
  inputsOf(step: string): PreviousInputs | undefined;
  /** What an earlier step of this run handed on (undefined when it did not run). */
  output<K extends keyof StepOutputs>(step: K): StepOutputs[K] | undefined;
  /** The workbook as this run leaves it so far, for the overview. */
  workbook: {
    owned: Record<string, string>;
    sheets: { id: string; name: string }[];
    written: { step: string; name: string }[];
    inputTables: Record<string, InputTableLocation[]>;
    refreshed: Record<string, number>;
  };
}

/** What each step hands to later steps and to the run's result. */
export interface StepOutputs {
  industry: { factors: import("../method/factors").FactorResult[] };
  competition: { model: import("../method/competition").CompetitionAnalysis };
  needs: { completeness: number };
  solutions: {
    results: import("../method/solutions").SolutionResult[];
    bridge: import("../method/solutions").Bridge;
    lines: import("../method/lines").LineFigure[];
    pipeline: import("../method/pipeline").Pipeline;
    whitespace: import("../method/whitespace").Whitespace;
  };
  support: { model: import("../method/support").SupportAnalysis };
  planning: { figures: NonNullable<Figures["planning"]>; fiscalStart: number };
  overview: Record<string, never>;
  portfolio: { portfolio: import("../method/portfolio").Portfolio };
}

export interface StepRun<Out> {
  plan: SheetPlan;
  output: Out;
  /** This step's part of the run's headline figures. */
  figures?: Partial<Figures>;
}

export interface StepDefinition<Id extends string = string, Out = unknown> {
  id: Id;
  /**
   * Steps whose outputs this one reads: when both run, they run first. (Planning reads the
   * Solutions bridge for a snapshot; the overview reads every sheet.)
   */
  after: readonly string[];
  /**
   * Steps whose sheet this one's formulas reference (workbook names): generated first when the
   * workbook does not have it yet.
   */
  requiresSheet: readonly string[];
  /** Generated only when asked for (or when the workbook has its sheet): not part of Generate all. */
  onDemand?: boolean;
  /** Needs the site table: without one, left out with a message. */
  requiresSites?: boolean;
  run(ctx: StepContext): StepRun<Out>;
}

/** A registry: every step id with its definition. */
export type StepRegistry = Record<string, StepDefinition<string, unknown>>;

/** The typed registry of the product's steps: an id without a definition fails to compile. */
export type ProductRegistry = { [K in StepId]: StepDefinition<K, StepOutputs[K]> };
