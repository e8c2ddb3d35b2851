/** The six steps of the method, in order, plus the management overview (step 0). */
export type StepId = "overview" | "industry" | "competition" | "needs" | "solutions" | "support" | "planning";

export interface StepInfo {
  id: StepId;
  /** The number shown in sheet names and the navigator (0 for the overview). */
  number: number;
}

export const STEPS: readonly StepInfo[] = [
  { id: "industry", number: 1 },
  { id: "competition", number: 2 },
  { id: "needs", number: 3 },
  { id: "solutions", number: 4 },
  { id: "support", number: 5 },
  { id: "planning", number: 6 },
];

export const OVERVIEW: StepInfo = { id: "overview", number: 0 };
