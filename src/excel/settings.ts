/**
 * What the task pane needs before any run besides the settings: the progress type and the input
 * error. Kept apart from the pipeline so the pane's first render does not load the pipeline (it is
 * imported on Generate). The run's figures are the steps' own (`Figures`, in ./pipeline, derived
 * from the step registry). The settings' schema is core (src/settings.ts), re-exported here for the
 * excel layer and the pane.
 */
import type { StepId } from "../steps/meta";
import type { TableProblem } from "../tables/problems";

export {
  OWNED_SHEETS_SETTING,
  OWNED_NAMES_SETTING,
  INPUT_TABLES_SETTING,
  DEFAULT_SETTINGS,
  paperFor,
  isoDateSerial,
  type AnalysisSettings,
  type Paper,
} from "../settings";

export interface Progress {
  /** 1-based index of the unit of work, and how many there are. */
  index: number;
  total: number;
  /** "read" or a step id. */
  phase: "read" | StepId;
}

/** The analyst cancelled the run; nothing was written (or only whole steps, when writing). */
export class CancelledError extends Error {
  constructor() {
    super("cancelled");
    this.name = "CancelledError";
  }
}

/** A problem in the user's data or settings, already localised: the CLI exits 3 on it. */
export class InputError extends Error {
  constructor(
    message: string,
    readonly problems: TableProblem[] = [],
  ) {
    super(message);
    this.name = "InputError";
  }
}
