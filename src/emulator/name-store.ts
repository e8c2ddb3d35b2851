/**
 * The workbook's defined names: the Excel text of each (what Range, the file and the pane see) and
 * the translated expression HyperFormula holds for it, kept in step (`sync`).
 */
import type { HyperFormula } from "hyperformula";
import { EmulatorError } from "./errors";
import { checkTableOrName, type NameModel } from "./types";

export class NameStore {
  /** By lower-case name. */
  readonly all = new Map<string, NameModel>();
  /** The translated expression HyperFormula holds for each name (lower-case). */
  private readonly engine = new Map<string, string>();
  /** Counts the changes of those expressions (what is worked out from them is kept until it moves). */
  version = 0;

  /** Each name (lower-case) with its translated expression. */
  expressions(): IterableIterator<[string, string]> {
    return this.engine.entries();
  }

  /** A defined name's expression as HyperFormula holds it (translated), by name. */
  readonly exprOf = (name: string): string | undefined => this.engine.get(name.toLowerCase());

  has(lower: string): boolean {
    return this.all.has(lower);
  }

  get(name: string): NameModel {
    const n = this.all.get(name.toLowerCase());
    if (!n) throw new EmulatorError("ItemNotFound", `name not found: "${name}"`);
    return n;
  }

  /** A new name (its formula with or without "="); `taken` says whether a table has the name. */
  add(name: string, formula: string, comment: string, taken: boolean): NameModel {
    checkTableOrName(name, "defined");
    if (this.all.has(name.toLowerCase()) || taken) {
      throw new EmulatorError("ItemAlreadyExists", `the name "${name}" is already used`);
    }
    const n: NameModel = { name, formula: formula.startsWith("=") ? formula : `=${formula}`, comment, visible: true };
    this.all.set(name.toLowerCase(), n);
    return n;
  }

  remove(name: string): void {
    this.get(name);
    this.all.delete(name.toLowerCase());
  }

  /** Rewrites every name's Excel text (a sheet or table renamed or deleted). */
  rewrite(f: (formula: string) => string): void {
    for (const n of this.all.values()) n.formula = f(n.formula);
  }

  /**
   * Mirrors the names into HyperFormula, translated; the lower-case names whose expression
   * changed (each formula over one is then checked again by the caller).
   */
  sync(hf: HyperFormula, translate: (formula: string) => string): string[] {
    const changed: string[] = [];
    // What the engine holds now (asking it whether each name could change parses each expression:
    // a portfolio's forty names, synced at each name added, parsed 1,600 times).
    const held = new Set(hf.listNamedExpressions().map((x) => x.toLowerCase()));
    for (const n of this.all.values()) {
      const t = translate(n.formula);
      const key = n.name.toLowerCase();
      // Changing a named expression recomputes every formula over it: only when it really changed.
      if (this.engine.get(key) === t && held.has(key)) continue;
      try {
        if (hf.isItPossibleToChangeNamedExpression(n.name, t)) hf.changeNamedExpression(n.name, t);
        else if (hf.isItPossibleToAddNamedExpression(n.name, t)) hf.addNamedExpression(n.name, t);
        else continue;
      } catch {
        // An expression HyperFormula cannot hold (e.g. into a removed sheet): formulas see #REF!.
        if (hf.isItPossibleToChangeNamedExpression(n.name, "=#REF!")) hf.changeNamedExpression(n.name, "=#REF!");
        continue;
      }
      this.engine.set(key, t);
      this.version++;
      changed.push(key);
    }
    for (const existing of hf.listNamedExpressions()) {
      if (!this.all.has(existing.toLowerCase())) {
        hf.removeNamedExpression(existing);
        this.engine.delete(existing.toLowerCase());
        this.version++;
      }
    }
    return changed;
  }
}
