/**
 * The column store (src/emulator/columns.ts): a large plain table held as typed columns gives the
 * same values, the same formula results and the same file as the engine's own cells; a change to
 * a stored cell recalculates its readers; anything the store cannot answer moves the table back
 * into the engine first, with the same results.
 */
import { ExcelEmulator } from "../../src/emulator";
import { ColumnBlock, storeConfig } from "../../src/emulator/columns";
import { exportXlsx, importXlsx } from "../../src/emulator/xlsx";
import { cutSheet, splitBulkSheets } from "../../src/emulator/xlsx-bulk-read";
import type { WorkbookModel } from "../../src/emulator/model";

const N = 600;
const SEGMENTS = ["保险", "银行", "证券"];

/** Row i (1-based data row): customer, segment, month (serial), amount; some blanks and text. */
function dataRow(i: number): (string | number | boolean)[] {
  return [
    `C${String(i % 37).padStart(3, "0")}`,
    SEGMENTS[i % 3],
    37438 + (i % 6) * 31,
    i % 50 === 0 ? "" : Math.round(i * 12.5) / 100,
    i % 7 === 0,
  ];
}

async function book(minCells: number): Promise<ExcelEmulator> {
  storeConfig.minCells = minCells;
  const emu = new ExcelEmulator();
  await emu.run(async (context) => {
    const ws = context.workbook.worksheets.add("Data");
    ws.getRange("A1:E1").values = [["客户", "行业", "月份", "收入", "新"]];
    ws.getRange(`A2:E${N + 1}`).values = Array.from({ length: N }, (_, k) => dataRow(k + 1));
    const out = context.workbook.worksheets.add("Out");
    out.getRange("A1:F3").formulas = SEGMENTS.map((s, k) => [
      `=SUMIFS(Data!$D$2:$D$${N + 1},Data!$B$2:$B$${N + 1},"${s}",Data!$C$2:$C$${N + 1},">="&37469)`,
      `=COUNTIFS(Data!$B$1:$B$${N + 1},"${s}",Data!$D$1:$D$${N + 1},"")`,
      `=AVERAGEIFS(Data!$D$2:$D$${N + 1},Data!$B$2:$B$${N + 1},"${s}")`,
      `=MAXIFS(Data!$D$2:$D$${N + 1},Data!$A$2:$A$${N + 1},"C00${k + 1}")`,
      `=COUNTIF(Data!$E$2:$E$${N + 1},TRUE)`,
      `=SUMIF(Data!$A$1:$A$${N + 1},"C01*",Data!$D$1:$D$${N + 1})`,
    ]);
    await context.sync();
  });
  return emu;
}

function outValues(m: WorkbookModel): unknown[][] {
  return m.values(m.sheetByName("Out")!, { r0: 0, r1: 2, c0: 0, c1: 5 });
}

afterEach(() => {
  storeConfig.minCells = 50_000;
});

test("a large write goes into a block: same values and formula results as the engine's cells", async () => {
  const plain = await book(Infinity);
  const stored = await book(1_000);
  const data = stored.model.sheetByName("Data")!;
  expect(plain.model.blockOf(plain.model.sheetByName("Data")!)).toBeUndefined();
  expect(stored.model.blockOf(data)?.rect).toEqual({ r0: 1, r1: N, c0: 0, c1: 4 });
  const expected = outValues(plain.model);
  expect(outValues(stored.model)).toEqual(expected);
  // By hand: 保险 is every third row (i ≡ 0 mod 3); months from the second on (i mod 6 ≠ 0),
  // so i ≡ 3 mod 6; rows 150, 300, 450 and 600 are blank amounts, but none is ≡ 3 mod 6.
  let sum = 0;
  for (let i = 3; i <= N; i += 6) sum += Math.round(i * 12.5) / 100;
  expect(expected[0][0]).toBeCloseTo(sum, 6);
  // Blank amounts among 保险 rows: i ≡ 0 mod 3 and i ≡ 0 mod 50: 150, 300, 450, 600.
  expect(expected[0][1]).toBe(4);
  expect(expected[0][4]).toBe(Math.floor(N / 7));
  // Reads: a cell, a range across the block's edge, the used range, texts.
  const rect = { r0: 0, r1: 5, c0: 0, c1: 5 };
  const pd = plain.model.sheetByName("Data")!;
  expect(stored.model.values(data, rect)).toEqual(plain.model.values(pd, rect));
  expect(stored.model.value(data, 50, 3)).toBe("");
  expect(stored.model.value(data, 7, 4)).toBe(true);
  expect(stored.model.usedRect(data)).toEqual(plain.model.usedRect(pd));
  expect(stored.model.texts(data, { r0: 595, r1: 600, c0: 0, c1: 4 })).toEqual(
    plain.model.texts(pd, { r0: 595, r1: 600, c0: 0, c1: 4 }),
  );
});

