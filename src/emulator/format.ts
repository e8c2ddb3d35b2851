/**
 * Range formats (fill, font, borders, protection) and data validation.
 */
import { ClientObject, create } from "./client";
import { RequestContext } from "./context";
import { EmulatorError, notEmulated } from "./errors";
import { type BorderEdge, DEFAULT_COLUMN_WIDTH, DEFAULT_ROW_HEIGHT, type FormatProps } from "./model";
import { RangeTarget } from "./range";
import type { Typed } from "./excel-types";
import { lineHeight, wrappedLines } from "../text-metrics";

export class RangeFormat
  extends ClientObject
  implements
    Typed<
      Excel.RangeFormat,
      | "autofitColumns"
      | "autofitRows"
      | "borders"
      | "columnWidth"
      | "fill"
      | "font"
      | "horizontalAlignment"
      | "indentLevel"
      | "protection"
      | "rowHeight"
      | "verticalAlignment"
      | "wrapText"
    >
{
  static override readonly emulated = "RangeFormat";
  readonly fill: RangeFill;
  readonly font: RangeFont;
  readonly borders: RangeBorderCollection;
  readonly protection: FormatProtection;
  constructor(
    ctx: RequestContext,
    private readonly range: () => RangeTarget,
  ) {
    super(ctx, range);
    this.fill = create(RangeFill, ctx, range);
    this.font = create(RangeFont, ctx, range);
    this.borders = create(RangeBorderCollection, ctx, range);
    this.protection = create(FormatProtection, ctx, range);
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
  get horizontalAlignment(): Excel.RangeFormat["horizontalAlignment"] {
    return this._get("horizontalAlignment");
  }
  set horizontalAlignment(v: Excel.RangeFormat["horizontalAlignment"]) {
    this._set("horizontalAlignment", v, () => this.layer({ horizontalAlignment: v }));
  }
  get verticalAlignment(): Excel.RangeFormat["verticalAlignment"] {
    return this._get("verticalAlignment");
  }
  set verticalAlignment(v: Excel.RangeFormat["verticalAlignment"]) {
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
  /**
   * Heights from each row's text (Excel's autofitRows): a wrapped cell's lines in its column's
   * width, estimated as src/text-metrics does; cells in merged ranges do not count, as in Excel.
   * A row whose cells need one line gets the height of its largest font.
   */
  autofitRows(): void {
    this._do(() => {
      const { sheet, rect } = this.range();
      const model = this.context.model;
      const used = model.usedRect(sheet);
      if (!used) return;
      const r0 = Math.max(rect.r0, used.r0);
      const r1 = Math.min(rect.r1, used.r1);
      if (r1 < r0) return;
      const c1 = Math.min(used.c1, rect.c1);
      const texts = model.texts(sheet, { r0, r1, c0: rect.c0, c1 });
      const merged = (r: number, c: number) =>
        sheet.merges.some((m) => r >= m.r0 && r <= m.r1 && c >= m.c0 && c <= m.c1);
      for (let r = r0; r <= r1; r++) {
        let h = 0;
        for (let c = rect.c0; c <= c1; c++) {
          const text = texts[r - r0][c - rect.c0] ?? "";
          if (text === "" || merged(r, c)) continue;
          const f = model.effectiveFormat(sheet, r, c);
          const size = f.fontSize ?? 11;
          const width = sheet.columnWidths.get(c) ?? DEFAULT_COLUMN_WIDTH;
          const lines = f.wrapText ? wrappedLines(text, width, size) : 1;
          h = Math.max(h, lines * lineHeight(size));
        }
        if (h) sheet.rowHeights.set(r, Math.min(409, Math.max(DEFAULT_ROW_HEIGHT, h)));
        else sheet.rowHeights.delete(r);
      }
      model.changed(sheet.id);
    });
  }
}

export class RangeFill extends ClientObject implements Typed<Excel.RangeFill, "clear" | "color"> {
  static override readonly emulated = "RangeFill";
  constructor(
    ctx: RequestContext,
    private readonly range: () => RangeTarget,
  ) {
    super(ctx, range);
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

export class RangeFont
  extends ClientObject
  implements Typed<Excel.RangeFont, "bold" | "color" | "italic" | "name" | "size">
{
  static override readonly emulated = "RangeFont";
  constructor(
    ctx: RequestContext,
    private readonly range: () => RangeTarget,
  ) {
    super(ctx, range);
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

export class FormatProtection extends ClientObject implements Typed<Excel.FormatProtection, "locked"> {
  static override readonly emulated = "FormatProtection";
  constructor(
    ctx: RequestContext,
    private readonly range: () => RangeTarget,
  ) {
    super(ctx, range);
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

export class RangeBorderCollection implements Typed<Excel.RangeBorderCollection, "getItem"> {
  static readonly emulated = "RangeBorderCollection";
  constructor(
    private readonly context: RequestContext,
    private readonly range: () => RangeTarget,
  ) {}
  getItem(index: BorderEdge): RangeBorder {
    return create(RangeBorder, this.context, this.range, index);
  }
}

export class RangeBorder implements Typed<Excel.RangeBorder, "color" | "style" | "weight"> {
  static readonly emulated = "RangeBorder";
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
  set style(v: Excel.RangeBorder["style"]) {
    this.apply({ style: v });
  }
  set color(v: string) {
    this.apply({ color: v });
  }
  set weight(v: Excel.RangeBorder["weight"]) {
    this.apply({ weight: v });
  }
}

// ---- data validation ------------------------------------------------------------------------

export class DataValidation
  extends ClientObject
  implements Typed<Excel.DataValidation, "clear" | "errorAlert" | "ignoreBlanks" | "prompt" | "rule">
{
  static override readonly emulated = "DataValidation";
  constructor(
    ctx: RequestContext,
    private readonly range: () => RangeTarget,
  ) {
    super(ctx, range);
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
  set prompt(v: Excel.DataValidationPrompt) {
    this._set("prompt", v, () => this.upsert({ prompt: { ...v } }));
  }
  get prompt(): Excel.DataValidationPrompt {
    return this._get("prompt");
  }
  set errorAlert(v: Excel.DataValidationErrorAlert) {
    this._set("errorAlert", v, () => this.upsert({ errorAlert: { ...v } }));
  }
  get errorAlert(): Excel.DataValidationErrorAlert {
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
