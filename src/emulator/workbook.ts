/**
 * Workbook, application, worksheets, protection and frozen panes.
 */
import { PageBreakCollection, PageLayout } from "./page-layout";
import { parseRect, splitSheet } from "./address";
import { ChartCollection } from "./charts";
import { ShapeCollection } from "./shapes";
import { ClientObject, ClientResult, ItemCollection, Resolver, create, result, sizeOf } from "./client";
import { RequestContext } from "./context";
import { EmulatorError, notEmulated } from "./errors";
import { type SheetModel } from "./model";
import type { PrintModel } from "./types";
import { NamedItemCollection, SettingCollection } from "./names";
import { Range, RangeTarget } from "./range";
import { TableCollection } from "./tables";
import type { Typed } from "./excel-types";

// ---- workbook -------------------------------------------------------------------------------

export class Workbook
  extends ClientObject
  implements
    Typed<
      Excel.Workbook,
      "application" | "getActiveCell" | "getSelectedRange" | "names" | "settings" | "tables" | "worksheets"
    >
{
  static override readonly emulated = "Workbook";
  readonly worksheets: WorksheetCollection;
  readonly tables: TableCollection;
  readonly names: NamedItemCollection;
  readonly settings: SettingCollection;
  readonly application: Application;

  constructor(ctx: RequestContext) {
    super(ctx, () => ctx.model);
    this.worksheets = create(WorksheetCollection, ctx);
    this.tables = create(TableCollection, ctx, null);
    this.names = create(NamedItemCollection, ctx);
    this.settings = create(SettingCollection, ctx);
    this.application = create(Application, ctx);
  }
  _scalars() {
    return ["name"];
  }
  _read(prop: string) {
    if (prop === "name") return "Workbook";
    throw notEmulated(`Workbook.${prop}`);
  }
  override _child(prop: string) {
    return prop === "worksheets" ? this.worksheets : prop === "tables" ? this.tables : null;
  }

  getSelectedRange(): Range {
    const m = this.context.model;
    return create(Range, this.context, () => {
      if (m.selection) return { sheet: m.sheetById(m.selection.sheetId)!, rect: m.selection.rect };
      const s = m.sheetById(m.activeSheetId ?? "") ?? m.sheets[0];
      return { sheet: s, rect: { r0: 0, c0: 0, r1: 0, c1: 0 } };
    });
  }

  getActiveCell(): Range {
    return this.getSelectedRange().getCell(0, 0);
  }
}

export class Application
  extends ClientObject
  implements Typed<Excel.Application, "calculate" | "suspendApiCalculationUntilNextSync">
{
  static override readonly emulated = "Application";
  constructor(ctx: RequestContext) {
    super(ctx, () => ctx.model);
  }
  _scalars() {
    return ["calculationMode"];
  }
  _read(prop: string) {
    if (prop === "calculationMode") return "Automatic";
    throw notEmulated(`Application.${prop}`);
  }
  /** Excel defers recalculation until the next sync; HyperFormula recalculates on demand anyway. */
  suspendApiCalculationUntilNextSync(): void {
    this.context._enqueue({ apply: () => undefined, bytes: 60, mutates: false });
  }
  calculate(_type: string): void {
    this.context._enqueue({ apply: () => undefined, bytes: 60, mutates: false });
  }
}

// ---- worksheets -----------------------------------------------------------------------------

export class WorksheetCollection
  extends ItemCollection<Worksheet>
  implements
    Typed<
      Excel.WorksheetCollection,
      "add" | "getActiveWorksheet" | "getCount" | "getFirst" | "getItem" | "getItemOrNullObject" | "items"
    >
{
  static override readonly emulated = "WorksheetCollection";
  constructor(ctx: RequestContext) {
    super(ctx, () => ctx.model);
  }
  _makeItems() {
    return this.context.model.sheets.map((s) => create(Worksheet, this.context, () => s));
  }

  add(name?: string): Worksheet {
    let created: SheetModel | null = null;
    const ws = create(Worksheet, this.context, () => created);
    this._do(
      () => {
        created = this.context.model.addSheet(name);
        ws._tryResolve();
      },
      60 + sizeOf(name),
    );
    return ws;
  }

  getItem(key: string): Worksheet {
    const m = this.context.model;
    const ws = create(Worksheet, this.context, () => m.sheets.find((s) => s.id === key) ?? m.requireSheet(key));
    this.context._enqueue({ apply: () => ws._t(), bytes: 60, mutates: false });
    return ws;
  }

  getItemOrNullObject(key: string): Worksheet {
    const m = this.context.model;
    return create(
      Worksheet,
      this.context,
      () => m.sheets.find((s) => s.id === key) ?? m.sheetByName(key) ?? null,
    )._markNullable();
  }

  getActiveWorksheet(): Worksheet {
    const m = this.context.model;
    return create(Worksheet, this.context, () => m.sheetById(m.activeSheetId ?? "") ?? m.sheets[0] ?? null);
  }

  getFirst(visibleOnly = false): Worksheet {
    const m = this.context.model;
    return create(
      Worksheet,
      this.context,
      () => (visibleOnly ? m.sheets.find((s) => s.visibility === "Visible") : m.sheets[0]) ?? null,
    );
  }

  getCount(visibleOnly = false): ClientResult<number> {
    const m = this.context.model;
    return result(this.context, () =>
      visibleOnly ? m.sheets.filter((s) => s.visibility === "Visible").length : m.sheets.length,
    );
  }
}

