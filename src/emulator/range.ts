/**
 * Ranges: values, formulas, number formats, navigation and editing.
 */
import { type Rect, intersection, qualified, rectCols, rectRows } from "./address";
import { ClientObject, READ_CELL_LIMIT, Resolver, create } from "./client";
import { ConditionalFormatCollection } from "./conditional";
import { RequestContext } from "./context";
import { EmulatorError, notEmulated } from "./errors";
import { DataValidation, RangeFormat } from "./format";
import { type SheetModel } from "./model";
import { Worksheet } from "./workbook";
import type { Typed } from "./excel-types";
import { columnLeft, rowTop } from "./shapes";

// ---- ranges ---------------------------------------------------------------------------------

export interface RangeTarget {
  sheet: SheetModel;
  rect: Rect;
}

function cellCount(r: Rect): number {
  return rectRows(r) * rectCols(r);
}

export class Range
  extends ClientObject
  implements
    Typed<
      Excel.Range,
      | "address"
      | "addressLocal"
      | "cellCount"
      | "clear"
      | "columnCount"
      | "columnHidden"
      | "columnIndex"
      | "conditionalFormats"
      | "dataValidation"
      | "format"
      | "formulas"
      | "getCell"
      | "getColumn"
      | "getEntireColumn"
      | "getEntireRow"
      | "getLastRow"
      | "getOffsetRange"
      | "getResizedRange"
      | "getRow"
      | "getUsedRange"
      | "getUsedRangeOrNullObject"
      | "height"
      | "left"
      | "merge"
      | "numberFormat"
      | "rowCount"
      | "rowIndex"
      | "select"
      | "text"
      | "top"
      | "unmerge"
      | "valueTypes"
      | "values"
      | "width"
      | "worksheet"
    >
{
  static override readonly emulated = "Range";
  readonly format: RangeFormat;
  readonly dataValidation: DataValidation;
  readonly conditionalFormats: ConditionalFormatCollection;

  constructor(ctx: RequestContext, resolver: Resolver<RangeTarget>) {
    super(ctx, resolver);
    this.format = create(RangeFormat, ctx, () => this.t());
    this.dataValidation = create(DataValidation, ctx, () => this.t());
    this.conditionalFormats = create(ConditionalFormatCollection, ctx, () => this.t());
  }
  private get m() {
    return this.context.model;
  }
  /** @internal */
  t(): RangeTarget {
    return this._t<RangeTarget>();
  }
  _scalars() {
    return [
      "address",
      "addressLocal",
      "rowCount",
      "columnCount",
      "cellCount",
      "rowIndex",
      "columnIndex",
      "values",
      "formulas",
      "numberFormat",
      "text",
      "valueTypes",
      "columnHidden",
      "top",
      "left",
      "width",
      "height",
    ];
  }
  _read(prop: string) {
    const { sheet, rect } = this.t();
    const bulk = ["values", "formulas", "numberFormat", "text", "valueTypes", "formulasLocal", "numberFormatLocal"];
    if (bulk.includes(prop) && cellCount(rect) > READ_CELL_LIMIT) {
      throw new EmulatorError(
        "RangeExceedsLimit",
        `The number of cells in the range (${cellCount(rect)}) exceeds the maximum of ${READ_CELL_LIMIT}.`,
      );
    }
    switch (prop) {
      case "address":
      case "addressLocal":
        return qualified(sheet.name, rect);
      case "rowCount":
        return rectRows(rect);
      case "columnCount":
        return rectCols(rect);
      case "cellCount":
        return cellCount(rect);
      case "rowIndex":
        return rect.r0;
      case "columnIndex":
        return rect.c0;
      case "values":
        return this.m.values(sheet, rect);
      case "formulas":
      case "formulasLocal":
        return this.m.formulas(sheet, rect);
      case "numberFormat":
      case "numberFormatLocal":
        return this.m.numberFormats(sheet, rect);
      case "text":
        return this.m.texts(sheet, rect);
      // Points at 100% zoom from the sheet's top-left corner (ExcelApi 1.3); hidden columns are 0 wide.
      case "top":
        return rowTop(sheet, rect.r0);
      case "left":
        return columnLeft(sheet, rect.c0);
      case "width":
        return columnLeft(sheet, rect.c1 + 1) - columnLeft(sheet, rect.c0);
      case "height":
        return rowTop(sheet, rect.r1 + 1) - rowTop(sheet, rect.r0);
      case "columnHidden": {
        // True when every column of the range is hidden, false when none is, null when some are.
        const n = [...Array(rectCols(rect)).keys()].filter((j) => sheet.hiddenColumns.has(rect.c0 + j)).length;
        return n === 0 ? false : n === rectCols(rect) ? true : null;
      }
      case "valueTypes":
        return this.m
          .values(sheet, rect)
          .map((row) =>
            row.map((v) =>
              v === ""
                ? "Empty"
                : typeof v === "number"
                  ? "Double"
                  : typeof v === "boolean"
                    ? "Boolean"
                    : /^#[A-Z/0!?]+[!?A]?$/.test(v)
                      ? "Error"
                      : "String",
            ),
          );
    }
    throw notEmulated(`Range.${prop}`);
  }
  override _child(prop: string): ClientObject | null {
    if (prop === "format") return this.format;
    return null;
  }

  get address(): string {
    return this._get("address");
  }
  get addressLocal(): string {
    return this._get("addressLocal");
  }
  get rowCount(): number {
    return this._get("rowCount");
  }
  get columnCount(): number {
    return this._get("columnCount");
  }
  get cellCount(): number {
    return this._get("cellCount");
  }
  get rowIndex(): number {
    return this._get("rowIndex");
  }
  get columnIndex(): number {
    return this._get("columnIndex");
  }
  get text(): string[][] {
    return this._get("text");
  }
  get valueTypes(): Excel.Range["valueTypes"] {
    return this._get("valueTypes");
  }

  get values(): Excel.Range["values"] {
    return this._get("values");
  }

  set values(v: Excel.Range["values"]) {
    this._set("values", v, () => {
      const { sheet, rect } = this.t();
      this.m.write(sheet, rect, v);
    });
  }

  get formulas(): Excel.Range["formulas"] {
    return this._get("formulas");
  }

  set formulas(v: Excel.Range["formulas"]) {
    this._set("formulas", v, () => {
      const { sheet, rect } = this.t();
      this.m.write(sheet, rect, v);
    });
  }

  get columnHidden(): boolean {
    return this._get("columnHidden");
  }
  /** Points from the sheet's top edge to the range's (ExcelApi 1.3). */
  get top(): number {
    return this._get("top");
  }
  get left(): number {
    return this._get("left");
  }
  get width(): number {
    return this._get("width");
  }
  get height(): number {
    return this._get("height");
  }
  /** Hides or shows the range's columns (ExcelApi 1.2). */
  set columnHidden(v: boolean) {
    this._set("columnHidden", v, () => {
      const { sheet, rect } = this.t();
      for (let c = rect.c0; c <= rect.c1; c++) {
        if (v) sheet.hiddenColumns.add(c);
        else sheet.hiddenColumns.delete(c);
      }
      this.m.changed(sheet.id);
    });
  }

  get numberFormat(): Excel.Range["numberFormat"] {
    return this._get("numberFormat");
  }

  set numberFormat(v: Excel.Range["numberFormat"]) {
    this._set("numberFormat", v, () => {
      const { sheet, rect } = this.t();
      this.m.setNumberFormat(sheet, rect, v);
    });
  }

  get worksheet(): Worksheet {
    return this._nav("worksheet", () => create(Worksheet, this.context, () => this.t().sheet));
  }

  private derived(f: (t: RangeTarget) => Rect): Range {
    return create(Range, this.context, () => {
      const t = this.t();
      const rect = f(t);
      if (
        rect.r0 < 0 ||
        rect.c0 < 0 ||
        rect.r1 > 1_048_575 ||
        rect.c1 > 16_383 ||
        rect.r1 < rect.r0 ||
        rect.c1 < rect.c0
      ) {
        throw new EmulatorError("InvalidArgument", "the resulting range is outside the grid");
      }
      return { sheet: t.sheet, rect };
    });
  }

  getCell(row: number, column: number): Range {
    return this.derived(({ rect }) => ({
      r0: rect.r0 + row,
      c0: rect.c0 + column,
      r1: rect.r0 + row,
      c1: rect.c0 + column,
    }));
  }
  getResizedRange(deltaRows: number, deltaColumns: number): Range {
    return this.derived(({ rect }) => ({ ...rect, r1: rect.r1 + deltaRows, c1: rect.c1 + deltaColumns }));
  }
  getOffsetRange(rowOffset: number, columnOffset: number): Range {
    return this.derived(({ rect }) => ({
      r0: rect.r0 + rowOffset,
      r1: rect.r1 + rowOffset,
      c0: rect.c0 + columnOffset,
      c1: rect.c1 + columnOffset,
    }));
  }
  getRow(row: number): Range {
    return this.derived(({ rect }) => ({ ...rect, r0: rect.r0 + row, r1: rect.r0 + row }));
  }
  getColumn(column: number): Range {
    return this.derived(({ rect }) => ({ ...rect, c0: rect.c0 + column, c1: rect.c0 + column }));
  }
  getLastRow(): Range {
    return this.derived(({ rect }) => ({ ...rect, r0: rect.r1 }));
  }
  getEntireColumn(): Range {
    return this.derived(({ rect }) => ({ ...rect, r0: 0, r1: 1_048_575 }));
  }
  getEntireRow(): Range {
    return this.derived(({ rect }) => ({ ...rect, c0: 0, c1: 16_383 }));
  }
  getUsedRange(valuesOnly?: boolean): Range {
    return this.derived(({ sheet, rect }) => {
      const used = this.m.usedRect(sheet, valuesOnly);
      return (used && intersection(rect, used)) ?? { r0: rect.r0, c0: rect.c0, r1: rect.r0, c1: rect.c0 };
    });
  }
  getUsedRangeOrNullObject(valuesOnly?: boolean): Range {
    return create(Range, this.context, () => {
      const { sheet, rect } = this.t();
      const used = this.m.usedRect(sheet, valuesOnly);
      const r = used && intersection(rect, used);
      return r ? { sheet, rect: r } : null;
    })._markNullable();
  }

  /** Hyperlinks are not modelled: clearing them (and ResetContents, which resets form controls) is refused. */
  clear(applyTo: Excel.ClearApplyTo | `${Excel.ClearApplyTo}` = "All"): void {
    if (applyTo !== "All" && applyTo !== "Formats" && applyTo !== "Contents")
      throw notEmulated(`Range.clear("${applyTo}")`);
    this._do(() => {
      const { sheet, rect } = this.t();
      this.m.clear(sheet, rect, applyTo);
    });
  }
  merge(across = false): void {
    this._do(() => {
      const { sheet, rect } = this.t();
      this.m.merge(sheet, rect, across);
    });
  }
  unmerge(): void {
    this._do(() => {
      const { sheet, rect } = this.t();
      this.m.unmerge(sheet, rect);
    });
  }
  select(): void {
    this.context._enqueue({
      apply: () => {
        const { sheet, rect } = this.t();
        this.m.selection = { sheetId: sheet.id, rect };
        this.m.activeSheetId = sheet.id;
        this.m.changed(null);
      },
      bytes: 60,
      mutates: false,
    });
  }
}
