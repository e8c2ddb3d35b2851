/**
 * From the Excel text of a formula to the text HyperFormula holds: structured references resolved
 * against the tables as they are now (structured.ts), and a record of which formula cells
 * (`sheetId:key`) read each table, so that they are translated again when a table grows, is
 * renamed or goes.
 */
import { translateFormula, type TranslateContext, type Translation } from "./structured";
import type { TableStore } from "./table-store";
import type { SheetModel } from "./types";

export class FormulaTranslator {
  /** The formula cells (sheetId:key) that read each table (lower-case name). */
  private readonly readers = new Map<string, Set<string>>();

  constructor(
    private readonly tables: TableStore,
    private readonly sheetById: (id: string) => SheetModel | undefined,
    private readonly sheetByName: (name: string) => SheetModel | undefined,
  ) {}

  /** What structured references resolve against, at a cell (none: a name or a rule). */
  context(cell?: { sheet: string; row: number; col: number }): TranslateContext {
    const info = (t: ReturnType<TableStore["byName"]>) => t && this.tables.info(t, this.sheetById(t.sheetId)!.name);
    return {
      cell,
      table: (name) => info(this.tables.byName(name)),
      tableAt: (sheetName, row, col) => {
        const s = this.sheetByName(sheetName);
        return s ? info(this.tables.at(s.id, row, col)) : undefined;
      },
    };
  }

  translate(formula: string, cell?: { sheet: string; row: number; col: number }): Translation {
    return translateFormula(formula, this.context(cell));
  }

  /** Records that a formula cell reads these tables. */
  depend(id: string, tables: Iterable<string>): void {
    for (const name of tables) {
      if (!this.readers.has(name)) this.readers.set(name, new Set());
      this.readers.get(name)!.add(id);
    }
  }

  /** A formula cell that went. */
  forget(id: string): void {
    for (const set of this.readers.values()) set.delete(id);
  }

  /** The formula cells reading a table (the live set: a caller may delete from it). */
  readersOf(table: string): Set<string> | undefined {
    return this.readers.get(table.toLowerCase());
  }

  /** No formula reads the table any more (it was converted to a range). */
  dropReaders(table: string): void {
    this.readers.delete(table.toLowerCase());
  }

  /** The tables some formula reads (lower-case). */
  tablesRead(): string[] {
    return [...this.readers.keys()];
  }

  renameTable(old: string, name: string): void {
    const set = this.readers.get(old.toLowerCase());
    this.readers.delete(old.toLowerCase());
    if (set) this.readers.set(name.toLowerCase(), set);
  }
}