export class Worksheet
  extends ClientObject
  implements
    Typed<
      Excel.Worksheet,
      | "activate"
      | "charts"
      | "delete"
      | "freezePanes"
      | "getCell"
      | "getRange"
      | "getRangeByIndexes"
      | "getUsedRange"
      | "getUsedRangeOrNullObject"
      | "horizontalPageBreaks"
      | "id"
      | "name"
      | "pageLayout"
      | "position"
      | "protection"
      | "shapes"
      | "tabColor"
      | "tables"
      | "verticalPageBreaks"
      | "visibility"
    >
{
  static override readonly emulated = "Worksheet";
  static override readonly keyProperty = "id";
  constructor(ctx: RequestContext, resolver: Resolver<SheetModel>) {
    super(ctx, resolver);
  }
  private get m() {
    return this.context.model;
  }
  private s(): SheetModel {
    return this._t<SheetModel>();
  }
  _scalars() {
    return ["id", "name", "position", "visibility", "tabColor"];
  }
  _read(prop: string) {
    const s = this.s();
    switch (prop) {
      case "id":
        return s.id;
      case "name":
        return s.name;
      case "position":
        return this.m.sheets.indexOf(s);
      case "visibility":
        return s.visibility;
      case "tabColor":
        return s.tabColor;
    }
    throw notEmulated(`Worksheet.${prop}`);
  }
  override _child(prop: string): ClientObject | null {
    if (prop === "protection") return this.protection;
    if (prop === "tables") return this.tables;
    if (prop === "charts") return this.charts;
    if (prop === "shapes") return this.shapes;
    return null;
  }

  get id(): string {
    return this._get("id");
  }
  get name(): string {
    return this._get("name");
  }
  set name(v: string) {
    this._set("name", v, () => this.m.renameSheet(this.s(), v));
  }
  get position(): number {
    return this._get("position");
  }
  set position(v: number) {
    this._set("position", v, () => this.m.moveSheet(this.s(), v));
  }
  get visibility(): Excel.Worksheet["visibility"] {
    return this._get("visibility");
  }
  set visibility(v: Excel.Worksheet["visibility"]) {
    this._set("visibility", v, () => this.m.setVisibility(this.s(), v as SheetModel["visibility"]));
  }
  get tabColor(): string {
    return this._get("tabColor");
  }
  set tabColor(v: string) {
    this._set("tabColor", v, () => {
      this.s().tabColor = v;
    });
  }

  get tables(): TableCollection {
    return this._nav("tables", () => create(TableCollection, this.context, () => this.s()));
  }
  get charts(): ChartCollection {
    return this._nav("charts", () => create(ChartCollection, this.context, () => this.s()));
  }
  /** The sheet's shapes (ExcelApi 1.9). */
  get shapes(): ShapeCollection {
    return this._nav("shapes", () => create(ShapeCollection, this.context, () => this.s()));
  }
  get protection(): WorksheetProtection {
    return this._nav("protection", () => create(WorksheetProtection, this.context, () => this.s()));
  }
  get horizontalPageBreaks(): PageBreakCollection {
    return this._nav("horizontalPageBreaks", () =>
      create(PageBreakCollection, (f: (p: PrintModel) => void) => this._do(() => f(this.s().print)), "row"),
    );
  }
  get verticalPageBreaks(): PageBreakCollection {
    return this._nav("verticalPageBreaks", () =>
      create(PageBreakCollection, (f: (p: PrintModel) => void) => this._do(() => f(this.s().print)), "column"),
    );
  }
  get pageLayout(): PageLayout {
    return this._nav("pageLayout", () => create(PageLayout, this.context, () => this.s()));
  }
  get freezePanes(): WorksheetFreezePanes {
    return this._nav("freezePanes", () => create(WorksheetFreezePanes, this.context, () => this.s()));
  }

  activate(): void {
    this._do(() => {
      const s = this.s();
      if (s.visibility !== "Visible") throw new EmulatorError("InvalidOperation", "a hidden sheet cannot be activated");
      this.m.activeSheetId = s.id;
      this.m.changed(null);
    });
  }

  delete(): void {
    this._do(() => this.m.deleteSheet(this.s()));
  }

  getRange(address?: string): Range {
    return create(Range, this.context, () => {
      const s = this.s();
      if (!address) return { sheet: s, rect: { r0: 0, c0: 0, r1: 1_048_575, c1: 16_383 } };
      const { sheet, local } = splitSheet(address);
      if (sheet && sheet.toLowerCase() !== s.name.toLowerCase()) {
        throw new EmulatorError("InvalidArgument", `the address ${address} is on another sheet`);
      }
      return { sheet: s, rect: parseRect(local) };
    });
  }

  getRangeByIndexes(startRow: number, startColumn: number, rowCount: number, columnCount: number): Range {
    return create(Range, this.context, () => {
      if (rowCount < 1 || columnCount < 1)
        throw new EmulatorError("InvalidArgument", "rowCount and columnCount must be ≥ 1");
      return {
        sheet: this.s(),
        rect: { r0: startRow, c0: startColumn, r1: startRow + rowCount - 1, c1: startColumn + columnCount - 1 },
      };
    });
  }

  getCell(row: number, column: number): Range {
    return this.getRangeByIndexes(row, column, 1, 1);
  }

  getUsedRange(valuesOnly?: boolean): Range {
    return create(Range, this.context, () => {
      const rect = this.m.usedRect(this.s(), valuesOnly);
      return { sheet: this.s(), rect: rect ?? { r0: 0, c0: 0, r1: 0, c1: 0 } };
    });
  }

  getUsedRangeOrNullObject(valuesOnly?: boolean): Range {
    return create(Range, this.context, () => {
      const rect = this.m.usedRect(this.s(), valuesOnly);
      return rect ? { sheet: this.s(), rect } : null;
    })._markNullable();
  }
}

