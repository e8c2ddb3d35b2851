/**
 * Shapes (Worksheet.shapes, ExcelApi 1.9): geometric shapes, text boxes and lines, recorded as
 * plain models in points from the sheet's top-left corner — drawn by the preview, written as
 * DrawingML by the exporter (xlsx-charts). Excel's rules kept here (docs/excel-behaviour.md):
 * a protected sheet refuses new shapes unless its protection allows editing objects, and a line's
 * arrowheads exist only on a line.
 */
import { ClientObject, type ClientResult, ItemCollection, type Resolver, create, result } from "./client";
import type { RequestContext } from "./context";
import { EmulatorError, notEmulated } from "./errors";
import type { SheetModel, ShapeModel } from "./types";
import type { Typed } from "./excel-types";
import { DEFAULT_COLUMN_WIDTH, DEFAULT_ROW_HEIGHT } from "./types";

/** The distance in points from the sheet's top edge to row `r`'s (0-based) top edge. */
export function rowTop(sheet: SheetModel, r: number): number {
  let y = 0;
  for (let i = 0; i < r; i++) y += sheet.rowHeights.get(i) ?? DEFAULT_ROW_HEIGHT;
  return y;
}

/** The distance in points from the sheet's left edge to column `c`'s (0-based) left edge; hidden columns are 0 wide. */
export function columnLeft(sheet: SheetModel, c: number): number {
  let x = 0;
  for (let i = 0; i < c; i++) x += columnWidthOf(sheet, i);
  return x;
}

export function columnWidthOf(sheet: SheetModel, c: number): number {
  return sheet.hiddenColumns.has(c) ? 0 : (sheet.columnWidths.get(c) ?? DEFAULT_COLUMN_WIDTH);
}

/** A new shape's model: Excel's defaults (no text, Calibri 11, black line of 0.75 pt). */
function newShape(id: string, name: string, type: ShapeModel["type"]): ShapeModel {
  return {
    id,
    name,
    type,
    geometry: null,
    left: 0,
    top: 0,
    width: 72,
    height: 72,
    fill: type === "GeometricShape" ? "#4472C4" : null,
    lineColor: type === "TextBox" ? "#000000" : "#4472C4",
    lineWeight: 0.75,
    dashStyle: "Solid",
    lineVisible: type !== "TextBox",
    text: "",
    font: { name: "Calibri", size: 11, color: type === "GeometricShape" ? "#FFFFFF" : "#000000", bold: false },
    horizontalAlignment: "Left",
    verticalAlignment: "Top",
    altTextTitle: "",
    altTextDescription: "",
  };
}

