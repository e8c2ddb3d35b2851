import { ExcelEmulator } from "../../src/emulator";
import { shiftFormula } from "../../src/emulator/address";
import { jsonBytes, utf8Length, utf8LengthInScript } from "../../src/address";

function revenueWorkbook() {
  const emu = new ExcelEmulator();
  return emu;
}

async function setupRevenue(emu: ExcelEmulator) {
  await emu.run(async (ctx) => {
    const ws = ctx.workbook.worksheets.add("Data");
    ws.getRange("A1:C4").values = [
      ["Industry", "Service", "Amount"],
      ["金融", "市话", 100],
      ["金融", "数据", 50.5],
      ["运营商", "数据", 1000],
    ];
    const t = ws.tables.add("Data!A1:C4", true);
    t.name = "Revenue";
    await ctx.sync();
  });
}

describe("load and sync", () => {
  test("reading a property before load/sync throws PropertyNotLoaded", async () => {
    const emu = revenueWorkbook();
    await setupRevenue(emu);
    await emu.run(async (ctx) => {
      const r = ctx.workbook.worksheets.getItem("Data").getRange("C2");
      expect(() => r.values).toThrow(expect.objectContaining({ code: "PropertyNotLoaded" }));
      r.load("values");
      expect(() => r.values).toThrow(expect.objectContaining({ code: "PropertyNotLoaded" }));
      await ctx.sync();
      expect(r.values).toEqual([[100]]);
      expect(() => r.address).toThrow(expect.objectContaining({ code: "PropertyNotLoaded" }));
    });
  });

  test("operations apply at sync, in order", async () => {
    const emu = revenueWorkbook();
    await emu.run(async (ctx) => {
      const ws = ctx.workbook.worksheets.add("S");
      ws.getRange("A1").values = [[1]];
      expect(emu.model.sheets).toHaveLength(0);
      await ctx.sync();
      expect(emu.model.sheets.map((s) => s.name)).toEqual(["S"]);
      ws.getRange("A1").values = [[2]];
      const r = ws.getRange("A1");
      r.load("values");
      await ctx.sync();
      expect(r.values).toEqual([[2]]);
    });
    expect(emu.runs[0].syncs.length).toBe(3); // two explicit, one final flush
  });

  test("getItemOrNullObject gives isNullObject after sync; getItem fails at sync", async () => {
    const emu = revenueWorkbook();
    await setupRevenue(emu);
    await emu.run(async (ctx) => {
      const a = ctx.workbook.worksheets.getItemOrNullObject("data"); // case-insensitive
      const b = ctx.workbook.worksheets.getItemOrNullObject("Nope");
      expect(() => a.isNullObject).toThrow(expect.objectContaining({ code: "PropertyNotLoaded" }));
      await ctx.sync();
      expect(a.isNullObject).toBe(false);
      expect(b.isNullObject).toBe(true);
      ctx.workbook.worksheets.getItem("Nope");
      await expect(ctx.sync()).rejects.toMatchObject({ code: "ItemNotFound" });
    });
  });

  test("collections load items with the named properties, and count where Excel has one", async () => {
    const emu = revenueWorkbook();
    await setupRevenue(emu);
    await emu.run(async (ctx) => {
      const tables = ctx.workbook.tables;
      tables.load("items/name, count");
      const sheets = ctx.workbook.worksheets;
      sheets.load("items/name");
      const columns = ctx.workbook.tables.getItem("Revenue").columns;
      columns.load("items/name");
      await ctx.sync();
      expect([tables.count, tables.items.map((t) => t.name)]).toEqual([1, ["Revenue"]]);
      expect(sheets.items.map((s) => s.name)).toEqual(["Data"]);
      expect(columns.items.map((c) => c.name)).toEqual(["Industry", "Service", "Amount"]);
      expect(() => sheets.items[0].position).toThrow(expect.objectContaining({ code: "PropertyNotLoaded" }));
      ctx.workbook.worksheets.load("count");
      await expect(ctx.sync()).rejects.toThrow("not emulated: WorksheetCollection.count");
    });
  });

  test("used ranges: of a sheet, clipped to a range, and null when empty", async () => {
    const emu = revenueWorkbook();
    await setupRevenue(emu);
    await emu.run(async (ctx) => {
      const data = ctx.workbook.worksheets.getItem("Data");
      const empty = ctx.workbook.worksheets.add("Empty");
      const whole = data.getUsedRange();
      const clipped = data.getRange("B2:Z9").getUsedRange();
      const none = empty.getUsedRangeOrNullObject();
      const outside = data.getRange("F10:G12").getUsedRangeOrNullObject();
      whole.load("address");
      clipped.load("address");
      await ctx.sync();
      expect([whole.address, clipped.address, none.isNullObject, outside.isNullObject]).toEqual([
        "Data!A1:C4",
        "Data!B2:C4",
        true,
        true,
      ]);
    });
  });

  test("navigation properties are the same object on every read, so what was loaded stays readable", async () => {
    const emu = revenueWorkbook();
    await setupRevenue(emu);
    await emu.run(async (ctx) => {
      const ws = ctx.workbook.worksheets.getItem("Data");
      expect(ws.protection).toBe(ws.protection);
      ws.protection.load("protected");
      ws.tables.load("items/name");
      await ctx.sync();
      expect(ws.protection.protected).toBe(false);
      expect(ws.tables.items.map((t) => t.name)).toEqual(["Revenue"]);
    });
  });

  test("members that are not emulated throw clearly", async () => {
    const emu = revenueWorkbook();
    await setupRevenue(emu);
    await emu.run(async (ctx) => {
      const r = ctx.workbook.worksheets.getItem("Data").getRange("A1") as unknown as Record<string, unknown>;
      expect(() => r.getSpecialCells).toThrow("not emulated: Range.getSpecialCells");
      expect(() => (ctx.workbook as unknown as Record<string, unknown>).comments).toThrow(
        "not emulated: Workbook.comments",
      );
    });
  });
});

