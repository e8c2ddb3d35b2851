/**
 * The criteria functions' column caches (src/emulator/criteria.ts) across syncs (criteria.slow.test.ts
 * has the corpus of criteria, checked by hand and by LibreOffice).
 */
import { ExcelEmulator } from "../../src/emulator";
import { criteriaStats, sliceConfig } from "../../src/emulator/criteria";

/** Masks built: over a range, or over a whole column for its slices. */
const masksBuilt = () => criteriaStats.masksBuilt + criteriaStats.columnMasks;

test("a column's caches outlive syncs that leave it alone, and go when a cell of it changes", async () => {
  const emu = new ExcelEmulator();
  await emu.run(async (context) => {
    const ws = context.workbook.worksheets.add("C");
    ws.getRange("A1:B4").values = [
      ["x", 1],
      ["y", 2],
      ["x", 4],
      ["z", 8],
    ];
    ws.getRange("A5").formulas = [['=IF(E1>0,"x","y")']];
    ws.getRange("B5").values = [[16]];
    ws.getRange("E1").values = [[0]];
    ws.getRange("D1").formulas = [['=SUMIF($A$1:$A$5,"x",$B$1:$B$5)']];
    await context.sync();
  });
  const sheet = emu.model.sheetByName("C")!;
  const v = (r: number, c: number) => emu.model.value(sheet, r, c);
  expect(v(0, 3)).toBe(5); // 1 + 4: A5 reads "y"
  const built = criteriaStats.masksBuilt;
  const read = criteriaStats.columnsRead;

  // A write elsewhere, and a second formula naming the same ranges (wired to the existing range
  // vertex without walking its cells): no column read again, no mask built again.
  await emu.run(async (context) => {
    const ws = context.workbook.worksheets.getItem("C");
    ws.getRange("G1").values = [[99]];
    ws.getRange("D2").formulas = [['=SUMIFS($B$1:$B$5,$A$1:$A$5,"x")']];
    await context.sync();
  });
  expect(v(1, 3)).toBe(5);
  expect(criteriaStats.columnsRead).toBe(read);
  expect(criteriaStats.masksBuilt).toBe(built);

  // A formula inside the range changes value (E1 → 1 makes A5 "x"): both formulas see it.
  await emu.run(async (context) => {
    context.workbook.worksheets.getItem("C").getRange("E1").values = [[1]];
    await context.sync();
  });
  expect([v(0, 3), v(1, 3)]).toEqual([21, 21]);
  expect(criteriaStats.masksBuilt).toBeGreaterThan(built);

  // A typed value in the range: the later formula, wired once, still depends on every cell.
  await emu.run(async (context) => {
    context.workbook.worksheets.getItem("C").getRange("A4").values = [["X"]];
    await context.sync();
  });
  expect([v(0, 3), v(1, 3)]).toEqual([29, 29]);

  // A blank cell of the range filled for the first time.
  await emu.run(async (context) => {
    const ws = context.workbook.worksheets.getItem("C");
    ws.getRange("D3").formulas = [['=SUMIF($A$1:$A$6,"x",$B$1:$B$6)']];
    await context.sync();
  });
  expect(v(2, 3)).toBe(29);
  await emu.run(async (context) => {
    context.workbook.worksheets.getItem("C").getRange("A6:B6").values = [["x", 100]];
    await context.sync();
  });
  expect([v(0, 3), v(2, 3)]).toEqual([29, 129]);
});

