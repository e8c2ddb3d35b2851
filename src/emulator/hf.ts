import {
  FunctionArgumentType,
  FunctionPlugin,
  HyperFormula,
  type ConfigParams,
  type ImplementedFunctions,
} from "hyperformula";
import { formatValue } from "./numfmt";
import { FastCriteriaPlugin, passPerEvaluation } from "./criteria";
import { FastIndexPlugin } from "./fast-index";
import { VectorPlugin } from "./vector";
import { addressesOutside, blockUnder } from "./columns";
import {
  assertVersion,
  indexWideEdges,
  internalsOf,
  memoiseParses,
  shareSyntaxTrees,
  skipLoneValues,
  discardChanges,
  skipOldContents,
  sortWithTypedArrays,
  wireRangesOnce,
  type InterpreterState,
  type InterpreterValue,
  type ProcedureAst,
} from "./hf-internals";

/**
 * HyperFormula's TEXT knows few formats (TEXT(1234.5,"#,##0.00") gives "1235,##0.00"); Excel's
 * TEXT takes any number format, so ours renders with the same formatter as Range.text.
 */
class ExcelTextPlugin extends FunctionPlugin {
  static override implementedFunctions: ImplementedFunctions = {
    TEXT: {
      method: "text",
      parameters: [{ argumentType: FunctionArgumentType.SCALAR }, { argumentType: FunctionArgumentType.STRING }],
    },
  };

  text(ast: ProcedureAst, state: InterpreterState) {
    // An error argument propagates, as in Excel (runFunction hands it through untouched).
    return this.runFunction(
      ast.args,
      state,
      this.metadata("TEXT"),
      (value: unknown, format: string): InterpreterValue =>
        typeof value === "number"
          ? formatValue(value, format)
          : typeof value === "object" && value !== null
            ? (value as InterpreterValue)
            : String(value ?? ""),
    );
  }
}

/** Our plugins, later in the list than HyperFormula's own: each function they implement replaces its namesake. */
const PLUGINS = [ExcelTextPlugin, FastCriteriaPlugin, FastIndexPlugin, VectorPlugin];

let translated = false;
/**
 * Function names are translated per language, and languages are global in HyperFormula: the
 * names our plugins implement (AVERAGEIFS, which HyperFormula lacks, among them) are added to
 * each registered language once (as HyperFormula.registerFunctionPlugin adds its translations). The plugins themselves are registered per engine (`functionPlugins`).
 */
function translateNames(): void {
  if (translated) return;
  translated = true;
  const names = Object.fromEntries(PLUGINS.flatMap((p) => Object.keys(p.implementedFunctions)).map((f) => [f, f]));
  for (const code of HyperFormula.getRegisteredLanguagesCodes()) HyperFormula.getLanguage(code).extendFunctions(names);
}

export const HF_CONFIG: Partial<ConfigParams> = {
  licenseKey: "gpl-v3",
  smartRounding: false,
  useColumnIndex: false,
  // Excel serial dates: days since 1899-12-30 (right for every date from 1900-03-01 on).
  nullDate: { year: 1899, month: 12, day: 30 },
  dateFormats: ["YYYY-MM-DD", "YYYY/MM/DD"],
  evaluateNullToZero: true,
  // Excel evaluates SUMPRODUCT((range=x)*range) element-wise; HyperFormula only in array mode.
  useArrayArithmetic: true,
  // No undo stack: the emulator never undoes (office-js has no undo), and the stack held the old
  // content of every cell written (700,000 entries for a 100,000-row table).
  undoLimit: 0,
  maxRows: 1_048_576,
  maxColumns: 16_384,
};

export function createHyperFormula(): HyperFormula {
  assertVersion();
  translateNames();
  // HyperFormula's own plugins (its global registry, left untouched), then ours.
  const functionPlugins = [...HyperFormula.getAllFunctionPlugins(), ...PLUGINS];
  const hf = HyperFormula.buildEmpty({ ...HF_CONFIG, functionPlugins });
  const internals = internalsOf(hf);
  passPerEvaluation(internals.evaluator);
  indexWideEdges(internals.graph);
  sortWithTypedArrays(internals.graph);
  // A range over a column-store block is wired without the block's cells (src/emulator/columns.ts).
  wireRangesOnce(internals.dependencyGraph, {
    overBlock: (graph, range) => blockUnder(graph, range) !== undefined,
    addressesOutside: (graph, range) => {
      const b = blockUnder(graph, range);
      return b ? addressesOutside(range, graph, b) : undefined;
    },
  });
  skipLoneValues(internals);
  discardChanges(hf);
  skipOldContents(hf);
  memoiseParses(internals.parser);
  shareSyntaxTrees(internals.parser);
  return hf;
}
