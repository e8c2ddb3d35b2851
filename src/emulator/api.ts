/**
 * The Excel JavaScript API subset the add-in uses, over a WorkbookModel, with office-js's
 * client/server split: calls queue operations, `context.sync()` applies them in order, and a
 * property can be read only after it was loaded and synced (PropertyNotLoaded otherwise).
 * Members we do not emulate throw `not emulated: <Class>.<member>` instead of pretending.
 */
import { jsonBytes } from "../address";
import { intersection, parseRect, qualified, rectA1, rectCols, rectRows, splitSheet, type Rect } from "./address";
import { EmulatorError, notEmulated } from "./errors";
import {
  DEFAULT_COLUMN_WIDTH,
  DEFAULT_ROW_HEIGHT,
  type BorderEdge,
  type ChartModel,
  type ConditionalFormatModel,
  type FormatProps,
  type SheetModel,
  type TableModel,
  type WorkbookModel,
} from "./model";

/** Excel on the web's caps: 5 MB per request and per response; 5,000,000 cells per read. */
export const REQUEST_LIMIT_BYTES = 5 * 1024 * 1024;
export const RESPONSE_LIMIT_BYTES = 5 * 1024 * 1024;
export const READ_CELL_LIMIT = 5_000_000;

export interface SyncRecord {
  operations: number;
  requestBytes: number;
  responseBytes: number;
  /** True when the sync only read (no operation changed the workbook). */
  readOnly: boolean;
}

export interface RunStats {
  syncs: SyncRecord[];
}

export interface EmulatorHooks {
  /** Fails the Nth sync (1-based, counted across runs) before it applies anything. */
  failAtSync?: number;
  onRunComplete?: (stats: RunStats) => void;
  /**
   * Awaited before each sync applies: a host page sets a macrotask here so the browser paints
   * between syncs, as it does while a real context.sync() is out at Excel.
   */
  beforeSync?: () => Promise<void>;
}

interface Op {
  apply: () => void;
  bytes: number;
  mutates: boolean;
  /** Loads report what they return, for the response size. */
  respond?: () => unknown;
}

const PASSTHROUGH = new Set([
  "then",
  "toJSON",
  "constructor",
  "inspect",
  "asymmetricMatch",
  "nodeType",
  "tagName",
  "$$typeof",
  "length",
  "_isMockFunction",
]);

/** Wraps an object so that reading an unknown member throws "not emulated". */
function guard<T extends object>(obj: T, className: string): T {
  return new Proxy(obj, {
    get(target, prop, receiver) {
      if (typeof prop === "string" && !(prop in target) && !PASSTHROUGH.has(prop) && /^[a-z][A-Za-z0-9]*$/.test(prop)) {
        throw notEmulated(`${className}.${prop}`);
      }
      return Reflect.get(target, prop, receiver);
    },
    set(target, prop, value, receiver) {
      if (typeof prop === "string" && !(prop in target) && !prop.startsWith("_")) {
        throw notEmulated(`${className}.${prop}`);
      }
      return Reflect.set(target, prop, value, receiver);
    },
  });
}

const sizeOf = jsonBytes;

export class RequestContext {
  readonly workbook: Workbook;
  readonly application: Application;
  private queue: Op[] = [];
  private pendingNull: ClientObject[] = [];
  readonly stats: RunStats = { syncs: [] };
  /** Number of syncs across runs, shared with the emulator for failure injection. */
  constructor(
    readonly model: WorkbookModel,
    private readonly counter: { syncs: number },
    private readonly hooks: EmulatorHooks,
  ) {
    this.workbook = guard(new Workbook(this), "Workbook");
    this.application = this.workbook.application;
  }

  /** @internal */
  _enqueue(op: Op): void {
    this.queue.push(op);
  }

  /** @internal */
  _trackNull(obj: ClientObject): void {
    this.pendingNull.push(obj);
  }

  get trackedObjects() {
    return { add: () => undefined, remove: () => undefined };
  }

  async sync(): Promise<void> {
    if (this.hooks.beforeSync) await this.hooks.beforeSync();
    const ops = this.queue;
    const nulls = this.pendingNull;
    this.queue = [];
    this.pendingNull = [];
    this.counter.syncs++;
    const requestBytes = ops.reduce((n, o) => n + o.bytes, 0) + 64;
    const record: SyncRecord = {
      operations: ops.length,
      requestBytes,
      responseBytes: 0,
      readOnly: !ops.some((o) => o.mutates),
    };
    this.stats.syncs.push(record);
    if (this.hooks.failAtSync !== undefined && this.counter.syncs === this.hooks.failAtSync) {
      throw new EmulatorError("GeneralException", `injected failure at sync ${this.counter.syncs}`);
    }
    if (requestBytes > REQUEST_LIMIT_BYTES) {
      throw new EmulatorError(
        "RequestPayloadSizeLimitExceeded",
        `The request payload size has exceeded the limit (${requestBytes} bytes > ${REQUEST_LIMIT_BYTES}).`,
      );
    }
    let responseBytes = 0;
    for (const op of ops) {
      op.apply();
      if (op.respond) responseBytes += sizeOf(op.respond());
      if (responseBytes > RESPONSE_LIMIT_BYTES) {
        throw new EmulatorError(
          "ResponsePayloadSizeLimitExceeded",
          `The response payload size has exceeded the limit (${responseBytes} bytes > ${RESPONSE_LIMIT_BYTES}).`,
        );
      }
    }
    for (const n of nulls) n._settleNull();
    this.model.flush();
    record.responseBytes = responseBytes;
    await Promise.resolve();
  }
}

type Resolver<T> = () => T | null;

/** Base of every proxy: a lazily resolved target, loaded properties, queued operations. */
abstract class ClientObject {
  protected _loaded = new Map<string, unknown>();
  private _target: unknown = undefined;
  private _isNull: boolean | undefined;
  private _nullable = false;

  constructor(
    protected readonly context: RequestContext,
    private readonly _resolver: Resolver<unknown>,
  ) {}

  /** @internal The model object behind the proxy, resolved once, in queue order. */
  _t<T>(): T {
    if (this._target === undefined) {
      const t = this._resolver();
      this._target = t;
    }
    if (this._target === null) {
      throw new EmulatorError("ItemNotFound", `${this._className()}: the object does not exist (null object)`);
    }
    return this._target as T;
  }

  /** @internal */
  _markNullable(): this {
    this._nullable = true;
    this.context._trackNull(this);
    this.context._enqueue({ apply: () => this._tryResolve(), bytes: 60, mutates: false });
    return this;
  }

  /** @internal */
  _tryResolve(): void {
    if (this._target === undefined) this._target = this._resolver();
  }

  /** @internal */
  _settleNull(): void {
    this._tryResolve();
    this._isNull = this._target === null;
  }

  get isNullObject(): boolean {
    if (!this._nullable) return false;
    if (this._isNull === undefined) {
      throw new EmulatorError(
        "PropertyNotLoaded",
        `${this._className()}.isNullObject is not available before context.sync()`,
      );
    }
    return this._isNull;
  }

  abstract _className(): string;
  /** Scalar properties `load()` with no argument brings. */
  abstract _scalars(): string[];
  /** Reads a scalar property from the model. */
  abstract _read(prop: string): unknown;

  private readonly _navigation = new Map<string, unknown>();

  /** A navigation property's object, made once: office-js returns the same proxy on every read. */
  protected _nav<T>(key: string, make: () => T): T {
    if (!this._navigation.has(key)) this._navigation.set(key, make());
    return this._navigation.get(key) as T;
  }

  /** Navigation properties that load("format/fill/color") can walk into. */
  _child(_prop: string): ClientObject | null {
    return null;
  }

