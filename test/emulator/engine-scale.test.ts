/**
 * The engine at a branch's scale (issue 35): INDEX reads one cell (src/emulator/fast-index.ts), a
 * vertex read by thousands of formulas is wired and unwired in linear time (`indexWideEdges`,
 * src/emulator/hf-internals.ts), and formulas that are one formula in R1C1 are lexed once
 * (`memoiseParses` there, with the scanner of src/emulator/parse-memo.ts). Each keeps the values
 * the engine gave before, checked by hand.
 */
import { ExcelEmulator } from "../../src/emulator";
import { isShiftedCopy, relativeKey } from "../../src/emulator/parse-memo";
import { translateFormula } from "../../src/emulator/structured";
import { HyperFormula } from "hyperformula";
import { internalsOf, parserLexer, skipOldContents } from "../../src/emulator/hf-internals";

async function sheetWith(build: (ws: Excel.Worksheet) => void): Promise<ExcelEmulator> {
  const emu = new ExcelEmulator();
  await emu.run(async (context) => {
    build(context.workbook.worksheets.add("T"));
    await context.sync();
  });
  return emu;
}

function valueAt(emu: ExcelEmulator, address: string): unknown {
  const sheet = emu.model.sheetByName("T")!;
  const m = /^([A-Z]+)(\d+)$/.exec(address)!;
  const col = m[1].split("").reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0) - 1;
  return emu.model.value(sheet, Number(m[2]) - 1, col);
}

describe("INDEX", () => {
  test("reads the one cell, as Excel: in range the value, 0 for an empty cell, #REF! beyond the range", async () => {
    const emu = await sheetWith((ws) => {
      ws.getRange("A1:B4").values = [
        [10, "x"],
        [20, ""],
        ["", "y"],
        [40, true],
      ] as never;
      ws.getRange("D1:D7").formulas = [
        ["=INDEX(A1:B4,2)"],
        ["=INDEX(A1:B4,4,2)"],
        ["=INDEX(A1:B4,3,1)+1"],
        ["=INDEX(A1:B4,5,1)"],
        ["=INDEX(A1:B4,1,3)"],
        ["=INDEX(A1:B4,-1,1)"],
        ["=INDEX(B1:B4,3)"],
      ];
    });
    expect(valueAt(emu, "D1")).toBe(20);
    expect(valueAt(emu, "D2")).toBe(true);
    expect(valueAt(emu, "D3")).toBe(1); // the empty A3 reads as 0
    expect(String(valueAt(emu, "D4"))).toBe("#REF!");
    expect(String(valueAt(emu, "D5"))).toBe("#REF!");
    expect(String(valueAt(emu, "D6"))).toBe("#VALUE!");
    expect(valueAt(emu, "D7")).toBe("y");
    // An edit of the cell an INDEX reads flows through.
    await emu.run(async (context) => {
      context.workbook.worksheets.getItem("T").getRange("A2").values = [[25]];
      await context.sync();
    });
    expect(valueAt(emu, "D1")).toBe(25);
  });
});