export class WorksheetProtection
  extends ClientObject
  implements Typed<Excel.WorksheetProtection, "options" | "protect" | "protected" | "unprotect">
{
  static override readonly emulated = "WorksheetProtection";
  constructor(ctx: RequestContext, resolver: Resolver<SheetModel>) {
    super(ctx, resolver);
  }
  _scalars() {
    return ["protected", "options"];
  }
  _read(prop: string) {
    const s = this._t<SheetModel>();
    if (prop === "protected") return s.protection.protected;
    if (prop === "options") return { ...s.protection.options };
    throw notEmulated(`WorksheetProtection.${prop}`);
  }
  get protected(): boolean {
    return this._get("protected");
  }
  get options(): Excel.WorksheetProtectionOptions {
    return this._get("options");
  }
  protect(options?: Excel.WorksheetProtectionOptions, password?: string): void {
    this._do(() => {
      const s = this._t<SheetModel>();
      if (s.protection.protected) throw new EmulatorError("InvalidOperation", `"${s.name}" is already protected`);
      s.protection = { protected: true, options: { ...(options ?? {}) }, password: password || undefined };
      this.context.model.changed(s.id);
    });
  }
  /** As in Excel, a sheet protected with a password is unprotected only with that password. */
  unprotect(password?: string): void {
    this._do(() => {
      const s = this._t<SheetModel>();
      if (s.protection.password !== undefined && password !== s.protection.password) {
        throw new EmulatorError("InvalidArgument", `the password to unprotect "${s.name}" is missing or wrong`);
      }
      s.protection = { protected: false, options: {} };
      this.context.model.changed(s.id);
    });
  }
}

export class WorksheetFreezePanes implements Typed<
  Excel.WorksheetFreezePanes,
  "freezeAt" | "freezeColumns" | "freezeRows" | "getLocationOrNullObject" | "unfreeze"
> {
  static readonly emulated = "WorksheetFreezePanes";
  constructor(
    private readonly context: RequestContext,
    private readonly sheet: () => SheetModel,
  ) {}
  private op(f: (s: SheetModel) => void) {
    this.context._enqueue({
      apply: () => {
        f(this.sheet());
        this.context.model.changed(this.sheet().id);
      },
      bytes: 60,
      mutates: true,
    });
  }
  freezeRows(count = 1): void {
    this.op((s) => (s.freeze = { rows: count, cols: 0 }));
  }
  freezeColumns(count = 1): void {
    this.op((s) => (s.freeze = { rows: 0, cols: count }));
  }
  freezeAt(frozenRange: Range | string): void {
    this.op((s) => {
      const rect = typeof frozenRange === "string" ? parseRect(frozenRange) : frozenRange._t<RangeTarget>().rect;
      s.freeze = { rows: rect.r1 + 1, cols: rect.c1 + 1 };
    });
  }
  unfreeze(): void {
    this.op((s) => (s.freeze = { rows: 0, cols: 0 }));
  }
  getLocationOrNullObject(): Range {
    return create(Range, this.context, () => {
      const s = this.sheet();
      if (!s.freeze.rows && !s.freeze.cols) return null;
      return {
        sheet: s,
        rect: { r0: 0, c0: 0, r1: Math.max(0, s.freeze.rows - 1), c1: Math.max(0, s.freeze.cols - 1) },
      };
    })._markNullable();
  }
}
