/**
 * The deck (issue 32): the sample workbook's account plan as slides, read back with JSZip — the
 * slide count, each chart's type and series against the workbook's cells, the titles against the
 * steps' conclusions, the headline figures and the asks, no text outside its box, both languages,
 * and a rebuilt deck after a Refresh with changed data.
 */
import { ExcelEmulator } from "../../src/emulator";
import { DeckError, exportDeck } from "../../src/deck";
import { heightNeeded } from "../../src/deck/fit";
import { placeLabels, wrapLabel } from "../../src/deck/portfolio";
import { generate } from "../../src/excel/pipeline";
import { sampleSettings } from "../../src/sample/workbook";
import { pptxUnderJest, readPptx, type SlideRead } from "../helpers/pptx";
import { emulatorRun, sampleEmulator, typeInto } from "../helpers/workbook";

jest.setTimeout(180_000);
pptxUnderJest();

const STEPS = ["industry", "competition", "needs", "solutions", "support", "planning"] as const;
const ASKS = ["批准福清支公司光纤入户施工预算", "请分公司领导出面拜访平安电脑部"];

/** A defined name's computed values, straight from the emulator's model. */
function named(emu: ExcelEmulator, name: string): (string | number | boolean)[][] {
  const n = emu.model.names.get(name.toLowerCase());
  if (!n) throw new Error(`no name ${name}`);
  const { sheet, rect } = emu.model.resolveAddress(n.formula.slice(1));
  return emu.model.values(sheet, rect);
}

/** The analyst's asks: into the overview's asks block when the workbook has one, else a named range of our own. */
async function enterAsks(emu: ExcelEmulator, asks: string[]) {
  const n = emu.model.names.get("sixstep_asks");
  if (n) {
    const { sheet, rect } = emu.model.resolveAddress(n.formula.slice(1));
    const col = String.fromCharCode(65 + rect.c0);
    await typeInto(
      emu,
      sheet.name,
      `${col}${rect.r0 + 1}:${col}${rect.r0 + asks.length}`,
      asks.map((a) => [a]),
    );
    return;
  }
  await emu.run({}, async (context) => {
    const ws = context.workbook.worksheets.add("Asks");
    ws.getRange(`A1:A${asks.length + 1}`).values = [...asks.map((a) => [a]), [""]];
    context.workbook.names.add("SixStep_Asks", ws.getRange(`A1:A${asks.length + 1}`));
    await context.sync();
  });
}

async function deckOf(emu: ExcelEmulator, locale?: "zh-CN" | "en-US") {
  const deck = await exportDeck(emulatorRun(emu), { fileName: "plan.xlsx", locale });
  return { deck, slides: await readPptx(deck.bytes) };
}

const charts = (slides: SlideRead[]) => slides.flatMap((s) => s.charts.map((c) => ({ slide: s.index, ...c })));
const round2 = (x: number) => Math.round(x * 100) / 100;