test("COUNTIF's comparisons to a number (binary search) count what the criterion's mask counts", async () => {
  // A column with ties, negatives, a value within 1e-15 of another, numeric text, text, a
  // boolean, a blank and an error; each comparison is asked as COUNTIF (the sorted path) and as a
  // COUNTIFS of two pairs (the mask path, which tests every row), and checked by hand for some.
  const column: (number | string | boolean | null)[] = [5, 3, 3, -2, 0, 7.5, 5, 1e6, "4", "abc", true, null, 3 + 1e-15];
  const probes = ["<3", "<=3", ">3", ">=3", "<5", ">=5", "<-10", ">1e6", ">=1E6", "<0", "> 2.5", "<4"];
  const emu = new ExcelEmulator();
  const sorted = criteriaStats.columnsSorted;
  await emu.run(async (context) => {
    const ws = context.workbook.worksheets.add("Q");
    ws.getRange(`A1:A${column.length}`).values = column.map((v) => [v ?? ""]);
    ws.getRange("A14").formulas = [["=NA()"]];
    ws.getRange(`B1:C${probes.length}`).formulas = probes.map((p) => [
      `=COUNTIF($A$1:$A$14,"${p}")`,
      `=COUNTIFS($A$1:$A$14,"${p}",$A$1:$A$14,"<>zzz")`,
    ]);
    await context.sync();
  });
  const sheet = emu.model.sheetByName("Q")!;
  const fast = probes.map((_, i) => emu.model.value(sheet, i, 1));
  const masked = probes.map((_, i) => emu.model.value(sheet, i, 2));
  expect(fast).toHaveLength(probes.length);
  expect(fast).toEqual(masked);
  // The twelve COUNTIFs sorted the column once.
  expect(criteriaStats.columnsSorted - sorted).toBe(1);
  // By hand: "<3" → -2, 0 (2); "<=3" → 3, 3, -2, 0 (4: 3+1e-15 is the next double above 3, there
  // to put two paths' boundaries side by side, and neither counts it); ">=5" → 5, 7.5, 5, 1e6 (4);
  // "<-10" → none; ">1e6" → none; ">=1E6" → 1e6. Text "4", TRUE, the blank and #N/A: never.
  expect(fast.slice(0, 2)).toEqual([2, 4]);
  expect([fast[5], fast[6], fast[7], fast[8]]).toEqual([4, 0, 0, 1]);
});

test("a criteria function reads a one-cell reference as a range: an error there is a value that does not match (Excel), not the result", async () => {
  const emu = new ExcelEmulator();
  const formulas = [
    ['=COUNTIF(A1,"x")', '=COUNTIF(A1:A2,"x")-COUNTIF(A2,"x")'],
    ['=COUNTIF(A1,"#N/A")', '=COUNTIF(A1:A2,"#N/A")'],
    ['=SUMIF(A1,"x",B1)', '=SUMIF(A1:A1,"x",B1:B1)'],
    ['=SUMIFS(B1,A1,"x")', '=SUMIFS(B1:B1,A1:A1,"x")'],
    ['=COUNTIFS(A2,"x")', '=COUNTIFS(A2:A2,"x")'],
    ['=SUMIFS(B1,A2,"x")', '=SUMIFS(B1:B1,A2:A2,"x")'],
    ['=COUNTIF(B1,"<6")', '=COUNTIF(B1:B1,"<6")'],
  ];
  await emu.run(async (context) => {
    const ws = context.workbook.worksheets.add("R");
    ws.getRange("A1:B2").formulas = [
      ["=NA()", 5],
      ["x", ""],
    ];
    ws.getRange(`D1:E${formulas.length}`).formulas = formulas;
    await context.sync();
  });
  const sheet = emu.model.sheetByName("R")!;
  const single = formulas.map((_, i) => emu.model.value(sheet, i, 3));
  const ranged = formulas.map((_, i) => emu.model.value(sheet, i, 4));
  expect(single).toHaveLength(formulas.length);
  // By hand: #N/A is not "x" (0); the error criterion keeps it (1); nothing summed (0, 0); A2 is
  // "x" (1) and B1 is summed where A2 matches (5); 5 < 6 (1). A two-cell range (where HyperFormula
  // always read a range) agrees.
  expect(single).toEqual([0, 1, 0, 0, 1, 5, 1]);
  expect(ranged).toEqual(single);
});

test("a criterion asked of many ranges is read once: each slice's sum by month, as the portfolio's copy asks", async () => {
  const emu = new ExcelEmulator();
  // 60 rows: three months of 20 rows; 20 sums over slices of 3 rows, each asking the same two criteria.
  const rows = Array.from({ length: 60 }, (_, i) => [37530 + 30 * (i % 3), i + 1]);
  await emu.run(async (context) => {
    const ws = context.workbook.worksheets.add("C");
    ws.getRange("A1:B60").values = rows;
    ws.getRange("D1:D2").values = [[37540], [37600]];
    ws.getRange("E1:E20").formulas = Array.from({ length: 20 }, (_, k) => [
      `=SUMIFS(B${3 * k + 1}:B${3 * k + 3},A${3 * k + 1}:A${3 * k + 3},">="&$D$1,A${3 * k + 1}:A${3 * k + 3},"<="&$D$2)`,
    ]);
    ws.getRange("F1").formulas = [['=COUNTIFS(A1:A60,">="&$D$1,A1:A60,"<>37560")']];
    const before = criteriaStats.criteriaRead;
    await context.sync();
    // Each slice keeps its 2nd and 3rd rows (months 37560 and 37590): (3k+2) + (3k+3).
    const sheet = emu.model.sheetByName("C")!;
    const sums = Array.from({ length: 20 }, (_, k) => emu.model.value(sheet, k, 4));
    expect(sums).toHaveLength(20);
    sums.forEach((s, k) => expect(s).toBe(6 * k + 5));
    // 40 rows from 37560 on, less the 20 of 37560 itself.
    expect(emu.model.value(sheet, 0, 5)).toBe(20);
    // ">=37540", "<=37600" and "<>37560": three readings for 42 criteria asked.
    expect(criteriaStats.criteriaRead - before).toBe(3);
  });
});

