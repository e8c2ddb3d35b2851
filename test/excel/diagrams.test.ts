/**
 * The deck's diagrams as Excel shapes (issue 29, item 8): the network design (p.12, p.20) and the
 * organisation and buying process (p.14) on the Needs sheet, drawn from its tables and step 6's
 * influencers, redrawn on Refresh, written as DrawingML, and left out (with a message) on a host
 * without the shapes API.
 */
import { unzipSync, strFromU8 } from "fflate";
import { ExcelEmulator } from "../../src/emulator";
import { rowTop } from "../../src/emulator/shapes";
import type { ShapeModel, SheetModel } from "../../src/emulator/types";
import { exportXlsx } from "../../src/emulator/xlsx";
import { generate } from "../../src/excel/pipeline";
import { ATTITUDE_FILLS, isBackup } from "../../src/layout/diagrams";
import { checkPackage } from "../helpers/ooxml";
import { cell, cellOf, rowWith, sampleEmulator } from "../helpers/workbook";

const of = (ws: SheetModel, id: string) => ws.shapes.filter((s) => s.name.startsWith(`SixStep_${id}_`));
const boxes = (xs: ShapeModel[]) => xs.filter((s) => s.type === "GeometricShape");
const lines = (xs: ShapeModel[]) => xs.filter((s) => s.type === "Line");
const texts = (xs: ShapeModel[]) => xs.filter((s) => s.type === "TextBox");

function needsSheet(emu: ExcelEmulator, sheets: { step: string; name: string }[]): SheetModel {
  return emu.model.sheetByName(sheets.find((s) => s.step === "needs")!.name)!;
}

describe("the zh sample's Needs sheet", () => {
  let emu: ExcelEmulator;
  let ws: SheetModel;
  let run: Awaited<ReturnType<typeof sampleEmulator>>["run"];
  let result: Awaited<ReturnType<typeof sampleEmulator>>["result"];
  beforeAll(async () => {
    const s = await sampleEmulator("zh");
    emu = s.emu;
    run = s.run;
    result = s.result;
    ws = needsSheet(emu, s.result.sheets);
  });

  test("draws the network design: the branch, a box per linked site group, a labelled line per link", () => {
    const net = of(ws, "Network");
    // The hub and the 6 site groups of the network table (the 2M circuits and the two backups share
    // their primaries' boxes: solution 2's 2M runs between the branch and the prefecture sub-branches).
    const b = boxes(net);
    expect(b.map((x) => x.text)).toEqual([
      "中国平安人寿保险有限公司福州分公司",
      "全国 · 深圳总部、上海数据中心、北方数据中心、香港公司",
      "省 · 福州分公司 + 6个地市中心支公司",
      "市 · 福州5个支公司；泉州6个营销服务部",
      "县 · 福清支公司等8个县支公司",
      "对外 · 工商银行",
      "对外 · 保监会及其它银行",
    ]);
    // 9 links and the legend's 3 samples; each link labelled as the deck labels it (p.12: 512KDDN).
    const l = lines(net);
    expect(l).toHaveLength(12);
    const labels = texts(net).map((x) => x.text);
    expect(labels.slice(0, 9)).toEqual([
      "2M长途电路",
      "512K DDN",
      "2M数字电路",
      "ISDN备份",
      "256K/128K DDN",
      "64K DDN",
      "ISDN备份",
      "128K DDN",
      "64K DDN",
    ]);
    // Backups orange, primaries blue; the planned links (2M, the two ISDN backups) dashed.
    const links = l.slice(0, 9);
    expect(links.map((x) => x.lineColor)).toEqual([
      "#1F4E79",
      "#1F4E79",
      "#1F4E79",
      "#C55A11",
      "#1F4E79",
      "#1F4E79",
      "#C55A11",
      "#1F4E79",
      "#1F4E79",
    ]);
    expect(links.filter((x) => x.dashStyle === "Dash")).toHaveLength(3);
    // Each line runs from the hub's right edge to its site box's left edge.
    const hub = b[0];
    expect(links.every((x) => x.ends!.x1 === hub.left + hub.width && x.ends!.x2 === b[1].left)).toBe(true);
    expect(isBackup({ linkType: "ISDN backup", bandwidth: "" })).toBe(true);
    expect(isBackup({ linkType: "DDN", bandwidth: "64K" })).toBe(false);
  });

  test("draws the buying process: the four levels top-down, the key people coloured by their attitude now", () => {
    const buy = of(ws, "Buying");
    const b = boxes(buy);
    expect(b.slice(0, 4).map((x) => x.text.split("\n")[0])).toEqual([
      "总公司 · 掌握预算",
      "分公司 · 掌握预算",
      "中心支公司",
      "营业网点",
    ]);
    expect(b[1].text).toContain("语音：办公室；数据：电脑部");
    // The influencers of step 6 (influencers.csv): 郑师超 C→B, 林智勇 B→B+, 黄艾香 D→C.
    const people = b.slice(4, 7);
    expect(people.map((x) => x.text)).toEqual([
      "郑师超 · 主任\n办公室 · 态度 C→B",
      "林智勇 · 电脑部经理\n电脑部 · 态度 B→B+",
      "黄艾香 · 回访中心负责人\n电话回访中心 · 态度 D→C",
    ]);
    expect(people.map((x) => x.fill)).toEqual([ATTITUDE_FILLS.B, ATTITUDE_FILLS.B, ATTITUDE_FILLS.C]);
    // Three arrows down the levels, then a line from the branch (the lowest level with a budget) to each person.
    const l = lines(buy);
    expect(l.filter((x) => x.endArrowhead === "Triangle")).toHaveLength(3);
    const branch = b[1];
    const toPeople = l.filter((x) => x.endArrowhead !== "Triangle");
    expect(toPeople).toHaveLength(3);
    for (const x of toPeople) expect(Math.abs(x.ends!.y1 - (branch.top + branch.height / 2))).toBeLessThanOrEqual(1);
  });

  test("each diagram sits in the blank rows reserved under its heading, clear of the tables", () => {
    for (const [id, title] of [
      ["Network", "网络结构图（据上表绘制）"],
      ["Buying", "组织结构与购买决策流程（据上表与第六步的关键影响人绘制）"],
    ] as const) {
      const heading = cellOf(result, "needs", `diagram.${id}`).row;
      expect(cell(emu, ws.name, `A${heading}`)).toBe(title);
      const shapes = of(ws, id);
      expect(shapes.length).toBeGreaterThan(10);
      const top = Math.min(...shapes.map((s) => s.top));
      const bottom = Math.max(...shapes.map((s) => s.top + s.height));
      expect(top).toBeGreaterThanOrEqual(rowTop(ws, heading));
      // The next content below the diagram starts under its last shape.
      let next = heading + 1;
      while (emu.model.value(ws, next - 1, 0) === "" || next === heading + 1) next++;
      expect([id, bottom <= rowTop(ws, next - 1)]).toEqual([id, true]);
      // The print designer keeps the diagram on one page: no row break inside it.
      const inside = ws.print.rowBreaks.filter((r) => rowTop(ws, r) > top && rowTop(ws, r) < bottom);
      expect([id, inside]).toEqual([id, []]);
    }
  });

  test("Refresh redraws the diagrams without stacking them, and keeps the analyst's own shape", async () => {
    const before = ws.shapes.length;
    await emu.run(async (context) => {
      const sheet = context.workbook.worksheets.getItem(ws.name);
      sheet.protection.unprotect();
      const mine = sheet.shapes.addGeometricShape("Ellipse");
      mine.name = "My note";
      sheet.protection.protect();
      await context.sync();
    });
    await generate(run, { steps: ["needs"] });
    const after = needsSheet(emu, [{ step: "needs", name: ws.name }]);
    expect(after.shapes.filter((s) => s.name.startsWith("SixStep_"))).toHaveLength(before);
    expect(after.shapes.filter((s) => s.name === "My note")).toHaveLength(1);
  });

  test("the file holds them as DrawingML shapes and connectors, valid against ECMA-376", async () => {
    const file = await exportXlsx(emu.model);
    const parts = unzipSync(file);
    const drawings = Object.keys(parts)
      .filter((p) => /^xl\/drawings\/drawing\d+\.xml$/.test(p))
      .map((p) => strFromU8(parts[p]));
    const needs = drawings.filter((x) => x.includes("SixStep_Network_"));
    expect(needs).toHaveLength(1);
    const xml = needs[0];
    expect(xml.match(/<xdr:sp /g)?.length).toBe(ws.shapes.filter((s) => s.type !== "Line").length);
    expect(xml.match(/<xdr:cxnSp /g)?.length).toBe(lines(of(ws, "Network")).length + lines(of(ws, "Buying")).length);
    expect(xml).toContain('<a:prstDash val="dash"/>');
    expect(xml).toContain('<a:tailEnd type="triangle"/>');
    expect(xml).toContain("<a:t>512K DDN</a:t>");
    expect(checkPackage(file, "sample with diagrams").problems).toEqual([]);
  });
});