describe("the Chinese sample's deck", () => {
  let emu: ExcelEmulator;
  let slides: SlideRead[];
  let count: number;
  let warnings: string[];
  beforeAll(async () => {
    ({ emu } = await sampleEmulator("zh"));
    await enterAsks(emu, ASKS);
    const r = await deckOf(emu);
    slides = r.slides;
    count = r.deck.slides;
    warnings = r.deck.warnings;
  });

  test("13 slides: title, plan, six steps (15 tasks fit one Gantt), pipeline, four appendix tables", () => {
    expect(slides).toHaveLength(13);
    expect(count).toBe(13);
    expect(slides[0].text).toContain("中国平安人寿保险有限公司福州分公司");
    expect(slides[0].text).toContain("分析期间：2002-Q4");
    expect(slides.slice(9).map((s) => s.title)).toEqual([
      "附录：占比",
      "附录：方案",
      "附录：各站点、各业务的支撑能力",
      "附录：任务与季度计划",
    ]);
  });

  test("each step's slide is titled with its conclusion, the sheet's SixStep_SoWhat sentence", () => {
    const titles = slides.slice(2, 8).map((s) => s.title);
    expect(titles).toHaveLength(6);
    expect(titles).toEqual(STEPS.map((s) => named(emu, `SixStep_SoWhat_${s}`)[0][0]));
    expect(titles[0]).toBe("收入最大的行业是运营商，占38.0%；增长最快的是贸易（较对比期+6.1%）。");
  });

  test("the plan slide: headline figures as the workbook shows them, the top three moves, the asks", () => {
    const plan = slides[1].text;
    expect(plan).toContain("100% = 2,560 万元");
    // Ping An's Q4-2002 monthly average: 市话 28,120.83 + 长话 3,918.55 + 17909长话 3,784.30 + 数据 28,184.12.
    expect(plan).toContain("64,007.80");
    expect(plan).toContain("14.2%");
    expect(plan).toContain("78,729.60");
    expect(plan).toContain("23.0%");
    expect(plan).toContain("1. 延续DDN组网，新增网点继续选择DDN，ISDN备份 (短期) — 林山 · 2003-03-28");
    for (const a of ASKS) expect(plan).toContain(a);
  });

  test("native charts carry the workbook's figures", () => {
    const all = charts(slides);
    expect(all.map((c) => [c.slide, c.kind])).toEqual([
      [2, "barStacked"],
      [3, "pie"],
      [3, "pie"],
      [4, "barClustered"],
      [6, "scatter"],
    ]);
    // The waterfall: base, increase, decrease, total over the bridge's steps (Solutions F:J).
    const bridge = named(emu, "SixStep_Bridge");
    const wf = all[0];
    expect(wf.series).toHaveLength(4);
    const steps = bridge.slice(1).filter((r) => r[0] !== "");
    expect(wf.series[0].categories).toEqual(steps.map((r) => String(r[0])));
    wf.series.forEach((s, k) => expect(s.values).toEqual(steps.map((r) => r[k + 1])));
    expect(wf.series[3].values[0]).toBeCloseTo(64007.8, 2);
    expect(wf.series[3].values.at(-1)).toBeCloseTo(78729.6, 2);
    expect(wf.series[1].values.slice(1, 3)).toEqual([5000, 12500]);
    expect(round2(wf.series[2].values[3])).toBe(2778.2);
    // Its base is drawn without fill and without labels.
    const base = /<c:ser>[\s\S]*?<\/c:ser>/.exec(wf.xml)![0];
    expect(base).toContain("<a:noFill/>");
    expect(base).toContain('<c:delete val="1"/>');
    // Composition pie: the ten industries' monthly averages (Industry B11:B20), 100% = 25,599,999.16.
    const comp = named(emu, "SixStep_Composition").slice(1);
    expect(all[1].series[0].categories).toEqual(comp.map((r) => r[0]));
    expect(all[1].series[0].values).toEqual(comp.map((r) => r[1]));
    expect(round2(all[1].series[0].values.reduce((a, b) => a + b, 0))).toBe(25599999.16);
    // The focus customer's mix: 数据 28,184.12, 市话 28,120.83, 长话 3,918.55, 17909长话 3,784.30.
    expect(all[2].series[0].categories).toEqual(["数据", "市话", "长话", "17909长话"]);
    expect(all[2].series[0].values.map(round2)).toEqual([28184.12, 28120.83, 3918.55, 3784.3]);
    // Ratings: products × operators' weighted scores (Competition A34:D39).
    const scores = named(emu, "SixStep_Scores");
    expect(all[3].series.map((s) => s.name)).toEqual(scores[0].slice(1));
    all[3].series.forEach((s, j) => expect(s.values).toEqual(scores.slice(1).map((r) => r[j + 1])));
    // The 2×2: feasibility across (Solutions L), benefit up (G), one point per solution.
    const sol = named(emu, "SixStep_Solutions")
      .slice(1)
      .filter((r) => typeof r[11] === "number");
    expect(sol).toHaveLength(10);
    expect(all[4].series).toHaveLength(1);
    expect(all[4].series[0].categories.map(Number)).toEqual(sol.map((r) => r[11]));
    expect(all[4].series[0].values).toEqual(sol.map((r) => r[6]));
  });

  test("the Gantt: a row per task, owner first, on the planning slide", () => {
    const planning = slides[7];
    const tasks = named(emu, "SixStep_Tasks")
      .slice(1)
      .filter((r) => typeof r[4] === "number");
    expect(tasks).toHaveLength(15);
    // A long task name is cut to its row ("…"); the owner and the name's start always show.
    for (const r of tasks) expect(planning.text).toContain(`${r[3]} · ${String(r[2]).slice(0, 12)}`);
    expect(planning.text).toContain("林山 · 宣传DDN组网优点，争取新增网点继续选择DDN");
  });

  test("every slide has its source line: the workbook, the sheet", () => {
    expect(slides).toHaveLength(13);
    for (const s of slides)
      expect([s.index, /资料来源：plan\.xlsx，工作表“[^”]+”/.test(s.text)]).toEqual([s.index, true]);
    expect(slides[2].text).toContain("资料来源：plan.xlsx，工作表“1 行业分析”");
  });

  test("no text overflows its box, and no box or table its slide", () => {
    expectNoOverflow(slides);
  });

  test("what the workbook lacks is said, not invented", () => {
    // Until the overview defines them, the as-of date and the action title are named as missing.
    for (const w of warnings) expect(w).toMatch(/^工作簿中缺少：SixStep_\w+/);
    if (!emu.model.names.has("sixstep_asof")) expect(warnings.join()).toContain("SixStep_AsOf");
  });
});