  /** @internal */
  _get<T>(prop: string): T {
    if (!this._loaded.has(prop)) {
      throw new EmulatorError(
        "PropertyNotLoaded",
        `The property '${prop}' of ${this._className()} is not available. Before reading it, call load on the object and call "context.sync()".`,
      );
    }
    return this._loaded.get(prop) as T;
  }

  /** @internal Queues a property write; the local copy updates at once, as in office-js. */
  _set(prop: string, value: unknown, apply: () => void, bytes?: number): void {
    this._loaded.set(prop, value);
    this.context._enqueue({ apply, bytes: (bytes ?? sizeOf(value)) + 60, mutates: true });
  }

  /** @internal Queues a method call that changes the workbook. */
  _do(apply: () => void, bytes = 60): void {
    this.context._enqueue({ apply, bytes, mutates: true });
  }

  load(props?: string | string[] | { select?: string; expand?: string }): this {
    const list = normaliseLoad(props);
    const self = this;
    const captured: Record<string, unknown> = {};
    this.context._enqueue({
      bytes: 60 + sizeOf(list),
      mutates: false,
      apply: () => {
        for (const k of Object.keys(captured)) delete captured[k];
        Object.assign(captured, self._loadNow(list));
      },
      respond: () => captured,
    });
    return this;
  }

  /** @internal Performs a load at sync time; returns what Excel would send back. */
  _loadNow(list: string[] | null): Record<string, unknown> {
    if (this._nullable) {
      // Loading a null object is allowed in Excel: nothing comes back, isNullObject says why.
      this._tryResolve();
      if (this._target === null) return {};
    }
    const props = list ?? this._scalars();
    const result: Record<string, unknown> = {};
    const nested = new Map<string, string[]>();
    for (const p of props) {
      const slash = p.indexOf("/");
      if (slash > 0) {
        const head = p.slice(0, slash);
        if (!nested.has(head)) nested.set(head, []);
        nested.get(head)!.push(p.slice(slash + 1));
        continue;
      }
      const child = this._child(p);
      if (child) {
        result[p] = child._loadNow(null);
        continue;
      }
      const v = this._read(p);
      this._loaded.set(p, v);
      result[p] = v;
    }
    for (const [head, rest] of nested) {
      const child = this._child(head);
      if (!child) throw notEmulated(`${this._className()}.${head}`);
      result[head] = child._loadNow(rest);
    }
    return result;
  }

  toJSON(): Record<string, unknown> {
    return Object.fromEntries(this._loaded);
  }
}

function normaliseLoad(props?: string | string[] | { select?: string; expand?: string }): string[] | null {
  if (props === undefined || props === null) return null;
  if (typeof props === "string")
    return props
      .split(",")
      .map((s) => s.trim())
      .filter(Boolean);
  if (Array.isArray(props)) return props.flatMap((p) => p.split(",").map((s) => s.trim())).filter(Boolean);
  return normaliseLoad(props.select ?? "") ?? [];
}

/** ClientResult<T>: a value available after sync. */
export class ClientResult<T> {
  private _v: T | undefined;
  private _set = false;
  /** @internal */
  _resolve(v: T): void {
    this._v = v;
    this._set = true;
  }
  get value(): T {
    if (!this._set)
      throw new EmulatorError("PropertyNotLoaded", "ClientResult.value is not available before context.sync()");
    return this._v as T;
  }
}

function result<T>(ctx: RequestContext, compute: () => T): ClientResult<T> {
  const r = new ClientResult<T>();
  ctx._enqueue({ apply: () => r._resolve(compute()), bytes: 60, mutates: false, respond: () => r.value });
  return r;
}

/**
 * A collection: `load("items/name")` loads the named properties of every item, `load("items")`
 * or `load()` their scalars; collections that have `count` in Excel also load it on request.
 */
abstract class ItemCollection<I extends ClientObject> extends ClientObject {
  /** True for collections whose Excel type has a `count` property. */
  protected readonly hasCount: boolean = false;
  /** The items as they are now (at sync time), each bound to its model object. */
  abstract _makeItems(): I[];
  _scalars() {
    return this.hasCount ? ["items", "count"] : ["items"];
  }
  _read(prop: string): unknown {
    if (prop === "count" && this.hasCount) return this._makeItems().length;
    throw notEmulated(`${this._className()}.${prop}`);
  }
  override _loadNow(list: string[] | null): Record<string, unknown> {
    const props = list ?? this._scalars();
    const out: Record<string, unknown> = {};
    const items = this._makeItems();
    if (props.includes("count")) {
      if (!this.hasCount) throw notEmulated(`${this._className()}.count`);
      out.count = items.length;
      this._loaded.set("count", items.length);
    }
    const itemProps = props.filter((p) => p === "items" || p.startsWith("items/"));
    if (itemProps.length) {
      const sub = itemProps.filter((p) => p.startsWith("items/")).map((p) => p.slice(6));
      out.items = items.map((i) => i._loadNow(sub.length ? sub : null));
      this._loaded.set("items", items);
    }
    return out;
  }
  get items(): I[] {
    return this._get("items");
  }
}

// ---- workbook -------------------------------------------------------------------------------

export class Workbook extends ClientObject {
  readonly worksheets: WorksheetCollection;
  readonly tables: TableCollection;
  readonly names: NamedItemCollection;
  readonly settings: SettingCollection;
  readonly application: Application;

  constructor(ctx: RequestContext) {
    super(ctx, () => ctx.model);
    this.worksheets = guard(new WorksheetCollection(ctx), "WorksheetCollection");
    this.tables = guard(new TableCollection(ctx, null), "TableCollection");
    this.names = guard(new NamedItemCollection(ctx), "NamedItemCollection");
    this.settings = guard(new SettingCollection(ctx), "SettingCollection");
    this.application = guard(new Application(ctx), "Application");
  }
  _className() {
    return "Workbook";
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
    return makeRange(this.context, () => {
      if (m.selection) return { sheet: m.sheetById(m.selection.sheetId)!, rect: m.selection.rect };
      const s = m.sheetById(m.activeSheetId ?? "") ?? m.sheets[0];
      return { sheet: s, rect: { r0: 0, c0: 0, r1: 0, c1: 0 } };
    });
  }

  getActiveCell(): Range {
    return this.getSelectedRange().getCell(0, 0);
  }
}

