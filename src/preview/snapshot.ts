/**
 * The sample drawn before it is computed (issue 35, item 4): a snapshot of the generated sample
 * workbook — every sheet's cells as drawn (values, texts, formulas, number formats, formats,
 * conditional-format results) over the grid's drawn area, with its column widths, merges,
 * charts and shapes — taken at build time from the same pipeline (scripts/sample-snapshot.ts)
 * and drawn at once, while the live emulator is built after the first paint. The snapshot's
 * `SnapshotWorkbook.run` waits for the live emulator, so an edit made meanwhile is applied to it
 * (never dropped). This module does not load HyperFormula: the first paint does not wait for it.
 */
import { parseRect, type Rect } from "../address";
import type { ExcelEmulator, RunOptions } from "../emulator";
import { splitSheet } from "../emulator/address";
import type { CellValue, ConditionalFormatModel, FormatProps, SheetModel, WorkbookModel } from "../emulator/model";
import type { DrawnWorkbook, ShownWorkbook } from "./drawn";
import { sheetAxes } from "./grid";

/** One sheet as drawn: its model (without what the drawing does not read) and its cells. */
interface SheetSnapshot {
  sheet: SheetModel;
  /** The cells stored: the grid's drawn area (the used range and the margin drawn around it). */
  area: Rect;
  used: Rect | null;
  usedValues: Rect | null;
  values: CellValue[][];
  texts: string[][];
  /** Where `formula` differs from the value: [row, column, formula]. */
  formulas: [number, number, CellValue][];
  /** Cells whose number format is not General: [row, column, format]. */
  numberFormats: [number, number, string][];
  /** Each cell's effective format, as an index into `palette`. */
  formats: number[][];
  palette: FormatProps[];
  /** Per conditional format (by index), the cells of the drawn area where its custom rule holds. */
  rules: [number, number][][];
  /** Cells not loaded yet (the first part of a split snapshot): drawn empty until they are. */
  pending?: boolean;
}

export interface SampleSnapshot {
  sheets: SheetSnapshot[];
  activeSheetId: string | null;
  /** What the live model reports for a cell beyond the drawn area (an empty cell). */
  empty: CellValue;
}

/** Takes the snapshot of a (computed) workbook model. */
export function takeSnapshot(model: WorkbookModel): SampleSnapshot {
  const sheets = model.sheets.map((sheet): SheetSnapshot => {
    const axes = sheetAxes(model, sheet);
    const area: Rect = { r0: 0, c0: 0, r1: axes.rows.offsets.length - 2, c1: axes.cols.offsets.length - 2 };
    const values = model.values(sheet, area);
    const formulas: [number, number, CellValue][] = [];
    const numberFormats: [number, number, string][] = [];
    const formats: number[][] = [];
    const palette: FormatProps[] = [];
    const paletteIndex = new Map<string, number>();
    for (let r = area.r0; r <= area.r1; r++) {
      const row: number[] = [];
      for (let c = area.c0; c <= area.c1; c++) {
        const f = model.formula(sheet, r, c);
        if (f !== values[r][c]) formulas.push([r, c, f]);
        const nf = model.numberFormat(sheet, r, c);
        if (nf !== "General") numberFormats.push([r, c, nf]);
        const look = model.effectiveFormat(sheet, r, c);
        const key = JSON.stringify(look);
        let i = paletteIndex.get(key);
        if (i === undefined) {
          i = palette.length;
          palette.push(look);
          paletteIndex.set(key, i);
        }
        row.push(i);
      }
      formats.push(row);
    }
    const rules = sheet.conditionalFormats.map((cf) => {
      const holds: [number, number][] = [];
      if (cf.type !== "Custom" || !cf.custom?.formula) return holds;
      for (let r = Math.max(cf.rect.r0, area.r0); r <= Math.min(cf.rect.r1, area.r1); r++)
        for (let c = Math.max(cf.rect.c0, area.c0); c <= Math.min(cf.rect.c1, area.c1); c++)
          if (model.evaluateRule(sheet, cf, r, c)) holds.push([r, c]);
      return holds;
    });
    // The drawing reads neither the formula texts nor the format layers (kept above, per cell).
    const drawn: SheetModel = {
      ...sheet,
      formulas: new Map(),
      numberFormats: new Map(),
      numberFormatLayers: [],
      formatLayers: [],
    };
    return {
      sheet: drawn,
      area,
      used: model.usedRect(sheet),
      usedValues: model.usedRect(sheet, true),
      values,
      texts: model.texts(sheet, area),
      formulas,
      numberFormats,
      formats,
      palette,
      rules,
    };
  });
  const last = model.sheets[0];
  return {
    sheets,
    activeSheetId: model.activeSheetId,
    empty: last ? model.value(last, 1_048_575, 16_383) : "",
  };
}