describe("a range read by thousands of formulas", () => {
  test("3,000 formulas over one column: written, half cleared, the column edited — every value by hand", async () => {
    const n = 3000;
    const emu = await sheetWith((ws) => {
      ws.getRange(`A1:A${n}`).values = Array.from({ length: n }, (_, i) => [i + 1]);
      // Each formula reads the whole column (one range vertex, 3,000 dependents) and its own row.
      ws.getRange(`B1:B${n}`).formulas = Array.from({ length: n }, (_, i) => [`=INDEX($A$1:$A$${n},${i + 1})*2`]);
    });
    expect(valueAt(emu, "B1")).toBe(2);
    expect(valueAt(emu, `B${n}`)).toBe(2 * n);
    await emu.run(async (context) => {
      const ws = context.workbook.worksheets.getItem("T");
      ws.getRange(`B1:B${n / 2}`).clear();
      ws.getRange(`A${n}`).values = [[7]];
      ws.getRange("C1").formulas = [[`=SUM(B1:B${n})`]];
      await context.sync();
    });
    expect(valueAt(emu, "B1")).toBe("");
    expect(valueAt(emu, `B${n}`)).toBe(14);
    // Rows 1,501–2,999 doubled, plus 14: 2·(1,501 + … + 2,999) + 14.
    const expected = (2 * ((1501 + 2999) * 1499)) / 2 + 14;
    expect(valueAt(emu, "C1")).toBe(expected);
    // Written again after the clear: every dependent is wired again.
    await emu.run(async (context) => {
      const ws = context.workbook.worksheets.getItem("T");
      ws.getRange(`B1:B${n / 2}`).formulas = Array.from({ length: n / 2 }, (_, i) => [
        `=INDEX($A$1:$A$${n},${i + 1})*2`,
      ]);
      ws.getRange("A1").values = [[100]];
      await context.sync();
    });
    expect(valueAt(emu, "B1")).toBe(200);
    expect(valueAt(emu, "C1")).toBe(expected + (2 * ((1 + 1500) * 1500)) / 2 + 200 - 2);
  });
});

