/**
 * The emulator follows Excel where the add-in relies on it (docs/excel-behaviour.md lists each
 * rule with its Microsoft source). Each test writes through the API as an add-in would.
 */
import { ExcelEmulator } from "../../src/emulator";
import { dateSerial, excelWouldConvert, parseTypedInput } from "../../src/typed-input";
import { formulaSyntaxError } from "../../src/emulator/syntax";
import { structuredColumn } from "../../src/excel/sources";
import type { Rect } from "../../src/emulator/address";
import { inlineTableRefs, type TableInfo, type TranslateContext } from "../../src/emulator/structured";

async function sheetWith(values: unknown[][], format?: string) {
  const emu = new ExcelEmulator();
  await emu.run(async (ctx) => {
    const ws = ctx.workbook.worksheets.add("S");
    const r = ws.getRange(`A1:A${values.length}`);
    if (format) r.numberFormat = values.map(() => [format]);
    r.values = values as Excel.Range["values"];
    await ctx.sync();
  });
  const s = emu.model.sheetByName("S")!;
  return {
    emu,
    value: (row: number) => emu.model.value(s, row, 0),
    format: (row: number) => emu.model.numberFormat(s, row, 0),
  };
}

describe("typed input: strings written to General cells are parsed as Excel parses typed input", () => {
  test("dates, percentages, thousands, currency, booleans and times become values with a format", async () => {
    const inputs = ["2003-05", "2003/5/1", "50%", "1,000", "¥5", "TRUE", "09:00", "1-2", "(12)", "1e3"];
    const { value, format } = await sheetWith(inputs.map((x) => [x]));
    const year = new Date().getFullYear();
    expect(inputs.map((_, i) => value(i))).toEqual([
      dateSerial(2003, 5, 1),
      dateSerial(2003, 5, 1),
      0.5,
      1000,
      5,
      true,
      0.375,
      dateSerial(year, 1, 2),
      -12,
      1000,
    ]);
    expect([format(0), format(2), format(3), format(6)]).toEqual(["mmm-yy", "0%", "#,##0", "h:mm"]);
  });

  test("an apostrophe keeps text, and so does a cell formatted as Text", async () => {
    const quoted = await sheetWith([["'2003-05"], ["'50%"], ["'110"]]);
    expect([0, 1, 2].map(quoted.value)).toEqual(["2003-05", "50%", "110"]);
    const text = await sheetWith([["2003-05"], ["1,000"]], "@");
    expect([0, 1].map(text.value)).toEqual(["2003-05", "1,000"]);
  });

  test("what stays text: words, codes, Chinese text, a lone sign", () => {
    for (const s of ["Ping An", "平安人寿", "A-12", "2002-Q4", "Q1", "1.2.3", "12 months", "-"]) {
      expect([s, parseTypedInput(s)]).toEqual([s, null]);
    }
    expect(excelWouldConvert("=SUM(A1)")).toBe(true);
    expect(excelWouldConvert("2002-Q4")).toBe(false);
  });
});

test("a formula written into a Text-formatted cell is stored as text and never calculates", async () => {
  const { value, emu } = await sheetWith([["=1+1"]], "@");
  expect(value(0)).toBe("=1+1");
  expect(emu.model.sheetByName("S")!.formulas.size).toBe(0);
});

