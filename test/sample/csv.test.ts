import { parseCsv } from "../../src/sample/csv";
import { revenueAsExcelValues } from "../../src/sample/revenue";
import { readSampleCsv } from "../helpers/sample";

test("CSV quoting, escaped quotes, CRLF and a BOM", () => {
  expect(parseCsv('\uFEFFa,"b,c","say ""hi"""\r\n1,,"two\nlines"\n')).toEqual([
    ["a", "b,c", 'say "hi"'],
    ["1", "", "two\nlines"],
  ]);
});

test("the sample revenue table as Excel values: month serials and numbers", () => {
  const v = revenueAsExcelValues(readSampleCsv("revenue.csv"));
  expect(v).toHaveLength(559);
  expect(v[1]).toEqual([37438, "110", "中国平安人寿保险有限公司福州分公司", "金融", "保险", "市话", 26335.42]); // 2002-07-01
  expect(() => revenueAsExcelValues([v[0] as string[], ["Q3", "", "", "", "", "", "1"]])).toThrow(
    'unreadable month "Q3"',
  );
});