describe("Excel's rules", () => {
  test.each([
    ["a".repeat(32), "InvalidArgument"],
    ["a/b", "InvalidArgument"],
    ["x:y", "InvalidArgument"],
    ["[1]", "InvalidArgument"],
    ["DATA", "ItemAlreadyExists"],
  ])("sheet name %p is refused with %s", async (name, code) => {
    const emu = revenueWorkbook();
    await setupRevenue(emu);
    await expect(emu.run(async (ctx) => void ctx.workbook.worksheets.add(name))).rejects.toMatchObject({ code });
  });

  test("a 31-character CJK sheet name is fine", async () => {
    const emu = revenueWorkbook();
    await emu.run(async (ctx) => void ctx.workbook.worksheets.add("行".repeat(31)));
    expect(emu.model.sheets[0].name).toHaveLength(31);
  });

  test("a 2-D array must match the range's shape", async () => {
    const emu = revenueWorkbook();
    await expect(
      emu.run(async (ctx) => {
        ctx.workbook.worksheets.add("S").getRange("A1:B2").values = [[1, 2]];
      }),
    ).rejects.toMatchObject({ code: "InvalidArgument" });
  });

  test("a string starting with = written to values becomes a formula; ' forces text; numeric text is a number", async () => {
    const emu = revenueWorkbook();
    await emu.run(async (ctx) => {
      const ws = ctx.workbook.worksheets.add("S");
      ws.getRange("A1:D1").values = [[2, "=A1*21", "'=A1", "3.5"]];
      const r = ws.getRange("A1:D1");
      r.load("values, formulas");
      await ctx.sync();
      expect(r.values).toEqual([[2, 42, "=A1", 3.5]]);
      expect(r.formulas).toEqual([[2, "=A1*21", "=A1", 3.5]]);
    });
  });

  test("a single value fills the range; null leaves a cell unchanged", async () => {
    const emu = revenueWorkbook();
    await emu.run(async (ctx) => {
      const ws = ctx.workbook.worksheets.add("S");
      ws.getRange("A1:B2").values = 7 as unknown as number[][];
      ws.getRange("A1:B1").values = [[null, 1]];
      const r = ws.getRange("A1:B2");
      r.load("values");
      await ctx.sync();
      expect(r.values).toEqual([
        [7, 1],
        [7, 7],
      ]);
    });
  });

  test("dates are serial numbers plus a number format, shown by text", async () => {
    const emu = revenueWorkbook();
    await emu.run(async (ctx) => {
      const ws = ctx.workbook.worksheets.add("S");
      const r = ws.getRange("A1:B1");
      r.values = [[37530, "=DATE(2002,12,31)"]];
      r.numberFormat = [["yyyy-mm-dd", 'yyyy"年"m"月"']];
      r.load("text, values");
      await ctx.sync();
      expect(r.values).toEqual([[37530, 37621]]);
      expect(r.text).toEqual([["2002-10-01", "2002年12月"]]);
    });
  });

  test("locked cells on a protected sheet refuse writes; unlocked ones accept them", async () => {
    const emu = revenueWorkbook();
    await emu.run(async (ctx) => {
      const ws = ctx.workbook.worksheets.add("S");
      ws.getRange("B2").format.protection.locked = false;
      ws.protection.protect();
      ws.getRange("B2").values = [[5]];
      await ctx.sync();
      ws.getRange("A1").values = [[5]];
      await expect(ctx.sync()).rejects.toMatchObject({ code: "AccessDenied" });
    });
    expect(emu.model.value(emu.model.sheets[0], 1, 1)).toBe(5);
  });
});

