/**
 * Tables: rows, columns, structured names.
 */
import { type Rect, parseRect, splitSheet } from "./address";
import { ClientObject, ClientResult, ItemCollection, Resolver, create, result, sizeOf } from "./client";
import { RequestContext } from "./context";
import { EmulatorError, notEmulated } from "./errors";
import { type SheetModel, type TableModel } from "./model";
import { Range, RangeTarget } from "./range";
import { Worksheet } from "./workbook";
import type { Typed } from "./excel-types";

// ---- tables ---------------------------------------------------------------------------------

export class TableCollection
  extends ItemCollection<Table>
  implements Typed<Excel.TableCollection, "add" | "count" | "getCount" | "getItem" | "getItemOrNullObject" | "items">
{
  static override readonly emulated = "TableCollection";
  protected override readonly hasCount = true;
  constructor(
    ctx: RequestContext,
    private readonly sheet: (() => SheetModel) | null,
  ) {
    super(ctx, () => ctx.model);
  }
  private list(): TableModel[] {
    const s = this.sheet?.();
    return s ? this.context.model.tables.filter((t) => t.sheetId === s.id) : this.context.model.tables;
  }
  _makeItems() {
    return this.list().map((t) => create(Table, this.context, () => t));
  }
  get count(): number {
    return this._get("count");
  }
  add(address: Range | string, hasHeaders: boolean): Table {
    let created: TableModel | null = null;
    const table = create(Table, this.context, () => created);
    this._do(() => {
      const m = this.context.model;
      let target: RangeTarget;
      if (typeof address === "string") {
        const { sheet, local } = splitSheet(address);
        const s = sheet ? m.requireSheet(sheet) : this.sheet?.();
        if (!s) throw new EmulatorError("InvalidArgument", `the address needs a sheet: ${address}`);
        target = { sheet: s, rect: parseRect(local) };
      } else target = address.t();
      created = m.addTable(target.sheet, target.rect, hasHeaders);
      table._tryResolve();
    });
    return table;
  }
  getItem(key: string): Table {
    const m = this.context.model;
    const t = create(Table, this.context, () => m.tables.find((x) => x.id === key) ?? m.requireTable(key));
    this.context._enqueue({ apply: () => t._t(), bytes: 60, mutates: false });
    return t;
  }
  getItemOrNullObject(key: string): Table {
    const m = this.context.model;
    return create(
      Table,
      this.context,
      () => m.tables.find((x) => x.id === key) ?? m.tableByName(key) ?? null,
    )._markNullable();
  }
  getCount(): ClientResult<number> {
    return result(this.context, () => this.list().length);
  }
}

