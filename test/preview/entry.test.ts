import { ExcelEmulator } from "../../src/emulator";
import { listChoices, nearestInput, parseTsv, refusal, toTsv } from "../../src/preview/entry";
import { fitNumber, cellLooks, landingColumn } from "../../src/preview/grid";
import { nextRegion } from "../../src/preview/shell";

/** A sheet with a 1–5 whole-number rule on B2:B5 (Stop alert), a list rule on C2:C5 and a decimal rule on D2. */
async function ruled() {
  const emu = new ExcelEmulator();
  await emu.run(async (context) => {
    const ws = context.workbook.worksheets.add("S");
    const b = ws.getRange("B2:B5").dataValidation;
    b.rule = { wholeNumber: { formula1: 1, formula2: 5, operator: "Between" } };
    b.errorAlert = {
      showAlert: true,
      style: "Stop",
      title: "Invalid entry",
      message: "Enter a whole number from 1 to 5.",
    };
    const c = ws.getRange("C2:C5").dataValidation;
    c.rule = { list: { inCellDropDown: true, source: "High,Medium,Low" } };
    const d = ws.getRange("D2").dataValidation;
    d.rule = { decimal: { formula1: "=F1", formula2: 1, operator: "Between" } };
    d.errorAlert = { showAlert: false, style: "Stop", title: "", message: "" };
    ws.getRange("F1").values = [[0]];
    await context.sync();
  });
  const m = emu.model;
  return { m, s: m.sheetByName("S")! };
}

test("a whole-number rule refuses 9, 2.5 and text with its own Stop alert, takes 1…5 and a blank", async () => {
  const { m, s } = await ruled();
  const refused = { style: "Stop", title: "Invalid entry", message: "Enter a whole number from 1 to 5." };
  expect(refusal(m, s, 1, 1, 9)).toEqual(refused);
  expect(refusal(m, s, 1, 1, 0)).toEqual(refused);
  expect(refusal(m, s, 1, 1, 2.5)).toEqual(refused);
  expect(refusal(m, s, 1, 1, "four")).toEqual(refused);
  for (const ok of [1, 3, 5, ""]) expect([ok, refusal(m, s, 1, 1, ok)]).toEqual([ok, null]);
  // Outside the rule's range: anything goes.
  expect(refusal(m, s, 6, 1, 9)).toBeNull();
});

test("a list rule takes its items (any case) and refuses others with Excel's default alert; a rule without alert takes anything", async () => {
  const { m, s } = await ruled();
  expect(listChoices(m, s, "High,Medium,Low")).toEqual(["High", "Medium", "Low"]);
  expect(refusal(m, s, 2, 2, "Medium")).toBeNull();
  expect(refusal(m, s, 2, 2, "low")).toBeNull();
  expect(refusal(m, s, 2, 2, "Urgent")).toEqual({ style: "Stop", title: "", message: "" });
  // D2's alert is off: Excel takes the entry.
  expect(refusal(m, s, 1, 3, 7)).toBeNull();
});

test("the nearest input to a locked cell: the same row first, then the closest row", async () => {
  const emu = new ExcelEmulator();
  await emu.run(async (context) => {
    const ws = context.workbook.worksheets.add("P");
    ws.getRange("A1:H12").values = Array.from({ length: 12 }, () => Array(8).fill("x"));
    ws.getRange("C3:D3").format.protection.locked = false;
    ws.getRange("G10").format.protection.locked = false;
    ws.protection.protect();
    await context.sync();
  });
  const s = emu.model.sheetByName("P")!;
  expect(nearestInput(emu.model, s, 2, 7)).toBe("D3"); // H3: same row
  expect(nearestInput(emu.model, s, 9, 0)).toBe("G10"); // A10: same row, far column
  expect(nearestInput(emu.model, s, 5, 2)).toBe("C3"); // C6: C3 three rows up beats G10, four rows down
  expect(nearestInput(emu.model, s, 7, 2)).toBe("G10"); // C8: G10 two rows down beats C3, five rows up
});

test("tab-separated text round-trips: quotes, tabs and line breaks inside cells, ragged rows padded", () => {
  const cells = [
    ["Customer", "Note"],
    ['Ping An "Life"', "line 1\nline 2"],
    ["a\tb", ""],
  ];
  const text = toTsv(cells);
  expect(text).toBe('Customer\tNote\r\n"Ping An ""Life"""\t"line 1\nline 2"\r\n"a\tb"\t\r\n');
  expect(parseTsv(text)).toEqual(cells);
  // From a text editor: LF only, a short row, no final line break.
  expect(parseTsv("a\tb\tc\n1\t2")).toEqual([
    ["a", "b", "c"],
    ["1", "2", ""],
  ]);
});

