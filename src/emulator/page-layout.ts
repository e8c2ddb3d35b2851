/**
 * Worksheet.pageLayout (ExcelApi 1.9): orientation, fit to pages (zoom), print area, print
 * titles, and the header and footer for all pages — what the add-in sets so each step sheet
 * prints as a page a manager reads.
 */
import { parseRect } from "./address";
import { ClientObject, create, type Resolver } from "./client";
import type { RequestContext } from "./context";
import { EmulatorError, notEmulated } from "./errors";
import type { PrintModel, SheetModel } from "./types";
import type { Typed } from "./excel-types";

export class PageLayout
  extends ClientObject
  implements
    Typed<
      Excel.PageLayout,
      | "headersFooters"
      | "orientation"
      | "paperSize"
      | "setPrintArea"
      | "setPrintTitleColumns"
      | "setPrintTitleRows"
      | "zoom"
    >
{
  static override readonly emulated = "PageLayout";
  readonly headersFooters: HeaderFooterGroup;
  constructor(ctx: RequestContext, resolver: Resolver<SheetModel>) {
    super(ctx, resolver);
    this.headersFooters = create(HeaderFooterGroup, (f) => this._do(() => f(this.p())));
  }
  private p(): PrintModel {
    return this._t<SheetModel>().print;
  }
  _scalars() {
    return ["orientation", "zoom", "paperSize"];
  }
  _read(prop: string) {
    const p = this.p();
    if (prop === "orientation") return p.orientation;
    if (prop === "zoom")
      return p.fit ? { horizontalFitToPages: p.fit.wide, verticalFitToPages: p.fit.tall } : { scale: p.scale };
    if (prop === "paperSize") return p.paper ?? "Letter";
    throw notEmulated(`PageLayout.${prop}`);
  }
  /** The paper (Excel.PaperType): the emulator models A4 and Letter, the two the add-in sets. */
  get paperSize(): Excel.PageLayout["paperSize"] {
    return this._get("paperSize");
  }
  set paperSize(v: Excel.PageLayout["paperSize"]) {
    this._set("paperSize", v, () => {
      if (v !== "A4" && v !== "Letter") throw notEmulated(`PageLayout.paperSize = ${v}`);
      this.p().paper = v;
    });
  }
  get orientation(): Excel.PageLayout["orientation"] {
    return this._get("orientation");
  }
  set orientation(v: Excel.PageLayout["orientation"]) {
    this._set("orientation", v, () => {
      if (v !== "Portrait" && v !== "Landscape") throw new EmulatorError("InvalidArgument", `orientation ${v}`);
      this.p().orientation = v;
    });
  }
  get zoom(): { horizontalFitToPages?: number; verticalFitToPages?: number; scale?: number } {
    return this._get("zoom");
  }
  set zoom(v: { horizontalFitToPages?: number; verticalFitToPages?: number; scale?: number }) {
    this._set("zoom", v, () => {
      const fit = v.horizontalFitToPages !== undefined || v.verticalFitToPages !== undefined;
      // Excel takes a scale from 10 to 400 percent (PageLayoutZoomOptions.scale).
      if (!fit && v.scale !== undefined && !(Number.isInteger(v.scale) && v.scale >= 10 && v.scale <= 400))
        throw new EmulatorError("InvalidArgument", `zoom.scale ${v.scale}`);
      this.p().fit = fit ? { wide: v.horizontalFitToPages ?? 0, tall: v.verticalFitToPages ?? 0 } : null;
      if (!fit) this.p().scale = v.scale ?? 100;
    });
  }
  private address(kind: string, a: string | { address?: string }, whole?: "rows" | "columns"): string {
    const text = typeof a === "string" ? a : String(a.address ?? "");
    const local = text.includes("!") ? text.slice(text.lastIndexOf("!") + 1) : text;
    const parts = local.replace(/\$/g, "").split(":");
    const ok =
      whole === "rows"
        ? parts.every((x) => /^\d+$/.test(x))
        : whole === "columns"
          ? parts.every((x) => /^[A-Za-z]{1,3}$/.test(x))
          : (parseRect(local), true);
    if (!ok) throw new EmulatorError("InvalidArgument", `${kind}: ${text}`);
    return local.replace(/\$/g, "");
  }
  setPrintArea(printArea: string | { address?: string }): void {
    this._do(() => (this.p().area = this.address("print area", printArea)));
  }
  setPrintTitleRows(titleRows: string | { address?: string }): void {
    this._do(() => (this.p().titleRows = this.address("print title rows", titleRows, "rows")));
  }
  setPrintTitleColumns(titleColumns: string | { address?: string }): void {
    this._do(() => (this.p().titleColumns = this.address("print title columns", titleColumns, "columns")));
  }
}

type PrintEdit = (f: (p: PrintModel) => void) => void;

export class HeaderFooterGroup implements Typed<Excel.HeaderFooterGroup, "defaultForAllPages"> {
  static readonly emulated = "HeaderFooterGroup";
  readonly defaultForAllPages: HeaderFooter;
  constructor(edit: PrintEdit) {
    this.defaultForAllPages = create(HeaderFooter, edit);
  }
}

/** The header and footer of every page: &P page, &N pages, as Excel's codes. */
export class HeaderFooter implements Typed<
  Excel.HeaderFooter,
  "centerFooter" | "centerHeader" | "leftFooter" | "leftHeader" | "rightFooter" | "rightHeader"
> {
  static readonly emulated = "HeaderFooter";
  constructor(private readonly edit: PrintEdit) {}
  set leftHeader(v: string) {
    this.edit((p) => (p.header.left = v));
  }
  set centerHeader(v: string) {
    this.edit((p) => (p.header.center = v));
  }
  set rightHeader(v: string) {
    this.edit((p) => (p.header.right = v));
  }
  set leftFooter(v: string) {
    this.edit((p) => (p.footer.left = v));
  }
  set centerFooter(v: string) {
    this.edit((p) => (p.footer.center = v));
  }
  set rightFooter(v: string) {
    this.edit((p) => (p.footer.right = v));
  }
}

/**
 * Worksheet.horizontalPageBreaks / verticalPageBreaks (ExcelApi 1.9): manual page breaks, each
 * added above a row (left of a column) by a range's top-left cell. Excel honours them when the
 * sheet prints at a percentage scale, not under "Fit to".
 */
export class PageBreakCollection implements Typed<Excel.PageBreakCollection, "removePageBreaks"> {
  static readonly emulated = "PageBreakCollection";
  constructor(
    private readonly edit: PrintEdit,
    private readonly kind: "row" | "column",
  ) {}
  add(pageBreakRange: string | { address?: string }): void {
    const text = typeof pageBreakRange === "string" ? pageBreakRange : String(pageBreakRange.address ?? "");
    const local = text.includes("!") ? text.slice(text.lastIndexOf("!") + 1) : text;
    const r = parseRect(local.replace(/\$/g, ""));
    const at = this.kind === "row" ? r.r0 : r.c0;
    if (at === 0) throw new EmulatorError("InvalidArgument", `a page break above the first ${this.kind}`);
    this.edit((p) => {
      const list = this.kind === "row" ? p.rowBreaks : p.colBreaks;
      if (!list.includes(at)) list.push(at);
      list.sort((a, b) => a - b);
    });
  }
  removePageBreaks(): void {
    this.edit((p) => {
      if (this.kind === "row") p.rowBreaks = [];
      else p.colBreaks = [];
    });
  }
}