describe("malformed formulas are refused like Excel refuses them", () => {
  test.each(["=SUM(A1", "=1+", "=A1)", '="abc', "=*2", '=IF(A1=1,"x")2', "=SUM(A1;A2)", "='Sheet!A1"])(
    "%s",
    async (f) => {
      expect(formulaSyntaxError(f)).not.toBeNull();
      await expect(sheetWith([[f]])).rejects.toThrow(/does not parse/);
    },
  );
  test("valid formulas the product writes parse", () => {
    for (const f of [
      '=IF($B$5=0,0,SUMIFS(Sales[[Sub-industry]],Sales[行业],$A11,Sales[月份],">="&$B$3)/$B$5)',
      '=IFERROR(INDEX($C$5:$C$9,MATCH(B3,$F$5:$F$9,0)),"")',
      "='1 行业分析'!$B$3+SixStep_FocusAverage",
      '="100% = "&TEXT($B$20/10000,"#,##0")&" 万元"',
      "=-A1%+(+2)^2",
      "=A1:B2 B1:C3",
      '=IF(A1="",,"x""y")',
      "=[@Importance]*2",
      "=SUM(Revenue[#Data],Revenue[[#Totals],[Amount]])",
    ]) {
      expect([f, formulaSyntaxError(f)]).toEqual([f, null]);
    }
  });
});

test("references into a deleted sheet become #REF! for good, names too", async () => {
  const emu = new ExcelEmulator();
  await emu.run(async (ctx) => {
    const a = ctx.workbook.worksheets.add("Data");
    a.getRange("A1:A2").values = [[5], [7]];
    const b = ctx.workbook.worksheets.add("Report");
    b.getRange("A1:B1").formulas = [["=SUM(Data!A1:A2)", "='Data'!A1*2+1"]];
    ctx.workbook.names.add("Total", "=Data!$A$1:$A$2");
    await ctx.sync();
  });
  await emu.run(async (ctx) => {
    ctx.workbook.worksheets.getItem("Data").delete();
    await ctx.sync();
    ctx.workbook.worksheets.add("Data").getRange("A1:A2").values = [[1], [1]];
    await ctx.sync();
  });
  const r = emu.model.sheetByName("Report")!;
  expect([r.formulas.get(0), r.formulas.get(1)]).toEqual(["=SUM(#REF!)", "=#REF!*2+1"]);
  expect(String(emu.model.value(r, 0, 0))).toBe("#REF!");
  expect(emu.model.names.get("total")?.formula ?? [...emu.model.names.values()][0].formula).toBe("=#REF!");
});