describe("structured references", () => {
  test("formulas over a table follow rows appended with rows.add", async () => {
    const emu = revenueWorkbook();
    await setupRevenue(emu);
    await emu.run(async (ctx) => {
      const out = ctx.workbook.worksheets.add("Out");
      out.getRange("A1:D1").formulas = [
        [
          "=SUM(Revenue[Amount])",
          '=SUMIFS(Revenue[Amount],Revenue[Industry],"金融")',
          "=ROWS(Revenue[#Data])",
          "=Revenue[[#Headers],[Service]]",
        ],
      ];
      const r = out.getRange("A1:D1");
      r.load("values");
      await ctx.sync();
      expect(r.values).toEqual([[1150.5, 150.5, 3, "Service"]]);
      ctx.workbook.tables.getItem("Revenue").rows.add(undefined, [["金融", "长话", 20]]);
      r.load("values");
      await ctx.sync();
      expect(r.values).toEqual([[1170.5, 170.5, 4, "Service"]]);
      const f = out.getRange("A1");
      f.load("formulas");
      await ctx.sync();
      expect(f.formulas).toEqual([["=SUM(Revenue[Amount])"]]);
    });
  });

  test("[@Column] in a calculated column, #Totals and [#This Row]", async () => {
    const emu = revenueWorkbook();
    await emu.run(async (ctx) => {
      const ws = ctx.workbook.worksheets.add("K");
      ws.getRange("A1:C3").values = [
        ["Factor", "Importance", "Gap"],
        ["Price", 5, "=[@Importance]*2"],
        ["Brand", 3, "=Factors[[#This Row],[Importance]]*2"],
      ];
      const t = ws.tables.add("K!A1:C3", true);
      t.name = "Factors";
      t.showTotals = true;
      t.getTotalRowRange().getCell(0, 1).formulas = [["=SUBTOTAL(109,[Importance])"]];
      ws.getRange("E2").formulas = [["=SUBTOTAL(109,Factors[Importance])"]];
      await ctx.sync();
      ws.getRange("E1").formulas = [["=Factors[[#Totals],[Importance]]"]];
      t.rows.add(undefined, [["Speed", 4, ""]]);
      const r = ws.getRange("A1:E6");
      r.load("values");
      await ctx.sync();
      expect(r.values[3]).toEqual(["Speed", 4, 8, "", ""]); // calculated column filled in
      expect(r.values[0][4]).toBe(12); // the totals cell, moved down a row, still found by name
      expect(r.values[1][4]).toBe(12);
    });
  });

  test("renaming a sheet rewrites formulas that name it", async () => {
    const emu = revenueWorkbook();
    await emu.run(async (ctx) => {
      ctx.workbook.worksheets.add("1 行业").getRange("A1").values = [[3]];
      ctx.workbook.worksheets.add("B").getRange("A1").formulas = [["='1 行业'!A1*2"]];
      await ctx.sync();
      ctx.workbook.worksheets.getItem("1 行业").name = "Industry";
      const r = ctx.workbook.worksheets.getItem("B").getRange("A1");
      r.load("values, formulas");
      await ctx.sync();
      expect(r.formulas).toEqual([["=Industry!A1*2"]]);
      expect(r.values).toEqual([[6]]);
    });
  });

  test("defined names over a range recalculate", async () => {
    const emu = revenueWorkbook();
    await setupRevenue(emu);
    await emu.run(async (ctx) => {
      ctx.workbook.names.add("Amounts", "=Revenue[Amount]");
      const ws = ctx.workbook.worksheets.getItem("Data");
      ws.getRange("F1").formulas = [["=SUM(Amounts)"]];
      const r = ws.getRange("F1");
      r.load("values");
      await ctx.sync();
      expect(r.values).toEqual([[1150.5]]);
    });
  });
});

