/**
 * Excel refuses to store a formula it cannot parse ("There's a problem with this formula"; through
 * the API, the write fails). This checks the shape Excel checks before evaluating anything:
 * strings and quoted sheet names closed, brackets and parentheses balanced, no operator without
 * an operand, no two operands without an operator between them (a space between references is
 * Excel's intersection operator, so it counts as one), no empty argument list misuse.
 * It does not know functions: an unknown name evaluates to #NAME?, as in Excel.
 *
 * Why not HyperFormula's public `validateFormula` (issue 33 item 9): on the formulas Excel takes,
 * it refuses structured references (`Revenue[金额]`, `[@Col]`), the intersection operator
 * (`A1:A3 B2`), the implicit-intersection `@` and the `_xlfn.` prefix files carry; where it
 * accepts, this checker accepts too. So it cannot be a first pass. The comparison, formula by
 * formula, is test/emulator/syntax-hf.test.ts.
 */

type Kind = "operand" | "binary" | "prefix" | "open" | "close" | "comma" | "postfix";

const ERRORS =
  /^#(NULL!|DIV\/0!|VALUE!|REF!|NAME\?|NUM!|N\/A|GETTING_DATA|SPILL!|CALC!|FIELD!|BLOCKED!|CONNECT!|BUSY!|UNKNOWN!)/i;