/**
 * The snapshot in two parts: `first` holds every sheet's model (the tabs) but the cells of the
 * active sheet only (what the first paint draws), `rest` the other sheets' cells, loaded after.
 */
export function splitSnapshot(s: SampleSnapshot): { first: SampleSnapshot; rest: SampleSnapshot } {
  const active = (x: SheetSnapshot) => x.sheet.id === s.activeSheetId;
  const none: Rect = { r0: 0, c0: 0, r1: -1, c1: -1 };
  const blank = (x: SheetSnapshot): SheetSnapshot => ({
    sheet: x.sheet,
    area: none,
    used: null,
    usedValues: null,
    values: [],
    texts: [],
    formulas: [],
    numberFormats: [],
    formats: [],
    palette: [],
    rules: [],
    pending: true,
  });
  return {
    first: { ...s, sheets: s.sheets.map((x) => (active(x) ? x : blank(x))) },
    rest: { ...s, sheets: s.sheets.filter((x) => !active(x)) },
  };
}

/** The snapshot as text (JSON with its Maps and Sets tagged). */
export function encodeSnapshot(s: SampleSnapshot): string {
  return JSON.stringify(s, (_k, v: unknown) =>
    v instanceof Map ? { $map: Array.from(v.entries()) } : v instanceof Set ? { $set: Array.from(v) } : v,
  );
}

export function decodeSnapshot(text: string): SampleSnapshot {
  return JSON.parse(text, (_k, v: unknown) => {
    if (v && typeof v === "object" && !Array.isArray(v)) {
      const o = v as { $map?: [unknown, unknown][]; $set?: unknown[] };
      if (o.$map) return new Map(o.$map);
      if (o.$set) return new Set(o.$set);
    }
    return v;
  }) as SampleSnapshot;
}

const cellKey = (r: number, c: number) => r * 16_384 + c;

/** The snapshot read as the emulator's model is read by the preview's drawing. */
export class SnapshotModel implements DrawnWorkbook {
  readonly sheets: SheetModel[];
  activeSheetId: string | null;
  selection: { sheetId: string; rect: Rect } | null = null;
  private readonly byId = new Map<string, SheetIndex>();
  private readonly empty: CellValue;

  constructor(snapshot: SampleSnapshot) {
    this.sheets = snapshot.sheets.map((s) => s.sheet);
    this.activeSheetId = snapshot.activeSheetId;
    this.empty = snapshot.empty;
    for (const s of snapshot.sheets) this.byId.set(s.sheet.id, new SheetIndex(s));
  }

  /** Takes the cells of the sheets in `rest` (the second part of a split snapshot). */
  addSheets(rest: SampleSnapshot): void {
    for (const x of rest.sheets) {
      const sheet = this.sheetById(x.sheet.id);
      if (sheet) this.byId.set(sheet.id, new SheetIndex({ ...x, sheet }));
    }
  }

  /** Whether every sheet's cells are here. */
  get complete(): boolean {
    return Array.from(this.byId.values()).every((s) => !s.data.pending);
  }

  private at(sheet: SheetModel): SheetIndex {
    const s = this.byId.get(sheet.id);
    if (!s) throw new Error(`not a sheet of the snapshot: ${sheet.name}`);
    return s;
  }

  sheetById(id: string): SheetModel | undefined {
    return this.byId.get(id)?.data.sheet;
  }

  resolveAddress(address: string, defaultSheet?: SheetModel): { sheet: SheetModel; rect: Rect } {
    const { sheet, local } = splitSheet(address);
    const lower = sheet?.toLowerCase();
    const s = sheet ? this.sheets.find((x) => x.name.toLowerCase() === lower) : defaultSheet;
    if (!s) throw new Error(`no such sheet: ${address}`);
    return { sheet: s, rect: parseRect(local) };
  }

  value(sheet: SheetModel, row: number, col: number): CellValue {
    const s = this.at(sheet);
    return s.inside(row, col) ? s.data.values[row - s.data.area.r0][col - s.data.area.c0] : this.empty;
  }

  values(sheet: SheetModel, rect: Rect): CellValue[][] {
    return this.grid(rect, (r, c) => this.value(sheet, r, c));
  }

  texts(sheet: SheetModel, rect: Rect): string[][] {
    const s = this.at(sheet);
    const { area, texts } = s.data;
    return this.grid(rect, (r, c) => (s.inside(r, c) ? texts[r - area.r0][c - area.c0] : ""));
  }

  formula(sheet: SheetModel, row: number, col: number): CellValue {
    return this.at(sheet).formulas.get(cellKey(row, col)) ?? this.value(sheet, row, col);
  }

  numberFormat(sheet: SheetModel, row: number, col: number): string {
    return this.at(sheet).numberFormats.get(cellKey(row, col)) ?? "General";
  }