test("the English sample's diagrams speak English", async () => {
  const { emu, result } = await sampleEmulator("en");
  const ws = needsSheet(emu, result.sheets);
  const net = of(ws, "Network");
  expect(texts(net).map((x) => x.text)).toEqual(expect.arrayContaining(["512K DDN", "ISDN backup", "Primary link"]));
  const buy = boxes(of(ws, "Buying"));
  expect(buy[0].text.split("\n")[0]).toBe("Head office · holds the budget");
  const all = ws.shapes.map((s) => s.text).join(" ");
  expect(all).not.toMatch(/[\u4e00-\u9fff]/);
});

test("on a host without the shapes API the tables stand alone and the run says so", async () => {
  const g = globalThis as { Office?: unknown };
  const was = g.Office;
  g.Office = {
    context: { requirements: { isSetSupported: (_n: string, v?: string) => Number((v ?? "1.1").split(".")[1]) <= 8 } },
  };
  try {
    const { emu, result } = await sampleEmulator("zh");
    const ws = needsSheet(emu, result.sheets);
    expect(ws.shapes).toHaveLength(0);
    // The tables are whole: the network table's rows are there.
    expect(rowWith(emu, result, "needs", "network.tier", "对外")).toBeGreaterThan(0);
    expect(result.figures.warnings).toContain(
      "此版本的 Excel 不支持形状（需要 ExcelApi 1.9）：第三步的网络结构图和购买决策流程图未绘制，其表格完整可用。",
    );
  } finally {
    g.Office = was;
  }
});

test("the emulator keeps Excel's rules: no shape on a protected sheet, Range.top in points", async () => {
  const emu = new ExcelEmulator();
  await emu.run(async (context) => {
    const ws = context.workbook.worksheets.add("S");
    ws.getRange("3:3").format.rowHeight = 30;
    ws.getRange("A:A").format.columnWidth = 100;
    const r = ws.getRange("B5");
    r.load("top,left");
    await context.sync();
    // Rows 1, 2, 4 at 15 pt and row 3 at 30; column A 100 pt.
    expect([r.top, r.left]).toEqual([75, 100]);
    ws.protection.protect();
    ws.shapes.addGeometricShape("Rectangle");
    await expect(context.sync()).rejects.toThrow(/protected/);
  });
});