export class ShapeCollection
  extends ItemCollection<Shape>
  implements
    Typed<Excel.ShapeCollection, "addGeometricShape" | "addLine" | "addTextBox" | "getCount" | "getItem" | "items">
{
  static override readonly emulated = "ShapeCollection";
  constructor(
    ctx: RequestContext,
    private readonly sheet: () => SheetModel,
  ) {
    super(ctx, sheet);
  }
  _makeItems() {
    return this.sheet().shapes.map((s) => create(Shape, this.context, () => s));
  }
  getCount(): ClientResult<number> {
    return result(this.context, () => this.sheet().shapes.length);
  }
  private addShape(type: ShapeModel["type"], init: (m: ShapeModel) => void): Shape {
    let created: ShapeModel | null = null;
    const shape = create(Shape, this.context, () => created);
    this._do(() => {
      const s = this.sheet();
      // Excel: a protected sheet takes no new object unless its protection allows editing objects.
      if (s.protection.protected && !s.protection.options.allowEditObjects)
        throw new EmulatorError("AccessDenied", `"${s.name}" is protected: shapes cannot be added`);
      const id = this.context.model.nextShapeId();
      const label = type === "GeometricShape" ? "Rectangle" : type === "TextBox" ? "TextBox" : "Straight Connector";
      const m = newShape(id, `${label} ${id}`, type);
      init(m);
      s.shapes.push(m);
      created = m;
      shape._tryResolve();
      this.context.model.changed(s.id);
    });
    return shape;
  }
  addGeometricShape(geometricShapeType: Excel.GeometricShapeType | string): Shape {
    return this.addShape("GeometricShape", (m) => (m.geometry = String(geometricShapeType)));
  }
  addTextBox(text?: string): Shape {
    return this.addShape("TextBox", (m) => (m.text = text ?? ""));
  }
  /** A line from (startLeft, startTop) to (endLeft, endTop), in points; straight unless told. */
  addLine(
    startLeft: number,
    startTop: number,
    endLeft: number,
    endTop: number,
    connectorType: Excel.ConnectorType | string = "Straight",
  ): Shape {
    return this.addShape("Line", (m) => {
      m.ends = { x1: startLeft, y1: startTop, x2: endLeft, y2: endTop };
      m.left = Math.min(startLeft, endLeft);
      m.top = Math.min(startTop, endTop);
      m.width = Math.abs(endLeft - startLeft);
      m.height = Math.abs(endTop - startTop);
      m.connectorType = String(connectorType);
      m.beginArrowhead = "None";
      m.endArrowhead = "None";
    });
  }
  /** A shape by its name or id. */
  getItem(key: string): Shape {
    const s = create(Shape, this.context, () => {
      const found = this.sheet().shapes.find((x) => x.name === key || x.id === key);
      if (!found) throw new EmulatorError("ItemNotFound", `shape not found: "${key}"`);
      return found;
    });
    this.context._enqueue({ apply: () => s._t(), bytes: 60, mutates: false });
    return s;
  }
}

/** Queues a change to the shape's model. */
type ShapeEdit = (f: (s: ShapeModel) => void) => void;

export class Shape
  extends ClientObject
  implements
    Typed<
      Excel.Shape,
      | "altTextDescription"
      | "altTextTitle"
      | "delete"
      | "fill"
      | "geometricShapeType"
      | "height"
      | "id"
      | "left"
      | "line"
      | "lineFormat"
      | "name"
      | "textFrame"
      | "top"
      | "type"
      | "width"
    >
{
  static override readonly emulated = "Shape";
  readonly fill: ShapeFill;
  readonly lineFormat: ShapeLineFormat;
  readonly textFrame: TextFrame;
  readonly line: Line;
  constructor(ctx: RequestContext, resolver: Resolver<ShapeModel>) {
    super(ctx, resolver);
    const edit: ShapeEdit = (f) =>
      ctx._enqueue({
        apply: () => {
          f(this._t<ShapeModel>());
          ctx.model.changed(null);
        },
        bytes: 80,
        mutates: true,
      });
    const read = <T>(f: (s: ShapeModel) => T) => f(this._t<ShapeModel>());
    this.fill = new ShapeFill(edit, read);
    this.lineFormat = new ShapeLineFormat(edit, read);
    this.textFrame = new TextFrame(edit, read);
    this.line = new Line(edit);
  }
  _scalars() {
    return [
      "id",
      "name",
      "type",
      "geometricShapeType",
      "left",
      "top",
      "width",
      "height",
      "altTextTitle",
      "altTextDescription",
    ];
  }
  _read(prop: string) {
    const s = this._t<ShapeModel>();
    switch (prop) {
      case "id":
      case "name":
      case "type":
      case "left":
      case "top":
      case "width":
      case "height":
      case "altTextTitle":
      case "altTextDescription":
        return s[prop];
      case "geometricShapeType":
        return s.geometry;
    }
    throw notEmulated(`Shape.${prop}`);
  }
  get id(): string {
    return this._get("id");
  }
  get type(): Excel.Shape["type"] {
    return this._get("type");
  }
  get geometricShapeType(): Excel.Shape["geometricShapeType"] {
    return this._get("geometricShapeType");
  }
  get name(): string {
    return this._get("name");
  }
  set name(v: string) {
    this._set("name", v, () => (this._t<ShapeModel>().name = v));
  }
  get altTextTitle(): string {
    return this._get("altTextTitle");
  }
  set altTextTitle(v: string) {
    this._set("altTextTitle", v, () => (this._t<ShapeModel>().altTextTitle = v));
  }
  get altTextDescription(): string {
    return this._get("altTextDescription");
  }
  set altTextDescription(v: string) {
    this._set("altTextDescription", v, () => (this._t<ShapeModel>().altTextDescription = v));
  }
  private pos(prop: "left" | "top" | "width" | "height", v: number) {
    this._set(prop, v, () => {
      const s = this._t<ShapeModel>();
      if (v < 0) throw new EmulatorError("InvalidArgument", `Shape.${prop} cannot be negative`);
      const was = s[prop];
      s[prop] = v;
      // A line's ends move and stretch with its box.
      if (s.ends) {
        const e = s.ends;
        if (prop === "left") ((e.x1 += v - was), (e.x2 += v - was));
        else if (prop === "top") ((e.y1 += v - was), (e.y2 += v - was));
        else if (prop === "width") e.x1 <= e.x2 ? (e.x2 = e.x1 + v) : (e.x1 = e.x2 + v);
        else e.y1 <= e.y2 ? (e.y2 = e.y1 + v) : (e.y1 = e.y2 + v);
      }
    });
  }
  get left(): number {
    return this._get("left");
  }
  set left(v: number) {
    this.pos("left", v);
  }
  get top(): number {
    return this._get("top");
  }
  set top(v: number) {
    this.pos("top", v);
  }
  get width(): number {
    return this._get("width");
  }
  set width(v: number) {
    this.pos("width", v);
  }
  get height(): number {
    return this._get("height");
  }
  set height(v: number) {
    this.pos("height", v);
  }
  delete(): void {
    this._do(() => {
      const m = this._t<ShapeModel>();
      for (const s of this.context.model.sheets) s.shapes = s.shapes.filter((x) => x !== m);
      this.context.model.changed(null);
    });
  }
}

