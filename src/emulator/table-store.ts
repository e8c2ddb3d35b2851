/**
 * The workbook's Excel tables (ListObjects) as plain records: which exist, where, and the questions
 * the rest of the model asks of them. Writing a table's cells (its header, new rows, the totals
 * row) is the facade's (model.ts), which holds the cells; this module never touches a cell.
 */
import { inRect, intersects, type Rect } from "./address";
import { EmulatorError } from "./errors";
import type { TableInfo } from "./structured";
import { checkTableOrName, type TableModel } from "./types";

export class TableStore {
  list: TableModel[] = [];

  byName(name: string): TableModel | undefined {
    const lower = name.toLowerCase();
    return this.list.find((t) => t.name.toLowerCase() === lower);
  }

  require(name: string): TableModel {
    const t = this.byName(name);
    if (!t) throw new EmulatorError("ItemNotFound", `table not found: "${name}"`);
    return t;
  }

  /** The table holding a cell of a sheet. */
  at(sheetId: string, row: number, col: number): TableModel | undefined {
    return this.list.find((t) => t.sheetId === sheetId && inRect(t.rect, row, col));
  }

  /** Whether a table of the sheet (other than `except`) meets the rectangle. */
  meets(sheetId: string, rect: Rect, except?: TableModel): TableModel | undefined {
    return this.list.find((t) => t !== except && t.sheetId === sheetId && intersects(t.rect, rect));
  }

  add(t: TableModel): void {
    this.list.push(t);
  }

  remove(t: TableModel): void {
    this.list = this.list.filter((x) => x !== t);
  }

  /** Drops the tables of a deleted sheet; their names. */
  removeSheet(sheetId: string): string[] {
    const gone = this.list.filter((t) => t.sheetId === sheetId).map((t) => t.name);
    this.list = this.list.filter((t) => t.sheetId !== sheetId);
    return gone;
  }

  /** The table's data rows (no header, no totals row). */
  dataRect(t: TableModel): Rect {
    return { r0: t.rect.r0 + 1, r1: t.showTotals ? t.rect.r1 - 1 : t.rect.r1, c0: t.rect.c0, c1: t.rect.c1 };
  }

  info(t: TableModel, sheetName: string): TableInfo {
    return { name: t.name, sheet: sheetName, rect: t.rect, showTotals: t.showTotals, columns: [...t.columns] };
  }

  /** A name a new table may take: valid, and no other table's nor a defined name's. */
  checkNewName(name: string, definedName: (lower: string) => boolean, self?: TableModel): void {
    checkTableOrName(name, "table");
    const clash = this.byName(name);
    if ((clash && clash !== self) || definedName(name.toLowerCase())) {
      throw new EmulatorError("ItemAlreadyExists", `the name "${name}" is already used`);
    }
  }

  /** Excel's default name for a new table: Table1, Table2, … the first free. */
  defaultName(definedName: (lower: string) => boolean): string {
    let i = this.list.length + 1;
    while (this.byName(`Table${i}`) || definedName(`table${i}`)) i++;
    return `Table${i}`;
  }

  /** A write over a table's header row renames its columns, as Excel does. */
  noteHeaders(sheetId: string, rect: Rect, grid: unknown[][]): void {
    for (const t of this.list) {
      if (t.sheetId !== sheetId || t.rect.r0 < rect.r0 || t.rect.r0 > rect.r1) continue;
      for (let c = Math.max(t.rect.c0, rect.c0); c <= Math.min(t.rect.c1, rect.c1); c++) {
        const v = grid[t.rect.r0 - rect.r0][c - rect.c0];
        if (v !== null && v !== undefined)
          t.columns[c - t.rect.c0] = typeof v === "string" ? v.replace(/^'/, "") : String(v);
      }
    }
  }
}
