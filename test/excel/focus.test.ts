/**
 * An ambiguous focus customer is refused, naming the candidates (issue 30), as a tie between
 * headers is: "人寿" is in three customers' names of the sample; "平安" only in Ping An Life's.
 */
import { findCustomer, focusCandidates } from "../../src/method/industry";
import { generate, InputError } from "../../src/excel/pipeline";
import { parseRevenueTable } from "../../src/tables/revenue";
import { readSampleCsv } from "../helpers/sample";
import { sampleEmulator } from "../helpers/workbook";

const rows = parseRevenueTable({
  sheet: "收入",
  values: readSampleCsv("revenue.csv"),
  origin: { row: 0, col: 0 },
}).rows;

test("by id, by full name, or by the only name containing the text; several are no answer", () => {
  expect(findCustomer(rows, "110")?.customer).toBe("中国平安人寿保险有限公司福州分公司");
  expect(findCustomer(rows, "中国人寿保险福州分公司")?.customerId).toBe("210");
  expect(findCustomer(rows, "平安")?.customerId).toBe("110");
  expect(findCustomer(rows, "人寿")).toBeUndefined();
  expect(focusCandidates(rows, "人寿").map((c) => c.label)).toEqual([
    "中国平安人寿保险有限公司福州分公司 (110)",
    "中国人寿保险福州分公司 (210)",
    "新华人寿福州分公司 (213)",
  ]);
});

test("the run refuses an ambiguous focus, naming the candidates, in both languages; nothing is written", async () => {
  const { emu, run } = await sampleEmulator("zh");
  const before = emu.model.sheets.map((s) => s.name);
  const zh = generate(run, { settings: { focus: "人寿" } });
  await expect(zh).rejects.toBeInstanceOf(InputError);
  await expect(zh).rejects.toThrow(
    "重点客户“人寿”不明确：收入表中有 3 个客户名称包含它（中国平安人寿保险有限公司福州分公司 (110)、中国人寿保险福州分公司 (210)、新华人寿福州分公司 (213)）。请输入客户编号或完整名称。",
  );
  await expect(generate(run, { settings: { focus: "人寿", lang: "en-US" } })).rejects.toThrow(
    "Focus customer “人寿” is ambiguous: 3 customers' names in the revenue table contain it (中国平安人寿保险有限公司福州分公司 (110), 中国人寿保险福州分公司 (210), 新华人寿福州分公司 (213)). Type the customer's id or full name.",
  );
  expect(emu.model.sheets.map((s) => s.name)).toEqual(before);
  // The unique part of a name still works.
  const ok = await generate(run, { settings: { focus: "平安" } });
  expect(ok.figures.focus!.id).toBe("110");
});
