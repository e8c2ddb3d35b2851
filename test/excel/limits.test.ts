import { ExcelEmulator } from "../../src/emulator";
import { REQUEST_LIMIT_BYTES } from "../../src/emulator/api";
import { DATA_TABLE, ROWS_PER_WRITE, writeDataCopy } from "../../src/excel/data-copy";
import { buildCompetitionPlan } from "../../src/layout/competition";
import { MAX_FORMULA_LENGTH } from "../../src/excel/writer";
import { translator } from "../../src/i18n";
import { parseRevenueTable } from "../../src/tables/revenue";
import { emulatorRun, sampleEmulator } from "../helpers/workbook";

test("a large normalised copy is written in chunks under the 5 MB request cap (at least 3)", async () => {
  const rows = ROWS_PER_WRITE * 2 + 5_000;
  const values: unknown[][] = [["月份", "客户名称", "行业", "业务", "收入(元)"]];
  for (let i = 0; i < rows; i++)
    values.push([`2002-1${i % 3}`, `客户${i % 700}`, "金融", "数据", `${(i % 97) + 1}.50`]);
  const table = parseRevenueTable({ sheet: "Big", values, origin: { row: 0, col: 0 } });
  expect(table.directlyReadable).toBe(false); // text amounts: formulas read a copy
  const emu = new ExcelEmulator();
  const before = emu.runs.length;
  await writeDataCopy(emulatorRun(emu), table, translator("zh-CN"), { owned: {}, sheets: [], table: null });
  const syncs = emu.runs.slice(before).flatMap((r) => r.syncs.filter((s) => s.operations > 0));
  const writes = syncs.filter((s) => !s.readOnly);
  // One chunk of rows per write: 45,000 rows → 3 requests of several hundred KB each.
  const chunks = writes.filter((s) => s.requestBytes > 300_000);
  expect(chunks.length).toBe(Math.ceil(rows / ROWS_PER_WRITE));
  expect(chunks.length).toBeGreaterThanOrEqual(3);
  expect(Math.max(...syncs.map((s) => s.requestBytes))).toBeLessThan(REQUEST_LIMIT_BYTES);
  const t = emu.model.tableByName(DATA_TABLE)!;
  expect(t.rect.r1 - t.rect.r0).toBe(rows);
});

test("every formula of the generated sheets is within Excel's 8,192 characters, even with many products", async () => {
  const { emu } = await sampleEmulator("zh");
  for (const s of emu.model.sheets)
    for (const f of s.formulas.values()) expect(f.length).toBeLessThanOrEqual(MAX_FORMULA_LENGTH);
  // 300 products make the summary's joined lists long: the plan refuses to write such a formula.
  const products = Array.from({ length: 300 }, (_, i) => `产品${i}`);
  const t = translator("zh-CN");
  expect(() =>
    buildCompetitionPlan(t, {
      ourOperator: "电信",
      weights: [1, 1, 1, 1, 1, 1],
      ratings: [],
      operators: ["电信"],
      products,
    }),
  ).not.toThrow();
  const { plan } = buildCompetitionPlan(t, {
    ourOperator: "电信",
    weights: [1, 1, 1, 1, 1, 1],
    ratings: [],
    operators: ["电信"],
    products,
  });
  const longest = Math.max(
    ...plan.blocks.flatMap((b) => b.cells.flat()).map((c) => (c && typeof c === "object" ? c.f.length : 0)),
  );
  expect(longest).toBeLessThanOrEqual(MAX_FORMULA_LENGTH);
});
