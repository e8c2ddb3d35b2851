/**
 * @jest-environment jsdom
 */
/**
 * The preview draws what the chart says (issue 28): the waterfall's amounts and no legend entry
 * for its base, the scatter's numbers from their cells, the pies' shares, the axis titles.
 */
import { render } from "@testing-library/react";
import { ChartView, labelText } from "../../src/preview/charts";
import type { ExcelEmulator } from "../../src/emulator";
import { sampleEmulator } from "../helpers/workbook";

let emu: ExcelEmulator;
beforeAll(async () => {
  ({ emu } = await sampleEmulator("zh"));
}, 60_000);

function draw(sheet: string, type: string, k = 0) {
  const chart = emu.model.sheetByName(sheet)!.charts.filter((c) => c.type === type)[k];
  const { container } = render(<ChartView model={emu.model} chart={chart} width={480} height={300} />);
  const all = (sel: string, attr: string) => [...container.querySelectorAll(sel)].map((e) => e.getAttribute(attr));
  return {
    labels: all("[data-label]", "data-label"),
    legend: all("[data-legend-entry]", "data-legend-entry"),
    axes: [...container.querySelectorAll("[data-axis-title]")].map((e) => e.textContent),
  };
}

test("the waterfall: the bars' amounts, a legend without the base, both axis titles", () => {
  const w = draw("4 方案分析", "ColumnStacked");
  expect(w.labels).toEqual(["64,008", "+5,000", "+12,500", "-2,778", "78,730"]);
  expect(w.legend).toEqual(["增加", "减少", "合计"]);
  expect(w.axes).toEqual(["收入变化项目", "月收入（元）"]);
});

test("the scatter: each point's number from its cell, 3 and 4 on one label", () => {
  const s = draw("4 方案分析", "XYScatter");
  expect(s.labels).toEqual(["1", "2", "3, 4", "5", "6", "7", "8", "9", "10"]);
  expect(s.axes).toEqual(["可行性（1–5）", "财务效益（1–5）"]);
});

test("the pies: each slice's share; Ping An 14.2% of 保险", () => {
  expect(draw("1 行业分析", "Pie", 2).labels).toEqual(["14.2%", "85.8%"]);
  expect(draw("1 行业分析", "Pie", 1).labels).toEqual(["44.0%", "43.9%", "6.1%", "5.9%"]);
});

test("a label's number format: the section for its sign, a zero section left empty shows nothing", () => {
  expect(labelText(12_500, "+#,##0;-#,##0;")).toBe("+12,500");
  expect(labelText(0, "+#,##0;-#,##0;")).toBe("");
  expect(labelText(2_778.2, "-#,##0;+#,##0;")).toBe("-2,778");
  expect(labelText(64_007.8, "+0!.0,;-0!.0,;")).toBe("+6.4");
  expect(labelText(0.14224, "0.0%")).toBe("14.2%");
});