describe("conditional formats", () => {
  test("a custom rule is evaluated per cell with relative references", async () => {
    const emu = revenueWorkbook();
    await emu.run(async (ctx) => {
      const ws = ctx.workbook.worksheets.add("G");
      ws.getRange("A1:C2").values = [
        [1, 5, 9],
        [6, 2, 7],
      ];
      const cf = ws.getRange("A1:C2").conditionalFormats.add("Custom");
      cf.custom.rule.formula = "=A1>4";
      cf.custom.format.fill.color = "#FF0000";
      await ctx.sync();
    });
    const s = emu.model.sheets[0];
    const cf = s.conditionalFormats[0];
    const lit = [0, 1].map((r) => [0, 1, 2].map((c) => emu.model.evaluateRule(s, cf, r, c)));
    expect(lit).toEqual([
      [false, true, true],
      [true, false, true],
    ]);
    expect(shiftFormula('=AND($B3<=D$2,"A1"="A1",Sheet1!C3)', 2, 1)).toBe('=AND($B5<=E$2,"A1"="A1",Sheet1!D5)');
    expect(shiftFormula('=A1&"say ""B2"""&\'My A1\'!B2&T[Col A1]', 1, 0)).toBe(
      '=A2&"say ""B2"""&\'My A1\'!B3&T[Col A1]',
    );
  });
});

