/**
 * Action titles on every step sheet (issue 28, item 3): under the step's name, the sheet's
 * conclusion in one line — its 启示's first sentence, by formula (the sheet's `SixStep_SoWhat_…`
 * name), so it follows the figures. It takes row 2, across the printed width; the source note
 * that was there moves up beside the title, where it stays readable on screen (every printed
 * page also carries it in its footer).
 */
import { columnLetter, parseRect } from "../address";
import { textWidth } from "../text-metrics";
import type { Block, SheetPlan } from "./plan";

/** The action title's look: the overview's headline colour, bold, a size above the body. */
export const ACTION_TITLE_STYLE = { bold: true, fontColor: "#1F4E79", fontSize: 12, wrap: true } as const;

const DEFAULT_WIDTH = 48;

function occupies(b: Block, row: number, col: number): boolean {
  const { r0, c0 } = parseRect(b.at);
  if (row < r0 || row >= r0 + b.cells.length) return false;
  const width = b.cells[row - r0]?.length ?? 0;
  return col >= c0 && col < c0 + width;
}

/**
 * Puts the action title in A2 of a step sheet whose plan names its so-what sentence; the note of
 * A2, if any, moves to row 1 right of the title. Returns the plan (changed in place).
 */
export function promoteActionTitle(plan: SheetPlan): SheetPlan {
  const name = `SixStep_SoWhat_${plan.step}`;
  if (!plan.names?.[name] || !plan.print) return plan;
  const area = parseRect(plan.print.area);
  const width = (c: number) => plan.columnWidths?.[columnLetter(c)] ?? DEFAULT_WIDTH;
  const others = plan.blocks.filter((b) => b.at !== "A2" && b.at !== "A1");
  // Row 2 must be free across the printed width (only the note is there today).
  // Across the first printed band only: text merged past a page break prints on two pages.
  let last = plan.print.colBreaks?.length ? plan.print.colBreaks[0] - 1 : area.c1;
  for (let c = 1; c <= last; c++)
    if (others.some((b) => occupies(b, 1, c))) {
      last = c - 1;
      break;
    }
  const noteAt = plan.blocks.findIndex((b) => b.at === "A2");
  const note = noteAt >= 0 ? plan.blocks[noteAt] : undefined;
  if (note) plan.blocks.splice(noteAt, 1);
  plan.blocks.push({ at: "A2", cells: [[{ f: `=IFERROR(${name}&"","")` }]], style: ACTION_TITLE_STYLE });
  if (last > 0) (plan.merges ??= []).push(`A2:${columnLetter(last)}2`);
  plan.rowHeights = { ...plan.rowHeights, 2: Math.max(plan.rowHeights?.[2] ?? 0, 33) };
  if (note) {
    // The note goes right of the title, at the first column past the title's printed width.
    const title = plan.blocks.find((b) => b.at === "A1");
    const titleText = typeof title?.cells[0]?.[0] === "string" ? (title.cells[0][0] as string) : "";
    const need = textWidth(titleText, title?.style?.fontSize ?? 14) + 12;
    let c = 0;
    let x = 0;
    while (x < need) x += width(c++);
    if (c <= area.c1 && !others.some((b) => occupies(b, 0, c)))
      plan.blocks.push({ ...note, at: `${columnLetter(c)}1` });
    // Else the note is only in the footer, as on every printed page.
  }
  return plan;
}