describe("formulas lexed once per relative form", () => {
  test("relativeKey: references relative to the cell, strings and sheet names as written, no key when unsure", () => {
    // The same formula one row down has the same key; a string that looks like a reference does not move.
    expect(relativeKey('=A1+"B2"', 0, 1)).toBe(relativeKey('=A2+"B2"', 1, 1));
    expect(relativeKey('=A1+"B2"', 0, 1)).not.toBe(relativeKey('=A2+"B3"', 1, 1));
    // Absolute parts stay absolute: $A$1 seen from two cells is the same; $A1 is not.
    expect(relativeKey("=$A$1*2", 0, 0)).toBe(relativeKey("=$A$1*2", 9, 3));
    expect(relativeKey("=$A1*2", 0, 0)).not.toBe(relativeKey("=$A1*2", 1, 0));
    // A quoted sheet name with a doubled quote, then its reference.
    expect(relativeKey("='It''s A1'!B2", 0, 0)).toBe(relativeKey("='It''s A1'!B3", 1, 0));
    // Names and functions are words, not references: LOG10(…), SixStep_Months.
    expect(relativeKey("=LOG10(A1)+SixStep_Months", 0, 0)).toBe(relativeKey("=LOG10(A2)+SixStep_Months", 1, 0));
    // Structured references as written: a table's column from any row, this row's cell of it, escapes.
    expect(relativeKey("=INDEX(T[x],A1)", 0, 0)).toBe(relativeKey("=INDEX(T[x],A2)", 1, 0));
    expect(relativeKey("=INDEX(T[x],A1)", 0, 0)).not.toBe(relativeKey("=INDEX(T[y],A2)", 1, 0));
    expect(relativeKey("=T[[#This Row],[x]]*B1", 0, 0)).toBe(relativeKey("=T[[#This Row],[x]]*B2", 1, 0));
    expect(relativeKey("=[@金额]+T[收入'[元']]", 0, 0)).toBe(relativeKey("=[@金额]+T[收入'[元']]", 5, 0));
    // A table named like a cell (T1) is a name before its bracket, not a reference that moves.
    expect(relativeKey("=SUM(T1[x])", 0, 0)).toBe(relativeKey("=SUM(T1[x])", 3, 2));
    // What the scanner does not read with certainty gives no key: column and row ranges, unmatched
    // brackets, an unclosed string, a reference beyond Excel's grid.
    expect(relativeKey("=SUM(A:A)", 0, 0)).toBeNull();
    expect(relativeKey("=SUM(1:1)", 0, 0)).toBeNull();
    expect(relativeKey("=T[x", 0, 0)).toBeNull();
    expect(relativeKey("=T[x]]", 0, 0)).toBeNull();
    expect(relativeKey('="abc', 0, 0)).toBeNull();
    expect(relativeKey("=XFE1", 0, 0)).toBeNull();
  });

  test("the translation pass: a doubled quote inside a string becomes CHAR(34); an empty string literal needs none", async () => {
    const none = { table: () => undefined };
    // "" alone is an empty text, not an escape: the formula goes to the engine as written.
    for (const f of ['=IF(A1="","",B1)', '=A1&""=B1&""', '=""'])
      expect(translateFormula(f, none)).toEqual({ formula: f, tables: new Set() });
    expect(translateFormula('=LEN("a""b")', none).formula).toBe('=LEN(("a"&CHAR(34)&"b"))');
    expect(translateFormula('=""""', none).formula).toBe('=(""&CHAR(34)&"")');
    // A quoted sheet name may hold a quote: with one, any "" is translated through the full pass.
    expect(translateFormula(`='q"x'!A1&"a""b"`, none).formula).toBe(`='q"x'!A1&("a"&CHAR(34)&"b")`);
    // Evaluated: a"b is 3 characters, the empty test is true.
    const emu = await sheetWith((ws) => {
      ws.getRange("A1:A2").formulas = [['=LEN("a""b")'], ['=IF(B9="","empty","x")']];
    });
    expect([valueAt(emu, "A1"), valueAt(emu, "A2")]).toEqual([3, "empty"]);
  });

  test('"" written over a sparse grid: empty cells stay empty, a value and a formula are cleared, the rest written', async () => {
    const emu = await sheetWith((ws) => {
      ws.getRange("A1:C1").formulas = [[5, "=A1*2", ""]];
    });
    await emu.run(async (context) => {
      const ws = context.workbook.worksheets.getItem("T");
      ws.getRange("A1:D3").formulas = [
        ["", "", "", "=SUM(A1:C1)"],
        ["", "", "", ""],
        ["", "=D1+1", "", ""],
      ];
      await context.sync();
    });
    const sheet = emu.model.sheetByName("T")!;
    expect(emu.model.formulas(sheet, { r0: 0, r1: 2, c0: 0, c1: 3 })).toEqual([
      ["", "", "", "=SUM(A1:C1)"],
      ["", "", "", ""],
      ["", "=D1+1", "", ""],
    ]);
    expect([valueAt(emu, "D1"), valueAt(emu, "B3")]).toEqual([0, 1]);
  });

  test("isShiftedCopy: a text that is the first moved down k rows, its key the first's, with no key made", () => {
    const head = '=IF(AND(INDEX(T[x],AO9)&""=AP9&"",$B$4>0),N(A9)+$C9+D$2,NA())';
    const marks: number[] = [];
    const key = relativeKey(head, 8, 44, marks);
    // AO9, AP9, A9 and $C9 move (their rows are relative); $B$4 and D$2 stay.
    expect(marks.length / 2).toBe(4);
    const moved = (k: number) => head.replace(/(AO|AP|A|\$C)9\b/g, (_m, c: string) => `${c}${9 + k}`);
    expect(moved(991)).toBe('=IF(AND(INDEX(T[x],AO1000)&""=AP1000&"",$B$4>0),N(A1000)+$C1000+D$2,NA())');
    for (const k of [1, 991, 1_048_567]) {
      expect(isShiftedCopy(head, marks, moved(k), k)).toBe(true);
      expect(relativeKey(moved(k), 8 + k, 44)).toBe(key);
    }
    // Not a copy: a row beyond Excel's grid, another shift, an absolute row moved, a leading zero,
    // one character more or less, another column.
    expect(isShiftedCopy(head, marks, moved(1_048_568), 1_048_568)).toBe(false);
    expect(isShiftedCopy(head, marks, moved(2), 1)).toBe(false);
    expect(isShiftedCopy(head, marks, moved(1).replace("$B$4", "$B$5"), 1)).toBe(false);
    expect(isShiftedCopy(head, marks, moved(1).replace("AO10", "AO010"), 1)).toBe(false);
    expect(isShiftedCopy(head, marks, `${moved(1)} `, 1)).toBe(false);
    expect(isShiftedCopy(head, marks, moved(1).slice(0, -1), 1)).toBe(false);
    expect(isShiftedCopy(head, marks, moved(1).replace("AP10", "AQ10"), 1)).toBe(false);
  });

  test("rows of one R1C1 formula: each evaluates on its own row; the lexer runs once for them all", async () => {
    const emu = new ExcelEmulator();
    const lexer = parserLexer(internalsOf(emu.model.hf).parser);
    const calls = jest.spyOn(lexer, "tokenizeFormula");
    await emu.run(async (context) => {
      const ws = context.workbook.worksheets.add("T");
      ws.getRange("A1:A200").values = Array.from({ length: 200 }, (_, i) => [i + 1]);
      ws.getRange("B1:B200").formulas = Array.from({ length: 200 }, (_, i) => [`=A${i + 1}*$A$3&"A${i + 1}"`]);
      await context.sync();
    });
    // Row 10: 10·3 followed by the text "A10" (the string differs by row: 200 keys, as written).
    expect(valueAt(emu, "B10")).toBe("30A10");
    calls.mockClear();
    await emu.run(async (context) => {
      const ws = context.workbook.worksheets.getItem("T");
      ws.getRange("C1:C200").formulas = Array.from({ length: 200 }, (_, i) => [`=IF(A${i + 1}>100,A${i + 1}-$A$1,0)`]);
      await context.sync();
    });
    expect(valueAt(emu, "C150")).toBe(149);
    expect(valueAt(emu, "C100")).toBe(0);
    // One relative form: lexed for its first cell (and once more to learn its hash), not 200 times.
    expect(calls.mock.calls.length).toBeLessThanOrEqual(4);
  });

  test("formulas that differ only in their absolute rows: the first one's tree, its rows moved; each computes its own", async () => {
    const emu = new ExcelEmulator();
    const lexer = parserLexer(internalsOf(emu.model.hf).parser);
    const calls = jest.spyOn(lexer, "tokenizeFormula");
    // Each row reads its own far cell ($B$<60+k>), a range with an absolute end ($B$1:$B$<k>), a
    // relative cell, another sheet's absolute cell and a fixed one ($A$1); rows written in one go,
    // shuffled so that no row is the one above moved down.
    const order = Array.from({ length: 40 }, (_, i) => (i * 17) % 40);
    await emu.run(async (context) => {
      const other = context.workbook.worksheets.add("O");
      other.getRange("A1:A40").values = Array.from({ length: 40 }, (_, i) => [1000 * (i + 1)]);
      const ws = context.workbook.worksheets.add("T");
      ws.getRange("A1").values = [[1]];
      ws.getRange("B1:B100").values = Array.from({ length: 100 }, (_, i) => [i + 1]);
      ws.getRange("C1:C40").formulas = order.map((k, i) => [
        `=IF($A$1<>0,$B$${60 + k}*10+SUM($B$1:$B$${k + 1})+B${i + 1}-O!$A$${k + 1},NA())`,
      ]);
      await context.sync();
    });
    // By hand, row i+1 holding k: (60+k)·10 + (k+1)(k+2)/2 + (i+1) - 1000(k+1).
    const expected = order.map((k, i) => (60 + k) * 10 + ((k + 1) * (k + 2)) / 2 + (i + 1) - 1000 * (k + 1));
    const got = order.map((_, i) => valueAt(emu, `C${i + 1}`));
    expect(got).toHaveLength(40);
    expect(got).toEqual(expected);
    // One shape: lexed for its first formula (and the hash), not 40 times.
    expect(calls.mock.calls.length).toBeLessThanOrEqual(4);
    // A changed cell reaches the formula whose moved row reads it: B74 is the far cell of k = 14 (74·10).
    const r = order.indexOf(14) + 1;
    await emu.run(async (context) => {
      context.workbook.worksheets.getItem("T").getRange("B74").values = [[0]];
      await context.sync();
    });
    expect(valueAt(emu, `C${r}`)).toBe(expected[r - 1] - 740);
  });
});