/** The shape's fill (ExcelApi 1.9): a solid colour, or none. */
export class ShapeFill implements Typed<Excel.ShapeFill, "clear" | "foregroundColor" | "setSolidColor"> {
  static readonly emulated = "ShapeFill";
  constructor(
    private readonly edit: ShapeEdit,
    private readonly read: <T>(f: (s: ShapeModel) => T) => T,
  ) {}
  setSolidColor(color: string): void {
    this.edit((s) => (s.fill = color));
  }
  clear(): void {
    this.edit((s) => (s.fill = null));
  }
  get foregroundColor(): string {
    return this.read((s) => s.fill ?? "");
  }
  set foregroundColor(v: string) {
    this.edit((s) => (s.fill = v));
  }
}

/** The shape's outline, or a line's stroke (ExcelApi 1.9). */
export class ShapeLineFormat implements Typed<Excel.ShapeLineFormat, "color" | "dashStyle" | "visible" | "weight"> {
  static readonly emulated = "ShapeLineFormat";
  constructor(
    private readonly edit: ShapeEdit,
    private readonly read: <T>(f: (s: ShapeModel) => T) => T,
  ) {}
  get color(): string {
    return this.read((s) => s.lineColor);
  }
  set color(v: string) {
    this.edit((s) => {
      s.lineColor = v;
      s.lineVisible = true;
    });
  }
  get weight(): number {
    return this.read((s) => s.lineWeight);
  }
  set weight(v: number) {
    this.edit((s) => (s.lineWeight = v));
  }
  get dashStyle(): Excel.ShapeLineFormat["dashStyle"] {
    return this.read((s) => s.dashStyle) as Excel.ShapeLineFormat["dashStyle"];
  }
  set dashStyle(v: Excel.ShapeLineFormat["dashStyle"]) {
    this.edit((s) => (s.dashStyle = String(v)));
  }
  get visible(): boolean {
    return this.read((s) => s.lineVisible);
  }
  set visible(v: boolean) {
    this.edit((s) => (s.lineVisible = v));
  }
}