test("a change to stored cells recalculates every formula over them", async () => {
  const stored = await book(1_000);
  const plain = await book(Infinity);
  for (const emu of [stored, plain])
    await emu.run(async (context) => {
      const ws = context.workbook.worksheets.getItem("Data");
      ws.getRange("D4").values = [[1000]]; // row 3: 保险, month 37438 + 93
      ws.getRange("B5:B6").values = [["保险"], ["保险"]];
      ws.getRange("D10:D12").clear();
      await context.sync();
    });
  expect(stored.model.blockOf(stored.model.sheetByName("Data")!)).toBeDefined();
  expect(outValues(stored.model)).toEqual(outValues(plain.model));
  // 保险's sum: D4 (i = 3) 0.38 → 1,000; rows i = 4, 5 now 保险 add 0.50 + 0.63; D10 (i = 9)
  // cleared takes 1.13 away: the last three cancel.
  const before = outValues((await book(Infinity)).model)[0][0] as number;
  expect(outValues(stored.model)[0][0]).toBeCloseTo(before - 0.38 + 1000, 6);
  // Clearing the whole block drops it: every reader sees empty cells.
  await stored.run(async (context) => {
    context.workbook.worksheets
      .getItem("Data")
      .getRange(`A1:E${N + 1}`)
      .clear();
    await context.sync();
  });
  expect(stored.model.blockOf(stored.model.sheetByName("Data")!)).toBeUndefined();
  expect(outValues(stored.model).map((r) => r[0])).toEqual([0, 0, 0]);
});

test("any reference or range reads the block; a whole column moves it back into the engine first; edits propagate", async () => {
  const cases: [string, string, boolean][] = [
    ["SUM over the column", `=SUM(Data!$D$2:$D$${N + 1})`, true],
    ["a single cell", "=Data!D10*2", true],
    ["INDEX / MATCH", `=INDEX(Data!$D$2:$D$${N + 1},MATCH("C005",Data!$A$2:$A$${N + 1},0))`, true],
    ["VLOOKUP across the block", `=VLOOKUP("C007",Data!$A$2:$D$${N + 1},4,FALSE)`, true],
    ["SUMPRODUCT of two columns", `=SUMPRODUCT((Data!$B$2:$B$${N + 1}="银行")*(Data!$D$2:$D$${N + 1}))`, true],
    // HyperFormula resolves an OFFSET of constants to a range when it parses the formula.
    ["OFFSET from outside the block", "=SUM(OFFSET(Data!A1,1,3,5,1))", true],
    // HyperFormula copies a whole column's values from its own cells: not read through the store.
    ["a whole column in COUNTIFS", '=COUNTIFS(Data!$B:$B,"保险",Data!$D:$D,"")', false],
  ];
  for (const [label, formula, kept] of cases) {
    const stored = await book(1_000);
    const plain = await book(Infinity);
    for (const emu of [stored, plain])
      await emu.run(async (context) => {
        context.workbook.worksheets.getItem("Out").getRange("H1").formulas = [[formula]];
        await context.sync();
      });
    expect([label, !!stored.model.blockOf(stored.model.sheetByName("Data")!)]).toEqual([label, kept]);
    const h = (e: ExcelEmulator) => e.model.value(e.model.sheetByName("Out")!, 0, 7);
    expect([label, h(stored)]).toEqual([label, h(plain)]);
    expect([label, typeof h(plain)]).toEqual([label, "number"]);
    for (const emu of [stored, plain])
      await emu.run(async (context) => {
        const ws = context.workbook.worksheets.getItem("Data");
        ws.getRange("D3:D11").values = Array.from({ length: 9 }, () => [7]);
        ws.getRange("A2:E2").values = [["C005", "银行", 37500, 99, true]];
        await context.sync();
      });
    expect([label, h(stored), outValues(stored.model)]).toEqual([label, h(plain), outValues(plain.model)]);
  }
  // By hand: D10 is row 10 (i = 9), 112.5 rounded → 1.13, twice.
  const single = await book(1_000);
  await single.run(async (context) => {
    context.workbook.worksheets.getItem("Out").getRange("H1").formulas = [["=Data!D10*2"]];
    await context.sync();
  });
  expect(single.model.value(single.model.sheetByName("Out")!, 0, 7)).toBeCloseTo(2.26, 9);
});

