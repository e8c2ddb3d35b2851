/**
 * Formula columns held as one (src/emulator/vector.ts, issue 35): a column of one formula in R1C1
 * is one array formula in the engine, and everything a user or a file sees of it is what the
 * cells written one by one give. Each case builds the same sheet twice — held as one (threshold
 * lowered to 5 rows) and cell by cell (threshold Infinity) — and compares them, with figures
 * checked by hand.
 */
import JSZip from "jszip";
import { ExcelEmulator } from "../../src/emulator";
import { vectorConfig, vectorsOf } from "../../src/emulator/vector";
import { formulaWork } from "../../src/emulator/work";
import { exportXlsx, importXlsx } from "../../src/emulator/xlsx";
import * as parseMemo from "../../src/emulator/parse-memo";

const ROWS = 20;
const KEYS = Array.from({ length: ROWS }, (_, i) => `k${i % 4}`);
const AMOUNTS = Array.from({ length: ROWS }, (_, i) => (i + 1) * 10);
/** Row i of the copy: position i+1's key, read back through INDEX and checked. */
const ROW_FORMULA = (r: number) =>
  `=IF(INDEX(Data!$A$1:$A$${ROWS},A${r})&""=B${r},N(INDEX(Data!$B$1:$B$${ROWS},A${r})),NA())`;

async function build(minRows: number): Promise<ExcelEmulator> {
  const saved = vectorConfig.minRows;
  vectorConfig.minRows = minRows;
  try {
    const emu = new ExcelEmulator();
    await emu.run(async (context) => {
      const data = context.workbook.worksheets.add("Data");
      data.getRange(`A1:B${ROWS}`).values = KEYS.map((k, i) => [k, AMOUNTS[i]]);
      const copy = context.workbook.worksheets.add("Copy");
      copy.getRange(`A1:B${ROWS}`).values = KEYS.map((k, i) => [i + 1, k]);
      copy.getRange(`C1:C${ROWS}`).formulas = KEYS.map((_, i) => [ROW_FORMULA(i + 1)]);
      copy.getRange("E1:E2").formulas = [[`=SUMIFS(C1:C${ROWS},B1:B${ROWS},"k1")`], [`=SUM(C1:C${ROWS})`]];
      await context.sync();
    });
    return emu;
  } finally {
    vectorConfig.minRows = saved;
  }
}

function grid(emu: ExcelEmulator, what: "values" | "formulas", r0 = 0, r1 = ROWS - 1): unknown[][] {
  const sheet = emu.model.sheetByName("Copy")!;
  const rect = { r0, r1, c0: 0, c1: 4 };
  return (what === "values" ? emu.model.values(sheet, rect) : emu.model.formulas(sheet, rect)).map((row) =>
    row.map((v) => (typeof v === "object" && v !== null ? String(v) : v)),
  );
}

async function edit(emu: ExcelEmulator, sheet: string, address: string, value: unknown): Promise<void> {
  await emu.run(async (context) => {
    context.workbook.worksheets.getItem(sheet).getRange(address).values = [[value]] as never;
    await context.sync();
  });
}