/** The shape's text frame (ExcelApi 1.9): its text, font and alignment. */
export class TextFrame implements Typed<Excel.TextFrame, "horizontalAlignment" | "textRange" | "verticalAlignment"> {
  static readonly emulated = "TextFrame";
  readonly textRange: TextRange;
  constructor(
    private readonly edit: ShapeEdit,
    private readonly read: <T>(f: (s: ShapeModel) => T) => T,
  ) {
    this.textRange = new TextRange(edit, read);
  }
  get horizontalAlignment(): Excel.TextFrame["horizontalAlignment"] {
    return this.read((s) => s.horizontalAlignment) as Excel.TextFrame["horizontalAlignment"];
  }
  set horizontalAlignment(v: Excel.TextFrame["horizontalAlignment"]) {
    this.edit((s) => (s.horizontalAlignment = String(v)));
  }
  get verticalAlignment(): Excel.TextFrame["verticalAlignment"] {
    return this.read((s) => s.verticalAlignment) as Excel.TextFrame["verticalAlignment"];
  }
  set verticalAlignment(v: Excel.TextFrame["verticalAlignment"]) {
    this.edit((s) => (s.verticalAlignment = String(v)));
  }
}

export class TextRange implements Typed<Excel.TextRange, "font" | "text"> {
  static readonly emulated = "TextRange";
  readonly font: ShapeFont;
  constructor(
    private readonly edit: ShapeEdit,
    private readonly read: <T>(f: (s: ShapeModel) => T) => T,
  ) {
    this.font = new ShapeFont(edit, read);
  }
  get text(): string {
    return this.read((s) => s.text);
  }
  set text(v: string) {
    this.edit((s) => {
      // Excel: a line holds no text.
      if (s.type === "Line") throw new EmulatorError("InvalidArgument", "a line has no text frame");
      s.text = v;
    });
  }
}

export class ShapeFont implements Typed<Excel.ShapeFont, "bold" | "color" | "name" | "size"> {
  static readonly emulated = "ShapeFont";
  constructor(
    private readonly edit: ShapeEdit,
    private readonly read: <T>(f: (s: ShapeModel) => T) => T,
  ) {}
  get bold(): boolean {
    return this.read((s) => s.font.bold);
  }
  set bold(v: boolean) {
    this.edit((s) => (s.font.bold = v));
  }
  get color(): string {
    return this.read((s) => s.font.color);
  }
  set color(v: string) {
    this.edit((s) => (s.font.color = v));
  }
  get name(): string {
    return this.read((s) => s.font.name);
  }
  set name(v: string) {
    this.edit((s) => (s.font.name = v));
  }
  get size(): number {
    return this.read((s) => s.font.size);
  }
  set size(v: number) {
    this.edit((s) => (s.font.size = v));
  }
}

/** A line's own properties (ExcelApi 1.9): arrowheads. Excel refuses them on a shape that is not a line. */
export class Line implements Typed<Excel.Line, "beginArrowheadStyle" | "endArrowheadStyle"> {
  static readonly emulated = "Line";
  constructor(private readonly edit: ShapeEdit) {}
  private arrow(end: "beginArrowhead" | "endArrowhead", v: string) {
    this.edit((s) => {
      if (s.type !== "Line") throw new EmulatorError("InvalidOperation", "the shape is not a line");
      s[end] = v;
    });
  }
  set beginArrowheadStyle(v: Excel.Line["beginArrowheadStyle"]) {
    this.arrow("beginArrowhead", String(v));
  }
  get beginArrowheadStyle(): Excel.Line["beginArrowheadStyle"] {
    throw notEmulated("reading Line.beginArrowheadStyle");
  }
  set endArrowheadStyle(v: Excel.Line["endArrowheadStyle"]) {
    this.arrow("endArrowhead", String(v));
  }
  get endArrowheadStyle(): Excel.Line["endArrowheadStyle"] {
    throw notEmulated("reading Line.endArrowheadStyle");
  }
}
