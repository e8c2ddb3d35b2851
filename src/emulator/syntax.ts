/**
 * Excel refuses to store a formula it cannot parse ("There's a problem with this formula"; through
 * the API, the write fails). This checks the shape Excel checks before evaluating anything:
 * strings and quoted sheet names closed, brackets and parentheses balanced, no operator without
 * an operand, no two operands without an operator between them (a space between references is
 * Excel's intersection operator, so it counts as one), no empty argument list misuse.
 * It does not know functions: an unknown name evaluates to #NAME?, as in Excel.
 */

type Kind = "operand" | "binary" | "prefix" | "open" | "close" | "comma" | "postfix";

const ERRORS =
  /^#(NULL!|DIV\/0!|VALUE!|REF!|NAME\?|NUM!|N\/A|GETTING_DATA|SPILL!|CALC!|FIELD!|BLOCKED!|CONNECT!|BUSY!|UNKNOWN!)/i;

/** Null when the formula (with its leading "=") parses; otherwise why not. */
export function formulaSyntaxError(formula: string): string | null {
  if (!formula.startsWith("=")) return "a formula starts with =";
  const s = formula.slice(1);
  if (s.trim() === "") return "the formula is empty";
  const depth: string[] = [];
  // What came last (an object: the checks below read it after calls that change it).
  const st: { prev: Kind } = { prev: "open" };
  let i = 0;
  const push = (k: Kind): string | null => {
    const operandLike = (x: Kind) => x === "operand" || x === "close" || x === "postfix";
    if (k === "operand" && operandLike(st.prev)) return `two operands without an operator at ${i + 2}`;
    if (k === "binary" && !operandLike(st.prev)) return `an operator without an operand at ${i + 2}`;
    if (k === "postfix" && !operandLike(st.prev)) return `% without a number at ${i + 2}`;
    if (k === "close" && (st.prev === "binary" || st.prev === "prefix"))
      return `an operator without an operand at ${i + 2}`;
    if (k === "comma" && (st.prev === "binary" || st.prev === "prefix"))
      return `an operator without an operand at ${i + 2}`;
    st.prev = k;
    return null;
  };
  while (i < s.length) {
    const ch = s[i];
    let err: string | null = null;
    if (ch === '"') {
      let j = i + 1;
      for (;;) {
        if (j >= s.length) return "a text in quotes is not closed";
        if (s[j] === '"') {
          if (s[j + 1] === '"') j += 2;
          else break;
        } else j++;
      }
      err = push("operand");
      i = j + 1;
    } else if (ch === "'") {
      // A quoted sheet name: 'Sheet 1'!A1
      let j = i + 1;
      for (;;) {
        if (j >= s.length) return "a quoted sheet name is not closed";
        if (s[j] === "'") {
          if (s[j + 1] === "'") j += 2;
          else break;
        } else j++;
      }
      if (s[j + 1] !== "!") return "a quoted sheet name must be followed by !";
      i = j + 2;
      const m =
        /^(\$?[A-Za-z]{1,3}\$?\d+(:\$?[A-Za-z]{1,3}\$?\d+)?|\$?[A-Za-z]{1,3}:\$?[A-Za-z]{1,3}|\$?\d+:\$?\d+|#REF!|[A-Za-z_\\\u0080-\uffff][\w.\u0080-\uffff]*)/.exec(
          s.slice(i),
        );
      if (!m) return "a sheet name must be followed by a reference";
      err = push("operand");
      i += m[0].length;
    } else if (ch === "#") {
      const m = ERRORS.exec(s.slice(i));
      if (!m) return `an unknown error value at ${i + 2}`;
      err = push("operand");
      i += m[0].length;
    } else if (ch === "(") {
      // A function call follows its name directly; a bare ( groups.
      if (st.prev === "operand" && !/[\w.\u0080-\uffff]/.test(s[i - 1] ?? "")) return `( after an operand at ${i + 2}`;
      depth.push(")");
      st.prev = "open";
      i++;
    } else if (ch === "{") {
      depth.push("}");
      st.prev = "open";
      i++;
    } else if (ch === ")" || ch === "}") {
      if (depth.pop() !== ch) return `unbalanced ${ch} at ${i + 2}`;
      // f() has no argument: allowed.
      if (st.prev === "open") st.prev = "close";
      else err = push("close");
      i++;
    } else if (ch === "[") {
      // A structured reference: Table[...] or [@Col]; brackets nest.
      let d = 0;
      let j = i;
      for (; j < s.length; j++) {
        if (s[j] === "'" && j + 1 < s.length) {
          j++;
          continue;
        }
        if (s[j] === "[") d++;
        else if (s[j] === "]" && --d === 0) break;
      }
      if (d !== 0) return "unbalanced [ in a structured reference";
      // Table[...] continues the name before it: no new operand.
      if (!(st.prev === "operand" && /[\w.\u0080-\uffff]/.test(s[i - 1] ?? ""))) err = push("operand");
      i = j + 1;
    } else if (ch === ",") {
      if (!depth.length) return `a comma outside a function at ${i + 2}`;
      err = push("comma");
      if (!err) st.prev = "open";
      i++;
    } else if (ch === ";") {
      return `; is not a separator in formulas written through the API (use ,) at ${i + 2}`;
    } else if (ch === " " || ch === "\n" || ch === "\r" || ch === "\t") {
      // Between two references a space intersects them; elsewhere it is ignored.
      let j = i;
      while (j < s.length && /\s/.test(s[j])) j++;
      const next = s[j];
      if ((st.prev === "operand" || st.prev === "close") && next !== undefined && /[A-Za-z$'(\d]/.test(next)) {
        const rest = s.slice(j);
        if (!/^(and|or)\b/i.test(rest)) st.prev = "binary";
      }
      i = j;
    } else if (ch === "%") {
      err = push("postfix");
      i++;
    } else if ("<>=".includes(ch)) {
      const two = s.slice(i, i + 2);
      err = push("binary");
      i += two === "<=" || two === ">=" || two === "<>" ? 2 : 1;
    } else if ("*/^&:".includes(ch)) {
      err = push("binary");
      i++;
    } else if (ch === "+" || ch === "-") {
      // Binary after an operand, a sign otherwise.
      if (st.prev === "operand" || st.prev === "close" || st.prev === "postfix") err = push("binary");
      else st.prev = "prefix";
      i++;
    } else if (ch === "@") {
      st.prev = "prefix";
      i++;
    } else {
      const m =
        /^(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?|^[$A-Za-z_\\\u0080-\uffff][\w.$!\u0080-\uffff]*(?::\$?[A-Za-z]{0,3}\$?\d*)?/.exec(
          s.slice(i),
        );
      if (!m) return `an unexpected character “${ch}” at ${i + 2}`;
      err = push("operand");
      i += m[0].length;
    }
    if (err) return err;
  }
  if (depth.length) return `${depth.length} parenthesis not closed`;
  if (st.prev === "binary" || st.prev === "prefix") return "the formula ends with an operator";
  return null;
}
