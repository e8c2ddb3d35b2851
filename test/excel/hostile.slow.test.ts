/**
 * A 1,000,000-row table, parsed and modelled (hostile.test.ts has the corpus).
 */
import { analyseIndustry } from "../../src/method/industry";
import { parsePeriod } from "../../src/tables/period";
import { parseRevenueTable } from "../../src/tables/revenue";

test("a 1,000,000-row table is parsed and modelled (figures by hand)", () => {
  // 1,000,000 rows: 10 industries × 100,000; each row 2002-10..12 in turn, amount = 3.
  const values: unknown[][] = [["月份", "客户名称", "行业", "业务", "收入(元)"]];
  const months = [37530, 37561, 37591];
  for (let i = 0; i < 1_000_000; i++) values.push([months[i % 3], `C${i % 1000}`, `I${i % 10}`, "数据", 3]);
  const table = parseRevenueTable({ sheet: "Big", values, origin: { row: 0, col: 0 } });
  expect(table.rows).toHaveLength(1_000_000);
  const a = analyseIndustry(table.rows, { period: parsePeriod("2002-Q4")! });
  expect(a.total).toBe(1_000_000); // 3,000,000 yuan over 3 months
  expect(a.industries).toHaveLength(10);
  expect(a.industries.every((x) => Math.abs(x.share - 0.1) < 1e-12)).toBe(true);
}, 60_000);
