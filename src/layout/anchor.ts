/**
 * Typed anchors (issue 33, item 6): where a section put a cell, a column of a block, or a workbook
 * name, handed back by the section so that formulas (and tests) name the place through its anchor
 * instead of a literal "$E$6" or a row interpolated into a string.
 *
 * Rows are 1-based and columns 0-based, as the layouts count (see `a1`). Anchors are plain class
 * instances (no closures): a plan or a run's result that carries them can still be cloned.
 */
import { columnIndex, columnLetter, quoteSheet } from "../address";

/** The sheet part of a reference: none on the anchor's own sheet, else "Sheet!" (quoted as needed). */
function sheetPart(sheet: string, from: string | undefined): string {
  return from === undefined || from === sheet ? "" : `${quoteSheet(sheet)}!`;
}

/** One cell of a sheet. */
export class CellAnchor {
  readonly kind = "cell" as const;
  constructor(
    /** The sheet's name, in the language it was generated in. */
    readonly sheet: string,
    /** 1-based row. */
    readonly row: number,
    /** 0-based column. */
    readonly col: number,
  ) {}

  /** The anchor of an A1 address ("E6" or "$E$6") on a sheet. */
  static at(sheet: string, address: string): CellAnchor {
    const m = /^\$?([A-Za-z]{1,3})\$?(\d+)$/.exec(address);
    if (!m) throw new Error(`not a cell address: ${address}`);
    return new CellAnchor(sheet, Number(m[2]), columnIndex(m[1]));
  }

  /** The column's letters, e.g. "E". */
  get letter(): string {
    return columnLetter(this.col);
  }

  /** "E6"; qualified ("Sheet!E6") when read from another sheet. */
  ref(from?: string): string {
    return `${sheetPart(this.sheet, from)}${this.letter}${this.row}`;
  }

  /** "$E$6"; qualified when read from another sheet. */
  abs(from?: string): string {
    return `${sheetPart(this.sheet, from)}$${this.letter}$${this.row}`;
  }

  /** The cell `rows` below and `cols` right of this one. */
  offset(rows: number, cols = 0): CellAnchor {
    return new CellAnchor(this.sheet, this.row + rows, this.col + cols);
  }

  /** The absolute range from this cell to another of the same sheet, e.g. "$B$4:$B$7". */
  to(other: CellAnchor): string {
    return `${this.abs()}:${other.abs()}`;
  }
}

/** One column of a block's rows (a table's data rows, a list): its letter and its first and last row. */
export class ColumnAnchor {
  readonly kind = "column" as const;
  constructor(
    readonly sheet: string,
    /** 0-based column. */
    readonly col: number,
    /** The block's first and last row (1-based), inclusive. */
    readonly first: number,
    readonly last: number,
  ) {}

  get letter(): string {
    return columnLetter(this.col);
  }

  /** The column's cell on a row (by default the block's first). */
  cell(row = this.first): CellAnchor {
    return new CellAnchor(this.sheet, row, this.col);
  }

  /** "$G$12:$G$31": the column's absolute range, over the block's rows unless others are given. */
  range(r1 = this.first, r2 = this.last): string {
    return `$${this.letter}$${r1}:$${this.letter}$${r2}`;
  }

  /** "$G12": the column fixed, the row free (a formula filled down a block). */
  at(row: number): string {
    return `$${this.letter}${row}`;
  }
}

/** A workbook name a sheet defines (e.g. SixStep_PeriodStart) and the local address it points to. */
export class NameAnchor {
  readonly kind = "name" as const;
  constructor(
    readonly name: string,
    readonly sheet: string,
    /** The local address, e.g. "B3" or "A13:A40". */
    readonly address: string,
  ) {}

  /** How a formula reads it: by its name. */
  ref(): string {
    return this.name;
  }
}

export type Anchor = CellAnchor | ColumnAnchor | NameAnchor;

/** A sheet's anchors by key (e.g. "weights.revenue", "accounts.attractiveness"). */
export type Anchors = Record<string, Anchor>;