export class Application extends ClientObject {
  constructor(ctx: RequestContext) {
    super(ctx, () => ctx.model);
  }
  _className() {
    return "Application";
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

export class WorksheetCollection extends ItemCollection<Worksheet> {
  constructor(ctx: RequestContext) {
    super(ctx, () => ctx.model);
  }
  _className() {
    return "WorksheetCollection";
  }
  _makeItems() {
    return this.context.model.sheets.map((s) => makeSheet(this.context, () => s));
  }

  add(name?: string): Worksheet {
    let created: SheetModel | null = null;
    const ws = makeSheet(this.context, () => created);
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
    const ws = makeSheet(this.context, () => m.sheets.find((s) => s.id === key) ?? m.requireSheet(key));
    this.context._enqueue({ apply: () => ws._t(), bytes: 60, mutates: false });
    return ws;
  }

  getItemOrNullObject(key: string): Worksheet {
    const m = this.context.model;
    return makeSheet(
      this.context,
      () => m.sheets.find((s) => s.id === key) ?? m.sheetByName(key) ?? null,
    )._markNullable();
  }

  getActiveWorksheet(): Worksheet {
    const m = this.context.model;
    return makeSheet(this.context, () => m.sheetById(m.activeSheetId ?? "") ?? m.sheets[0] ?? null);
  }

  getFirst(visibleOnly = false): Worksheet {
    const m = this.context.model;
    return makeSheet(
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

function makeSheet(ctx: RequestContext, resolver: Resolver<SheetModel>): Worksheet {
  return guard(new Worksheet(ctx, resolver), "Worksheet");
}

export class Worksheet extends ClientObject {
  constructor(ctx: RequestContext, resolver: Resolver<SheetModel>) {
    super(ctx, resolver);
  }
  private get m() {
    return this.context.model;
  }
  private s(): SheetModel {
    return this._t<SheetModel>();
  }
  _className() {
    return "Worksheet";
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
  get visibility(): string {
    return this._get("visibility");
  }
  set visibility(v: string) {
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
    return this._nav("tables", () => guard(new TableCollection(this.context, () => this.s()), "TableCollection"));
  }
  get charts(): ChartCollection {
    return this._nav("charts", () => guard(new ChartCollection(this.context, () => this.s()), "ChartCollection"));
  }
  get protection(): WorksheetProtection {
    return this._nav("protection", () =>
      guard(new WorksheetProtection(this.context, () => this.s()), "WorksheetProtection"),
    );
  }
  get freezePanes(): WorksheetFreezePanes {
    return this._nav("freezePanes", () =>
      guard(new WorksheetFreezePanes(this.context, () => this.s()), "WorksheetFreezePanes"),
    );
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
    return makeRange(this.context, () => {
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
    return makeRange(this.context, () => {
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
    return makeRange(this.context, () => {
      const rect = this.m.usedRect(this.s());
      void valuesOnly;
      return { sheet: this.s(), rect: rect ?? { r0: 0, c0: 0, r1: 0, c1: 0 } };
    });
  }

  getUsedRangeOrNullObject(valuesOnly?: boolean): Range {
    void valuesOnly;
    return makeRange(this.context, () => {
      const rect = this.m.usedRect(this.s());
      return rect ? { sheet: this.s(), rect } : null;
    })._markNullable();
  }
}

export class WorksheetProtection extends ClientObject {
  constructor(ctx: RequestContext, resolver: Resolver<SheetModel>) {
    super(ctx, resolver);
  }
  _className() {
    return "WorksheetProtection";
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
  get options(): Record<string, boolean> {
    return this._get("options");
  }
  protect(options?: Record<string, boolean>, password?: string): void {
    this._do(() => {
      const s = this._t<SheetModel>();
      if (s.protection.protected) throw new EmulatorError("InvalidOperation", `"${s.name}" is already protected`);
      s.protection = { protected: true, options: { ...(options ?? {}) } };
      void password;
      this.context.model.changed(s.id);
    });
  }
  unprotect(_password?: string): void {
    this._do(() => {
      const s = this._t<SheetModel>();
      s.protection = { protected: false, options: {} };
      this.context.model.changed(s.id);
    });
  }
}

export class WorksheetFreezePanes {
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
    return makeRange(this.context, () => {
      const s = this.sheet();
      if (!s.freeze.rows && !s.freeze.cols) return null;
      return {
        sheet: s,
        rect: { r0: 0, c0: 0, r1: Math.max(0, s.freeze.rows - 1), c1: Math.max(0, s.freeze.cols - 1) },
      };
    })._markNullable();
  }
}

// ---- ranges ---------------------------------------------------------------------------------

export interface RangeTarget {
  sheet: SheetModel;
  rect: Rect;
}

function makeRange(ctx: RequestContext, resolver: Resolver<RangeTarget>): Range {
  return guard(new Range(ctx, resolver), "Range");
}

function cellCount(r: Rect): number {
  return rectRows(r) * rectCols(r);
}

export class Range extends ClientObject {
  readonly format: RangeFormat;
  readonly dataValidation: DataValidation;
  readonly conditionalFormats: ConditionalFormatCollection;

  constructor(ctx: RequestContext, resolver: Resolver<RangeTarget>) {
    super(ctx, resolver);
    this.format = guard(new RangeFormat(ctx, () => this.t()), "RangeFormat");
    this.dataValidation = guard(new DataValidation(ctx, () => this.t()), "DataValidation");
    this.conditionalFormats = guard(
      new ConditionalFormatCollection(ctx, () => this.t()),
      "ConditionalFormatCollection",
    );
  }
  private get m() {
    return this.context.model;
  }
  /** @internal */
  t(): RangeTarget {
    return this._t<RangeTarget>();
  }
  _className() {
    return "Range";
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
  get valueTypes(): string[][] {
    return this._get("valueTypes");
  }

  get values(): any[][] {
    return this._get("values");
  }

  set values(v: any[][]) {
    this._set("values", v, () => {
      const { sheet, rect } = this.t();
      this.m.write(sheet, rect, v);
    });
  }

  get formulas(): any[][] {
    return this._get("formulas");
  }

  set formulas(v: any[][]) {
    this._set("formulas", v, () => {
      const { sheet, rect } = this.t();
      this.m.write(sheet, rect, v);
    });
  }

  get numberFormat(): any[][] {
    return this._get("numberFormat");
  }

  set numberFormat(v: any[][]) {
    this._set("numberFormat", v, () => {
      const { sheet, rect } = this.t();
      this.m.setNumberFormat(sheet, rect, v);
    });
  }

  get worksheet(): Worksheet {
    return this._nav("worksheet", () => makeSheet(this.context, () => this.t().sheet));
  }

  private derived(f: (t: RangeTarget) => Rect): Range {
    return makeRange(this.context, () => {
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
    void valuesOnly;
    return this.derived(({ sheet, rect }) => {
      const used = this.m.usedRect(sheet);
      return (used && intersection(rect, used)) ?? { r0: rect.r0, c0: rect.c0, r1: rect.r0, c1: rect.c0 };
    });
  }
  getUsedRangeOrNullObject(valuesOnly?: boolean): Range {
    void valuesOnly;
    return makeRange(this.context, () => {
      const { sheet, rect } = this.t();
      const used = this.m.usedRect(sheet);
      const r = used && intersection(rect, used);
      return r ? { sheet, rect: r } : null;
    })._markNullable();
  }

  clear(applyTo: "All" | "Formats" | "Contents" = "All"): void {
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

export class RangeFormat extends ClientObject {
  readonly fill: RangeFill;
  readonly font: RangeFont;
  readonly borders: RangeBorderCollection;
  readonly protection: FormatProtection;
  constructor(
    ctx: RequestContext,
    private readonly range: () => RangeTarget,
  ) {
    super(ctx, range);
    this.fill = guard(new RangeFill(ctx, range), "RangeFill");
    this.font = guard(new RangeFont(ctx, range), "RangeFont");
    this.borders = guard(new RangeBorderCollection(ctx, range), "RangeBorderCollection");
    this.protection = guard(new FormatProtection(ctx, range), "FormatProtection");
  }
  _className() {
    return "RangeFormat";
  }
  _scalars() {
    return ["columnWidth", "rowHeight", "horizontalAlignment", "verticalAlignment", "wrapText", "indentLevel"];
  }
  _read(prop: string) {
    const { sheet, rect } = this.range();
    const f = this.context.model.effectiveFormat(sheet, rect.r0, rect.c0);
    switch (prop) {
      case "columnWidth":
        return sheet.columnWidths.get(rect.c0) ?? DEFAULT_COLUMN_WIDTH;
      case "rowHeight":
        return sheet.rowHeights.get(rect.r0) ?? DEFAULT_ROW_HEIGHT;
      case "horizontalAlignment":
        return f.horizontalAlignment ?? "General";
      case "verticalAlignment":
        return f.verticalAlignment ?? "Bottom";
      case "wrapText":
        return f.wrapText ?? false;
      case "indentLevel":
        return f.indentLevel ?? 0;
    }
    throw notEmulated(`RangeFormat.${prop}`);
  }
  override _child(prop: string): ClientObject | null {
    if (prop === "fill") return this.fill;
    if (prop === "font") return this.font;
    if (prop === "protection") return this.protection;
    return null;
  }
  private layer(props: FormatProps) {
    const { sheet, rect } = this.range();
    this.context.model.setFormat(sheet, rect, props);
  }
  get columnWidth(): number {
    return this._get("columnWidth");
  }
  set columnWidth(v: number) {
    this._set("columnWidth", v, () => {
      const { sheet, rect } = this.range();
      for (let c = rect.c0; c <= rect.c1; c++) sheet.columnWidths.set(c, v);
      this.context.model.changed(sheet.id);
    });
  }
  get rowHeight(): number {
    return this._get("rowHeight");
  }
  set rowHeight(v: number) {
    this._set("rowHeight", v, () => {
      const { sheet, rect } = this.range();
      for (let r = rect.r0; r <= Math.min(rect.r1, rect.r0 + 100_000); r++) sheet.rowHeights.set(r, v);
      this.context.model.changed(sheet.id);
    });
  }
  get horizontalAlignment(): string {
    return this._get("horizontalAlignment");
  }
  set horizontalAlignment(v: string) {
    this._set("horizontalAlignment", v, () => this.layer({ horizontalAlignment: v }));
  }
  get verticalAlignment(): string {
    return this._get("verticalAlignment");
  }
  set verticalAlignment(v: string) {
    this._set("verticalAlignment", v, () => this.layer({ verticalAlignment: v }));
  }
  get wrapText(): boolean {
    return this._get("wrapText");
  }
  set wrapText(v: boolean) {
    this._set("wrapText", v, () => this.layer({ wrapText: v }));
  }
  get indentLevel(): number {
    return this._get("indentLevel");
  }
  set indentLevel(v: number) {
    this._set("indentLevel", v, () => this.layer({ indentLevel: v }));
  }
  /** Widths from the longest text in each column (≈ 7 points a character, CJK double). */
  autofitColumns(): void {
    this._do(() => {
      const { sheet, rect } = this.range();
      const used = this.context.model.usedRect(sheet);
      const r1 = Math.min(rect.r1, used ? used.r1 : rect.r0, rect.r0 + 5000);
      if (r1 < rect.r0) return;
      const texts = this.context.model.texts(sheet, { ...rect, r1 });
      for (let c = rect.c0; c <= rect.c1; c++) {
        let chars = 0;
        for (const row of texts) {
          const s = row[c - rect.c0] ?? "";
          let w = 0;
          for (const ch of s) w += ch.charCodeAt(0) > 0x2e80 ? 2 : 1;
          chars = Math.max(chars, w);
        }
        sheet.columnWidths.set(c, Math.min(400, Math.max(DEFAULT_COLUMN_WIDTH * 0.6, chars * 6 + 10)));
      }
      this.context.model.changed(sheet.id);
    });
  }
  autofitRows(): void {
    this._do(() => undefined);
  }
}

export class RangeFill extends ClientObject {
  constructor(
    ctx: RequestContext,
    private readonly range: () => RangeTarget,
  ) {
    super(ctx, range);
  }
  _className() {
    return "RangeFill";
  }
  _scalars() {
    return ["color"];
  }
  _read(prop: string) {
    const { sheet, rect } = this.range();
    if (prop === "color") return this.context.model.effectiveFormat(sheet, rect.r0, rect.c0).fill ?? "#FFFFFF";
    throw notEmulated(`RangeFill.${prop}`);
  }
  get color(): string {
    return this._get("color");
  }
  set color(v: string) {
    this._set("color", v, () => {
      const { sheet, rect } = this.range();
      this.context.model.setFormat(sheet, rect, { fill: v });
    });
  }
  clear(): void {
    this._do(() => {
      const { sheet, rect } = this.range();
      this.context.model.setFormat(sheet, rect, { fill: null });
    });
  }
}

export class RangeFont extends ClientObject {
  constructor(
    ctx: RequestContext,
    private readonly range: () => RangeTarget,
  ) {
    super(ctx, range);
  }
  _className() {
    return "RangeFont";
  }
  _scalars() {
    return ["bold", "italic", "color", "size", "name"];
  }
  _read(prop: string) {
    const { sheet, rect } = this.range();
    const f = this.context.model.effectiveFormat(sheet, rect.r0, rect.c0);
    switch (prop) {
      case "bold":
        return f.bold ?? false;
      case "italic":
        return f.italic ?? false;
      case "color":
        return f.fontColor ?? "#000000";
      case "size":
        return f.fontSize ?? 11;
      case "name":
        return f.fontName ?? "Calibri";
    }
    throw notEmulated(`RangeFont.${prop}`);
  }
  private put(prop: string, v: unknown, props: FormatProps) {
    this._set(prop, v, () => {
      const { sheet, rect } = this.range();
      this.context.model.setFormat(sheet, rect, props);
    });
  }
  get bold(): boolean {
    return this._get("bold");
  }
  set bold(v: boolean) {
    this.put("bold", v, { bold: v });
  }
  get italic(): boolean {
    return this._get("italic");
  }
  set italic(v: boolean) {
    this.put("italic", v, { italic: v });
  }
  get color(): string {
    return this._get("color");
  }
  set color(v: string) {
    this.put("color", v, { fontColor: v });
  }
  get size(): number {
    return this._get("size");
  }
  set size(v: number) {
    this.put("size", v, { fontSize: v });
  }
  get name(): string {
    return this._get("name");
  }
  set name(v: string) {
    this.put("name", v, { fontName: v });
  }
}

export class FormatProtection extends ClientObject {
  constructor(
    ctx: RequestContext,
    private readonly range: () => RangeTarget,
  ) {
    super(ctx, range);
  }
  _className() {
    return "FormatProtection";
  }
  _scalars() {
    return ["locked"];
  }
  _read(prop: string) {
    const { sheet, rect } = this.range();
    if (prop === "locked") return this.context.model.effectiveFormat(sheet, rect.r0, rect.c0).locked ?? true;
    throw notEmulated(`FormatProtection.${prop}`);
  }
  get locked(): boolean {
    return this._get("locked");
  }
  set locked(v: boolean) {
    this._set("locked", v, () => {
      const { sheet, rect } = this.range();
      this.context.model.setFormat(sheet, rect, { locked: v });
    });
  }
}

export class RangeBorderCollection {
  constructor(
    private readonly context: RequestContext,
    private readonly range: () => RangeTarget,
  ) {}
  getItem(index: BorderEdge): RangeBorder {
    return guard(new RangeBorder(this.context, this.range, index), "RangeBorder");
  }
}

export class RangeBorder {
  private state = { style: "Continuous", color: "#000000", weight: "Thin" };
  constructor(
    private readonly context: RequestContext,
    private readonly range: () => RangeTarget,
    private readonly edge: BorderEdge,
  ) {}
  private apply(patch: Partial<RangeBorder["state"]>) {
    this.state = { ...this.state, ...patch };
    const snapshot = { ...this.state };
    this.context._enqueue({
      apply: () => {
        const { sheet, rect } = this.range();
        this.context.model.setFormat(sheet, rect, { borders: { [this.edge]: snapshot } });
      },
      bytes: 80,
      mutates: true,
    });
  }
  set style(v: string) {
    this.apply({ style: v });
  }
  set color(v: string) {
    this.apply({ color: v });
  }
  set weight(v: string) {
    this.apply({ weight: v });
  }
}

// ---- data validation ------------------------------------------------------------------------

export class DataValidation extends ClientObject {
  constructor(
    ctx: RequestContext,
    private readonly range: () => RangeTarget,
  ) {
    super(ctx, range);
  }
  _className() {
    return "DataValidation";
  }
  _scalars() {
    return ["rule", "type", "ignoreBlanks", "prompt", "errorAlert"];
  }
  private current() {
    const { sheet, rect } = this.range();
    return sheet.validations.find(
      (v) => v.rect.r0 <= rect.r0 && v.rect.r1 >= rect.r1 && v.rect.c0 <= rect.c0 && v.rect.c1 >= rect.c1,
    );
  }
  _read(prop: string) {
    const v = this.current();
    switch (prop) {
      case "rule":
        return v?.rule ?? {};
      case "type":
        return v ? Object.keys(v.rule)[0] : "None";
      case "ignoreBlanks":
        return v?.ignoreBlanks ?? true;
      case "prompt":
        return v?.prompt ?? {};
      case "errorAlert":
        return v?.errorAlert ?? {};
    }
    throw notEmulated(`DataValidation.${prop}`);
  }
  private upsert(
    patch: Partial<{
      rule: Record<string, unknown>;
      prompt: Record<string, unknown>;
      errorAlert: Record<string, unknown>;
      ignoreBlanks: boolean;
    }>,
  ) {
    const { sheet, rect } = this.range();
    let v = sheet.validations.find(
      (x) => x.rect.r0 === rect.r0 && x.rect.r1 === rect.r1 && x.rect.c0 === rect.c0 && x.rect.c1 === rect.c1,
    );
    if (!v) {
      sheet.validations = sheet.validations.filter(
        (x) => !(x.rect.r0 >= rect.r0 && x.rect.r1 <= rect.r1 && x.rect.c0 >= rect.c0 && x.rect.c1 <= rect.c1),
      );
      v = { rect, rule: {}, ignoreBlanks: true };
      sheet.validations.push(v);
    }
    Object.assign(v, patch);
    this.context.model.changed(sheet.id);
  }
  get rule(): Record<string, unknown> {
    return this._get("rule");
  }
  set rule(v: Record<string, unknown>) {
    const keys = Object.keys(v);
    const known = ["wholeNumber", "decimal", "list", "textLength", "date", "time", "custom"];
    if (keys.length !== 1 || !known.includes(keys[0]))
      throw new EmulatorError("InvalidArgument", "a validation rule has exactly one type");
    this._set("rule", v, () => this.upsert({ rule: v }));
  }
  set prompt(v: Record<string, unknown>) {
    this._set("prompt", v, () => this.upsert({ prompt: v }));
  }
  get prompt(): Record<string, unknown> {
    return this._get("prompt");
  }
  set errorAlert(v: Record<string, unknown>) {
    this._set("errorAlert", v, () => this.upsert({ errorAlert: v }));
  }
  get errorAlert(): Record<string, unknown> {
    return this._get("errorAlert");
  }
  set ignoreBlanks(v: boolean) {
    this._set("ignoreBlanks", v, () => this.upsert({ ignoreBlanks: v }));
  }
  get ignoreBlanks(): boolean {
    return this._get("ignoreBlanks");
  }
  clear(): void {
    this._do(() => {
      const { sheet, rect } = this.range();
      sheet.validations = sheet.validations.filter(
        (x) => !(x.rect.r0 >= rect.r0 && x.rect.r1 <= rect.r1 && x.rect.c0 >= rect.c0 && x.rect.c1 <= rect.c1),
      );
    });
  }
}

// ---- conditional formats --------------------------------------------------------------------

export class ConditionalFormatCollection {
  constructor(
    private readonly context: RequestContext,
    private readonly range: () => RangeTarget,
  ) {}
  add(type: string): ConditionalFormat {
    const kinds: Record<string, ConditionalFormatModel["type"]> = {
      Custom: "Custom",
      IconSet: "IconSet",
      ColorScale: "ColorScale",
      DataBar: "DataBar",
    };
    const kind = kinds[type];
    if (!kind) throw notEmulated(`ConditionalFormatCollection.add("${type}")`);
    let model: ConditionalFormatModel | null = null;
    const cf = guard(new ConditionalFormat(this.context, () => model, kind), "ConditionalFormat");
    this.context._enqueue({
      apply: () => {
        const { sheet, rect } = this.range();
        model = this.context.model.addConditionalFormat(sheet, rect, kind);
      },
      bytes: 60,
      mutates: true,
    });
    return cf;
  }
  clearAll(): void {
    this.context._enqueue({
      apply: () => {
        const { sheet, rect } = this.range();
        sheet.conditionalFormats = sheet.conditionalFormats.filter(
          (cf) => !(cf.rect.r0 <= rect.r1 && rect.r0 <= cf.rect.r1 && cf.rect.c0 <= rect.c1 && rect.c0 <= cf.rect.c1),
        );
        this.context.model.changed(sheet.id);
      },
      bytes: 60,
      mutates: true,
    });
  }
  getCount(): ClientResult<number> {
    return result(this.context, () => {
      const { sheet, rect } = this.range();
      return sheet.conditionalFormats.filter(
        (cf) => cf.rect.r0 <= rect.r1 && rect.r0 <= cf.rect.r1 && cf.rect.c0 <= rect.c1 && rect.c0 <= cf.rect.c1,
      ).length;
    });
  }
}

export class ConditionalFormat extends ClientObject {
  readonly custom: {
    rule: { formula: string };
    format: { fill: { color: string }; font: { color: string; bold: boolean } };
  };
  readonly iconSet: {
    style: string;
    reverseIconOrder: boolean;
    showIconOnly: boolean;
    criteria: { type: string; operator: string; formula: string }[];
  };
  readonly colorScale: { criteria: Record<string, unknown> };
  readonly dataBar: { barDirection?: string; positiveFormat: { fillColor: string } };

  constructor(ctx: RequestContext, model: () => ConditionalFormatModel | null, kind: ConditionalFormatModel["type"]) {
    super(ctx, model);
    const self = this;
    const edit = (f: (m: ConditionalFormatModel) => void) =>
      ctx._enqueue({
        apply: () => {
          f(self._t<ConditionalFormatModel>());
          ctx.model.changed(null);
        },
        bytes: 80,
        mutates: true,
      });
    const needs = (k: ConditionalFormatModel["type"], member: string) => {
      if (kind !== k) throw new EmulatorError("InvalidOperation", `${member} is only for ${k} conditional formats`);
    };
    this.custom = {
      rule: {
        set formula(v: string) {
          needs("Custom", "custom.rule.formula");
          edit((m) => (m.custom!.formula = v));
        },
        get formula(): string {
          throw new EmulatorError("PropertyNotLoaded", "custom.rule.formula: load it first");
        },
      },
      format: {
        fill: {
          set color(v: string) {
            needs("Custom", "custom.format.fill.color");
            edit((m) => (m.custom!.fill = v));
          },
          get color(): string {
            throw new EmulatorError("PropertyNotLoaded", "custom.format.fill.color: load it first");
          },
        },
        font: {
          set color(v: string) {
            needs("Custom", "custom.format.font.color");
            edit((m) => (m.custom!.fontColor = v));
          },
          get color(): string {
            throw new EmulatorError("PropertyNotLoaded", "custom.format.font.color: load it first");
          },
          set bold(v: boolean) {
            needs("Custom", "custom.format.font.bold");
            edit((m) => (m.custom!.bold = v));
          },
          get bold(): boolean {
            throw new EmulatorError("PropertyNotLoaded", "custom.format.font.bold: load it first");
          },
        },
      },
    };
    this.iconSet = {
      set style(v: string) {
        needs("IconSet", "iconSet.style");
        edit((m) => (m.iconSet!.style = v));
      },
      get style(): string {
        throw new EmulatorError("PropertyNotLoaded", "iconSet.style: load it first");
      },
      set reverseIconOrder(v: boolean) {
        needs("IconSet", "iconSet.reverseIconOrder");
        edit((m) => (m.iconSet!.reverseIconOrder = v));
      },
      get reverseIconOrder(): boolean {
        throw new EmulatorError("PropertyNotLoaded", "iconSet.reverseIconOrder: load it first");
      },
      set showIconOnly(v: boolean) {
        needs("IconSet", "iconSet.showIconOnly");
        edit((m) => (m.iconSet!.showIconOnly = v));
      },
      get showIconOnly(): boolean {
        throw new EmulatorError("PropertyNotLoaded", "iconSet.showIconOnly: load it first");
      },
      set criteria(v: { type: string; operator: string; formula: string }[]) {
        needs("IconSet", "iconSet.criteria");
        const copy = v.map((c) => ({ ...(c ?? {}) }));
        edit((m) => (m.iconSet!.criteria = copy));
      },
      get criteria(): { type: string; operator: string; formula: string }[] {
        throw new EmulatorError("PropertyNotLoaded", "iconSet.criteria: load it first");
      },
    };
    this.colorScale = {
      set criteria(v: Record<string, unknown>) {
        needs("ColorScale", "colorScale.criteria");
        const copy = JSON.parse(JSON.stringify(v));
        edit((m) => (m.colorScale!.criteria = copy));
      },
      get criteria(): Record<string, unknown> {
        throw new EmulatorError("PropertyNotLoaded", "colorScale.criteria: load it first");
      },
    };
    this.dataBar = {
      positiveFormat: {
        set fillColor(v: string) {
          needs("DataBar", "dataBar.positiveFormat.fillColor");
          edit((m) => (m.dataBar!.barColor = v));
        },
        get fillColor(): string {
          throw new EmulatorError("PropertyNotLoaded", "dataBar.positiveFormat.fillColor: load it first");
        },
      },
    };
  }
  _className() {
    return "ConditionalFormat";
  }
  _scalars() {
    return ["type", "priority", "stopIfTrue"];
  }
  _read(prop: string) {
    const m = this._t<ConditionalFormatModel>();
    if (prop === "type") return m.type;
    if (prop === "priority") return m.priority;
    if (prop === "stopIfTrue") return m.stopIfTrue;
    throw notEmulated(`ConditionalFormat.${prop}`);
  }
  get type(): string {
    return this._get("type");
  }
  set stopIfTrue(v: boolean) {
    this._set("stopIfTrue", v, () => (this._t<ConditionalFormatModel>().stopIfTrue = v));
  }
  get stopIfTrue(): boolean {
    return this._get("stopIfTrue");
  }
  delete(): void {
    this._do(() => {
      const m = this._t<ConditionalFormatModel>();
      for (const s of this.context.model.sheets) s.conditionalFormats = s.conditionalFormats.filter((c) => c !== m);
    });
  }
}

// ---- tables ---------------------------------------------------------------------------------

export class TableCollection extends ItemCollection<Table> {
  protected override readonly hasCount = true;
  constructor(
    ctx: RequestContext,
    private readonly sheet: (() => SheetModel) | null,
  ) {
    super(ctx, () => ctx.model);
  }
  _className() {
    return "TableCollection";
  }
  private list(): TableModel[] {
    const s = this.sheet?.();
    return s ? this.context.model.tables.filter((t) => t.sheetId === s.id) : this.context.model.tables;
  }
  _makeItems() {
    return this.list().map((t) => makeTable(this.context, () => t));
  }
  get count(): number {
    return this._get("count");
  }
  add(address: Range | string, hasHeaders: boolean): Table {
    let created: TableModel | null = null;
    const table = makeTable(this.context, () => created);
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
    const t = makeTable(this.context, () => m.tables.find((x) => x.id === key) ?? m.requireTable(key));
    this.context._enqueue({ apply: () => t._t(), bytes: 60, mutates: false });
    return t;
  }
  getItemOrNullObject(key: string): Table {
    const m = this.context.model;
    return makeTable(
      this.context,
      () => m.tables.find((x) => x.id === key) ?? m.tableByName(key) ?? null,
    )._markNullable();
  }
  getCount(): ClientResult<number> {
    return result(this.context, () => this.list().length);
  }
}

function makeTable(ctx: RequestContext, resolver: Resolver<TableModel>): Table {
  return guard(new Table(ctx, resolver), "Table");
}

export class Table extends ClientObject {
  readonly rows: TableRowCollection;
  readonly columns: TableColumnCollection;
  constructor(ctx: RequestContext, resolver: Resolver<TableModel>) {
    super(ctx, resolver);
    this.rows = guard(new TableRowCollection(ctx, () => this.tm()), "TableRowCollection");
    this.columns = guard(new TableColumnCollection(ctx, () => this.tm()), "TableColumnCollection");
  }
  private tm(): TableModel {
    return this._t<TableModel>();
  }
  private get m() {
    return this.context.model;
  }
  _className() {
    return "Table";
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
    return this._nav("worksheet", () => makeSheet(this.context, () => this.m.sheetById(this.tm().sheetId)!));
  }
  private range(f: (t: TableModel) => Rect | null): Range {
    return makeRange(this.context, () => {
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
  convertToRange(): Range {
    const r = this.getRange();
    this._do(() => {
      r._tryResolve();
      this.m.deleteTable(this.tm(), true);
    });
    return r;
  }
}

export class TableRowCollection extends ClientObject {
  constructor(
    ctx: RequestContext,
    private readonly table: () => TableModel,
  ) {
    super(ctx, table);
  }
  _className() {
    return "TableRowCollection";
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

  add(index?: number | null, values?: any[][] | boolean | string | number, _alwaysInsert?: boolean): void {
    const rows = Array.isArray(values) ? (values as unknown[][]) : null;
    this._do(
      () => {
        const t = this.table();
        const cols = t.rect.c1 - t.rect.c0 + 1;
        if (rows && rows.some((r) => !Array.isArray(r) || r.length !== cols)) {
          throw new EmulatorError("InvalidArgument", `each new row must have ${cols} values`);
        }
        this.context.model.addTableRows(t, rows, rows ? rows.length : 1, index);
      },
      60 + sizeOf(values),
    );
  }
  getCount(): ClientResult<number> {
    return result(this.context, () => {
      const d = this.context.model.tableDataRect(this.table());
      return d.r1 - d.r0 + 1;
    });
  }
}

export class TableColumnCollection extends ItemCollection<TableColumn> {
  protected override readonly hasCount = true;
  constructor(
    ctx: RequestContext,
    private readonly table: () => TableModel,
  ) {
    super(ctx, table);
  }
  _className() {
    return "TableColumnCollection";
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
  return guard(new TableColumn(ctx, table, typeof index === "number" ? () => index : index), "TableColumn");
}

export class TableColumn extends ClientObject {
  constructor(
    ctx: RequestContext,
    private readonly table: () => TableModel,
    private readonly position: () => number,
  ) {
    super(ctx, () => ({ table: table(), index: position() }));
  }
  _className() {
    return "TableColumn";
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
    return makeRange(this.context, () => {
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

// ---- names and settings ---------------------------------------------------------------------

export class NamedItemCollection extends ItemCollection<NamedItem> {
  constructor(ctx: RequestContext) {
    super(ctx, () => ctx.model);
  }
  _className() {
    return "NamedItemCollection";
  }
  _makeItems() {
    return [...this.context.model.names.values()].map((n) => makeName(this.context, () => n.name));
  }
  add(name: string, reference: Range | string, comment?: string): NamedItem {
    const item = makeName(this.context, () => name);
    this._do(
      () => {
        const formula =
          typeof reference === "string"
            ? reference
            : `=${qualified(reference.t().sheet.name, reference.t().rect, true)}`;
        this.context.model.addName(name, formula, comment ?? "");
      },
      80 + sizeOf(reference instanceof Range ? "" : reference),
    );
    return item;
  }
  getItem(name: string): NamedItem {
    const item = makeName(this.context, () => name);
    this.context._enqueue({
      apply: () => {
        if (!this.context.model.names.has(name.toLowerCase()))
          throw new EmulatorError("ItemNotFound", `name not found: "${name}"`);
      },
      bytes: 60,
      mutates: false,
    });
    return item;
  }
  getItemOrNullObject(name: string): NamedItem {
    return guard(
      new NamedItem(this.context, () => (this.context.model.names.has(name.toLowerCase()) ? name : null)),
      "NamedItem",
    )._markNullable();
  }
}

function makeName(ctx: RequestContext, resolver: Resolver<string>): NamedItem {
  return guard(new NamedItem(ctx, resolver), "NamedItem");
}

export class NamedItem extends ClientObject {
  constructor(ctx: RequestContext, resolver: Resolver<string>) {
    super(ctx, resolver);
  }
  private nm() {
    const n = this.context.model.names.get(this._t<string>().toLowerCase());
    if (!n) throw new EmulatorError("ItemNotFound", `name not found: "${this._t<string>()}"`);
    return n;
  }
  _className() {
    return "NamedItem";
  }
  _scalars() {
    return ["name", "formula", "comment", "type", "value", "visible"];
  }
  _read(prop: string) {
    const n = this.nm();
    switch (prop) {
      case "name":
        return n.name;
      case "formula":
        return n.formula;
      case "comment":
        return n.comment;
      case "visible":
        return n.visible;
      case "type":
        return /^=('?[^!]+'?!)?\$?[A-Z]+\$?\d+(:\$?[A-Z]+\$?\d+)?$/.test(n.formula) ? "Range" : "Formula";
      case "value":
        return n.formula.slice(1);
    }
    throw notEmulated(`NamedItem.${prop}`);
  }
  get name(): string {
    return this._get("name");
  }
  get formula(): string {
    return this._get("formula");
  }
  set formula(v: string) {
    this._set("formula", v, () => this.context.model.setNameFormula(this.nm().name, v));
  }
  get comment(): string {
    return this._get("comment");
  }
  get type(): string {
    return this._get("type");
  }
  get visible(): boolean {
    return this._get("visible");
  }
  set visible(v: boolean) {
    this._set("visible", v, () => (this.nm().visible = v));
  }
  delete(): void {
    this._do(() => this.context.model.deleteName(this.nm().name));
  }
  getRange(): Range {
    return makeRange(this.context, () => {
      const n = this.nm();
      return this.context.model.resolveAddress(n.formula.slice(1).replace(/\$/g, ""));
    });
  }
}

export class SettingCollection extends ItemCollection<Setting> {
  constructor(ctx: RequestContext) {
    super(ctx, () => ctx.model);
  }
  _className() {
    return "SettingCollection";
  }
  _makeItems() {
    return [...this.context.model.settings.keys()].map((k) => makeSetting(this.context, () => k));
  }
  add(key: string, value: unknown): Setting {
    const copy = JSON.parse(JSON.stringify(value ?? null));
    this._do(
      () => {
        if (typeof key !== "string" || key.length === 0 || key.length > 255)
          throw new EmulatorError("InvalidArgument", "invalid setting key");
        this.context.model.settings.set(key, copy);
      },
      60 + sizeOf(copy),
    );
    return makeSetting(this.context, () => key);
  }
  getItem(key: string): Setting {
    const s = makeSetting(this.context, () => {
      if (!this.context.model.settings.has(key)) throw new EmulatorError("ItemNotFound", `setting not found: "${key}"`);
      return key;
    });
    this.context._enqueue({ apply: () => s._t(), bytes: 60, mutates: false });
    return s;
  }
  getItemOrNullObject(key: string): Setting {
    return makeSetting(this.context, () => (this.context.model.settings.has(key) ? key : null))._markNullable();
  }
}

function makeSetting(ctx: RequestContext, resolver: Resolver<string>): Setting {
  return guard(new Setting(ctx, resolver), "Setting");
}

export class Setting extends ClientObject {
  constructor(ctx: RequestContext, resolver: Resolver<string>) {
    super(ctx, resolver);
  }
  _className() {
    return "Setting";
  }
  _scalars() {
    return ["key", "value"];
  }
  _read(prop: string) {
    const k = this._t<string>();
    if (prop === "key") return k;
    if (prop === "value") return JSON.parse(JSON.stringify(this.context.model.settings.get(k) ?? null));
    throw notEmulated(`Setting.${prop}`);
  }
  get key(): string {
    return this._get("key");
  }
  get value(): unknown {
    return this._get("value");
  }
  set value(v: unknown) {
    const copy = JSON.parse(JSON.stringify(v ?? null));
    this._set("value", copy, () => this.context.model.settings.set(this._t<string>(), copy));
  }
  delete(): void {
    this._do(() => this.context.model.settings.delete(this._t<string>()));
  }
}

// ---- charts (recorded, not drawn by Excel here) ---------------------------------------------

export class ChartCollection extends ItemCollection<Chart> {
  protected override readonly hasCount = true;
  constructor(
    ctx: RequestContext,
    private readonly sheet: () => SheetModel,
  ) {
    super(ctx, sheet);
  }
  _className() {
    return "ChartCollection";
  }
  _makeItems() {
    return this.sheet().charts.map((c) => makeChart(this.context, () => c));
  }
  get count(): number {
    return this._get("count");
  }
  add(type: string, sourceData: Range | null, seriesBy = "Auto"): Chart {
    let created: ChartModel | null = null;
    const chart = makeChart(this.context, () => created);
    this._do(() => {
      const s = this.sheet();
      const src = sourceData ? sourceData.t() : null;
      const model: ChartModel = {
        id: s.charts.length + 1 + Math.floor(Math.random() * 1e6),
        name: `Chart ${s.charts.length + 1}`,
        type,
        source: src ? qualified(src.sheet.name, src.rect, true) : null,
        seriesBy,
        title: "",
        titleVisible: false,
        legendVisible: true,
        legendPosition: "Right",
        position: { topLeft: null, bottomRight: null, top: 0, left: 0, width: 360, height: 216 },
        series: src ? seriesFromSource(src, seriesBy, this.context.model) : [],
        axes: {},
      };
      s.charts.push(model);
      created = model;
      chart._tryResolve();
      this.context.model.changed(s.id);
    });
    return chart;
  }
  getItem(name: string): Chart {
    const c = makeChart(this.context, () => {
      const found = this.sheet().charts.find((x) => x.name === name);
      if (!found) throw new EmulatorError("ItemNotFound", `chart not found: "${name}"`);
      return found;
    });
    this.context._enqueue({ apply: () => c._t(), bytes: 60, mutates: false });
    return c;
  }
  getItemOrNullObject(name: string): Chart {
    return makeChart(this.context, () => this.sheet().charts.find((x) => x.name === name) ?? null)._markNullable();
  }
}

/** Series from a source range the way Excel's "Auto" reads it: first row/column as labels. */
function seriesFromSource(src: RangeTarget, seriesBy: string, model: WorkbookModel) {
  const { sheet, rect } = src;
  const byColumns = seriesBy === "Columns" || (seriesBy !== "Rows" && rectRows(rect) >= rectCols(rect));
  const series = [];
  if (byColumns) {
    for (let c = rect.c0 + 1; c <= rect.c1; c++) {
      series.push({
        name: String(model.value(sheet, rect.r0, c)),
        values: qualified(sheet.name, { r0: rect.r0 + 1, r1: rect.r1, c0: c, c1: c }, true),
        xValues: qualified(sheet.name, { r0: rect.r0 + 1, r1: rect.r1, c0: rect.c0, c1: rect.c0 }, true),
      });
    }
  } else {
    for (let r = rect.r0 + 1; r <= rect.r1; r++) {
      series.push({
        name: String(model.value(sheet, r, rect.c0)),
        values: qualified(sheet.name, { r0: r, r1: r, c0: rect.c0 + 1, c1: rect.c1 }, true),
        xValues: qualified(sheet.name, { r0: rect.r0, r1: rect.r0, c0: rect.c0 + 1, c1: rect.c1 }, true),
      });
    }
  }
  return series;
}

function makeChart(ctx: RequestContext, resolver: Resolver<ChartModel>): Chart {
  return guard(new Chart(ctx, resolver), "Chart");
}

export class Chart extends ClientObject {
  readonly title: { text: string; visible: boolean };
  readonly legend: { visible: boolean; position: string };
  readonly series: ChartSeriesCollection;
  readonly axes: { valueAxis: ChartAxis; categoryAxis: ChartAxis };
  constructor(ctx: RequestContext, resolver: Resolver<ChartModel>) {
    super(ctx, resolver);
    const self = this;
    const edit = (f: (c: ChartModel) => void) =>
      ctx._enqueue({
        apply: () => {
          f(self._t<ChartModel>());
          ctx.model.changed(null);
        },
        bytes: 80,
        mutates: true,
      });
    this.title = {
      set text(v: string) {
        edit((c) => {
          c.title = v;
          c.titleVisible = true;
        });
      },
      get text(): string {
        return self._get<string>("title");
      },
      set visible(v: boolean) {
        edit((c) => (c.titleVisible = v));
      },
      get visible(): boolean {
        return self._get<boolean>("titleVisible");
      },
    };
    this.legend = {
      set visible(v: boolean) {
        edit((c) => (c.legendVisible = v));
      },
      get visible(): boolean {
        return self._get<boolean>("legendVisible");
      },
      set position(v: string) {
        edit((c) => (c.legendPosition = v));
      },
      get position(): string {
        return self._get<string>("legendPosition");
      },
    };
    this.series = guard(new ChartSeriesCollection(ctx, () => this._t<ChartModel>()), "ChartSeriesCollection");
    this.axes = { valueAxis: new ChartAxis(edit, "value"), categoryAxis: new ChartAxis(edit, "category") };
  }
  _className() {
    return "Chart";
  }
  _scalars() {
    return ["name", "chartType", "top", "left", "width", "height"];
  }
  _read(prop: string) {
    const c = this._t<ChartModel>();
    switch (prop) {
      case "name":
        return c.name;
      case "chartType":
        return c.type;
      case "top":
        return c.position.top;
      case "left":
        return c.position.left;
      case "width":
        return c.position.width;
      case "height":
        return c.position.height;
    }
    throw notEmulated(`Chart.${prop}`);
  }
  get name(): string {
    return this._get("name");
  }
  set name(v: string) {
    this._set("name", v, () => (this._t<ChartModel>().name = v));
  }
  get chartType(): string {
    return this._get("chartType");
  }
  set chartType(v: string) {
    this._set("chartType", v, () => (this._t<ChartModel>().type = v));
  }
  private pos(prop: "top" | "left" | "width" | "height", v: number) {
    this._set(prop, v, () => (this._t<ChartModel>().position[prop] = v));
  }
  set top(v: number) {
    this.pos("top", v);
  }
  get top(): number {
    return this._get("top");
  }
  set left(v: number) {
    this.pos("left", v);
  }
  get left(): number {
    return this._get("left");
  }
  set width(v: number) {
    this.pos("width", v);
  }
  get width(): number {
    return this._get("width");
  }
  set height(v: number) {
    this.pos("height", v);
  }
  get height(): number {
    return this._get("height");
  }
  setPosition(startCell: Range | string, endCell?: Range | string): void {
    this._do(() => {
      const c = this._t<ChartModel>();
      const a = (x: Range | string) => (typeof x === "string" ? x : rectA1(x.t().rect));
      c.position.topLeft = a(startCell);
      c.position.bottomRight = endCell ? a(endCell) : null;
      this.context.model.changed(null);
    });
  }
  delete(): void {
    this._do(() => {
      const c = this._t<ChartModel>();
      for (const s of this.context.model.sheets) s.charts = s.charts.filter((x) => x !== c);
      this.context.model.changed(null);
    });
  }
}

export class ChartAxis {
  constructor(
    private readonly edit: (f: (c: ChartModel) => void) => void,
    private readonly which: string,
  ) {}
  private patch(p: { title?: string; minimum?: number; maximum?: number }) {
    const w = this.which;
    this.edit((c) => (c.axes[w] = { ...c.axes[w], ...p }));
  }
  set minimum(v: number) {
    this.patch({ minimum: v });
  }
  set maximum(v: number) {
    this.patch({ maximum: v });
  }
  get title() {
    const patch = (p: { title?: string }) => this.patch(p);
    return {
      set text(v: string) {
        patch({ title: v });
      },
    };
  }
}

export class ChartSeriesCollection extends ClientObject {
  constructor(
    ctx: RequestContext,
    private readonly chart: () => ChartModel,
  ) {
    super(ctx, chart);
  }
  _className() {
    return "ChartSeriesCollection";
  }
  _scalars() {
    return ["count"];
  }
  _read(prop: string) {
    if (prop === "count") return this.chart().series.length;
    throw notEmulated(`ChartSeriesCollection.${prop}`);
  }
  get count(): number {
    return this._get("count");
  }
  add(name?: string, index?: number): ChartSeries {
    let idx = -1;
    this._do(() => {
      const c = this.chart();
      const s = { name: name ?? `Series${c.series.length + 1}` };
      if (index === undefined) {
        c.series.push(s);
        idx = c.series.length - 1;
      } else {
        c.series.splice(index, 0, s);
        idx = index;
      }
    });
    return guard(new ChartSeries(this.context, () => this.chart().series[idx] ?? null), "ChartSeries");
  }
  getItemAt(index: number): ChartSeries {
    return guard(
      new ChartSeries(this.context, () => {
        const s = this.chart().series[index];
        if (!s) throw new EmulatorError("ItemNotFound", `no series at ${index}`);
        return s;
      }),
      "ChartSeries",
    );
  }
}

export class ChartSeries extends ClientObject {
  readonly format: { fill: { setSolidColor(c: string): void; clear(): void } };
  constructor(ctx: RequestContext, resolver: Resolver<ChartModel["series"][number]>) {
    super(ctx, resolver);
    const edit = (f: (s: ChartModel["series"][number]) => void) =>
      ctx._enqueue({ apply: () => f(this._t()), bytes: 80, mutates: true });
    this.format = {
      fill: {
        setSolidColor: (c: string) => edit((s) => (s.fill = c)),
        clear: () => edit((s) => (s.fill = null)),
      },
    };
  }
  _className() {
    return "ChartSeries";
  }
  _scalars() {
    return ["name", "chartType"];
  }
  _read(prop: string) {
    const s = this._t<ChartModel["series"][number]>();
    if (prop === "name") return s.name;
    if (prop === "chartType") return s.chartType ?? "";
    throw notEmulated(`ChartSeries.${prop}`);
  }
  get name(): string {
    return this._get("name");
  }
  set name(v: string) {
    this._set("name", v, () => (this._t<ChartModel["series"][number]>().name = v));
  }
  set chartType(v: string) {
    this._set("chartType", v, () => (this._t<ChartModel["series"][number]>().chartType = v));
  }
  private ref(r: Range, key: "values" | "xValues" | "bubbleSizes") {
    this._do(() => {
      const t = r.t();
      this._t<ChartModel["series"][number]>()[key] = qualified(t.sheet.name, t.rect, true);
      this.context.model.changed(null);
    });
  }
  setValues(sourceData: Range): void {
    this.ref(sourceData, "values");
  }
  setXAxisValues(sourceData: Range): void {
    this.ref(sourceData, "xValues");
  }
  setBubbleSizes(sourceData: Range): void {
    this.ref(sourceData, "bubbleSizes");
  }
  delete(): void {
    this._do(() => {
      const s = this._t<ChartModel["series"][number]>();
      for (const sh of this.context.model.sheets) for (const c of sh.charts) c.series = c.series.filter((x) => x !== s);
    });
  }
}
