/**
 * Workbook names and document settings.
 */
import { qualified } from "./address";
import { ClientObject, ItemCollection, Resolver, create, sizeOf } from "./client";
import { RequestContext } from "./context";
import { EmulatorError, notEmulated } from "./errors";
import { Range } from "./range";
import type { Typed } from "./excel-types";

// ---- names and settings ---------------------------------------------------------------------

export class NamedItemCollection
  extends ItemCollection<NamedItem>
  implements Typed<Excel.NamedItemCollection, "add" | "getItem" | "getItemOrNullObject" | "items">
{
  static override readonly emulated = "NamedItemCollection";
  constructor(ctx: RequestContext) {
    super(ctx, () => ctx.model);
  }
  _makeItems() {
    return [...this.context.model.names.values()].map((n) => create(NamedItem, this.context, () => n.name));
  }
  add(name: string, reference: Range | string, comment?: string): NamedItem {
    const item = create(NamedItem, this.context, () => name);
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
    const item = create(NamedItem, this.context, () => name);
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
    return create(NamedItem, this.context, () =>
      this.context.model.names.has(name.toLowerCase()) ? name : null,
    )._markNullable();
  }
}

export class NamedItem
  extends ClientObject
  implements Typed<Excel.NamedItem, "comment" | "delete" | "formula" | "getRange" | "name" | "type" | "visible">
{
  static override readonly emulated = "NamedItem";
  constructor(ctx: RequestContext, resolver: Resolver<string>) {
    super(ctx, resolver);
  }
  private nm() {
    const n = this.context.model.names.get(this._t<string>().toLowerCase());
    if (!n) throw new EmulatorError("ItemNotFound", `name not found: "${this._t<string>()}"`);
    return n;
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
  get type(): Excel.NamedItem["type"] {
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
    return create(Range, this.context, () => {
      const n = this.nm();
      return this.context.model.resolveAddress(n.formula.slice(1).replace(/\$/g, ""));
    });
  }
}

export class SettingCollection
  extends ItemCollection<Setting>
  implements Typed<Excel.SettingCollection, "add" | "getItem" | "getItemOrNullObject" | "items">
{
  static override readonly emulated = "SettingCollection";
  constructor(ctx: RequestContext) {
    super(ctx, () => ctx.model);
  }
  _makeItems() {
    return [...this.context.model.settings.keys()].map((k) => create(Setting, this.context, () => k));
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
    return create(Setting, this.context, () => key);
  }
  getItem(key: string): Setting {
    const s = create(Setting, this.context, () => {
      if (!this.context.model.settings.has(key)) throw new EmulatorError("ItemNotFound", `setting not found: "${key}"`);
      return key;
    });
    this.context._enqueue({ apply: () => s._t(), bytes: 60, mutates: false });
    return s;
  }
  getItemOrNullObject(key: string): Setting {
    return create(Setting, this.context, () => (this.context.model.settings.has(key) ? key : null))._markNullable();
  }
}

export class Setting extends ClientObject implements Typed<Excel.Setting, "delete" | "key" | "value"> {
  static override readonly emulated = "Setting";
  constructor(ctx: RequestContext, resolver: Resolver<string>) {
    super(ctx, resolver);
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