/** A reference after a quoted sheet name: a cell or range, whole columns or rows, #REF!, a name. */
const SHEET_REF =
  /^(\$?[A-Za-z]{1,3}\$?\d+(:\$?[A-Za-z]{1,3}\$?\d+)?|\$?[A-Za-z]{1,3}:\$?[A-Za-z]{1,3}|\$?\d+:\$?\d+|#REF!|[A-Za-z_\\\u0080-\uffff][\w.\u0080-\uffff]*)/;
/** A number, or a name or reference (a sheet-qualified one too), where `lastIndex` stands. */
const OPERAND =
  /(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?|[$A-Za-z_\\\u0080-\uffff][\w.$!\u0080-\uffff]*(?::\$?[A-Za-z]{0,3}\$?\d*)?/y;
/** A character of a name (a function's or a table's). */
const NAME_CHAR = /[\w.\u0080-\uffff]/;

/** Null when the formula (with its leading "=") parses; otherwise why not. */
export function formulaSyntaxError(formula: string): string | null {
  if (!formula.startsWith("=")) return "a formula starts with =";
  const s = formula.slice(1);
  if (s.trim() === "") return "the formula is empty";
  return new Scanner(s).run();
}

const operandLike = (x: Kind) => x === "operand" || x === "close" || x === "postfix";

/** One pass over a formula (without its "="): one method per construct, each moving past it. */
class Scanner {
  /** The closing brackets expected, innermost last. */
  private readonly depth: string[] = [];
  /** What came last. */
  private prev: Kind = "open";
  private i = 0;

  constructor(private readonly s: string) {}

  run(): string | null {
    while (this.i < this.s.length) {
      const err = this.step(this.s[this.i]);
      if (err) return err;
    }
    if (this.depth.length) return `${this.depth.length} parenthesis not closed`;
    if (this.prev === "binary" || this.prev === "prefix") return "the formula ends with an operator";
    return null;
  }

  private step(ch: string): string | null {
    if (ch === '"') return this.text();
    if (ch === "'") return this.quotedSheet();
    if (ch === "#") return this.errorValue();
    if (ch === "(") return this.openParen();
    if (ch === "{") return this.open("}");
    if (ch === ")" || ch === "}") return this.close(ch);
    if (ch === "[") return this.structured();
    if (ch === ",") return this.comma();
    // In an array constant a semicolon separates rows ({1,2;3,4}); elsewhere the API's formulas take commas.
    if (ch === ";")
      return this.depth.at(-1) === "}"
        ? this.comma()
        : `; is not a separator in formulas written through the API (use ,) at ${this.i + 2}`;
    if (ch === " " || ch === "\n" || ch === "\r" || ch === "\t") return this.space();
    if (ch === "%") return this.single("postfix");
    if ("<>=".includes(ch)) return this.comparison();
    if ("*/^&:".includes(ch)) return this.single("binary");
    if (ch === "+" || ch === "-") return this.sign();
    if (ch === "@") {
      this.prev = "prefix";
      this.i++;
      return null;
    }
    return this.operand(ch);
  }

  /** Records what comes next, or why it cannot follow what came last. */
  private push(k: Kind): string | null {
    const at = this.i + 2;
    if (k === "operand" && operandLike(this.prev)) return `two operands without an operator at ${at}`;
    if (k === "binary" && !operandLike(this.prev)) return `an operator without an operand at ${at}`;
    if (k === "postfix" && !operandLike(this.prev)) return `% without a number at ${at}`;
    if (k === "close" && (this.prev === "binary" || this.prev === "prefix"))
      return `an operator without an operand at ${at}`;
    if (k === "comma" && (this.prev === "binary" || this.prev === "prefix"))
      return `an operator without an operand at ${at}`;
    this.prev = k;
    return null;
  }

  /** Where the quote opened at i closes (a doubled quote is one quote inside), or -1. */
  private closing(quote: string): number {
    const s = this.s;
    let j = this.i + 1;
    for (;;) {
      if (j >= s.length) return -1;
      if (s[j] === quote) {
        if (s[j + 1] === quote) j += 2;
        else return j;
      } else j++;
    }
  }

  /** A text in double quotes. */
  private text(): string | null {
    const j = this.closing('"');
    if (j < 0) return "a text in quotes is not closed";
    const err = this.push("operand");
    this.i = j + 1;
    return err;
  }

  /** A quoted sheet name and its reference: 'Sheet 1'!A1 */
  private quotedSheet(): string | null {
    const j = this.closing("'");
    if (j < 0) return "a quoted sheet name is not closed";
    if (this.s[j + 1] !== "!") return "a quoted sheet name must be followed by !";
    this.i = j + 2;
    const m = SHEET_REF.exec(this.s.slice(this.i));
    if (!m) return "a sheet name must be followed by a reference";
    const err = this.push("operand");
    this.i += m[0].length;
    return err;
  }

  /** An error value: #N/A, #REF!, … */
  private errorValue(): string | null {
    const m = ERRORS.exec(this.s.slice(this.i));
    if (!m) return `an unknown error value at ${this.i + 2}`;
    const err = this.push("operand");
    this.i += m[0].length;
    return err;
  }

  /** A function call follows its name directly; a bare ( groups. */
  private openParen(): string | null {
    if (this.prev === "operand" && !NAME_CHAR.test(this.s[this.i - 1] ?? ""))
      return `( after an operand at ${this.i + 2}`;
    return this.open(")");
  }

  private open(closer: string): string | null {
    this.depth.push(closer);
    this.prev = "open";
    this.i++;
    return null;
  }

  private close(ch: string): string | null {
    if (this.depth.pop() !== ch) return `unbalanced ${ch} at ${this.i + 2}`;
    let err: string | null = null;
    // f() has no argument: allowed.
    if (this.prev === "open") this.prev = "close";
    else err = this.push("close");
    this.i++;
    return err;
  }

  /** A structured reference: Table[...] or [@Col]; brackets nest. */
  private structured(): string | null {
    const s = this.s;
    let d = 0;
    let j = this.i;
    for (; j < s.length; j++) {
      if (s[j] === "'" && j + 1 < s.length) {
        j++;
        continue;
      }
      if (s[j] === "[") d++;
      else if (s[j] === "]" && --d === 0) break;
    }
    if (d !== 0) return "unbalanced [ in a structured reference";
    let err: string | null = null;
    // Table[...] continues the name before it: no new operand.
    if (!(this.prev === "operand" && NAME_CHAR.test(s[this.i - 1] ?? ""))) err = this.push("operand");
    this.i = j + 1;
    return err;
  }

  private comma(): string | null {
    if (!this.depth.length) return `a comma outside a function at ${this.i + 2}`;
    const err = this.push("comma");
    if (!err) this.prev = "open";
    this.i++;
    return err;
  }

  /** Between two references a space intersects them; elsewhere it is ignored. */
  private space(): null {
    const s = this.s;
    let j = this.i;
    while (j < s.length && /\s/.test(s[j])) j++;
    const next = s[j];
    if ((this.prev === "operand" || this.prev === "close") && next !== undefined && /[A-Za-z$'(\d]/.test(next)) {
      const rest = s.slice(j);
      if (!/^(and|or)\b/i.test(rest)) this.prev = "binary";
    }
    this.i = j;
    return null;
  }

  /** A one-character operator: % (postfix) or * / ^ & : (binary). */
  private single(k: Kind): string | null {
    const err = this.push(k);
    this.i++;
    return err;
  }

  /** A comparison: =, <, >, <=, >=, <>. */
  private comparison(): string | null {
    const two = this.s.slice(this.i, this.i + 2);
    const err = this.push("binary");
    this.i += two === "<=" || two === ">=" || two === "<>" ? 2 : 1;
    return err;
  }

  /** + or -: binary after an operand, a sign otherwise. */
  private sign(): string | null {
    let err: string | null = null;
    if (operandLike(this.prev)) err = this.push("binary");
    else this.prev = "prefix";
    this.i++;
    return err;
  }

  /** A number, a name or a reference. */
  private operand(ch: string): string | null {
    // Sticky: matched in place, its end read from lastIndex (no copy of the rest, no match array).
    OPERAND.lastIndex = this.i;
    if (!OPERAND.test(this.s) || OPERAND.lastIndex === this.i)
      return `an unexpected character “${ch}” at ${this.i + 2}`;
    const err = this.push("operand");
    this.i = OPERAND.lastIndex;
    return err;
  }
}