/** Each text box's paragraphs fit its height at their font size; each table row holds its cells; all within the slide. */
function expectNoOverflow(slides: SlideRead[]) {
  const boxes = slides.flatMap((s) => s.boxes.map((b) => ({ slide: s.index, ...b, W: s.width, H: s.height })));
  expect(boxes.length).toBeGreaterThan(slides.length * 2);
  for (const b of boxes) {
    const inner = b.bullets ? b.w - 0.3 : b.w;
    const need = b.paras.reduce((h, p) => h + heightNeeded(p.text, inner, p.pt), 0);
    const where = `slide ${b.slide}: “${b.paras
      .map((p) => p.text)
      .join(" / ")
      .slice(0, 40)}”`;
    expect([where, need <= b.h + 0.01]).toEqual([where, true]);
    expect([where, b.x >= 0 && b.y >= 0 && b.x + b.w <= b.W + 0.001 && b.y + b.h <= b.H + 0.001]).toEqual([
      where,
      true,
    ]);
  }
  const tables = slides.flatMap((s) => s.tables.map((t) => ({ slide: s.index, ...t, W: s.width })));
  expect(tables.length).toBeGreaterThan(5);
  for (const t of tables) {
    const bottom = t.y + t.rowH.reduce((a, b) => a + b, 0);
    expect([t.slide, bottom <= 6.9]).toEqual([t.slide, true]);
    expect([t.slide, t.x + t.colW.reduce((a, b) => a + b, 0) <= t.W]).toEqual([t.slide, true]);
    expect(t.cells).toHaveLength(t.rowH.length);
    t.cells.forEach((row, i) =>
      row.forEach((c, j) => {
        const need = heightNeeded(c.text, t.colW[j] - t.margins.l - t.margins.r, c.pt) + t.margins.t + t.margins.b;
        expect([t.slide, c.text, need <= t.rowH[i] + 0.001]).toEqual([t.slide, c.text, true]);
      }),
    );
  }
}

describe("the English sample's deck", () => {
  let emu: ExcelEmulator;
  let slides: SlideRead[];
  beforeAll(async () => {
    ({ emu } = await sampleEmulator("en"));
    slides = (await deckOf(emu)).slides;
  });

  test("English labels from the catalogue, the English sheets' sentences as titles", () => {
    expect(slides.length).toBeGreaterThanOrEqual(12);
    expect(slides[0].title).toBe("Account plan");
    expect(slides[0].text).toContain("Period: 2002-Q4");
    expect(slides.slice(2, 8).map((s) => s.title)).toEqual(STEPS.map((s) => named(emu, `SixStep_SoWhat_${s}`)[0][0]));
    expect(slides[1].text).toContain("Headline figures");
    expect(slides[1].text).toContain("64,007.80");
    expect(slides[2].text).toMatch(/Source: plan\.xlsx, sheet “1 Industry”/);
    // Latin text in Calibri, not the Chinese font.
    expect(slides.every((s) => !s.text.includes("资料来源"))).toBe(true);
    expectNoOverflow(slides);
  });
});

