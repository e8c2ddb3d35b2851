/**
 * The Solutions sheet's opportunity pipeline and whitespace map (issue 22, parts 2 and 3): the
 * pipeline's weighted and committed values and this quarter's closes by formula, the bridge taking
 * its steps from the pipeline, the overview's pipeline lines; the whitespace map's statuses from
 * the revenue table and the analyst's marks, the open cells' value and the top list — checked by
 * hand, against the TypeScript model (the run's figures) and LibreOffice, and kept by Refresh. The
 * sample's sheet through the analyst's edits, Refresh and LibreOffice: pipeline-whitespace.slow.test.ts.
 */
import { analysePipeline, quarterStartOf } from "../../src/method/pipeline";
import { analyseWhitespace, peerSpend } from "../../src/method/whitespace";
import { anchored, cell, columnOf, rowWith, sampleEmulator } from "../helpers/workbook";

describe("the models", () => {
  test("pipeline: weighted = value × probability, committed from 90%, this quarter's closes", () => {
    const q = quarterStartOf(37_700); // 2003-03-20 → 2003-01-01
    expect(q).toBe(37_622);
    const p = analysePipeline(
      [
        {
          id: "a",
          solution: "1",
          stage: "negotiation",
          monthlyValue: 5000,
          probability: null,
          close: 37_711,
          competitor: "",
          owner: "",
        },
        {
          id: "b",
          solution: "5",
          stage: "proposal",
          monthlyValue: 12_500,
          probability: null,
          close: 37_802,
          competitor: "",
          owner: "",
        },
        {
          id: "c",
          solution: "5",
          stage: "won",
          monthlyValue: 1000,
          probability: null,
          close: 37_712,
          competitor: "",
          owner: "",
        },
        {
          id: "d",
          solution: "",
          stage: null,
          monthlyValue: 800,
          probability: 0.95,
          close: null,
          competitor: "",
          owner: "",
        },
      ],
      q,
    );
    expect(p.rows.map((r) => r.weighted)).toEqual([3750, 6250, 1000, 760]);
    expect(p.rows.map((r) => r.committed)).toEqual([0, 0, 1000, 800]);
    expect([p.total, p.weighted, p.committed]).toEqual([19_300, 11_760, 1800]);
    // 2003-03-31 and 2003-04-01 are in and out of the quarter from 2003-01-01.
    expect(p.thisQuarter).toEqual({ count: 1, weighted: 3750 });
    expect(p.bySolution["5"]).toEqual({ weighted: 7250, committed: 1000 });
  });

  test("whitespace: ours where the customer buys from us, open elsewhere, the analyst's marks first", () => {
    const w = analyseWhitespace(
      ["HQ", "Branch"],
      [
        { name: "data", kind: "service", value: 1000, current: 500 },
        { name: "internet", kind: "service", value: 600, current: 0 },
        { name: "VPN", kind: "solution", value: 2000, current: null },
      ],
      [
        [null, "competitor", null],
        [null, null, "na"],
      ],
    );
    expect(w.cells.map((r) => r.map((c) => c.status))).toEqual([
      ["ours", "competitor", "open"],
      ["ours", "open", "na"],
    ]);
    expect(w.cells.map((r) => r.map((c) => c.value))).toEqual([
      [0, 0, 1000],
      [0, 300, 0],
    ]);
    expect([w.openCells, w.openValue]).toEqual([2, 1300]);
    expect(w.top.map((c) => `${c.centre}/${c.offering}`)).toEqual(["HQ/VPN", "Branch/internet"]);
    // With weights (issue 29): an offering serves the centres weighted above 0 (elsewhere n.a.),
    // its value shared by weight, and never below what we earn from it today (900 > 600).
    const weighted = analyseWhitespace(
      ["HQ", "Branch", "Call centre"],
      [
        { name: "internet", kind: "service", value: 600, current: 900 },
        { name: "IP", kind: "solution", value: 12_500, current: null },
      ],
      [],
      5,
      [
        [1, 0],
        [2, 0],
        [0, 1],
      ],
    );
    expect(weighted.cells.map((r) => r.map((c) => c.status))).toEqual([
      ["ours", "na"],
      ["ours", "na"],
      ["na", "open"],
    ]);
    expect(weighted.top.map((c) => [c.centre, c.offering, c.value])).toEqual([["Call centre", "IP", 12_500]]);
    const internetOpen = analyseWhitespace(
      ["HQ", "Branch"],
      [{ name: "i", kind: "solution", value: 600, current: 900 }],
      [],
      5,
      [[1], [2]],
    );
    expect(internetOpen.cells.map((r) => r[0].value)).toEqual([300, 600]);
    // Peers: the segment's other customers that bought the service, their monthly average.
    const rows = [
      { customerKey: "me", segment: "s", service: "x", amount: 900, inPeriod: true },
      { customerKey: "p1", segment: "s", service: "x", amount: 300, inPeriod: true },
      { customerKey: "p2", segment: "s", service: "x", amount: 600, inPeriod: true },
      { customerKey: "p3", segment: "t", service: "x", amount: 9000, inPeriod: true },
      { customerKey: "p1", segment: "s", service: "x", amount: 9000, inPeriod: false },
    ];
    expect(peerSpend(rows, "me", "s", 3).get("x")).toBe(150);
  });
});

describe("the Solutions sheet", () => {
  test("in English: the pipeline's stages and the map's statuses", async () => {
    const { emu, result } = await sampleEmulator("en");
    const o1 = rowWith(emu, result, "solutions", "pipeline.id", "O-01");
    expect(anchored(emu, result, "solutions", "pipeline.stage", o1)).toBe("Negotiation");
    expect(anchored(emu, result, "solutions", "pipeline.weighted", o1)).toBe(3750);
    const centre = columnOf(result, "solutions", "whitespace.map.centre");
    expect(cell(emu, "4 Solutions", centre.cell(centre.first - 1).ref())).toBe("Fuzhou Branch");
    expect(anchored(emu, result, "solutions", "whitespace.map.centre")).toBe("Ours");
  }, 60_000);
});