describe("a column held as one", () => {
  test("is one array formula in the engine, and gives each cell's value and formula as cells written one by one", async () => {
    const one = await build(5);
    const cells = await build(Infinity);
    expect(vectorsOf(one.model.hf).size).toBe(1);
    expect(vectorsOf(cells.model.hf).size).toBe(0);
    expect(grid(one, "values")).toEqual(grid(cells, "values"));
    expect(grid(one, "formulas")).toEqual(grid(cells, "formulas"));
    expect(grid(one, "formulas")[6][2]).toBe(ROW_FORMULA(7));
    // By hand: k1 is at rows 2, 6, 10, 14, 18 → 20 + 60 + 100 + 140 + 180 = 500; all rows 10 × 210 = 2,100.
    expect(grid(one, "values")[0][4]).toBe(500);
    expect(grid(one, "values")[1][4]).toBe(2100);
    expect(formulaWork(one.model)).toEqual(formulaWork(cells.model));
  });

  test("follows an edit of what it reads: an amount flows through, a changed key makes that row #N/A", async () => {
    for (const minRows of [5, Infinity]) {
      const emu = await build(minRows);
      await edit(emu, "Data", "B6", 1000); // row 6 is k1: 500 − 60 + 1,000
      expect(grid(emu, "values")[0][4]).toBe(1440);
      expect(grid(emu, "values")[5][2]).toBe(1000);
      await edit(emu, "Data", "A2", "k9"); // row 2 (k1, 20) no longer matches
      expect(grid(emu, "values")[1][2]).toBe("#N/A");
      expect(grid(emu, "values")[0][4]).toBe("#N/A");
      await edit(emu, "Data", "A2", "k1");
      expect(grid(emu, "values")[0][4]).toBe(1440);
    }
  });

  test("a write into one of its cells turns it back into single formulas, the others unchanged", async () => {
    const one = await build(5);
    const cells = await build(Infinity);
    for (const emu of [one, cells]) await edit(emu, "Copy", "C7", 5);
    expect(vectorsOf(one.model.hf).size).toBe(0);
    expect(grid(one, "values")).toEqual(grid(cells, "values"));
    expect(grid(one, "formulas")).toEqual(grid(cells, "formulas"));
    expect(grid(one, "values")[6][2]).toBe(5);
    expect(grid(one, "values")[7][2]).toBe(80);
    // The rows still follow their sources.
    await edit(one, "Data", "B8", 7);
    expect(grid(one, "values")[7][2]).toBe(7);
  });

  test("cleared, it is gone; written again over itself, it is one again", async () => {
    const one = await build(5);
    await one.run(async (context) => {
      context.workbook.worksheets.getItem("Copy").getRange(`C1:C${ROWS}`).clear();
      await context.sync();
    });
    expect(vectorsOf(one.model.hf).size).toBe(0);
    expect(grid(one, "values")[0][4]).toBe(0);
    expect(grid(one, "formulas")[3][2]).toBe("");
    const saved = vectorConfig.minRows;
    vectorConfig.minRows = 5;
    try {
      for (let pass = 0; pass < 2; pass++)
        await one.run(async (context) => {
          context.workbook.worksheets.getItem("Copy").getRange(`C1:C${ROWS}`).formulas = KEYS.map((_, i) => [
            ROW_FORMULA(i + 1),
          ]);
          await context.sync();
        });
    } finally {
      vectorConfig.minRows = saved;
    }
    expect(vectorsOf(one.model.hf).size).toBe(1);
    expect(grid(one, "values")[0][4]).toBe(500);
  });

  test("a column that reads itself (a running sum) is written cell by cell", async () => {
    const saved = vectorConfig.minRows;
    vectorConfig.minRows = 5;
    try {
      const emu = new ExcelEmulator();
      await emu.run(async (context) => {
        const s = context.workbook.worksheets.add("Copy");
        s.getRange("A1:A10").values = Array.from({ length: 10 }, (_, i) => [i + 1]);
        s.getRange("B1").values = [[0]];
        s.getRange("B2:B10").formulas = Array.from({ length: 9 }, (_, i) => [`=B${i + 1}+A${i + 2}`]);
        await context.sync();
      });
      expect(vectorsOf(emu.model.hf).size).toBe(0);
      expect(emu.model.value(emu.model.sheetByName("Copy")!, 9, 1)).toBe(54); // 2 + 3 + … + 10
    } finally {
      vectorConfig.minRows = saved;
    }
  });

  /** A sheet written as `write` does it, with the threshold at `minRows`; the emulator and its sheet. */
  async function written(minRows: number, write: (s: Excel.Worksheet, ctx: Excel.RequestContext) => void) {
    const saved = vectorConfig.minRows;
    vectorConfig.minRows = minRows;
    try {
      const emu = new ExcelEmulator();
      await emu.run(async (context) => {
        write(context.workbook.worksheets.add("Wide"), context);
        await context.sync();
      });
      return { emu, sheet: emu.model.sheetByName("Wide")! };
    } finally {
      vectorConfig.minRows = saved;
    }
  }

  test("in a write of several columns, each column of one formula is held as one, the others cell by cell", async () => {
    // A: amount; B: a formula that differs by row (an absolute row of its own); C: B doubled;
    // D: C over the total of A (one formula in R1C1 reading an absolute range).
    const rows = Array.from({ length: 12 }, (_, i) => [
      (i + 1) * 10,
      `=$A$${i + 1}+1`,
      `=B${i + 1}*2`,
      `=IF(SUM($A$1:$A$12)=0,"",C${i + 1}/SUM($A$1:$A$12))`,
    ]);
    const write = (s: Excel.Worksheet) => {
      s.getRange("A1:D12").formulas = rows as never;
    };
    const one = await written(5, write);
    const cells = await written(Infinity, write);
    const specs = [...vectorsOf(one.emu.model.hf).values()];
    expect(specs.length).toBe(2);
    expect(specs.map((v) => v.rect.c0).sort()).toEqual([2, 3]);
    expect(vectorsOf(cells.emu.model.hf).size).toBe(0);
    const rect = { r0: 0, r1: 11, c0: 0, c1: 3 };
    expect(one.emu.model.values(one.sheet, rect)).toEqual(cells.emu.model.values(cells.sheet, rect));
    expect(one.emu.model.formulas(one.sheet, rect)).toEqual(cells.emu.model.formulas(cells.sheet, rect));
    // Row 3: A 30, B 31, C 62, D 62 / 780 (10 + 20 + … + 120).
    expect(one.emu.model.values(one.sheet, { r0: 2, r1: 2, c0: 0, c1: 3 })[0]).toEqual([30, 31, 62, 62 / 780]);
    // An edit of A flows through both: A3 = 100 → B3 101, C3 202, D3 202 / 850.
    await one.emu.run(async (context) => {
      context.workbook.worksheets.getItem("Wide").getRange("A3").values = [[100]];
      await context.sync();
    });
    expect(one.emu.model.values(one.sheet, { r0: 2, r1: 2, c0: 0, c1: 3 })[0]).toEqual([100, 101, 202, 202 / 850]);
  });

  /**
   * The portfolio's sorted copy in small: months (A) and amounts (B) of customers' services, each
   * customer's rows contiguous; on a service's last row its period sum (C); on a customer's last
   * row its period sum (D) and its services with a positive sum (E). Slices of two lengths, so
   * C and D are each two formulas in R1C1 on some rows, the other rows empty.
   */
  const SLICES = [
    // customer, services, months each
    { services: 2, months: 3 },
    { services: 3, months: 2 },
    { services: 2, months: 3 },
    { services: 3, months: 2 },
  ];
  function copySums(): { rows: (string | number)[][]; sums: number[]; used: number[] } {
    const rows: (string | number)[][] = [];
    const sums: number[] = [];
    const used: number[] = [];
    let r = 1;
    SLICES.forEach(({ services, months }, k) => {
      const lo = r;
      let total = 0;
      let positive = 0;
      for (let s = 0; s < services; s++) {
        const from = r;
        let sum = 0;
        for (let m = 0; m < months; m++) {
          // Month 1 lies outside the period (2…9); the second service of customer 2 sells nothing in it.
          const month = m === 0 ? 1 : m + 1;
          const amount = k === 1 && s === 1 && m > 0 ? 0 : (k + 1) * 100 + s * 10 + m;
          if (month >= 2) sum += amount;
          const last = m === months - 1;
          const sumsOfService = `=SUMIFS(B${from}:B${r},A${from}:A${r},">="&$G$1,A${from}:A${r},"<="&$G$2)`;
          const lastOfCustomer = last && s === services - 1;
          rows.push([
            month,
            amount,
            last ? sumsOfService : "",
            lastOfCustomer ? `=SUMIFS(B${lo}:B${r},A${lo}:A${r},">="&$G$1,A${lo}:A${r},"<="&$G$2)` : "",
            lastOfCustomer ? `=SUM(C${lo}:C${r})*0+COUNTIF(C${lo}:C${r},">0")` : "",
          ]);
          r++;
        }
        total += sum;
        if (sum > 0) positive++;
      }
      sums.push(total);
      used.push(positive);
    });
    return { rows, sums, used };
  }

  test("a column of sums on some rows (one formula in R1C1 for each length of slice) is held as one, its other rows empty", async () => {
    const { rows, sums, used } = copySums();
    const n = rows.length; // 24
    const write = (s: Excel.Worksheet) => {
      s.getRange("G1:G2").values = [[2], [9]];
      s.getRange(`A1:E${n}`).formulas = rows as never;
    };
    const one = await written(5, write);
    const cells = await written(Infinity, write);
    const specs = [...vectorsOf(one.emu.model.hf).values()];
    // C and D held as one, each from its first formula to its last; C of two shapes (services of
    // three months and of two), D of one (every customer has six rows). E's SUM reads a range that
    // moves with the row: cell by cell.
    expect(specs.map((v) => [v.rect.c0, v.rect.r0, v.rect.r1, v.templates.length])).toEqual([
      [2, 2, 23, 2],
      [3, 5, 23, 1],
    ]);
    expect(specs.every((v) => v.shapeOf !== null)).toBe(true);
    expect(vectorsOf(cells.emu.model.hf).size).toBe(0);
    const rect = { r0: 0, r1: n - 1, c0: 0, c1: 4 };
    expect(one.emu.model.values(one.sheet, rect)).toEqual(cells.emu.model.values(cells.sheet, rect));
    expect(one.emu.model.formulas(one.sheet, rect)).toEqual(cells.emu.model.formulas(cells.sheet, rect));
    expect(formulaWork(one.emu.model)).toEqual(formulaWork(cells.emu.model));
    // By hand: customer 1 (rows 1–6) sells 101 + 102 and 111 + 112 in the period → 426, two services;
    // customer 2 (rows 7–12): 201, then nothing, then 221 → 422, two services of three.
    const at = (r: number, c: number) => one.emu.model.value(one.sheet, r, c);
    expect(sums.slice(0, 2)).toEqual([426, 422]);
    expect([at(5, 3), at(5, 4), at(11, 3), at(11, 4)]).toEqual([426, 2, 422, 2]);
    expect(used).toEqual([2, 2, 2, 3]);
    for (const [i, k] of [5, 11, 17, 23].entries()) expect([at(k, 3), at(k, 4)]).toEqual([sums[i], used[i]]);
    // The rows between the sums are empty, as written: no value, no formula (C4, D7…D11 inside the
    // columns held as one), and ISFORMULA says so, as of cells written one by one.
    expect(at(3, 2)).toBe("");
    expect(one.emu.model.values(one.sheet, { r0: 6, r1: 10, c0: 3, c1: 3 })).toEqual(Array(5).fill([""]));
    expect(one.emu.model.formulas(one.sheet, { r0: 6, r1: 10, c0: 3, c1: 3 })).toEqual(Array(5).fill([""]));
    for (const w of [one, cells])
      await w.emu.run(async (context) => {
        context.workbook.worksheets.getItem("Wide").getRange("H1:H3").formulas = [
          ["=ISFORMULA(C4)"],
          ["=ISFORMULA(C3)"],
          ["=ISFORMULA(D8)"],
        ];
        await context.sync();
      });
    expect(one.emu.model.values(one.sheet, { r0: 0, r1: 2, c0: 7, c1: 7 })).toEqual([[false], [true], [false]]);
    expect(cells.emu.model.values(cells.sheet, { r0: 0, r1: 2, c0: 7, c1: 7 })).toEqual([[false], [true], [false]]);
    // An edit flows through: customer 2's idle service sells 50 in month 2 → 472, three services.
    for (const w of [one, cells])
      await w.emu.run(async (context) => {
        context.workbook.worksheets.getItem("Wide").getRange("B10").values = [[50]];
        await context.sync();
      });
    expect([at(11, 3), at(11, 4)]).toEqual([472, 3]);
    expect(one.emu.model.values(one.sheet, rect)).toEqual(cells.emu.model.values(cells.sheet, rect));
    // The file holds each row's own formula and value (none on the empty rows), as cells written one by one.
    const parts = async (w: { emu: ExcelEmulator }) => {
      const zip = await JSZip.loadAsync(await exportXlsx(w.emu.model, { bulkMinCells: 20 }));
      return zip.file(/xl\/worksheets\/sheet\d+\.xml/)[0].async("string");
    };
    expect(await parts(one)).toEqual(await parts(cells));
  });

  /** Copy!C1:C20 written with `formula(i)` on row i, with the threshold at 5 rows. */
  async function writeCopyColumn(emu: ExcelEmulator, formula: (i: number) => string): Promise<void> {
    const saved = vectorConfig.minRows;
    vectorConfig.minRows = 5;
    try {
      await emu.run(async (context) => {
        context.workbook.worksheets.getItem("Copy").getRange(`C1:C${ROWS}`).formulas = KEYS.map((_, i) => [formula(i)]);
        await context.sync();
      });
    } finally {
      vectorConfig.minRows = saved;
    }
  }

  test("a write that fails before its cells are written (a formula the engine cannot take as a column) gives back the column it was to replace", async () => {
    const one = await build(5);
    const before = grid(one, "values");
    // The new formulas (each + 0) are refused as they are read for the column; the old ones read as ever.
    const { translator } = one.model as unknown as {
      translator: { translate: (text: string, at: unknown) => unknown };
    };
    const own = translator.translate.bind(translator);
    const translate = jest.spyOn(translator, "translate").mockImplementation((text: string, at: unknown) => {
      if (text.endsWith("+0")) throw new Error("refused");
      return own(text, at);
    });
    try {
      await expect(writeCopyColumn(one, (i) => `${ROW_FORMULA(i + 1)}+0`)).rejects.toThrow("refused");
    } finally {
      translate.mockRestore();
    }
    expect(grid(one, "values")).toEqual(before);
    expect(grid(one, "values")[0][4]).toBe(500);
    expect(grid(one, "formulas")[7][2]).toBe(ROW_FORMULA(8));
  });

  test("a column whose SUM, MAX or MIN reads a range that moves with the row is written cell by cell (HyperFormula reads those ranges through their own vertex)", async () => {
    // B3:B12: the largest, smallest and total of the last three amounts (A: 1, 2, 3, 1, 2, 3, …),
    // one formula in R1C1.
    for (const fn of ["MAX", "MIN", "SUM"]) {
      const write = (s: Excel.Worksheet) => {
        s.getRange("A1:A12").values = Array.from({ length: 12 }, (_, i) => [(i % 3) + 1]);
        s.getRange("B3:B12").formulas = Array.from({ length: 10 }, (_, i) => [`=${fn}(A${i + 1}:A${i + 3})`]);
      };
      const one = await written(5, write);
      expect(vectorsOf(one.emu.model.hf).size).toBe(0);
      const values = one.emu.model.values(one.sheet, { r0: 2, r1: 11, c0: 1, c1: 1 }).flat();
      expect(values).toEqual(Array(10).fill(fn === "MAX" ? 3 : fn === "MIN" ? 1 : 6));
    }
  });

  test("a write that fails over a column held as one leaves that column's formulas and values as they were", async () => {
    const one = await build(5);
    const before = grid(one, "values");
    await expect(writeCopyColumn(one, (i) => (i === 7 ? "=SUM(A1:" : ROW_FORMULA(i + 1)))).rejects.toThrow();
    // The row that refused (C8) holds its formula as before.
    expect(grid(one, "formulas")[7][2]).toBe(ROW_FORMULA(8));
    expect(grid(one, "values")).toEqual(before);
    // k1's rows: 500, as before the write; and they still follow their sources.
    expect(grid(one, "values")[0][4]).toBe(500);
    await edit(one, "Data", "B6", 1000);
    expect(grid(one, "values")[0][4]).toBe(1440);
  });

  test("a column of a table is held as one too, and gives what its cells give as the table grows", async () => {
    const write = (s: Excel.Worksheet) => {
      s.getRange("A1:C1").values = [["Amount", "Double", "Share"]];
      s.tables.add("Wide!A1:C11", true).name = "Figures";
      s.getRange("A2:C11").formulas = Array.from({ length: 10 }, (_, i) => [
        i + 1,
        `=A${i + 2}*2`,
        `=B${i + 2}/SUM(Figures[Double])`,
      ]) as never;
    };
    const one = await written(5, write);
    const cells = await written(Infinity, write);
    expect(vectorsOf(one.emu.model.hf).size).toBe(2);
    expect(vectorsOf(cells.emu.model.hf).size).toBe(0);
    // B: 2, 4, …, 20 (total 110); C5 = 8 / 110.
    expect(one.emu.model.value(one.sheet, 4, 2)).toBeCloseTo(8 / 110, 12);
    const rect = { r0: 0, r1: 11, c0: 0, c1: 2 };
    for (const x of [one, cells])
      await x.emu.run(async (context) => {
        context.workbook.tables
          .getItem("Figures")
          .rows.add(undefined, [[11, "=A12*2", "=B12/SUM(Figures[Double])"]] as never);
        await context.sync();
      });
    // The table grew: the shares are over 132 (2 + 4 + … + 22), C5 = 8 / 132, C12 = 22 / 132.
    expect(one.emu.model.value(one.sheet, 4, 2)).toBeCloseTo(8 / 132, 12);
    expect(one.emu.model.value(one.sheet, 11, 2)).toBeCloseTo(22 / 132, 12);
    expect(one.emu.model.values(one.sheet, rect)).toEqual(cells.emu.model.values(cells.sheet, rect));
    expect(one.emu.model.formulas(one.sheet, rect)).toEqual(cells.emu.model.formulas(cells.sheet, rect));
  });

  test("a column held as one that would be in a cycle only as a column (a running sum through another column) is single formulas again", async () => {
    // C = A + B in every row (one formula), B = the row above's C: a running sum, no cycle cell
    // by cell, but the column C as one reads B, whose cells read C.
    const write = (s: Excel.Worksheet) => {
      s.getRange("A1:C10").formulas = Array.from({ length: 10 }, (_, i) => [
        i + 1,
        i === 0 ? 0 : `=C${i}`,
        `=A${i + 1}+B${i + 1}`,
      ]) as never;
    };
    const one = await written(5, write);
    // Written as one (the engine computes nothing until a value is read)…
    expect(vectorsOf(one.emu.model.hf).size).toBe(1);
    // …then read: C10 = 1 + 2 + … + 10, each row as its cell gives it (not #CYCLE!).
    expect(one.emu.model.values(one.sheet, { r0: 0, r1: 9, c0: 2, c1: 2 }).map((r) => r[0])).toEqual([
      1, 3, 6, 10, 15, 21, 28, 36, 45, 55,
    ]);
    expect(vectorsOf(one.emu.model.hf).size).toBe(0);
    // An edit flows as through cells: A1 = 100 → C10 = 154.
    await one.emu.run(async (context) => {
      context.workbook.worksheets.getItem("Wide").getRange("A1").values = [[100]];
      await context.sync();
    });
    expect(one.emu.model.value(one.sheet, 9, 2)).toBe(154);
  });

  test("two columns held as one that read each other (a cycle as columns, none as cells) are both single formulas again", async () => {
    // Row 1 zeros; from row 2, B = A + the row above's C and C = B × 2: both columns as one, each
    // reading the other.
    const write = (s: Excel.Worksheet) => {
      s.getRange("A1:C1").values = [[0, 0, 0]];
      s.getRange("A2:C11").formulas = Array.from({ length: 10 }, (_, i) => [
        i + 1,
        `=A${i + 2}+C${i + 1}`,
        `=B${i + 2}*2`,
      ]) as never;
    };
    const one = await written(5, write);
    const cells = await written(Infinity, write);
    expect(vectorsOf(one.emu.model.hf).size).toBe(2);
    const rect = { r0: 0, r1: 10, c0: 0, c1: 2 };
    // B2 = 1, C2 = 2; B3 = 2 + 2 = 4, C3 = 8; B4 = 3 + 8 = 11, C4 = 22.
    const values = one.emu.model.values(one.sheet, rect);
    expect(values.slice(1, 4)).toEqual([
      [1, 1, 2],
      [2, 4, 8],
      [3, 11, 22],
    ]);
    expect(values).toEqual(cells.emu.model.values(cells.sheet, rect));
    expect(vectorsOf(one.emu.model.hf).size).toBe(0);
  });

  test("a write of several columns that fails on one writes none of them, and the sheet keeps its formulas", async () => {
    const { emu, sheet } = await written(5, (s) => {
      s.getRange("A1:A8").values = Array.from({ length: 8 }, (_, i) => [i + 1]) as never;
      // C holds formulas of its own before (not one in R1C1 through the rows: each is kept).
      s.getRange("C1:C8").formulas = Array.from({ length: 8 }, (_, i) => [`=$A$${i + 1}*10`]) as never;
    });
    const before = emu.model.formulas(sheet, { r0: 0, r1: 7, c0: 1, c1: 2 });
    expect(before.map((r) => r[1])).toEqual(Array.from({ length: 8 }, (_, i) => `=$A$${i + 1}*10`));
    const rows = (bad: boolean) =>
      Array.from({ length: 8 }, (_, i) => [`=A${i + 1}*2`, bad && i === 5 ? "=SUM(A1:" : `=$A$${i + 1}+1`]);
    const saved = vectorConfig.minRows;
    vectorConfig.minRows = 5;
    try {
      await expect(
        emu.run(async (context) => {
          context.workbook.worksheets.getItem("Wide").getRange("B1:C8").formulas = rows(true) as never;
          await context.sync();
        }),
      ).rejects.toThrow();
      // Column B (one formula in R1C1) would have been held as one: it was not written at all; C
      // keeps its formulas and values.
      expect(vectorsOf(emu.model.hf).size).toBe(0);
      expect(emu.model.formulas(sheet, { r0: 0, r1: 7, c0: 1, c1: 2 })).toEqual(before);
      expect(emu.model.values(sheet, { r0: 0, r1: 7, c0: 1, c1: 2 }).map((r) => r[1])).toEqual([
        10, 20, 30, 40, 50, 60, 70, 80,
      ]);
      // The same write without the bad formula: B is held as one (C differs row by row).
      await emu.run(async (context) => {
        context.workbook.worksheets.getItem("Wide").getRange("B1:C8").formulas = rows(false) as never;
        await context.sync();
      });
    } finally {
      vectorConfig.minRows = saved;
    }
    expect([...vectorsOf(emu.model.hf).values()].map((v) => v.rect.c0)).toEqual([1]);
    expect(emu.model.values(sheet, { r0: 2, r1: 2, c0: 0, c1: 2 })[0]).toEqual([3, 6, 4]);
  });

  test("SIXSTEPVECTOR typed by a user is #NAME?, as any unknown function in Excel", async () => {
    const one = await build(5);
    await one.run(async (context) => {
      context.workbook.worksheets.getItem("Copy").getRange("G1").formulas = [["=SIXSTEPVECTOR(1,C1:C20)"]];
      await context.sync();
    });
    expect(String(one.model.value(one.model.sheetByName("Copy")!, 0, 6))).toBe("#NAME?");
    expect(vectorsOf(one.model.hf).size).toBe(1);
    expect(grid(one, "values")[0][4]).toBe(500);
  });

  test("a file written from it holds each row's own formula and value, and reads back the same", async () => {
    const one = await build(5);
    const cells = await build(Infinity);
    const file = await exportXlsx(one.model);
    const again = await importXlsx(file);
    const sheet = again.sheetByName("Copy")!;
    const rect = { r0: 0, r1: ROWS - 1, c0: 0, c1: 4 };
    expect(again.formulas(sheet, rect)).toEqual(grid(cells, "formulas"));
    expect(again.values(sheet, rect).map((r) => r.map((v) => (typeof v === "object" && v ? String(v) : v)))).toEqual(
      grid(cells, "values"),
    );
    const zip = await JSZip.loadAsync(file);
    const parts = Object.keys(zip.files).filter((n) => n.endsWith(".xml"));
    expect(parts.length).toBeGreaterThan(3);
    const texts = await Promise.all(parts.map((n) => zip.file(n)!.async("string")));
    expect(texts.filter((t) => t.includes("SIXSTEPVECTOR"))).toEqual([]);
    expect(texts.filter((t) => t.includes("INDEX(Data!$A$1:$A$20,A7)")).length).toBe(1);
  });
});