describe("with a portfolio (generate --steps all,portfolio)", () => {
  let emu: ExcelEmulator;
  let before: number;
  let slides: SlideRead[];
  beforeAll(async () => {
    ({ emu } = await sampleEmulator("zh"));
    before = (await deckOf(emu)).deck.slides;
    await generate(emulatorRun(emu), { steps: ["portfolio"] });
    slides = (await deckOf(emu)).slides;
  });
  const slide = () => slides.find((s) => s.text.includes("工作表“7 客户组合”"))!;

  test("one slide more, after the pipeline, titled with the sheet's action title; its source line names the sheet", () => {
    expect(before).toBe(13);
    expect(slides).toHaveLength(14);
    expect(slides[8].title).toMatch(/^商机管道/);
    expect(slide().index).toBe(10);
    expect(slide().title).toBe(named(emu, "SixStep_SoWhat_portfolio")[0][0]);
    expect(slide().title).toBe(
      "吸引力最高的客户：中国移动通信集团福建有限公司福州分公司、中国工商银行福州分行、福建省公安厅。",
    );
    expect(slide().text).toContain("资料来源：plan.xlsx，工作表“7 客户组合”，截至 2003-01-23");
    expect(slides.slice(10).map((s) => s.title)[0]).toBe("附录：占比");
  });

  test("the 2×2 is a native scatter of the sheet's own chart points: relationship across, attractiveness up", () => {
    const chart = charts(slides).filter((c) => c.slide === slide().index);
    expect(chart.map((c) => c.kind)).toEqual(["scatter"]);
    // The sheet's chart source (hidden AI:AJ): #N/A for the unrated and non-customers, left off.
    const points = named(emu, "SixStep_PortfolioPoints")
      .slice(1)
      .filter((r) => typeof r[0] === "number" && typeof r[1] === "number");
    expect(points).toHaveLength(6);
    expect(chart[0].series).toHaveLength(1);
    expect(chart[0].series[0].categories.map(Number)).toEqual(points.map((r) => r[0]));
    expect(chart[0].series[0].values).toEqual(points.map((r) => r[1]));
    // China Mobile (201): relationship 2, attractiveness 2.9364 (the sheet's T, ROUND(…, 4)).
    expect([chart[0].series[0].categories[0], chart[0].series[0].values[0]]).toEqual(["2", 2.9364]);
    // The quadrant thresholds are the sheet's E4:E5 (attractive from 2.5, strong from 3).
    expect(named(emu, "SixStep_PortfolioThresholds")).toEqual([[2.5], [3]]);
  });

  test("the plotted accounts are named, clear of each other; a non-customer never is; the ten most attractive listed", () => {
    const acc = named(emu, "SixStep_PortfolioAccounts");
    const pts = named(emu, "SixStep_PortfolioPoints");
    const plotted = acc.filter((_, i) => i > 0 && typeof pts[i][0] === "number").map((r) => String(r[5]));
    const excluded = acc.filter((r, i) => i > 0 && r[3] === "是").map((r) => String(r[5]));
    expect(excluded.length).toBeGreaterThan(0);
    const labels = slide().boxes.filter((b) => {
      const text = b.paras.map((p) => p.text).join("");
      return [...plotted, ...excluded].includes(text);
    });
    expect(labels.map((b) => b.paras.map((p) => p.text).join("")).sort()).toEqual(plotted.slice().sort());
    for (const [i, a] of labels.entries())
      for (const z of labels.slice(i + 1))
        expect([
          a.paras[0].text,
          z.paras[0].text,
          a.x + a.w <= z.x || z.x + z.w <= a.x || a.y + a.h <= z.y || z.y + z.h <= a.y,
        ]).toEqual([a.paras[0].text, z.paras[0].text, true]);
    // The table beside: the sheet's ranks 1–10 with their displayed attractiveness.
    const table = slide().tables[0];
    expect(table.cells).toHaveLength(11);
    const top = acc
      .slice(1)
      .filter((r) => typeof r[21] === "number")
      .sort((a, z) => Number(a[21]) - Number(z[21]))
      .slice(0, 10);
    expect(table.cells.slice(1).map((r) => [r[0].text, r[1].text])).toEqual(top.map((r) => [String(r[21]), r[5]]));
    expect(table.cells[1][2].text).toBe("2.94");
    expect(slide().text).toContain("另有 29 个已排名的客户尚未评客户关系分，不在图上");
    expectNoOverflow(slides);
  });
});

