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

describe("what makes a chart speak, as office-js accepts it", () => {
  test("labels, legend entries, axis titles and a point's label linked to a cell are recorded", async () => {
    const emu = new ExcelEmulator();
    await withChart(emu);
    await emu.run(async (ctx) => {
      const chart = ctx.workbook.worksheets.getItem("Data").charts.getItem("Chart 1");
      const s = chart.series.getItemAt(0);
      s.hasDataLabels = true;
      s.dataLabels.numberFormat = "#,##0";
      s.dataLabels.position = "OutsideEnd";
      chart.legend.legendEntries.getItemAt(0).visible = false;
      chart.axes.valueAxis.title.text = "元";
      const p = s.points.getItemAt(1);
      p.hasDataLabel = true;
      p.dataLabel.formula = "=Data!A3";
      await ctx.sync();
    });
    const c = emu.model.sheets[0].charts[0];
    expect(c.series[0].dataLabels).toEqual({
      showValue: true,
      showPercentage: false,
      showCategoryName: false,
      showSeriesName: false,
      numberFormat: "#,##0",
      position: "OutsideEnd",
    });
    expect(c.hiddenLegendEntries).toEqual([0]);
    expect(c.axes.value).toEqual({ title: "元", titleVisible: true });
    expect(c.series[0].pointLabels).toEqual({ 1: { cell: "Data!$A$3" } });
  });

  test.each([
    ["a position the chart type does not offer (outside end on stacked columns)", "ColumnStacked", "position"],
    ["a legend entry past the legend's", "ColumnClustered", "legend"],
    ["a point past the series' values", "ColumnClustered", "point"],
  ])("refuses %s", async (_what, type, kind) => {
    const emu = new ExcelEmulator();
    await withChart(emu, type);
    const attempt = emu.run(async (ctx) => {
      const chart = ctx.workbook.worksheets.getItem("Data").charts.getItem("Chart 1");
      const s = chart.series.getItemAt(0);
      if (kind === "position") s.dataLabels.position = "OutsideEnd";
      if (kind === "legend") chart.legend.legendEntries.getItemAt(1).visible = false;
      if (kind === "point") s.points.getItemAt(2).hasDataLabel = true;
      await ctx.sync();
    });
    const message = { position: "cannot be placed OutsideEnd", legend: "no legend entry at 1", point: "no point at 2" };
    await expect(attempt).rejects.toThrow(message[kind as keyof typeof message]);
  });

  test("a pie's legend has one entry per slice; a point's label formula other than one cell is not modelled", async () => {
    const emu = new ExcelEmulator();
    await withChart(emu, "Pie");
    await emu.run(async (ctx) => {
      ctx.workbook.worksheets.getItem("Data").charts.getItem("Chart 1").legend.legendEntries.getItemAt(1).visible =
        false;
      await ctx.sync();
    });
    expect(emu.model.sheets[0].charts[0].hiddenLegendEntries).toEqual([1]);
    const attempt = emu.run(async (ctx) => {
      const p = ctx.workbook.worksheets
        .getItem("Data")
        .charts.getItem("Chart 1")
        .series.getItemAt(0)
        .points.getItemAt(0);
      p.dataLabel.formula = "=A2:A3";
      await ctx.sync();
    });
    await expect(attempt).rejects.toThrow("not emulated: ChartDataLabel.formula other than a reference to one cell");
  });
});