test("through a name, or a name of a name, a whole column moves the block back; a formula naming no block leaves it", async () => {
  const cases: [string, string, boolean][] = [
    ["no block named (read from its text alone)", "=1+Out!A1*2", true],
    ["a name over a bounded range of the block", "=SUM(Bounded)", true],
    ["a name over a whole column", '=COUNTIF(WholeB,"保险")', false],
    ["a name of that name", '=COUNTIF(ViaName,"保险")', false],
    // On the block's own sheet, unqualified: a bounded range is read through the store.
    ["Data!H1: a bounded range of its own sheet", "=SUM(D2:D10)", true],
    ["Data!H1: a whole column of its own sheet", '=COUNTIF($B:$B,"保险")', false],
    ["Data!H1: whole rows of its own sheet", "=SUM(3:4)", false],
  ];
  expect(cases).toHaveLength(7);
  for (const [label, formula, kept] of cases) {
    const at = label.startsWith("Data!") ? "Data" : "Out";
    const stored = await book(1_000);
    const plain = await book(Infinity);
    for (const emu of [stored, plain])
      await emu.run(async (context) => {
        context.workbook.names.add("Bounded", `=Data!$D$2:$D$${N + 1}`);
        context.workbook.names.add("WholeB", "=Data!$B:$B");
        context.workbook.names.add("ViaName", "=WholeB");
        await context.sync();
        context.workbook.worksheets.getItem(at).getRange("H1").formulas = [[formula]];
        await context.sync();
      });
    expect([label, !!stored.model.blockOf(stored.model.sheetByName("Data")!)]).toEqual([label, kept]);
    const h = (e: ExcelEmulator) => e.model.value(e.model.sheetByName(at)!, 0, 7);
    expect([label, typeof h(plain), h(stored)]).toEqual([label, "number", h(plain)]);
  }
});

test("a formula written into the block moves it back into the engine first; a name or a rule over it reads it in place", async () => {
  for (const act of ["name", "formula", "rule"] as const) {
    const stored = await book(1_000);
    const plain = await book(Infinity);
    for (const emu of [stored, plain])
      await emu.run(async (context) => {
        const ws = context.workbook.worksheets.getItem("Data");
        if (act === "name") {
          context.workbook.names.add("Amounts", ws.getRange(`D2:D${N + 1}`));
          context.workbook.worksheets.getItem("Out").getRange("H1").formulas = [["=SUM(Amounts)"]];
        }
        if (act === "formula") ws.getRange("D20").formulas = [["=D21+1"]];
        if (act === "rule") {
          const cf = context.workbook.worksheets
            .getItem("Out")
            .getRange("A1")
            .conditionalFormats.add("Custom" as Excel.ConditionalFormatType);
          cf.custom.rule.formula = "=Data!$D$4>0.37";
        }
        await context.sync();
      });
    const out = (e: ExcelEmulator) => e.model.sheetByName("Out")!;
    const rule = (e: ExcelEmulator) => e.model.evaluateRule(out(e), out(e).conditionalFormats[0], 0, 0);
    if (act === "rule") expect([rule(stored), rule(plain)]).toEqual([true, true]); // D4 (i = 3) = 0.38
    expect([act, !!stored.model.blockOf(stored.model.sheetByName("Data")!)]).toEqual([act, act !== "formula"]);
    expect([act, outValues(stored.model), stored.model.value(out(stored), 0, 7)]).toEqual([
      act,
      outValues(plain.model),
      plain.model.value(out(plain), 0, 7),
    ]);
  }
});

test("rows appended under a block grow it; a formula never goes into one", async () => {
  storeConfig.minCells = 100;
  const emu = new ExcelEmulator();
  await emu.run(async (context) => {
    const ws = context.workbook.worksheets.add("Data");
    ws.getRange("A1:B50").values = Array.from({ length: 50 }, (_, i) => [`k${i % 5}`, i]);
    ws.getRange("A51:B100").values = Array.from({ length: 50 }, (_, i) => [`k${i % 5}`, 50 + i]);
    context.workbook.worksheets.add("Out").getRange("A1").formulas = [['=SUMIFS(Data!B1:B100,Data!A1:A100,"k1")']];
    await context.sync();
  });
  const data = emu.model.sheetByName("Data")!;
  expect(emu.model.blockOf(data)?.rect).toEqual({ r0: 0, r1: 99, c0: 0, c1: 1 });
  // k1: i ≡ 1 mod 5 over 0..99 → 1 + 6 + … + 96 = 20 terms, sum 20·(1+96)/2 = 970.
  expect(emu.model.value(emu.model.sheetByName("Out")!, 0, 0)).toBe(970);
  await emu.run(async (context) => {
    context.workbook.worksheets.getItem("Data").getRange("B2").formulas = [["=B1+10"]];
    await context.sync();
  });
  expect(emu.model.blockOf(data)).toBeUndefined();
  // B2 (k1) was 1, is now 0 + 10.
  expect(emu.model.value(emu.model.sheetByName("Out")!, 0, 0)).toBe(979);
});