describe("a table converted to a range, or resized", () => {
  /** Table T over D!A1:B5 (4 rows); formulas and a name over it on sheet O, one inside it. */
  async function withTable() {
    const emu = new ExcelEmulator();
    await emu.run(async (ctx) => {
      const d = ctx.workbook.worksheets.add("D");
      d.getRange("A1:B5").values = [
        ["a", "b"],
        [1, "x"],
        [2, "y"],
        [3, "x"],
        [4, "y"],
      ];
      d.tables.add("A1:B5", true).name = "T";
      const o = ctx.workbook.worksheets.add("O");
      o.getRange("A1:C1").formulas = [['=COUNTIFS(T[a],">0")', '=SUMIFS(T[a],T[b],"x")&"T[a]"', "=ROWS(T[#All])"]];
      ctx.workbook.names.add("TA", "=T[a]");
      o.getRange("D1").formulas = [["=SUM(TA)"]];
      await ctx.sync();
    });
    const o = emu.model.sheetByName("O")!;
    return { emu, o, row: () => [0, 1, 2, 3].map((c) => emu.model.value(o, 0, c)) };
  }

  test("converted: its references become the cells it covered, absolute, in formulas and names", async () => {
    const { emu, o, row } = await withTable();
    expect(row()).toEqual([4, "4T[a]", 5, 10]);
    await emu.run(async (ctx) => {
      ctx.workbook.tables.getItem("T").convertToRange();
      await ctx.sync();
    });
    expect([0, 1, 2].map((c) => o.formulas.get(c))).toEqual([
      '=COUNTIFS(D!$A$2:$A$5,">0")',
      '=SUMIFS(D!$A$2:$A$5,D!$B$2:$B$5,"x")&"T[a]"',
      "=ROWS(D!$A$1:$B$5)",
    ]);
    expect([...emu.model.names.values()].find((n) => n.name === "TA")!.formula).toBe("=D!$A$2:$A$5");
    expect(row()).toEqual([4, "4T[a]", 5, 10]);
    // A table of the same name added later does not change them: they read the cells.
    await emu.run(async (ctx) => {
      const d = ctx.workbook.worksheets.getItem("D");
      d.getRange().clear("All");
      d.getRange("A1:B3").values = [
        ["a", "b"],
        [7, "x"],
        [8, "x"],
      ];
      d.tables.add("A1:B3", true).name = "T";
      await ctx.sync();
    });
    expect(o.formulas.get(0)).toBe('=COUNTIFS(D!$A$2:$A$5,">0")');
    expect(row()).toEqual([2, "15T[a]", 5, 15]);
  });

  test("converted: only its references change; strings, TRUE, quoted sheets, look-alike names and other tables' references stay as written", () => {
    const info = (name: string, sheet: string, rect: Rect, columns: string[]): TableInfo => ({
      name,
      sheet,
      rect,
      showTotals: false,
      columns,
    });
    const tables: Record<string, TableInfo> = {
      t: info("T", "D", { r0: 0, r1: 4, c0: 0, c1: 1 }, ["a", "b"]),
      u: info("U", "D", { r0: 0, r1: 2, c0: 3, c1: 3 }, ["a"]),
    };
    const at = (row: number, col: number): TranslateContext => ({
      table: (n) => tables[n.toLowerCase()],
      cell: { sheet: "D", row, col },
      tableAt: (_s, r, c) =>
        Object.values(tables).find((x) => x.rect.r0 <= r && r <= x.rect.r1 && x.rect.c0 <= c && c <= x.rect.c1),
    });
    const f = `=IF(TRUE,SUM(T[a]),"x""T[a]""")+U[a]+'T'!A1+TX[a]+T[[#Headers],[b]]`;
    expect(inlineTableRefs(f, at(0, 9), "T")).toBe(`=IF(TRUE,SUM(D!$A$2:$A$5),"x""T[a]""")+U[a]+'T'!A1+TX[a]+D!$B$1`);
    // Inside the table, its own unqualified references (this row's); inside another table, that one's.
    expect(inlineTableRefs("=[@a]*2+[@[b]]", at(2, 1), "T")).toBe("=D!$A$3*2+D!$B$3");
    expect(inlineTableRefs("=[@a]+T[@a]", at(1, 3), "T")).toBe("=[@a]+D!$A$2");
    expect(inlineTableRefs("=SUM(A1:A3)", at(0, 9), "T")).toBe("=SUM(A1:A3)");
  });

  test("resized: formulas over it follow; the header row stays, the range overlaps", async () => {
    const { emu, row } = await withTable();
    await emu.run(async (ctx) => {
      const t = ctx.workbook.tables.getItem("T");
      t.resize("A1:B3");
      await ctx.sync();
    });
    expect(row()).toEqual([2, "1T[a]", 3, 3]);
    await emu.run(async (ctx) => {
      ctx.workbook.worksheets.getItem("D").getRange("A4:B7").values = [
        [5, "x"],
        [6, "x"],
        [7, "x"],
        [8, "y"],
      ];
      ctx.workbook.tables.getItem("T").resize(ctx.workbook.worksheets.getItem("D").getRange("A1:B7"));
      await ctx.sync();
    });
    expect(row()).toEqual([6, "19T[a]", 7, 29]);
    for (const bad of ["A2:B9", "D!A10:B12"])
      await expect(
        emu.run(async (ctx) => {
          ctx.workbook.tables.getItem("T").resize(bad);
          await ctx.sync();
        }),
      ).rejects.toThrow(/overlap/);
  });
});