/**
 * Data!A1:B{n} (keys k0–k2, amounts 1…n) and a sheet "Copy": a title, C3 summing k1's rows, and
 * from row 5 the copy — positions (format 0), keys (text) and `formula(row)` in C.
 */
async function copySheet(n: number, formula: (row: number) => string, names = false): Promise<ExcelEmulator> {
  const emu = new ExcelEmulator();
  await emu.run(async (context) => {
    const data = context.workbook.worksheets.add("Data");
    data.getRange(`A1:B${n}`).values = Array.from({ length: n }, (_, i) => [`k${i % 3}`, i + 1]);
    if (names) {
      context.workbook.names.add("Keys", `=Data!$A$1:$A$${n}`);
      context.workbook.names.add("Amounts", `=Data!$B$1:$B$${n}`);
    }
    const s = context.workbook.worksheets.add("Copy");
    s.getRange("A1:C2").values = [
      ["Accounts", "", ""],
      ["key", "", "total"],
    ];
    s.getRange("C3").formulas = [[`=SUMIFS(C5:C${n + 4},B5:B${n + 4},"k1")`]];
    // The copy starts two rows below, each cell with its own number format (as the writer sets them).
    const copy = s.getRange(`A5:B${n + 4}`);
    copy.numberFormat = Array.from({ length: n }, () => ["0", "@"]);
    copy.values = Array.from({ length: n }, (_, i) => [i + 1, `k${i % 3}`]);
    s.getRange(`C5:C${n + 4}`).formulas = Array.from({ length: n }, (_, i) => [formula(i + 5)]);
    await context.sync();
  });
  return emu;
}

