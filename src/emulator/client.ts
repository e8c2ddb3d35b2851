/**
 * The client side of the office-js model: guarded objects, loading and the load/sync rules,
 * results and collections. Every API object is made by `create` and guarded.
 */
import { jsonBytes } from "../address";
import { RequestContext } from "./context";
import { EmulatorError, notEmulated } from "./errors";

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
  /**
   * A simulated round trip (ms) for every sync that carries a request, as Excel on the web takes
   * 100–300 ms for each: the benchmark's measure of what the analyst waits for.
   */
  latencyMs?: number;
}

export interface Op {
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

/**
 * Wraps an object so that reading or writing a member the emulator does not model throws
 * `not emulated: Class.member`, naming the Excel class (each class's static `emulated`).
 */
export function guard<T extends object>(obj: T): T {
  const className = (obj.constructor as { emulated?: string }).emulated ?? "Object";
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

export const sizeOf = jsonBytes;

/** The one way the emulator makes an API object: constructed, then guarded. */
export function create<A extends unknown[], T extends object>(C: new (...args: A) => T, ...args: A): T {
  // eslint-disable-next-line no-restricted-syntax -- bounded: forwards a constructor's own arguments
  return guard(new C(...args));
}

export type Resolver<T> = () => T | null;

/** Base of every proxy: a lazily resolved target, loaded properties, queued operations. */
export abstract class ClientObject {
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

  /** The Excel class this object stands for, in messages. */
  static readonly emulated: string = "ClientObject";
  /** The property that identifies the object, returned with every load (a worksheet's id). */
  static readonly keyProperty: string | null = null;
  _className(): string {
    return (this.constructor as typeof ClientObject).emulated;
  }
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
    this.context._enqueue({ apply: this._unlessNull(apply), bytes: (bytes ?? sizeOf(value)) + 60, mutates: true });
  }

  /**
   * A change to a null object (from *OrNullObject) does nothing, as in Excel: Microsoft's own
   * samples start with `worksheets.getItemOrNullObject(name).delete()`.
   */
  private _unlessNull(apply: () => void): () => void {
    return () => {
      if (this._nullable) {
        this._tryResolve();
        if (this._target === null) return;
      }
      apply();
    };
  }

  /** @internal Queues a method call that changes the workbook. */
  _do(apply: () => void, bytes = 60): void {
    this.context._enqueue({ apply: this._unlessNull(apply), bytes, mutates: true });
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
    // An object's key (a worksheet's id) comes back with whatever is loaded, as in office.js.
    const key = (this.constructor as typeof ClientObject).keyProperty;
    const asked = list ?? this._scalars();
    const props = key && !asked.includes(key) ? [...asked, key] : asked;
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

export function result<T>(ctx: RequestContext, compute: () => T): ClientResult<T> {
  const r = new ClientResult<T>();
  ctx._enqueue({ apply: () => r._resolve(compute()), bytes: 60, mutates: false, respond: () => r.value });
  return r;
}

/**
 * A collection: `load("items/name")` loads the named properties of every item, `load("items")`
 * or `load()` their scalars; collections that have `count` in Excel also load it on request.
 */
export abstract class ItemCollection<I extends ClientObject> extends ClientObject {
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
