import { analyseIndustry } from "../../src/method/industry";
import { parsePeriod, previousPeriod } from "../../src/tables/period";
import { parseRevenueTable } from "../../src/tables/revenue";
import { readSampleCsv } from "../helpers/sample";

const Q4 = parsePeriod("2002-Q4")!;
const Q3 = parsePeriod("2002-Q3")!;

function sample() {
  return parseRevenueTable({ sheet: "收入", values: readSampleCsv("revenue.csv"), origin: { row: 0, col: 0 } });
}

test("the sample case's Q4-2002 composition: 100% = 2,560 万元, 运营商 38.0% … 旅游娱乐 2.0%", () => {
  const a = analyseIndustry(sample().rows, { period: Q4, compare: Q3, focus: "110" });
  expect(a.monthsPresent).toBe(3);
  expect(Math.abs(a.total - 25_600_000)).toBeLessThan(1);
  const shares = Object.fromEntries(a.industries.map((i) => [i.industry, Math.round(i.share * 1000) / 10]));
  expect(shares).toEqual({
    运营商: 38.0,
    金融: 14.0,
    党政军: 11.0,
    其他: 10.0,
    科教文卫: 8.0,
    交通运输: 6.0,
    公共服务: 5.0,
    贸易: 4.0,
    制造: 2.0,
    旅游娱乐: 2.0,
  });
  expect(a.industries[0].industry).toBe("运营商");
  expect(a.industries.reduce((s, i) => s + i.share, 0)).toBeCloseTo(1, 12);
});

test("Ping An (110): 64,007.80 = 28,120.83 + 3,918.55 + 3,784.30 + 28,184.12, 14.2% of 保险", () => {
  const a = analyseIndustry(sample().rows, { period: Q4, compare: Q3, focus: "110" });
  const f = a.focus!;
  expect(f.name).toBe("中国平安人寿保险有限公司福州分公司");
  expect(f.monthlyAverage).toBeCloseTo(64_007.8, 6);
  const svc = Object.fromEntries(
    f.services.map((s) => [s.service, [Math.round(s.monthlyAverage * 100) / 100, Math.round(s.share * 10000) / 100]]),
  );
  expect(svc).toEqual({
    市话: [28_120.83, 43.93],
    长话: [3_918.55, 6.12],
    "17909长话": [3_784.3, 5.91],
    数据: [28_184.12, 44.03],
  });
  expect(f.segment).toBe("保险");
  expect(f.segmentAverage).toBeCloseTo(450_000, -1); // ≈ 45万/month
  expect(Math.round(f.segmentShare * 1000) / 10).toBe(14.2);
  expect(f.growth).not.toBeNull();
});

test("industry × service matrix rows sum to each industry's average", () => {
  const a = analyseIndustry(sample().rows, { period: Q4 });
  for (const i of a.industries) {
    const sum = Object.values(a.matrix[i.industry]).reduce((s, v) => s + v, 0);
    expect(sum).toBeCloseTo(i.monthlyAverage, 6);
  }
});

test("monthly average divides by the months present, and says which are missing", () => {
  const rows = sample().rows.filter((r) => r.month !== parsePeriod("2002-12")!.from);
  const a = analyseIndustry(rows, { period: Q4 });
  expect(a.monthsPresent).toBe(2);
  expect(a.missingMonths).toEqual([parsePeriod("2002-12")!.from]);
});

test("folding industries below 4.5% into other keeps the total", () => {
  const a = analyseIndustry(sample().rows, { period: Q4, foldBelow: 0.045, otherLabel: "其他行业" });
  expect(a.folded.map((i) => i.industry)).toEqual([
    "运营商",
    "金融",
    "党政军",
    "其他",
    "科教文卫",
    "交通运输",
    "公共服务",
    "其他行业",
  ]);
  expect(a.folded.at(-1)!.share).toBeCloseTo(0.08, 3);
  expect(a.folded.reduce((s, i) => s + i.monthlyAverage, 0)).toBeCloseTo(a.total, 6);
  expect(a.industries).toHaveLength(10); // unfolded list kept for the CLI's JSON
});

test("periods: quarters, years, ranges and the previous period", () => {
  expect(previousPeriod(Q4).label).toBe("2002-Q3");
  expect(previousPeriod(parsePeriod("2003-Q1")!).label).toBe("2002-Q4");
  expect(parsePeriod("2002")!.to - parsePeriod("2002")!.from).toBe(11);
  expect(parsePeriod("2002-07..2002-09")).toEqual({ ...Q3, label: "2002-07..2002-09" });
  expect(parsePeriod("2002年第4季度")).toEqual(Q4);
  expect(parsePeriod("2002-13")).toBeNull();
});
