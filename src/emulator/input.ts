/**
 * What a cell holds after a write, by Excel's rules for typed input (the API's values and
 * formulas setters parse strings the same way): see WorkbookModel.write.
 */
import type { RawCellContent } from "hyperformula";
import { parseTypedInput } from "../typed-input";
import { EmulatorError } from "./errors";
import { formulaSyntaxError } from "./syntax";
import { NUMERIC, type ConditionalFormatModel } from "./types";
import type { Rect } from "../address";

export type CellInput = { formula: string } | { formula?: undefined; value: RawCellContent; format?: string };

/**
 * One written value as the cell stores it: a formula (checked as Excel checks it), or a value
 * with, for parsed input, the number format Excel gives a General cell.
 */
export function cellInput(v: unknown, o: { typed: boolean; format: string; where: string }): CellInput {
  if (typeof v === "number") {
    if (!Number.isFinite(v)) throw new EmulatorError("InvalidArgument", `not a finite number at ${o.where}: ${v}`);
    return { value: v };
  }
  if (typeof v === "boolean") return { value: v };
  if (v instanceof Date)
    throw new EmulatorError("InvalidArgument", "Date objects are not cell values; write a serial number");
  if (typeof v !== "string") throw new EmulatorError("InvalidArgument", `invalid cell value at ${o.where}`);
  if (v.length > 32767) throw new EmulatorError("InvalidArgument", `text longer than 32,767 characters at ${o.where}`);
  if (v === "") return { value: null };
  if (v.startsWith("'")) return { value: `'${v.slice(1)}` };
  // A cell formatted as Text keeps what is written as text, a formula included (Excel stores it
  // as text and never calculates it). Files keep their formulas whatever the format.
  if (o.typed && o.format === "@") return { value: `'${v}` };
  if (v.startsWith("=") && v.length > 1) {
    if (v.length > 8192)
      throw new EmulatorError("InvalidArgument", `formula longer than 8,192 characters at ${o.where}`);
    const why = o.typed ? formulaSyntaxError(v) : null;
    if (why) throw new EmulatorError("InvalidArgument", `the formula at ${o.where} does not parse (${why}): ${v}`);
    return { formula: v };
  }
  if (!o.typed) return { value: NUMERIC.test(v.trim()) ? Number(v.trim()) : `'${v}` };
  // Anything else as Excel parses typed input: numbers, percentages, currency, dates, times, booleans.
  const parsed = parseTypedInput(v);
  return parsed ? { value: parsed.value, format: parsed.format } : { value: `'${v}` };
}

/** A new conditional format of a type, with Excel's defaults for that type. */
export function newConditionalFormat(
  id: number,
  rect: Rect,
  type: ConditionalFormatModel["type"],
): ConditionalFormatModel {
  const cf: ConditionalFormatModel = { id, rect, type, priority: 0, stopIfTrue: false };
  if (type === "Custom") cf.custom = { formula: "" };
  if (type === "IconSet")
    cf.iconSet = { style: "ThreeTrafficLights1", reverseIconOrder: false, showIconOnly: false, criteria: [] };
  if (type === "ColorScale")
    cf.colorScale = { criteria: { minimum: undefined, midpoint: undefined, maximum: undefined } };
  if (type === "DataBar") cf.dataBar = { barColor: "#638EC6" };
  return cf;
}