describe("limits and instrumentation", () => {
  test("a request over 5 MB is refused; the same data in two syncs passes", async () => {
    const emu = revenueWorkbook();
    const rows = 60_000;
    const big = Array.from({ length: rows }, (_, i) => [`row ${i} ${"x".repeat(80)}`]);
    await expect(
      emu.run(async (ctx) => {
        ctx.workbook.worksheets.add("Big").getRange(`A1:A${rows}`).values = big;
      }),
    ).rejects.toMatchObject({ code: "RequestPayloadSizeLimitExceeded" });
    await emu.run(async (ctx) => {
      const ws = ctx.workbook.worksheets.getItemOrNullObject("Big");
      await ctx.sync();
      const sheet = ws.isNullObject ? ctx.workbook.worksheets.add("Big") : ws;
      sheet.getRange(`A1:A${rows / 2}`).values = big.slice(0, rows / 2);
      await ctx.sync();
      sheet.getRange(`A${rows / 2 + 1}:A${rows}`).values = big.slice(rows / 2);
      await ctx.sync();
    });
    const last = emu.runs[emu.runs.length - 1].syncs;
    expect(last.filter((s) => !s.readOnly)).toHaveLength(2);
    expect(Math.max(...last.map((s) => s.requestBytes))).toBeGreaterThan(2_500_000);
    expect(Math.max(...last.map((s) => s.requestBytes))).toBeLessThan(5 * 1024 * 1024);
  });

  test("a tall grid of one format a column is held as a layer a column, and reads back cell by cell as written", async () => {
    const emu = new ExcelEmulator();
    await emu.run(async (ctx) => {
      const ws = ctx.workbook.worksheets.add("F");
      // Two chunks of rows alike (as the writer sends the portfolio's copy), then a cell and a block apart.
      ws.getRange("A1:B1500").numberFormat = Array.from({ length: 1500 }, () => ["0.00", "@"]);
      ws.getRange("A1501:B3000").numberFormat = Array.from({ length: 1500 }, () => ["0.00", "@"]);
      ws.getRange("A10").numberFormat = [["yyyy-mm"]];
      ws.getRange("B2000:B2999").numberFormat = Array.from({ length: 1000 }, () => ["General"]);
      ws.getRange("B1998").values = [["007"]];
      // A short last chunk right under them grows their layers; a short grid elsewhere stays per cell.
      ws.getRange("A3001:B3010").numberFormat = Array.from({ length: 10 }, () => ["0.00", "@"]);
      ws.getRange("D1:D5").numberFormat = Array.from({ length: 5 }, () => ["0%"]);
      await ctx.sync();
    });
    const s = emu.model.sheetByName("F")!;
    const nf = (r: number, c: number) => emu.model.numberFormat(s, r, c);
    expect([nf(0, 0), nf(2999, 0), nf(9, 0), nf(3010, 0)]).toEqual(["0.00", "0.00", "yyyy-mm", "General"]);
    // B2000:B2999 (0-based 1999–2998) General; B3000 still text.
    expect([nf(0, 1), nf(1997, 1), nf(1999, 1), nf(2998, 1), nf(2999, 1)]).toEqual([
      "@",
      "@",
      "General",
      "General",
      "@",
    ]);
    // A text cell keeps "007" as text.
    expect(emu.model.value(s, 1997, 1)).toBe("007");
    expect([nf(3009, 0), nf(3009, 1), nf(3010, 1), nf(4, 3), nf(5, 3)]).toEqual([
      "0.00",
      "@",
      "General",
      "0%",
      "General",
    ]);
    // One layer a column for the three chunks (grown), and B's General block: three, not 6,020 cells;
    // A10 and D1:D5 cell by cell.
    expect(s.numberFormatLayers.length).toBe(3);
    expect(s.numberFormatLayers.map((l) => l.rect.r1)).toEqual([3009, 3009, 2998]);
    expect(s.numberFormats.size).toBe(6);
  });

  test("a request's bytes are UTF-8's, counted alike with Node's help and without it", () => {
    // By hand: ASCII 1 byte, é 2, 收 3, an emoji (a surrogate pair) 4, a lone surrogate 3 (its replacement).
    const cases: [string, number][] = [
      ["abc", 3],
      ["é", 2],
      ["收入", 6],
      ["😀", 4],
      ["\ud83d", 3],
      ["a\ud83dz", 5],
      [JSON.stringify([["客户", 1.5, "x"]]), 20],
    ];
    expect(cases.map(([s]) => utf8Length(s))).toEqual(cases.map(([, n]) => n));
    expect(cases.map(([s]) => utf8LengthInScript(s))).toEqual(cases.map(([, n]) => n));
  });

  test("a request's JSON bytes are counted in place, as the text JSON.stringify writes", () => {
    // By hand: [["客户",1.5,"x"]] is 2 + 2 + (2+6) + 1 + 3 + 1 + 3 = 20 bytes; "a\"b" 6; [null,true] 11.
    expect(jsonBytes([["客户", 1.5, "x"]])).toBe(20);
    expect(jsonBytes('a"b')).toBe(6);
    expect(jsonBytes([undefined, true])).toBe(11);
    const values: unknown[] = [
      [['=IF(A1="","",B1)', -0, 1e21, NaN, Infinity, false, null]],
      ["tab\there", "nl\nx", "\u0001\u001f", "back\\slash", "😀", "\ud83d", "\ude00z", "收入", "é"],
      [[], [[]], [1, [2, [3]]]],
      { a: 1, b: "收" },
      [{ f: "=A1" }, () => 1],
      "",
      0,
    ];
    // One row array repeated (a block's formats), and rows equal but not the same array.
    const row = ["0.00", "@", '"收"'];
    values.push([row, row, ["0.00", "@"], row], [row, [...row]]);
    expect(values.map((v) => jsonBytes(v))).toEqual(values.map((v) => utf8Length(JSON.stringify(v))));
    expect(jsonBytes(undefined)).toBe(0);
  });

  test("a response over 5 MB and a read over 5,000,000 cells are refused", async () => {
    const emu = revenueWorkbook();
    await emu.run(async (ctx) => {
      const ws = ctx.workbook.worksheets.add("Big");
      for (let i = 0; i < 3; i++) {
        ws.getRange(`A${i * 20000 + 1}:A${(i + 1) * 20000}`).values = Array.from({ length: 20000 }, () => [
          "y".repeat(100),
        ]);
        await ctx.sync();
      }
    });
    await expect(
      emu.run(async (ctx) => {
        ctx.workbook.worksheets.getItem("Big").getRange("A1:A60000").load("values");
      }),
    ).rejects.toMatchObject({ code: "ResponsePayloadSizeLimitExceeded" });
    await expect(
      emu.run(async (ctx) => {
        ctx.workbook.worksheets.getItem("Big").getRange("A1:E1000001").load("values");
      }),
    ).rejects.toMatchObject({ code: "RangeExceedsLimit" });
  });

  test("a sync can be made to fail for failure-injection tests", async () => {
    const emu = revenueWorkbook();
    emu.failAtSync(2);
    await expect(
      emu.run(async (ctx) => {
        ctx.workbook.worksheets.add("A");
        await ctx.sync();
        ctx.workbook.worksheets.add("B");
        await ctx.sync();
      }),
    ).rejects.toThrow("injected failure at sync");
    expect(emu.model.sheets.map((s) => s.name)).toEqual(["A"]);
  });
});