describe("the 2×2's names", () => {
  test("wrapped between words in English, anywhere in Chinese; cut with … past the last line", () => {
    // 1.8 in at 9 pt = 14.4 ems; a Latin character is 0.55 em, a CJK one 1 em.
    expect(wrapLabel("Ping An Life Insurance, Fuzhou Branch", 14.4)).toEqual([
      "Ping An Life Insurance,",
      "Fuzhou Branch",
    ]);
    expect(wrapLabel("中国平安人寿保险有限公司福州分公司", 14.4)).toEqual(["中国平安人寿保险有限公司福州", "分公司"]);
    expect(wrapLabel("中国平安人寿保险有限公司福州分公司", 5, 2)).toEqual(["中国平安", "人寿保险…"]);
  });

  test("a name goes right of its point, else left, else above or below; the narrow wrap where the wide one has no room", () => {
    const bounds = { x: 0, y: 0, w: 4, h: 4 };
    const label = { w: 1, h: 0.2 };
    const [a, b, c] = placeLabels(
      [
        { x: 2, y: 2, sizes: [label] },
        { x: 2, y: 2.05, sizes: [label] },
        { x: 2, y: 2.1, sizes: [label] },
      ],
      bounds,
      [],
    );
    expect(a.rect.x).toBeGreaterThan(2);
    expect(b.rect.x + b.rect.w).toBeLessThan(2);
    // Above, it would touch the first name: below.
    expect([c.rect.x + c.rect.w / 2, c.rect.y > 2.1]).toEqual([2, true]);
    // Near the right edge: the wide label fits nowhere beside the point, the narrow one does.
    const [d] = placeLabels(
      [
        {
          x: 3.6,
          y: 2,
          sizes: [
            { w: 3.7, h: 0.2 },
            { w: 1, h: 0.4 },
          ],
        },
      ],
      bounds,
      [],
    );
    expect(d.size).toBe(1);
  });
});

describe("rebuilt, not retyped", () => {
  test("after a Refresh with changed revenue, the deck shows the new figures", async () => {
    const { emu } = await sampleEmulator("zh");
    const before = charts((await deckOf(emu)).slides);
    expect(before[2].series[0].values.map(round2)).toEqual([28184.12, 28120.83, 3918.55, 3784.3]);
    // Ping An's 数据 for 2002-12 (收入!G470) goes up by 3,000: the quarter's monthly average by 1,000.
    const sheet = emu.model.sheetByName("收入")!;
    expect(emu.model.value(sheet, 469, 5)).toBe("数据");
    expect(emu.model.value(sheet, 469, 6)).toBe(28195.23);
    await typeInto(emu, "收入", "G470", [[31195.23]]);
    await generate(emulatorRun(emu), { settings: sampleSettings("zh") });
    const after = await deckOf(emu);
    const mix = charts(after.slides)[2].series[0];
    expect(mix.categories[0]).toBe("数据");
    expect(round2(mix.values[0])).toBe(29184.12);
    expect(after.slides[1].text).toContain("65,007.80");
    expect(after.slides[1].text).not.toContain("64,007.80");
    const wf = charts(after.slides)[0];
    expect(round2(wf.series[3].values[0])).toBe(65007.8);
  });
});

describe("a workbook the add-in has not generated", () => {
  test("no analysis: a DeckError naming the missing names, in the chosen language", async () => {
    const emu = new ExcelEmulator();
    await emu.run({}, async (context) => {
      context.workbook.worksheets.add("Sheet1");
      await context.sync();
    });
    await typeInto(emu, "Sheet1", "A1:B2", [
      ["月份", "收入"],
      ["2002-10", 1],
    ]);
    const err = await exportDeck(emulatorRun(emu), { fileName: "x.xlsx", locale: "en-US" }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DeckError);
    expect((err as DeckError).missing).toEqual([
      "SixStep_Total",
      "SixStep_FocusAverage",
      "SixStep_PeriodStart",
      "SixStep_PeriodEnd",
    ]);
    expect((err as Error).message).toBe(
      "This workbook holds no six-step analysis (no SixStep_Total, SixStep_FocusAverage, SixStep_PeriodStart, SixStep_PeriodEnd): run Generate all first, then export the deck.",
    );
  });

  test("an older workbook without an exhibit's name: the slide and the warnings name it", async () => {
    const { emu } = await sampleEmulator("zh");
    await emu.run({}, async (context) => {
      context.workbook.names.getItem("SixStep_Composition").delete();
      await context.sync();
    });
    const { deck, slides } = await deckOf(emu);
    const text = "工作簿中缺少：SixStep_Composition。请用当前版本的加载项“全部刷新”后再导出。";
    expect(deck.warnings).toContain(text);
    expect(slides[2].text).toContain(text);
    expect(
      charts(slides)
        .filter((c) => c.slide === 3)
        .map((c) => c.kind),
    ).toEqual(["pie"]);
  });
});