test("a table added amid a batch's writes reads a header of constants without computing the batch's formulas", async () => {
  const emu = new ExcelEmulator();
  let built = 0;
  await emu.run(async (context) => {
    const ws = context.workbook.worksheets.add("T");
    ws.getRange("A1:B4").values = [
      ["Name", "Amount"],
      ["x", 1],
      ["y", 2],
      ["x", 4],
    ];
    ws.getRange("D1").formulas = [['=SUMIF($A$2:$A$4,"x",$B$2:$B$4)']];
    // A header holding a formula: its value names the column, computed first.
    ws.getRange("F1:G2").formulas = [
      ['="Q"&(1+1)', "Plain"],
      [1, 2],
    ];
    await context.sync();
    built = masksBuilt();
    context.application.suspendApiCalculationUntilNextSync();
    ws.getRange("D2").formulas = [['=SUMIF($A$2:$A$4,"y",$B$2:$B$4)']];
    ws.tables.add("T!A1:B4", true).name = "Plain";
    const names = ws.tables.getItem("Plain").columns;
    names.load("items/name");
    await context.sync();
    expect(names.items.map((c) => c.name)).toEqual(["Name", "Amount"]);
    // Nothing computed for a header of constants: D2's criterion not read yet.
    expect(masksBuilt()).toBe(built);
  });
  await emu.run(async (context) => {
    const ws = context.workbook.worksheets.getItem("T");
    ws.getRange("E1").formulas = [['=SUMIF($A$2:$A$4,"x",$B$2:$B$4)*2']];
    const t = ws.tables.add("T!F1:G2", true);
    const cols = t.columns;
    cols.load("items/name");
    await context.sync();
    expect(cols.items.map((c) => c.name)).toEqual(["Q2", "Plain"]);
  });
  const sheet = emu.model.sheetByName("T")!;
  // By hand: x's 1 + 4, y's 2, twice x's.
  expect([emu.model.value(sheet, 0, 3), emu.model.value(sheet, 1, 3), emu.model.value(sheet, 0, 4)]).toEqual([
    5, 2, 10,
  ]);
  expect(masksBuilt()).toBeGreaterThan(built);
});