  effectiveFormat(sheet: SheetModel, row: number, col: number): FormatProps {
    const s = this.at(sheet);
    if (!s.inside(row, col)) return {};
    const { area, formats, palette } = s.data;
    // A copy, as the model returns a new object for each cell.
    return structuredCopy(palette[formats[row - area.r0][col - area.c0]]);
  }

  evaluateRule(sheet: SheetModel, cf: ConditionalFormatModel, row: number, col: number): boolean {
    const s = this.at(sheet);
    const i = sheet.conditionalFormats.indexOf(cf);
    return i >= 0 && (s.rules[i]?.has(cellKey(row, col)) ?? false);
  }

  usedRect(sheet: SheetModel, valuesOnly = false): Rect | null {
    const s = this.at(sheet).data;
    const r = valuesOnly ? s.usedValues : s.used;
    return r ? { ...r } : null;
  }

  private grid<T>(rect: Rect, cell: (r: number, c: number) => T): T[][] {
    const out: T[][] = [];
    for (let r = rect.r0; r <= rect.r1; r++) {
      const row: T[] = [];
      for (let c = rect.c0; c <= rect.c1; c++) row.push(cell(r, c));
      out.push(row);
    }
    return out;
  }
}

function structuredCopy(f: FormatProps): FormatProps {
  return f.borders ? { ...f, borders: { ...f.borders } } : { ...f };
}

class SheetIndex {
  readonly formulas: Map<number, CellValue>;
  readonly numberFormats: Map<number, string>;
  readonly rules: Set<number>[];
  constructor(readonly data: SheetSnapshot) {
    this.formulas = new Map(data.formulas.map(([r, c, f]) => [cellKey(r, c), f]));
    this.numberFormats = new Map(data.numberFormats.map(([r, c, f]) => [cellKey(r, c), f]));
    this.rules = data.rules.map((cells) => new Set(cells.map(([r, c]) => cellKey(r, c))));
  }
  inside(r: number, c: number): boolean {
    const a = this.data.area;
    return r >= a.r0 && r <= a.r1 && c >= a.c0 && c <= a.c1;
  }
}

/**
 * The snapshot shown in place of the live workbook until that is built: drawn from the
 * snapshot, while every Excel.run (an edit in the grid, the task pane's reads and writes) waits
 * for the live emulator and then runs there, so no input is lost.
 */
export class SnapshotWorkbook implements ShownWorkbook {
  readonly model: SnapshotModel;
  constructor(
    snapshot: SampleSnapshot,
    readonly live: Promise<ExcelEmulator>,
  ) {
    this.model = new SnapshotModel(snapshot);
  }

  run<T>(batch: (context: Excel.RequestContext) => Promise<T>): Promise<T>;
  run<T>(options: RunOptions, batch: (context: Excel.RequestContext) => Promise<T>): Promise<T>;
  async run<T>(
    a: RunOptions | ((context: Excel.RequestContext) => Promise<T>),
    b?: (context: Excel.RequestContext) => Promise<T>,
  ): Promise<T> {
    const emu = await this.live;
    return typeof a === "function" ? emu.run(a) : emu.run(a, b!);
  }
}

/**
 * Where the snapshot's drawn cells differ from the live workbook's (sheets, values, texts,
 * formulas): empty when they agree. Checked in the page once the live workbook is built.
 */
export function snapshotDifferences(snapshot: DrawnWorkbook, live: DrawnWorkbook, limit = 10): string[] {
  const out: string[] = [];
  const names = (m: DrawnWorkbook) => m.sheets.map((s) => `${s.id}:${s.name}`).join(", ");
  if (names(snapshot) !== names(live)) return [`sheets: ${names(snapshot)} ≠ ${names(live)}`];
  snapshot.sheets.forEach((s, i) => {
    const l = live.sheets[i];
    const used = live.usedRect(l);
    if (JSON.stringify(snapshot.usedRect(s)) !== JSON.stringify(used))
      out.push(`${s.name}: used range ${JSON.stringify(snapshot.usedRect(s))} ≠ ${JSON.stringify(used)}`);
    if (!used) return;
    const a = snapshot.texts(s, used);
    const b = live.texts(l, used);
    const va = snapshot.values(s, used);
    const vb = live.values(l, used);
    for (let r = 0; r < a.length && out.length < limit; r++)
      for (let c = 0; c < a[r].length && out.length < limit; c++) {
        const at = { r: used.r0 + r, c: used.c0 + c };
        if (
          a[r][c] !== b[r][c] ||
          va[r][c] !== vb[r][c] ||
          snapshot.formula(s, at.r, at.c) !== live.formula(l, at.r, at.c)
        )
          out.push(`${s.name} R${at.r + 1}C${at.c + 1}: ${JSON.stringify(a[r][c])} ≠ ${JSON.stringify(b[r][c])}`);
      }
  });
  return out;
}