test("a sheet protected with a password is unprotected only with it", async () => {
  const emu = new ExcelEmulator();
  await emu.run(async (ctx) => {
    ctx.workbook.worksheets.add("S").protection.protect({}, "s3cret");
    await ctx.sync();
  });
  await expect(
    emu.run(async (ctx) => {
      ctx.workbook.worksheets.getItem("S").protection.unprotect();
      await ctx.sync();
    }),
  ).rejects.toThrow(/password/);
  await emu.run(async (ctx) => {
    ctx.workbook.worksheets.getItem("S").protection.unprotect("s3cret");
    await ctx.sync();
  });
  expect(emu.model.sheetByName("S")!.protection.protected).toBe(false);
});

test("the used range counts formatted cells unless values only are asked for", async () => {
  const emu = new ExcelEmulator();
  const addresses = await emu.run(async (ctx) => {
    const ws = ctx.workbook.worksheets.add("S");
    ws.getRange("B2").values = [[1]];
    ws.getRange("D9").format.fill.color = "#FFFF00";
    const all = ws.getUsedRange(false);
    const values = ws.getUsedRange(true);
    all.load("address");
    values.load("address");
    await ctx.sync();
    return [all.address, values.address];
  });
  expect(addresses).toEqual(["S!B2:D9", "S!B2"]);
});

test("Excel's leniency: a change to a null object is a no-op, a header-only table gets one empty row, a worksheet's id comes with any load", async () => {
  const emu = new ExcelEmulator();
  await emu.run(async (ctx) => {
    ctx.workbook.worksheets.getItemOrNullObject("Sample").delete();
    const ws = ctx.workbook.worksheets.add("S");
    ws.getRange("A1:B1").values = [["Service", "Amount"]];
    const t = ws.tables.add("S!A1:B1", true);
    t.load("name");
    const active = ctx.workbook.worksheets.getActiveWorksheet();
    active.load("name");
    await ctx.sync();
    expect(active.id).toMatch(/\S/);
  });
  expect(emu.model.tables[0].rect).toEqual({ r0: 0, c0: 0, r1: 1, c1: 1 });
});

describe("structured references follow Excel's escaping", () => {
  test("headers with special characters are written between double brackets, ' escapes [ ] # '", () => {
    expect(structuredColumn("Sales", "Sub-industry")).toBe("Sales[[Sub-industry]]");
    expect(structuredColumn("Sales", "收入(元)")).toBe("Sales[收入(元)]");
    expect(structuredColumn("Sales", "Price [net]")).toBe("Sales[[Price '[net']]]");
    expect(structuredColumn("Sales", "客户#")).toBe("Sales[[客户'#]]");
    expect(structuredColumn("Sales", "行业")).toBe("Sales[行业]");
  });

  test("the emulator evaluates them, and refuses a special character between single brackets", async () => {
    const emu = new ExcelEmulator();
    const headers = ["Sub-industry", "收入(元)", "Price [net]", "客户#"];
    await emu.run(async (ctx) => {
      const ws = ctx.workbook.worksheets.add("S");
      ws.getRange("A1:D3").values = [headers, ["a", 1, 10, 100], ["b", 2, 20, 200]];
      ws.tables.add("A1:D3", true).name = "Sales";
      ws.getRange("F1:H1").formulas = [
        headers.slice(1).map((h) => `=SUM(${structuredColumn("Sales", h)})`),
      ] as string[][];
      ws.getRange("F2").formulas = [[`=COUNTIF(${structuredColumn("Sales", "Sub-industry")},"a")`]];
      await ctx.sync();
    });
    const s = emu.model.sheetByName("S")!;
    expect([5, 6, 7].map((c) => emu.model.value(s, 0, c))).toEqual([3, 30, 300]);
    expect(emu.model.value(s, 1, 5)).toBe(1);
    await expect(
      emu.run(async (ctx) => {
        ctx.workbook.worksheets.getItem("S").getRange("J1").formulas = [["=COUNTA(Sales[Sub-industry])"]];
        await ctx.sync();
      }),
    ).rejects.toThrow(/special characters/);
  });
});