describe("one syntax tree for formulas of one relative form (shareSyntaxTrees)", () => {
  test("rows of one form share the engine's tree; reversed and mixed ranges and HYPERLINK keep their own, and compute as before", async () => {
    const emu = await sheetWith((ws) => {
      ws.getRange("B1:B5").values = [[1], [2], [3], [4], [5]];
      // C: this row's value times the total (one form, ranges in order); D: a running sum ($B$1:Bn,
      // absolute start and relative end: ordered per row); E: the same ranges written reversed.
      ws.getRange("C1:E5").formulas = [1, 2, 3, 4, 5].map((r) => [
        `=B${r}*SUM($B$1:$B$5)`,
        `=SUM($B$1:B${r})`,
        `=SUM(B${r}:$B$1)`,
      ]);
      ws.getRange("F1:F2").formulas = [
        ['=HYPERLINK("https://example.com/a",B1)'],
        ['=HYPERLINK("https://example.com/a",B2)'],
      ];
    });
    // By hand: the total is 15; running sums 1, 3, 6, 10, 15, reversed alike.
    expect([1, 2, 3, 4, 5].map((r) => valueAt(emu, `C${r}`))).toEqual([15, 30, 45, 60, 75]);
    expect([1, 2, 3, 4, 5].map((r) => valueAt(emu, `D${r}`))).toEqual([1, 3, 6, 10, 15]);
    expect([1, 2, 3, 4, 5].map((r) => valueAt(emu, `E${r}`))).toEqual([1, 3, 6, 10, 15]);
    // Each row's own friendly name (as text here: what the display shows).
    expect([valueAt(emu, "F1"), valueAt(emu, "F2")].map(String)).toEqual(["1", "2"]);
    const graph = internalsOf(emu.model.hf).dependencyGraph;
    const lazy = internalsOf(emu.model.hf).lazilyTransformingAstService;
    const tree = (a1: string) => {
      const sheet = emu.model.sheetByName("T")!.hfId;
      const m = /^([A-Z])(\d+)$/.exec(a1)!;
      const v = graph.getCell({ sheet, col: m[1].charCodeAt(0) - 65, row: Number(m[2]) - 1 }) as unknown as {
        getFormula(l: unknown): unknown;
      };
      return v.getFormula(lazy);
    };
    expect(tree("C1")).toBe(tree("C5"));
    // Mixed ends are ordered per row, reversed ones are ordered, HYPERLINK notes its URL on its tree: copies.
    expect(tree("D1")).not.toBe(tree("D5"));
    expect(tree("E1")).not.toBe(tree("E5"));
    expect(tree("F1")).not.toBe(tree("F2"));
    // Edits flow through the shared tree to every row.
    await emu.run(async (context) => {
      context.workbook.worksheets.getItem("T").getRange("B5").values = [[10]];
      await context.sync();
    });
    expect([1, 5].map((r) => valueAt(emu, `C${r}`))).toEqual([20, 200]);
    expect(valueAt(emu, "E5")).toBe(20);
  });
});

describe("no old contents read for an undo stack that is off (skipOldContents)", () => {
  test("refused with undo on; with it off, cells written over formulas and values hold what was written last", async () => {
    expect(() => skipOldContents(HyperFormula.buildEmpty({ licenseKey: "gpl-v3", undoLimit: 5 }))).toThrow(/undoLimit/);
    const emu = await sheetWith((ws) => {
      ws.getRange("A1:A3").values = [[2], [3], [4]];
      ws.getRange("B1:B3").formulas = [["=A1*10"], ["=A2*10"], ["=SUM(A1:A3)"]];
    });
    await emu.run(async (context) => {
      const ws = context.workbook.worksheets.getItem("T");
      // A formula over a formula, a value over a formula, a formula over a value.
      ws.getRange("B1:B2").formulas = [["=A1+1"], [7]];
      ws.getRange("A3").formulas = [["=B1*2"]];
      await context.sync();
    });
    // By hand: B1 = 2+1; B2 = 7; A3 = 3·2; B3 = 2+3+6.
    expect(["B1", "B2", "A3", "B3"].map((a) => valueAt(emu, a))).toEqual([3, 7, 6, 11]);
  });
});