describe("a large sheet with a formula column, written in bulk (xlsx-bulk.ts)", () => {
  test("rows below the template carry each row's formula and value; the template is the copy's first row", async () => {
    const n = 40;
    const emu = await copySheet(
      n,
      (r) => `=IF(INDEX(Data!$A$1:$A$${n},A${r})=B${r},INDEX(Data!$B$1:$B$${n},A${r}),NA())`,
    );
    const file = await exportXlsx(emu.model, { bulkMinCells: 30 });
    const zip = await JSZip.loadAsync(file);
    const parts = Object.keys(zip.files).filter((p) => /^xl\/worksheets\/sheet\d+\.xml$/.test(p));
    expect(parts.length).toBe(2);
    const xml = (await Promise.all(parts.map((p) => zip.file(p)!.async("string")))).find((x) => x.includes("SUMIFS"))!;
    // Row 5 (the template) by ExcelJS; rows 6… by the bulk writer: inline strings, the formula and its value.
    expect(xml).toContain('<c r="B6" s="');
    expect(xml).toMatch(/<c r="B6" s="\d+" t="inlineStr"><is><t>k1<\/t><\/is><\/c>/);
    expect(xml).toMatch(
      /<c r="C6"[^>]*><f>IF\(INDEX\(Data!\$A\$1:\$A\$40,A6\)=B6,INDEX\(Data!\$B\$1:\$B\$40,A6\),NA\(\)\)<\/f><v>2<\/v><\/c>/,
    );
    const rows = [...xml.matchAll(/<row r="(\d+)"/g)].map((m) => Number(m[1]));
    expect(rows.length).toBe(n + 3);
    expect(rows.every((r, i) => i === 0 || r > rows[i - 1])).toBe(true);
    const again = await importXlsx(file);
    const s = again.sheetByName("Copy")!;
    const rect = { r0: 0, r1: n + 3, c0: 0, c1: 2 };
    expect(again.formulas(s, rect)).toEqual(emu.model.formulas(emu.model.sheetByName("Copy")!, rect));
    expect(again.numberFormats(s, rect)).toEqual(emu.model.numberFormats(emu.model.sheetByName("Copy")!, rect));
    // By hand: k1 at positions 2, 5, …, 38 → 2 + 5 + … + 38 = 13 terms averaging 20 = 260.
    expect(again.value(s, 2, 2)).toBe(260);
  });

  test("a column held as one is written as shared formulas (ECMA-376 18.3.1.40): one text, read back as each row's own", async () => {
    const saved = vectorConfig.minRows;
    vectorConfig.minRows = 5;
    const n = 40;
    let emu: ExcelEmulator;
    try {
      // Read through names, as the portfolio's copy reads the revenue table.
      emu = await copySheet(n, (r) => `=IF(INDEX(Keys,A${r})=B${r},INDEX(Amounts,A${r}),NA())`, true);
    } finally {
      vectorConfig.minRows = saved;
    }
    expect(vectorsOf(emu.model.hf).size).toBe(1);
    const file = await exportXlsx(emu.model, { bulkMinCells: 30 });
    const zip = await JSZip.loadAsync(file);
    const parts = Object.keys(zip.files).filter((p) => /^xl\/worksheets\/sheet\d+\.xml$/.test(p));
    const xml = (await Promise.all(parts.map((p) => zip.file(p)!.async("string")))).find((x) => x.includes("SUMIFS"))!;
    // Row 5 (the template) by ExcelJS with its own text; from row 6 one group: its text once, on C6.
    expect(xml).toMatch(/<c r="C5"[^>]*><f>IF\(INDEX\(Keys,A5\)=B5,INDEX\(Amounts,A5\),NA\(\)\)<\/f>/);
    expect(xml).toMatch(
      /<c r="C6"[^>]*><f t="shared" ref="C6:C44" si="0">IF\(INDEX\(Keys,A6\)=B6,INDEX\(Amounts,A6\),NA\(\)\)<\/f><v>2<\/v><\/c>/,
    );
    expect(xml).toMatch(/<c r="C44"[^>]*><f t="shared" si="0"\/><v>40<\/v><\/c>/);
    expect(xml.match(/<f t="shared" si="0"\/>/g)!.length).toBe(n - 2);
    const again = await importXlsx(file);
    const s = again.sheetByName("Copy")!;
    const rect = { r0: 0, r1: n + 3, c0: 0, c1: 2 };
    const before = emu.model.sheetByName("Copy")!;
    expect(again.formulas(s, rect)).toEqual(emu.model.formulas(before, rect));
    expect(again.values(s, rect)).toEqual(emu.model.values(before, rect));
    // By hand: row 44 reads position 40, key k0 (39 mod 3 = 0) = Data!A40: amount 40.
    expect(again.formula(s, 43, 2)).toBe("=IF(INDEX(Keys,A44)=B44,INDEX(Amounts,A44),NA())");
    expect(again.value(s, 43, 2)).toBe(40);
    // Naming another sheet, the same column (still held as one) is written cell by cell
    // (docs/excel-behaviour.md row 41).
    vectorConfig.minRows = 5;
    await emu.run(async (context) => {
      const s = context.workbook.worksheets.getItem("Copy");
      s.getRange(`C5:C${n + 4}`).formulas = Array.from({ length: n }, (_, i) => [
        `=IF(INDEX(Data!$A$1:$A$${n},A${i + 5})=B${i + 5},INDEX(Data!$B$1:$B$${n},A${i + 5}),NA())`,
      ]);
      await context.sync();
    });
    vectorConfig.minRows = saved;
    expect(vectorsOf(emu.model.hf).size).toBe(1);
    const other = await exportXlsx(emu.model, { bulkMinCells: 30 });
    const oz = await JSZip.loadAsync(other);
    const ox = await Promise.all(parts.map((p) => oz.file(p)!.async("string")));
    expect(ox.some((x) => x.includes('t="shared"'))).toBe(false);
    expect(ox.some((x) => x.includes('<c r="C44"><f>IF(INDEX(Data!$A$1:$A$40,A44)=B44'))).toBe(true);
  });

  test("a column held as one that is not written shared is written from one template: the bytes written cell by cell", async () => {
    const n = 40;
    // `&`, `"` and `<` to escape; rows 10 and 20 checked against a wrong key (#N/A, written as
    // ExcelJS writes one); row 30's text in lower case (the same formula in R1C1, held as one, but
    // not the first row's text moved: written as its own).
    const formula = (r: number) =>
      r === 30
        ? `=IF(INDEX(Data!$A$1:$A$${n},a${r})&""=b${r}&"",N(INDEX(Data!$B$1:$B$${n},a${r}))*(a${r}<100),NA())`
        : `=IF(INDEX(Data!$A$1:$A$${n},A${r})&""=B${r}&"",N(INDEX(Data!$B$1:$B$${n},A${r}))*(A${r}<100),NA())`;
    const sheetXml = async (minRows: number) => {
      const saved = vectorConfig.minRows;
      vectorConfig.minRows = minRows;
      try {
        const emu = await copySheet(n, formula);
        await emu.run(async (context) => {
          const s = context.workbook.worksheets.getItem("Copy");
          s.getRange("B10").values = [["zz"]];
          s.getRange("B20").values = [["zz"]];
          await context.sync();
        });
        expect(vectorsOf(emu.model.hf).size).toBe(minRows === Infinity ? 0 : 1);
        // The rows the export checks against the template: each one written with a number.
        const checked = jest.spyOn(parseMemo, "isShiftedCopy");
        const zip = await JSZip.loadAsync(await exportXlsx(emu.model, { bulkMinCells: 30 }));
        rowsChecked.push(checked.mock.calls.length);
        checked.mockRestore();
        const parts = Object.keys(zip.files).filter((p) => /^xl\/worksheets\/sheet\d+\.xml$/.test(p));
        return (await Promise.all(parts.map((p) => zip.file(p)!.async("string")))).find((x) => x.includes("SUMIFS"))!;
      } finally {
        vectorConfig.minRows = saved;
      }
    };
    const rowsChecked: number[] = [];
    const one = await sheetXml(5);
    expect(one).toBe(await sheetXml(Infinity));
    // Rows 6–44 below the template row, less rows 10 and 20 (#N/A): 37 checked, held as one;
    // none cell by cell (no template).
    expect(rowsChecked).toEqual([37, 0]);
    expect(one.includes('t="shared"')).toBe(false);
    // By hand: row 44 reads position 40 (key k0, amount 40); row 10 is checked against "zz".
    expect(one).toContain(
      '<c r="C44"><f>IF(INDEX(Data!$A$1:$A$40,A44)&amp;""=B44&amp;"",N(INDEX(Data!$B$1:$B$40,A44))*(A44&lt;100),NA())</f><v>40</v></c>',
    );
    expect(one).toContain('<c r="C10" t="e"><f>IF(INDEX(Data!$A$1:$A$40,A10)&amp;""=B10&amp;"",');
    expect(one).toContain('<c r="C30"><f>IF(INDEX(Data!$A$1:$A$40,a30)&amp;""=b30&amp;"",');
    expect(one.match(/<c r="C\d+" t="e">/g)!.length).toBe(2);
    // k1's rows: positions 2, 5, …, 38 = 260 (rows 10 and 20 held k2 and k0 before "zz").
    expect(one).toMatch(/<c r="C3"[^>]*><f>SUMIFS\(C5:C44,B5:B44,&quot;k1&quot;\)<\/f><v>260<\/v>/);
  });

  test("its rows give what the interpreter gives them, value for value: booleans, numbers, text, blanks and errors read, positions in and out of range", async () => {
    // Data: A a mix of values, B amounts (with 0, a negative, a huge one, text, a blank, errors), C flags.
    const data: unknown[][] = [
      ["k0", 10, true],
      ["k1", 0, false],
      [3, -5.5, true],
      ["", "12", "TRUE"],
      [null, null, null],
      ["k5", 1e300, 1],
      ["=NA()", "=1/0", "=NA()"],
      [true, "abc", 0],
      ["k8", 2.5, true],
      ["K8", 7, true],
    ];
    // Copy: A the position read (in range, 0, beyond, a fraction, text, a blank, TRUE), B the key expected.
    const positions: unknown[] = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 0, 11, 2.5, "3", null, true, 9, 10, 1, 6];
    const expected = [
      "k0",
      "k1",
      "3",
      "",
      "",
      "k5",
      "x",
      "TRUE",
      "K8",
      "k8",
      "k0",
      "k0",
      "k1",
      3,
      "",
      "k0",
      "k8",
      "K8",
      1,
      "k5",
    ];
    const FORMULAS = [
      (r: number) =>
        `=IF(AND(INDEX(Data!$A$1:$A$10,A${r})&""=B${r}&"",INDEX(Data!$B$1:$B$10,A${r})>0),N(INDEX(Data!$B$1:$B$10,A${r})),NA())`,
      (r: number) => `=IF(INDEX(Data!$C$1:$C$10,A${r}),INDEX(Data!$B$1:$B$10,A${r})*10,"no")`,
      (r: number) => `=INDEX(Data!$B$1:$B$10,A${r})*INDEX(Data!$B$1:$B$10,A${r})*10`,
      (r: number) => `=IF(AND(INDEX(Data!$C$1:$C$10,A${r}),TRUE()),(INDEX(Data!$B$1:$B$10,A${r})*-0),"f")`,
      (r: number) =>
        `=N(INDEX(Data!$A$1:$A$10,A${r}))&"|"&INDEX(Data!$A$1:$A$10,A${r},1)&(B${r}=INDEX(Data!$A$1:$A$10,A${r}))`,
      (r: number) =>
        `=IF(INDEX(Data!$A$1:$A$10,A${r})>=B${r},INDEX(Data!$B$1:$B$10,A${r})-1,INDEX(Data!$B$1:$B$10,A${r},2))`,
      (r: number) => `=INDEX(Data!$A$1:$B$10,A${r},2)+INDEX(Data!$B$1:$B$10,A${r},2)`,
      // A range that moves with the row (read at each row), and a name (read once an evaluation).
      (r: number) => `=INDEX(Data!$A${r}:$B${r},1,1)&"|"&INDEX(Keys,A${r})&INDEX(Data!A$1:A$10,A${r})`,
    ];
    const n = positions.length;
    const built = async (minRows: number) => {
      const saved = vectorConfig.minRows;
      vectorConfig.minRows = minRows;
      try {
        const emu = new ExcelEmulator();
        await emu.run(async (context) => {
          const d = context.workbook.worksheets.add("Data");
          d.getRange("A1:C10").formulas = data as never;
          context.workbook.names.add("Keys", d.getRange("A1:A10"));
          const c = context.workbook.worksheets.add("Copy");
          c.getRange(`A1:B${n}`).values = positions.map((p, i) => [p, expected[i]]) as never;
          // A column at a time: each one column held as one.
          FORMULAS.forEach((f, k) => {
            c.getRange(`${"CDEFGHIJ"[k]}1:${"CDEFGHIJ"[k]}${n}`).formulas = positions.map((_, i) => [f(i + 1)]);
          });
          await context.sync();
        });
        return emu;
      } finally {
        vectorConfig.minRows = saved;
      }
    };
    const one = await built(5);
    const cells = await built(Infinity);
    expect([...vectorsOf(one.model.hf).values()].map((v) => v.rect.c0).sort()).toEqual([2, 3, 4, 5, 6, 7, 8, 9]);
    const rect = { r0: 0, r1: n - 1, c0: 2, c1: 9 };
    const values = (emu: ExcelEmulator) => emu.model.values(emu.model.sheetByName("Copy")!, rect);
    const a = values(one);
    expect(a.length).toBe(n);
    expect(a).toEqual(values(cells));
    // By hand: row 1 (k0, 10) → 10; row 2 (k1, amount 0: not > 0) → #N/A; row 9 ("k8" and "K8" compare
    // equal, as Excel compares text) → 2.5; row 11 (position 0) → #VALUE!; row 12 (beyond) → #REF!.
    expect(a[0][0]).toBe(10);
    expect(String(a[1][0])).toBe("#N/A");
    expect(a[8][0]).toBe(2.5);
    expect(String(a[10][0])).toBe("#VALUE!");
    expect(String(a[11][0])).toBe("#REF!");
    // 1E300 squared overflows: #NUM!, as the interpreter gives it.
    expect(String(a[5][2])).toBe("#NUM!");
    expect(a[0][1]).toBe(100);
    // Column 2 of a one-column range is beyond it: #REF!.
    expect(String(a[0][6])).toBe("#REF!");
    // Row 1 reads Data's row 1 (k0) and position 1 twice; row 9 Data's row 9 (k8) and position 9
    // (k8); row 12 Data's row 12 (blank) and position 11, beyond the name's 10 rows: #REF!.
    expect(a[0][7]).toBe("k0|k0k0");
    expect(a[8][7]).toBe("k8|k8k8");
    expect(String(a[11][7])).toBe("#REF!");
    // The name moved to the amounts: each evaluation reads it again.
    for (const emu of [one, cells])
      await emu.run(async (context) => {
        context.workbook.names.getItem("Keys").delete();
        context.workbook.names.add("Keys", context.workbook.worksheets.getItem("Data").getRange("B1:B10"));
        await context.sync();
      });
    const moved = values(one);
    expect(moved).toEqual(values(cells));
    expect(moved[0][7]).toBe("k0|10k0");
  });

  test("its cells that show an error or an empty text are in the used range, and in the file, as formula cells are in Excel", async () => {
    for (const minRows of [5, Infinity]) {
      const saved = vectorConfig.minRows;
      vectorConfig.minRows = minRows;
      const emu = new ExcelEmulator();
      try {
        await emu.run(async (context) => {
          context.workbook.worksheets.add("Data").getRange("A1:A12").values = Array.from({ length: 12 }, (_, i) => [
            i < 6 ? i + 1 : -1,
          ]);
          // Rows 7–12 read a negative: #N/A in the last six cells, "" in none, the first six numbers.
          context.workbook.worksheets.add("Only").getRange("B1:B12").formulas = Array.from({ length: 12 }, (_, i) => [
            `=IF(Data!A${i + 1}>0,Data!A${i + 1}*2,NA())`,
          ]);
          await context.sync();
        });
      } finally {
        vectorConfig.minRows = saved;
      }
      expect(vectorsOf(emu.model.hf).size).toBe(minRows === 5 ? 1 : 0);
      const only = emu.model.sheetByName("Only")!;
      expect(emu.model.usedRect(only)).toEqual({ r0: 0, r1: 11, c0: 1, c1: 1 });
      expect(String(emu.model.value(only, 11, 1))).toBe("#N/A");
      const again = await importXlsx(await exportXlsx(emu.model));
      const back = again.sheetByName("Only")!;
      expect(again.formulas(back, { r0: 11, r1: 11, c0: 1, c1: 1 })).toEqual([["=IF(Data!A12>0,Data!A12*2,NA())"]]);
      expect(again.value(back, 5, 1)).toBe(12);
    }
  });
});