test("a file's large uniform sheet is read into a block: the same workbook as through ExcelJS, and back out", async () => {
  const emu = await book(Infinity);
  const file = await exportXlsx(emu.model, { bulkMinCells: 100 });
  const whole = await importXlsx(file, { bulk: false });
  const split = await splitBulkSheets(file, 1_000);
  expect(split && [...split.sheets.keys()]).toEqual(["Data"]);
  const viaBlock = await importXlsx(file, { bulkMinBytes: 1_000 });
  expect(viaBlock.blockOf(viaBlock.sheetByName("Data")!)?.rect).toEqual({ r0: 2, r1: N, c0: 0, c1: 4 });
  for (const m of [whole, viaBlock]) expect(outValues(m)).toEqual(outValues(emu.model));
  const d1 = whole.sheetByName("Data")!;
  const d2 = viaBlock.sheetByName("Data")!;
  const used = whole.usedRect(d1)!;
  expect(viaBlock.usedRect(d2)).toEqual(used);
  expect(viaBlock.values(d2, used)).toEqual(whole.values(d1, used));
  expect(viaBlock.numberFormats(d2, used)).toEqual(whole.numberFormats(d1, used));
  // Exported again, it reads back to the same values.
  const again = await importXlsx(await exportXlsx(viaBlock), { bulk: false });
  expect(again.values(again.sheetByName("Data")!, used)).toEqual(whole.values(d1, used));
});

test("a large sheet with a formula or a cell styled apart below its template row is read whole by ExcelJS", async () => {
  const enc = new TextEncoder();
  const sheet = (rows: string) =>
    enc.encode(
      `<worksheet><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>k</t></is></c></row>` +
        `<row r="2"><c r="A2" s="1"><v>1</v></c></row>${rows}</sheetData></worksheet>`,
    );
  expect(cutSheet(sheet(`<row r="3"><c r="A3" s="1"><v>2</v></c></row>`), [])?.rows.block.get(2, 0)).toBe(2);
  expect(cutSheet(sheet(`<row r="3"><c r="A3" s="1"><f>A2+1</f><v>2</v></c></row>`), [])).toBeNull();
  expect(cutSheet(sheet(`<row r="3"><c r="A3" s="2"><v>2</v></c></row>`), [])).toBeNull();
  expect(cutSheet(sheet(`<row r="3"><c r="A3" s="1" t="e"><v>#N/A</v></c></row>`), [])).toBeNull();
  // Title rows above the header (styled apart): the template is the first row every later one
  // matches, and the block starts under it.
  const titled = enc.encode(
    `<worksheet><sheetData><row r="1"><c r="A1" s="7" t="inlineStr"><is><t>标题</t></is></c></row>` +
      `<row r="3"><c r="A3" s="2" t="inlineStr"><is><t>k</t></is></c><c r="B3" s="2" t="inlineStr"><is><t>v</t></is></c></row>` +
      Array.from(
        { length: 60 },
        (_, i) =>
          `<row r="${i + 4}"><c r="A${i + 4}" s="1"><v>${i}</v></c><c r="B${i + 4}" s="3"><v>${i * 2}</v></c></row>`,
      ).join("") +
      `</sheetData></worksheet>`,
  );
  const cut = cutSheet(titled, [])!;
  expect([cut.rows.template, cut.rows.block.rect]).toEqual([3, { r0: 4, r1: 62, c0: 0, c1: 1 }]);
  expect([cut.rows.block.get(62, 0), cut.rows.block.get(62, 1)]).toEqual([59, 118]);
  expect(new TextDecoder().decode(cut.head)).toContain('<row r="4">');
  expect(new TextDecoder().decode(cut.head)).not.toContain('<row r="5">');
  // Entities and rich text decode as ExcelJS decodes them.
  const rich = cutSheet(
    sheet(
      `<row r="3"><c r="A3" s="1" t="inlineStr"><is><r><t>A&amp;</t></r><r><t xml:space="preserve"> B</t></r></is></c></row>`,
    ),
    [],
  );
  expect(rich?.rows.block.get(2, 0)).toBe("A& B");
});