test("short ranges of a column of constants are read as slices of the column: the sums the masks give, and by hand", async () => {
  // 60 rows, three months of 20; B holds amounts, a text, an error and a blank. A31 is a formula
  // (its month follows E1), so the slices over it are the masks'; the others are slices.
  const months = [37530, 37560, 37590];
  const grid = Array.from({ length: 60 }, (_, i) => [months[i % 3], i === 7 ? "n/a" : i === 13 ? "" : i + 1]);
  const sums = Array.from({ length: 20 }, (_, k) => [
    `=SUMIFS(B${3 * k + 1}:B${3 * k + 3},A${3 * k + 1}:A${3 * k + 3},">="&$D$1,A${3 * k + 1}:A${3 * k + 3},"<="&$D$2)`,
    `=COUNTIFS(A${3 * k + 1}:A${3 * k + 3},">="&$D$1,A${3 * k + 1}:A${3 * k + 3},"<="&$D$2)`,
  ]);
  const build = async (maxRows: number) => {
    const saved = sliceConfig.maxRows;
    sliceConfig.maxRows = maxRows;
    try {
      const emu = new ExcelEmulator();
      const values = async () => {
        const sheet = emu.model.sheetByName("S")!;
        return Array.from({ length: 21 }, (_, r) => [emu.model.value(sheet, r, 5), emu.model.value(sheet, r, 6)]);
      };
      await emu.run(async (context) => {
        const ws = context.workbook.worksheets.add("S");
        ws.getRange("A1:B60").values = grid;
        ws.getRange("A31").formulas = [["=IF($E$1>0,37590,37530)"]];
        ws.getRange("B41").formulas = [["=1/0"]];
        ws.getRange("D1:E2").values = [
          [37540, 0],
          [37600, ""],
        ];
        ws.getRange("F1:G20").formulas = sums;
        ws.getRange("F21").formulas = [['=SUMIF(A1:A60,">="&D1,B1:B60)']];
        await context.sync();
      });
      const first = await values();
      // The formula's month moves into the criteria, and a constant month moves out, in one sync.
      await emu.run(async (context) => {
        const ws = context.workbook.worksheets.getItem("S");
        ws.getRange("E1").values = [[1]];
        ws.getRange("A5").values = [[37500]];
        await context.sync();
      });
      return [first, await values()];
    } finally {
      sliceConfig.maxRows = saved;
    }
  };
  const calls = criteriaStats.sliceCalls;
  const masks = criteriaStats.columnMasks;
  const sliced = await build(4096);
  // 20 SUMIFS and 20 COUNTIFS, less the two over A31; then the two over A5 again.
  expect(criteriaStats.sliceCalls - calls).toBe(40);
  // One window (rows 0–8191) a pass: its two criteria each tested on the first call's rows alone,
  // then once over the window from the second call on; so again in the second sync's pass.
  expect(criteriaStats.columnMasks - masks).toBe(4);
  const masked = await build(0);
  expect(criteriaStats.sliceCalls - calls).toBe(40);
  expect(sliced).toEqual(masked);
  // Windows of 8 rows every 4: the slices (3 rows, some across a multiple of 4) each in one, and
  // a pass reads only the windows its slices are in.
  const read = criteriaStats.sliceColumnsRead;
  const windowed = await build(4);
  expect(windowed).toEqual(masked);
  expect(criteriaStats.sliceCalls - calls).toBe(80);
  // First sync: the 15 windows of A the slices start in (0, 4, …, 56, one each); second: slice 1's
  // (rows 3–5: the window at 0) and slice 10's (rows 30–32: at 28, then the masks, for A31).
  expect(criteriaStats.sliceColumnsRead - read).toBe(17);
  const [first, second] = sliced;
  expect(first).toHaveLength(21);
  // By hand (1-based rows; each slice keeps its 2nd and 3rd rows, months 37560 and 37590): slice 0
  // 2 + 3; slice 2 "n/a" (not summed) + 9; slice 4 a blank + 15; slice 10 32 + 33 (A31 is 37530
  // while E1 = 0); slice 13 keeps B41's #DIV/0!. The SUMIF over the whole column: 2 + 3 + 5 + 6 + …
  expect(first[0]).toEqual([5, 2]);
  expect(first[2]).toEqual([9, 2]);
  expect(first[4]).toEqual([15, 2]);
  expect(first[10]).toEqual([65, 2]);
  expect(String(first[13][0])).toBe("#DIV/0!");
  expect(first[13][1]).toBe(2);
  // After: A31 is 37590 (31 + 32 + 33, 3 counted); A5 is 37500 (slice 1 keeps row 6 alone).
  expect(second[10]).toEqual([96, 3]);
  expect(second[1]).toEqual([6, 1]);
});

test("a criterion asked once in a column's window tests only its own rows: no mask over the window", async () => {
  // 30 slices of 2 rows, each SUMIFS with its own criterion (">="&its own threshold).
  const emu = new ExcelEmulator();
  const masks = criteriaStats.columnMasks;
  const calls = criteriaStats.sliceCalls;
  await emu.run(async (context) => {
    const ws = context.workbook.worksheets.add("U");
    ws.getRange("A1:B60").values = Array.from({ length: 60 }, (_, i) => [i, 1]);
    ws.getRange("D1:D30").formulas = Array.from({ length: 30 }, (_, k) => [
      `=SUMIFS(B${2 * k + 1}:B${2 * k + 2},A${2 * k + 1}:A${2 * k + 2},">="&${2 * k + 1})`,
    ]);
    await context.sync();
  });
  const sheet = emu.model.sheetByName("U")!;
  // By hand: slice k holds 2k and 2k+1; only 2k+1 reaches its threshold.
  const sums = Array.from({ length: 30 }, (_, k) => emu.model.value(sheet, k, 3));
  expect(sums).toEqual(Array.from({ length: 30 }, () => 1));
  expect(criteriaStats.sliceCalls - calls).toBe(30);
  expect(criteriaStats.columnMasks - masks).toBe(0);
});