test('"###" for a number wider than its column; a General number rounds first; text never turns to "#"', () => {
  const measure = (s: string) => s.length * 7;
  expect(fitNumber("64,007.80", 64007.8, false, 80, measure)).toBe("64,007.80"); // 63 px fits
  expect(fitNumber("64,007.80", 64007.8, false, 40, measure)).toBe("#####"); // 40 px: five "#"
  expect(fitNumber("1234.5678", 1234.5678, true, 50, measure)).toBe("1234.57"); // 49 px
  expect(fitNumber("1234.5678", 1234.5678, true, 30, measure)).toBe("1235"); // 28 px
  // A General integer too wide turns to scientific notation: 123456789012 in 56 px (8 characters).
  expect(fitNumber("123456789012", 123456789012, true, 56, measure)).toBe("1.23E+11");
  expect(fitNumber("123456789012", 123456789012, true, 20, measure)).toBe("##");
  expect(fitNumber("1,234,567", 1234567, false, 30, measure)).toBe("####");
});

test("long text spills over empty neighbours and stops at the first full one", async () => {
  const emu = new ExcelEmulator();
  await emu.run(async (context) => {
    const ws = context.workbook.worksheets.add("T");
    ws.getRange("A1").values = [["a long heading that spills"]];
    ws.getRange("D1").values = [[5]];
    ws.getRange("A2:B2").values = [["clipped by its neighbour", "full"]];
    ws.getRange("A3").values = [[123456789]];
    await context.sync();
  });
  const s = emu.model.sheetByName("T")!;
  const looks = cellLooks(emu.model, s, { r0: 0, r1: 2, c0: 0, c1: 5 });
  expect([looks[0][0].spill, looks[0][0].spillCols]).toEqual([true, 2]); // over B1 and C1, up to D1
  expect(looks[1][0].spill).toBe(false); // B2 is full: clipped
  expect(looks[2][0].spill).toBe(false); // a number never spills
  expect(looks[2][0].number).toBe(123456789);
});

test("a hidden column draws nothing: no text, no spill from it; the keyboard passes over hidden columns", async () => {
  const emu = new ExcelEmulator();
  await emu.run(async (context) => {
    const ws = context.workbook.worksheets.add("H");
    ws.getRange("A1:B1").values = [["shown", ";key;helper;text;"]];
    ws.getRange("B:C").columnHidden = true;
    await context.sync();
  });
  const s = emu.model.sheetByName("H")!;
  const looks = cellLooks(emu.model, s, { r0: 0, r1: 0, c0: 0, c1: 4 });
  expect([looks[0][0].hidden, looks[0][1].hidden, looks[0][2].hidden, looks[0][3].hidden]).toEqual([
    undefined,
    true,
    true,
    undefined,
  ]);
  expect(looks[0][1].spill).toBe(false);
  const hidden = new Set([1, 2]);
  // An arrow from A goes to D, from D back to A; End towards a hidden last column stops before it.
  expect(landingColumn(hidden, 0, 1, 10)).toBe(3);
  expect(landingColumn(hidden, 3, 2, 10)).toBe(0);
  expect(landingColumn(new Set([8, 9]), 0, 9, 10)).toBe(7);
  // Nothing shown that way: the nearest the other way; nothing shown at all: stay.
  expect(landingColumn(new Set([0]), 1, 0, 10)).toBe(1);
  expect(landingColumn(new Set([0, 1]), 1, 0, 2)).toBe(1);
});

test("F6 cycles the regions forwards and Shift+F6 backwards, from wherever focus is", () => {
  const [pane, grid, tabs] = ["aside", "div", "div"].map(
    (t) => ({ t, contains: () => false }) as unknown as HTMLElement,
  );
  const inPane = {} as Element;
  (pane as unknown as { contains: (e: Element) => boolean }).contains = (e) => e === inPane;
  expect(nextRegion([pane, grid, tabs], inPane, false)).toBe(grid);
  expect(nextRegion([pane, grid, tabs], grid, false)).toBe(tabs);
  expect(nextRegion([pane, grid, tabs], tabs, false)).toBe(pane);
  expect(nextRegion([pane, grid, tabs], pane, true)).toBe(tabs);
  expect(nextRegion([pane, grid, tabs], null, false)).toBe(pane);
  expect(nextRegion([pane, null, tabs], pane, false)).toBe(tabs);
});