test("a name over one range, given to SUMIFS, reads the block; an edit under it recalculates", async () => {
  const results: unknown[][] = [];
  for (const min of [1_000, Infinity]) {
    const emu = await book(min);
    await emu.run(async (context) => {
      const ws = context.workbook.worksheets.getItem("Data");
      context.workbook.names.add("Amounts", ws.getRange(`D2:D${N + 1}`));
      context.workbook.names.add("Customers", ws.getRange(`A2:A${N + 1}`));
      context.workbook.worksheets.getItem("Out").getRange("H1").formulas = [['=SUMIFS(Amounts,Customers,"C001")']];
      await context.sync();
    });
    const h = () => emu.model.value(emu.model.sheetByName("Out")!, 0, 7);
    const first = h();
    await emu.run(async (context) => {
      context.workbook.worksheets.getItem("Data").getRange("D2").values = [[500]]; // i = 1: C001
      await context.sync();
    });
    results.push([min, !!emu.model.blockOf(emu.model.sheetByName("Data")!), first, h()]);
  }
  // C001: i ≡ 1 mod 37 (1, 38, …, 593): 17 rows, none blank (i mod 50 ≠ 0 for all but none here).
  let sum = 0;
  for (let i = 1; i <= N; i += 37) if (i % 50 !== 0) sum += Math.round(i * 12.5) / 100;
  expect(results[0][2] as number).toBeCloseTo(sum, 6);
  expect(results[0][3] as number).toBeCloseTo(sum - 0.13 + 500, 6);
  expect(results.map((r) => r[1])).toEqual([true, false]);
  expect(results[0].slice(2)).toEqual(results[1].slice(2));
});

test("a block handed over as data (the preview's worker) is the same block", async () => {
  const emu = await book(1_000);
  const b = emu.model.blockOf(emu.model.sheetByName("Data")!)!;
  const copy = ColumnBlock.fromData(structuredClone(b.toData()));
  expect(copy.rect).toEqual(b.rect);
  for (let r = b.r0; r <= b.r1; r += 7) for (let c = b.c0; c <= b.c1; c++) expect(copy.get(r, c)).toBe(b.get(r, c));
  // Writing a known text into the copy reuses its code; a new one extends the dictionary.
  copy.set(1, 1, "银行");
  copy.set(2, 1, "基金");
  expect([copy.get(1, 1), copy.get(2, 1), b.get(2, 1)]).toEqual(["银行", "基金", SEGMENTS[2 % 3]]);
  expect(b.buffers().length).toBe(10);
});

test("formulas written before the rows they sum (the portfolio's order): the rows still go into a block, same results", async () => {
  // Sums over slices of rows not yet written, and a direct reference into them, give the engine
  // empty cells there first; the block is made all the same, and reads and edits match the engine.
  const books: ExcelEmulator[] = [];
  for (const minCells of [1_000, Infinity]) {
    books.push(
      await (async () => {
        storeConfig.minCells = minCells;
        const emu = new ExcelEmulator();
        await emu.run(async (context) => {
          const ws = context.workbook.worksheets.add("P");
          ws.getRange("A1:C2").formulas = [
            [`=SUMIFS($D$11:$D$210,$C$11:$C$210,">="&37469)`, `=SUM($D$211:$D$${N + 10})`, "=D300*2"],
            [`=COUNTIFS($B$11:$B$${N + 10},"银行")`, `=SUMIFS($D$11:$D$${N + 10},$A$11:$A$${N + 10},"C001")`, "=A1+B1"],
          ];
          await context.sync();
          ws.getRange(`A11:E${N + 10}`).values = Array.from({ length: N }, (_, k) => dataRow(k + 1));
          await context.sync();
        });
        return emu;
      })(),
    );
  }
  const [stored, plain] = books;
  const read = (e: ExcelEmulator) => e.model.values(e.model.sheetByName("P")!, { r0: 0, r1: 1, c0: 0, c1: 2 });
  expect(stored.model.blockOf(stored.model.sheetByName("P")!)?.rect).toEqual({ r0: 10, r1: N + 9, c0: 0, c1: 4 });
  expect(plain.model.blockOf(plain.model.sheetByName("P")!)).toBeUndefined();
  expect(read(stored)).toEqual(read(plain));
  // By hand: D300 is data row 290 (i = 290, not a multiple of 50): 36.25, doubled.
  expect(read(stored)[0][2]).toBe(72.5);
  for (const e of books)
    await e.run(async (context) => {
      context.workbook.worksheets.getItem("P").getRange("D300").values = [[1]];
      await context.sync();
    });
  expect(read(stored)).toEqual(read(plain));
  expect(read(stored)[0][2]).toBe(2);
  expect(stored.model.usedRect(stored.model.sheetByName("P")!)).toEqual(
    plain.model.usedRect(plain.model.sheetByName("P")!),
  );
});
