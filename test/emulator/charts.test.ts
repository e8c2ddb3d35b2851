import { ExcelEmulator } from "../../src/emulator";
import { CHART_TYPES } from "../../src/charts";

async function withChart(emu: ExcelEmulator, type = "ColumnClustered") {
  return emu.run(async (ctx) => {
    const ws = ctx.workbook.worksheets.add("Data");
    ws.getRange("A1:B3").values = [
      ["Service", "Amount"],
      ["市话", 28120.83],
      ["数据", 28184.12],
    ];
    const chart = ws.charts.add(type as Excel.ChartType, ws.getRange("A1:B3"), "Columns");
    chart.load("name");
    await ctx.sync();
    return chart.name;
  });
}

describe("charts in the emulator", () => {
  test("every sub-object says which member is not emulated, instead of a TypeError", async () => {
    const emu = new ExcelEmulator();
    await withChart(emu);
    await emu.run(async (ctx) => {
      const chart = ctx.workbook.worksheets.getItem("Data").charts.getItem("Chart 1");
      expect(() => (chart.title as unknown as { format: unknown }).format).toThrow("not emulated: ChartTitle.format");
      expect(() => (chart.legend as unknown as { format: unknown }).format).toThrow("not emulated: ChartLegend.format");
      expect(() => (chart.axes as unknown as { seriesAxis: unknown }).seriesAxis).toThrow(
        "not emulated: ChartAxes.seriesAxis",
      );
      expect(() => (chart.axes.valueAxis as unknown as { majorUnit: unknown }).majorUnit).toThrow(
        "not emulated: ChartAxis.majorUnit",
      );
      expect(() => (chart.axes.valueAxis.title as unknown as { format: unknown }).format).toThrow(
        "not emulated: ChartAxisTitle.format",
      );
      const s = chart.series.getItemAt(0);
      expect(() => (s.format as unknown as { line: unknown }).line).toThrow("not emulated: ChartSeriesFormat.line");
      expect(() => (s.format.fill as unknown as { getSolidColor: unknown }).getSolidColor).toThrow(
        "not emulated: ChartFill.getSolidColor",
      );
      // What is modelled still works through the guard.
      chart.title.text = "Mix";
      s.format.fill.setSolidColor("#70AD47");
      chart.axes.valueAxis.minimum = 0;
      await ctx.sync();
    });
    const c = emu.model.sheets[0].charts[0];
    expect([c.title, c.titleVisible, c.series[0].fill, c.axes.value.minimum]).toEqual(["Mix", true, "#70AD47", 0]);
  });

  test("a chart type outside the product's list is refused, not drawn as something else", async () => {
    const emu = new ExcelEmulator();
    await expect(withChart(emu, "Radar")).rejects.toThrow("not emulated: chart type Radar");
    expect(CHART_TYPES).toContain("ColumnStacked");
  });

  test("chart ids are counted per workbook: the same on every run", async () => {
    const ids = async () => {
      const emu = new ExcelEmulator();
      await withChart(emu);
      await emu.run(async (ctx) => {
        const ws = ctx.workbook.worksheets.getItem("Data");
        ws.charts.add("Pie", ws.getRange("A1:B3"), "Columns");
        await ctx.sync();
      });
      return emu.model.sheets[0].charts.map((c) => c.id);
    };
    expect(await ids()).toEqual([1, 2]);
    expect(await ids()).toEqual([1, 2]);
  });
});