export class Table
  extends ClientObject
  implements
    Typed<
      Excel.Table,
      | "columns"
      | "convertToRange"
      | "delete"
      | "getDataBodyRange"
      | "getHeaderRowRange"
      | "getRange"
      | "getTotalRowRange"
      | "id"
      | "name"
      | "resize"
      | "rows"
      | "showHeaders"
      | "showTotals"
      | "style"
      | "worksheet"
    >
{
  static override readonly emulated = "Table";
  readonly rows: TableRowCollection;
  readonly columns: TableColumnCollection;
  constructor(ctx: RequestContext, resolver: Resolver<TableModel>) {
    super(ctx, resolver);
    this.rows = create(TableRowCollection, ctx, () => this.tm());
    this.columns = create(TableColumnCollection, ctx, () => this.tm());
  }
  private tm(): TableModel {
    return this._t<TableModel>();
  }
  private get m() {
    return this.context.model;
  }
  _scalars() {
    return ["id", "name", "showTotals", "showHeaders", "style"];
  }
  _read(prop: string) {
    const t = this.tm();
    switch (prop) {
      case "id":
        return t.id;
      case "name":
        return t.name;
      case "showTotals":
        return t.showTotals;
      case "showHeaders":
        return t.showHeaders;
      case "style":
        return t.style;
    }
    throw notEmulated(`Table.${prop}`);
  }
  override _child(prop: string): ClientObject | null {
    if (prop === "worksheet") return this.worksheet;
    if (prop === "columns") return this.columns;
    if (prop === "rows") return this.rows;
    return null;
  }
  get id(): string {
    return this._get("id");
  }
  get name(): string {
    return this._get("name");
  }
  set name(v: string) {
    this._set("name", v, () => this.m.renameTable(this.tm(), v));
  }
  get showTotals(): boolean {
    return this._get("showTotals");
  }
  set showTotals(v: boolean) {
    this._set("showTotals", v, () => this.m.setShowTotals(this.tm(), v));
  }
  get showHeaders(): boolean {
    return this._get("showHeaders");
  }
  set showHeaders(v: boolean) {
    if (!v) throw notEmulated("Table.showHeaders = false");
    this._set("showHeaders", v, () => undefined);
  }
  get style(): string {
    return this._get("style");
  }
  set style(v: string) {
    this._set("style", v, () => {
      this.tm().style = v;
      this.m.changed(this.tm().sheetId);
    });
  }
  get worksheet(): Worksheet {
    return this._nav("worksheet", () => create(Worksheet, this.context, () => this.m.sheetById(this.tm().sheetId)!));
  }
  private range(f: (t: TableModel) => Rect | null): Range {
    return create(Range, this.context, () => {
      const t = this.tm();
      const rect = f(t);
      if (!rect) throw new EmulatorError("InvalidOperation", `table "${t.name}" has no such row`);
      return { sheet: this.m.sheetById(t.sheetId)!, rect };
    });
  }
  getRange(): Range {
    return this.range((t) => t.rect);
  }
  getHeaderRowRange(): Range {
    return this.range((t) => ({ ...t.rect, r1: t.rect.r0 }));
  }
  getDataBodyRange(): Range {
    return this.range((t) => this.m.tableDataRect(t));
  }
  getTotalRowRange(): Range {
    return this.range((t) => (t.showTotals ? { ...t.rect, r0: t.rect.r1 } : null));
  }
  delete(): void {
    this._do(() => this.m.deleteTable(this.tm(), false));
  }
  /** ExcelApi 1.13: the table over a new range (same header row, overlapping the old one). */
  resize(newRange: Range | string): void {
    this._do(() => {
      const t = this.tm();
      const target =
        typeof newRange === "string" ? this.m.resolveAddress(newRange, this.m.sheetById(t.sheetId)) : newRange.t();
      this.m.resizeTable(t, target.sheet, target.rect);
    });
  }
  convertToRange(): Range {
    const r = this.getRange();
    this._do(() => {
      r._tryResolve();
      this.m.deleteTable(this.tm(), true);
    });
    return r;
  }
}

export class TableRowCollection
  extends ClientObject
  implements Typed<Excel.TableRowCollection, "add" | "count" | "getCount">
{
  static override readonly emulated = "TableRowCollection";
  constructor(
    ctx: RequestContext,
    private readonly table: () => TableModel,
  ) {
    super(ctx, table);
  }
  _scalars() {
    return ["count"];
  }
  _read(prop: string) {
    if (prop === "count") {
      const d = this.context.model.tableDataRect(this.table());
      return d.r1 - d.r0 + 1;
    }
    throw notEmulated(`TableRowCollection.${prop}`);
  }
  get count(): number {
    return this._get("count");
  }

  /** As in Excel, returns the top row of those added. */
  add(
    index?: number | null,
    values?: Parameters<Excel.TableRowCollection["add"]>[1],
    _alwaysInsert?: boolean,
  ): TableRow {
    const rows = Array.isArray(values) ? (values as unknown[][]) : null;
    let added: { table: TableModel; index: number } | null = null;
    const row = create(TableRow, this.context, () => added);
    this._do(
      () => {
        const t = this.table();
        const cols = t.rect.c1 - t.rect.c0 + 1;
        if (rows && rows.some((r) => !Array.isArray(r) || r.length !== cols)) {
          throw new EmulatorError("InvalidArgument", `each new row must have ${cols} values`);
        }
        const data = this.context.model.tableDataRect(t);
        this.context.model.addTableRows(t, rows, rows ? rows.length : 1, index);
        added = { table: t, index: data.r1 - data.r0 + 1 };
        row._tryResolve();
      },
      60 + sizeOf(values),
    );
    return row;
  }
  getCount(): ClientResult<number> {
    return result(this.context, () => {
      const d = this.context.model.tableDataRect(this.table());
      return d.r1 - d.r0 + 1;
    });
  }
}

