/**
 * INDEX that reads one cell (issue 35). HyperFormula (pinned at 3.5.0) evaluates INDEX(range, r, c)
 * by materialising the whole range into an array first (`SimpleRangeValue.data`), so INDEX over a
 * 60,000-row column costs 60,000 reads per call, and a sheet of INDEX calls over it costs
 * rows × calls: the portfolio's sorted copy (one INDEX per revenue row) became quadratic. Excel and
 * LibreOffice address the one cell. This plugin does the same for a range argument that is still a
 * bare reference (not yet computed), and otherwise behaves as HyperFormula's INDEX, except where
 * Excel differs: a row or column beyond the range is #REF! (Excel: "row_num and column_num must
 * point to a cell within array; otherwise, INDEX returns a #REF! error"; HyperFormula gives #NUM!).
 * Row or column 0 (Excel: the whole column or row) stays HyperFormula's #VALUE!: the add-in never
 * writes it (docs/excel-behaviour.md, row 36). An empty cell reads as the engine's empty value.
 */
import {
  CellError,
  ErrorType,
  FunctionArgumentType,
  FunctionPlugin,
  type ImplementedFunctions,
  type SimpleRangeValue,
} from "hyperformula";
import {
  cellValueAt,
  rangeDataRead,
  type InterpreterState,
  type InterpreterValue,
  type ProcedureAst,
} from "./hf-internals";

export class FastIndexPlugin extends FunctionPlugin {
  static override implementedFunctions: ImplementedFunctions = {
    INDEX: {
      method: "index",
      parameters: [
        { argumentType: FunctionArgumentType.RANGE },
        { argumentType: FunctionArgumentType.NUMBER },
        { argumentType: FunctionArgumentType.NUMBER, defaultValue: 1 },
      ],
    },
  };

  index(ast: ProcedureAst, state: InterpreterState) {
    const read = (arg: SimpleRangeValue, row: number, col: number): InterpreterValue => {
      if (col < 1 || row < 1) return new CellError(ErrorType.VALUE);
      if (col > arg.width() || row > arg.height()) return new CellError(ErrorType.REF);
      // A range argument not read yet (the reference, not an inline array or a computed one).
      if (arg.range && !rangeDataRead(arg)) {
        const s = arg.range.start;
        const value = cellValueAt(this.dependencyGraph, { sheet: s.sheet, row: s.row + row - 1, col: s.col + col - 1 });
        // A cell holding an array (a spilled range) reads as HyperFormula's range read makes it.
        return value !== null && typeof value === "object" && "width" in value && "height" in value
          ? new CellError(ErrorType.VALUE)
          : value;
      }
      return arg.data?.[row - 1]?.[col - 1] ?? arg.data?.[0]?.[0] ?? new CellError(ErrorType.VALUE);
    };
    return this.runFunction(ast.args, state, this.metadata("INDEX"), read);
  }
}
