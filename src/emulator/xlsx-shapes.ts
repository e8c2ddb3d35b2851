/**
 * Shapes in the .xlsx files we write (DrawingML, ECMA-376 part 1 §20.5 spreadsheet drawing and
 * §20.1 shapes): a box or text box is an `xdr:sp` with a preset geometry, a line an `xdr:cxnSp`
 * (a straight connector). Each is anchored to the cells under it (`xdr:twoCellAnchor`, moving and
 * sizing with them, as Excel anchors shapes it draws), in the sheet's drawing part beside its charts.
 */
import { columnWidthOf } from "./shapes";
import { DEFAULT_ROW_HEIGHT, type SheetModel, type ShapeModel } from "./types";

const EMU_PER_POINT = 12_700;

function esc(s: string): string {
  return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

const rgb = (c: string) => c.replace(/^#/, "").toUpperCase();

/** A point on the sheet as a cell and an offset in it (EMU), as the anchor's from/to say it. */
function marker(sheet: SheetModel, x: number, y: number, tag: "from" | "to"): string {
  let col = 0;
  let left = x;
  // Hidden columns are 0 wide: a shape's corner never falls in one.
  for (let w = columnWidthOf(sheet, col); left >= w && col < 16_383; w = columnWidthOf(sheet, col)) {
    left -= w;
    col++;
  }
  let row = 0;
  let top = y;
  for (let h = sheet.rowHeights.get(row) ?? DEFAULT_ROW_HEIGHT; top >= h && row < 1_048_575;) {
    top -= h;
    row++;
    h = sheet.rowHeights.get(row) ?? DEFAULT_ROW_HEIGHT;
  }
  const emu = (p: number) => Math.round(p * EMU_PER_POINT);
  return (
    `<xdr:${tag}><xdr:col>${col}</xdr:col><xdr:colOff>${emu(left)}</xdr:colOff>` +
    `<xdr:row>${row}</xdr:row><xdr:rowOff>${emu(top)}</xdr:rowOff></xdr:${tag}>`
  );
}

const DASH: Record<string, string> = {
  Solid: "solid",
  Dash: "dash",
  DashDot: "dashDot",
  DashDotDot: "lgDashDotDot",
  LongDash: "lgDash",
  LongDashDot: "lgDashDot",
  RoundDot: "sysDot",
  SquareDot: "sysDash",
};
const ARROW: Record<string, string> = {
  None: "none",
  Triangle: "triangle",
  Stealth: "stealth",
  Diamond: "diamond",
  Oval: "oval",
  Open: "arrow",
};
const H_ALIGN: Record<string, string> = { Left: "l", Center: "ctr", Right: "r", Justify: "just" };
const V_ALIGN: Record<string, string> = { Top: "t", Middle: "ctr", Bottom: "b" };
/** Excel.GeometricShapeType names as DrawingML's preset geometries (the ones we draw, and a few more). */
const GEOMETRY: Record<string, string> = {
  Rectangle: "rect",
  RoundRectangle: "roundRect",
  Ellipse: "ellipse",
  Diamond: "diamond",
  Triangle: "triangle",
  Hexagon: "hexagon",
  Pentagon: "homePlate",
  Chevron: "chevron",
};

function outline(s: ShapeModel): string {
  if (!s.lineVisible) return `<a:ln><a:noFill/></a:ln>`;
  const ends =
    s.type === "Line"
      ? `<a:headEnd type="${ARROW[s.beginArrowhead ?? "None"] ?? "none"}"/><a:tailEnd type="${ARROW[s.endArrowhead ?? "None"] ?? "none"}"/>`
      : "";
  return (
    `<a:ln w="${Math.round(s.lineWeight * EMU_PER_POINT)}"><a:solidFill><a:srgbClr val="${rgb(s.lineColor)}"/></a:solidFill>` +
    `<a:prstDash val="${DASH[s.dashStyle] ?? "solid"}"/>${ends}</a:ln>`
  );
}

/** The shape's text: one paragraph per line, in its font; East Asian text in a font Excel has on a Chinese system. */
function textBody(s: ShapeModel): string {
  const run = (line: string) =>
    line === ""
      ? ""
      : `<a:r><a:rPr lang="zh-CN" sz="${Math.round(s.font.size * 100)}" b="${s.font.bold ? 1 : 0}">` +
        `<a:solidFill><a:srgbClr val="${rgb(s.font.color)}"/></a:solidFill>` +
        `<a:latin typeface="${esc(s.font.name)}"/><a:ea typeface="DengXian"/></a:rPr><a:t>${esc(line)}</a:t></a:r>`;
  const paras = s.text
    .split("\n")
    .map((line) => `<a:p><a:pPr algn="${H_ALIGN[s.horizontalAlignment] ?? "l"}"/>${run(line)}</a:p>`)
    .join("");
  return (
    `<xdr:txBody><a:bodyPr vertOverflow="overflow" horzOverflow="overflow" wrap="square" lIns="45720" tIns="22860" rIns="45720" bIns="22860" ` +
    `rtlCol="0" anchor="${V_ALIGN[s.verticalAlignment] ?? "t"}"/><a:lstStyle/>${paras}</xdr:txBody>`
  );
}

function xfrm(s: ShapeModel, flip = ""): string {
  const emu = (p: number) => Math.round(p * EMU_PER_POINT);
  return `<a:xfrm${flip}><a:off x="${emu(s.left)}" y="${emu(s.top)}"/><a:ext cx="${emu(s.width)}" cy="${emu(s.height)}"/></a:xfrm>`;
}

/** One shape's anchor and body; `id` is its drawing-unique id. */
function shapeXml(sheet: SheetModel, s: ShapeModel, id: number): string {
  const from = marker(sheet, s.left, s.top, "from");
  const to = marker(sheet, s.left + s.width, s.top + s.height, "to");
  const descr = s.altTextDescription ? ` descr="${esc(s.altTextDescription)}"` : "";
  const title = s.altTextTitle ? ` title="${esc(s.altTextTitle)}"` : "";
  const nv = `<xdr:cNvPr id="${id}" name="${esc(s.name)}"${descr}${title}/>`;
  let body: string;
  if (s.type === "Line") {
    const e = s.ends ?? { x1: s.left, y1: s.top, x2: s.left + s.width, y2: s.top + s.height };
    const flip = `${e.x2 < e.x1 ? ` flipH="1"` : ""}${e.y2 < e.y1 ? ` flipV="1"` : ""}`;
    body =
      `<xdr:cxnSp macro=""><xdr:nvCxnSpPr>${nv}<xdr:cNvCxnSpPr/></xdr:nvCxnSpPr>` +
      `<xdr:spPr>${xfrm(s, flip)}<a:prstGeom prst="straightConnector1"><a:avLst/></a:prstGeom>${outline(s)}</xdr:spPr></xdr:cxnSp>`;
  } else {
    const box = s.type === "TextBox" ? ` txBox="1"` : "";
    const geom = s.type === "TextBox" ? "rect" : (GEOMETRY[s.geometry ?? "Rectangle"] ?? "rect");
    const fill = s.fill ? `<a:solidFill><a:srgbClr val="${rgb(s.fill)}"/></a:solidFill>` : `<a:noFill/>`;
    body =
      `<xdr:sp macro="" textlink=""><xdr:nvSpPr>${nv}<xdr:cNvSpPr${box}/></xdr:nvSpPr>` +
      `<xdr:spPr>${xfrm(s)}<a:prstGeom prst="${geom}"><a:avLst/></a:prstGeom>${fill}${outline(s)}</xdr:spPr>${textBody(s)}</xdr:sp>`;
  }
  return `<xdr:twoCellAnchor>${from}${to}${body}<xdr:clientData/></xdr:twoCellAnchor>`;
}

/** The sheet's shapes as drawing anchors, their ids from `firstId` on. */
export function shapeAnchors(sheet: SheetModel, firstId: number): string {
  return sheet.shapes.map((s, i) => shapeXml(sheet, s, firstId + i)).join("");
}