/** A row of a table, as `rows.add` returns it: its index in the data body and its values. */
export class TableRow extends ClientObject implements Typed<Excel.TableRow, "index"> {
  static override readonly emulated = "TableRow";
  _scalars() {
    return ["index", "values"];
  }
  _read(prop: string) {
    const { table, index } = this._t<{ table: TableModel; index: number }>();
    if (prop === "index") return index;
    if (prop === "values") {
      const m = this.context.model;
      const d = m.tableDataRect(table);
      return m.values(m.sheetById(table.sheetId)!, { ...d, r0: d.r0 + index, r1: d.r0 + index });
    }
    throw notEmulated(`TableRow.${prop}`);
  }
  get index(): number {
    return this._get("index");
  }
  get values(): Excel.TableRow["values"] {
    return this._get("values");
  }
}

export class TableColumnCollection
  extends ItemCollection<TableColumn>
  implements Typed<Excel.TableColumnCollection, "count" | "getItem" | "getItemAt" | "items">
{
  static override readonly emulated = "TableColumnCollection";
  protected override readonly hasCount = true;
  constructor(
    ctx: RequestContext,
    private readonly table: () => TableModel,
  ) {
    super(ctx, table);
  }
  _makeItems() {
    return this.context.model.tableColumns(this.table()).map((_, i) => makeColumn(this.context, this.table, i));
  }
  get count(): number {
    return this._get("count");
  }
  getItem(key: string | number): TableColumn {
    return makeColumn(this.context, this.table, () => {
      const names = this.context.model.tableColumns(this.table());
      const i = typeof key === "number" ? key : names.findIndex((n) => n.toLowerCase() === String(key).toLowerCase());
      if (i < 0 || i >= names.length) throw new EmulatorError("ItemNotFound", `table column not found: ${key}`);
      return i;
    });
  }
  getItemAt(index: number): TableColumn {
    return this.getItem(index);
  }
}

function makeColumn(ctx: RequestContext, table: () => TableModel, index: number | (() => number)): TableColumn {
  return create(TableColumn, ctx, table, typeof index === "number" ? () => index : index);
}

export class TableColumn
  extends ClientObject
  implements Typed<Excel.TableColumn, "getDataBodyRange" | "getHeaderRowRange" | "getRange" | "index" | "name">
{
  static override readonly emulated = "TableColumn";
  constructor(
    ctx: RequestContext,
    private readonly table: () => TableModel,
    private readonly position: () => number,
  ) {
    super(ctx, () => ({ table: table(), index: position() }));
  }
  _scalars() {
    return ["name", "index"];
  }
  _read(prop: string) {
    const i = this.position();
    if (prop === "index") return i;
    if (prop === "name") return this.context.model.tableColumns(this.table())[i];
    if (prop === "values") {
      const t = this.table();
      return this.context.model.values(this.context.model.sheetById(t.sheetId)!, {
        ...t.rect,
        c0: t.rect.c0 + i,
        c1: t.rect.c0 + i,
      });
    }
    throw notEmulated(`TableColumn.${prop}`);
  }
  get name(): string {
    return this._get("name");
  }
  get index(): number {
    return this._get("index");
  }
  private range(rows: (t: TableModel) => { r0: number; r1: number }): Range {
    return create(Range, this.context, () => {
      const t = this.table();
      const c = t.rect.c0 + this.position();
      return { sheet: this.context.model.sheetById(t.sheetId)!, rect: { ...rows(t), c0: c, c1: c } };
    });
  }
  getDataBodyRange(): Range {
    return this.range((t) => this.context.model.tableDataRect(t));
  }
  getHeaderRowRange(): Range {
    return this.range((t) => ({ r0: t.rect.r0, r1: t.rect.r0 }));
  }
  getRange(): Range {
    return this.range((t) => t.rect);
  }
}
