/**
 * The command line end to end: the bin in plain Node, and runs that write and read workbook files
 * (cli.test.ts has the usage and input-data errors).
 */
import ExcelJS from "exceljs";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { spawnSync } from "child_process";
import { EXIT } from "../../src/cli/main";
import { runCli } from "../helpers/cli";

let dir: string;
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "sixstep-cli-"));
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const BIN = path.join(__dirname, "..", "..", "bin", "sixstep.js");
const cli = (...argv: string[]) => runCli(argv, true);

async function sheetNames(file: string) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  return wb.worksheets.filter((w) => w.state === "visible").map((w) => w.name);
}

/** The tab a file opens on (the workbook view's active tab, among all sheets). */
async function activeSheet(file: string) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  const tab = (wb.views?.[0] as { activeTab?: number } | undefined)?.activeTab ?? 0;
  return wb.worksheets[tab]?.name;
}

test("the bin runs: sixstep sample writes the sample workbook and exits 0", () => {
  const file = path.join(dir, "bin-sample.xlsx");
  const r = spawnSync(process.execPath, [BIN, "sample", "-o", file, "--lang", "en"], { encoding: "utf8" });
  // Only the data warning on stderr: the sample's Fuqing sub-branch (福清支公司) has no cable or service data.
  expect(r.stderr).toBe(
    "Sheet “Sites”, row 8: site “Fuqing sub-branch” is missing data (copper pairs, services); its capability is shown as unknown.\n",
  );
  expect(r.status).toBe(0);
  expect(fs.statSync(file).size).toBeGreaterThan(10_000);
  const help = spawnSync(process.execPath, [BIN, "--help"], { encoding: "utf8" });
  expect(help.status).toBe(0);
  expect(help.stdout).toContain("sixstep generate <input.xlsx> -o <output.xlsx>");
});

/** The Chinese sample's sheets: the user's two tables, then ours in step order, the overview last. */
/** The overview is the account plan's first page: the first tab, and the one the file opens on. */
const SAMPLE_SHEETS = [
  "0 概览",
  "收入",
  "站点",
  "1 行业分析",
  "2 竞争分析",
  "3 需求分析",
  "4 方案分析",
  "5 支撑能力",
  "6 客户规划",
];

test("generate on the sample: exit 0, the expected sheets, and the figures as JSON", async () => {
  const sample = path.join(dir, "sample.xlsx");
  expect((await cli("sample", "-o", sample)).code).toBe(EXIT.ok);
  expect(await sheetNames(sample)).toEqual(SAMPLE_SHEETS);
  expect(await activeSheet(sample)).toBe("0 概览");
  const out = path.join(dir, "out.xlsx");
  const json = path.join(dir, "figures.json");
  const r = await cli("generate", sample, "-o", out, "--json", json);
  expect(r.code).toBe(EXIT.ok);
  // One progress line per unit of work on a terminal.
  expect(r.err.split("\n").filter((l) => /^\[\d\/8\]/.test(l))).toEqual([
    "[1/8] 正在读取工作簿",
    "[2/8] 行业分析",
    "[3/8] 竞争分析",
    "[4/8] 个性化需求分析",
    "[5/8] 定制化方案分析",
    "[6/8] 服务支持能力分析",
    "[7/8] 客户规划分析",
    "[8/8] 概览",
  ]);
  expect(await sheetNames(out)).toEqual(SAMPLE_SHEETS);
  const f = JSON.parse(fs.readFileSync(json, "utf8"));
  expect(f.period).toBe("2002-Q4");
  expect(f.total).toBe(25_599_999.16);
  expect(f.industries[0]).toEqual({ industry: "运营商", monthlyAverage: 9_727_999.95, share: 0.38, growth: 0.051657 });
  expect(f.focus.id).toBe("110");
  expect(f.focus.monthlyAverage).toBe(64_007.8);
  expect(f.focus.subIndustryShare).toBe(0.14224);
  expect(f.focus.services[1]).toEqual({ service: "市话", monthlyAverage: 28_120.83, share: 0.439334 });
  expect(f.bridge).toEqual({ start: 64_007.8, end: 78_729.6, growth: 0.23 });
  expect(f.sites).toHaveLength(7);
  // Readiness as fractions over what each site needs (issue 29): the headquarters 2 of 4 now, 4 of 4
  // after works; 福清支公司's row states nothing, so its readiness is not a number.
  expect(f.sites[0]).toMatchObject({ site: "福州分公司", readiness: { now: 0.5, afterWorks: 1 } });
  expect(f.sites[1].readiness).toEqual({ now: 1, afterWorks: 1 });
  expect(f.sites[6]).toEqual({
    site: "福清支公司",
    fibre: false,
    ready: [],
    readiness: { now: null, afterWorks: null },
  });
  // The output holds formulas with their computed values (readable without Excel).
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(out);
  const a9 = wb.getWorksheet("1 行业分析")!.getCell("A9").value as ExcelJS.CellFormulaValue;
  expect(a9.formula).toContain("TEXT(");
  expect(a9.result).toBe("100% = 2,560 万元");
});

test("options override the saved settings: another period, focus and language", async () => {
  const sample = path.join(dir, "sample2.xlsx");
  await cli("sample", "-o", sample, "--lang", "en");
  const r = await cli(
    "generate",
    sample,
    "-o",
    path.join(dir, "q3.xlsx"),
    "--period",
    "2002-Q3",
    "--compare",
    "2002-Q2",
    "--json",
    "-",
    "--quiet",
  );
  expect(r.code).toBe(EXIT.ok);
  const f = JSON.parse(r.out);
  expect(f.period).toBe("2002-Q3");
  expect(f.industries[0].industry).toBe("Carriers");
  expect(f.industries[0].growth).toBeNull(); // nothing in 2002-Q2
  expect(r.err).toContain("The table has no rows in the comparison period 2002-Q2: growth is left blank.");
});

test("anything else exits 1 with the reason: an output path that cannot be written", async () => {
  const sample = path.join(dir, "sample3.xlsx");
  await cli("sample", "-o", sample, "--quiet");
  const r = await cli("generate", sample, "-o", path.join(dir, "no-such-dir", "out.xlsx"), "--quiet");
  expect(r.code).toBe(EXIT.failure);
  expect(r.err).toMatch(/^sixstep: .*ENOENT/);
});

test("--unit 万元 shows money in 万元 on the sheets; a wrong unit is a usage error", async () => {
  const sample = path.join(dir, "unit-sample.xlsx");
  expect((await cli("sample", "-o", sample)).code).toBe(EXIT.ok);
  const out = path.join(dir, "unit-out.xlsx");
  expect((await cli("generate", sample, "-o", out, "--unit", "万元", "--quiet")).code).toBe(EXIT.ok);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(out);
  const industry = wb.getWorksheet("1 行业分析")!;
  // The composition's first average: in 万 with one decimal (the value stays in yuan).
  expect(industry.getCell("B11").numFmt).toBe("0!.0,");
  // --scope: what the figures cover, under the composition's headline; kept by the next run.
  expect((await cli("generate", out, "-o", out, "--scope", "含网间结算", "--quiet")).code).toBe(EXIT.ok);
  const again = path.join(dir, "unit-again.xlsx");
  expect((await cli("generate", out, "-o", again, "--quiet")).code).toBe(EXIT.ok);
  for (const f of [out, again]) {
    const w = new ExcelJS.Workbook();
    await w.xlsx.readFile(f);
    expect(w.getWorksheet("1 行业分析")!.getCell("A8").value).toBe("含网间结算");
  }
  const bad = await cli("generate", sample, "-o", out, "--unit", "dollars");
  expect(bad.code).toBe(EXIT.usage);
  expect(bad.err).toMatch(/--unit takes 元 or 万元/);
});

/** The sample's revenue rows under headers the detection does not know, on sheet `Billing`. */
async function unknownHeadersFile(name: string): Promise<string> {
  const { readSampleCsv } = await import("../helpers/sample");
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet("Billing");
  ws.addRow(["Cycle", "Acct", "Biz", "Niche", "Offering", "Net"]);
  for (const r of readSampleCsv("revenue.csv").slice(1)) {
    if (r.length < 7) continue;
    ws.addRow([`${r[0]}`, r[2], r[3], r[4], r[5], Number(r[6])]);
  }
  const file = path.join(dir, name);
  await wb.xlsx.writeFile(file);
  return file;
}

test("--map field=Header maps columns by their headers; without --lang the headers' language is used", async () => {
  const file = await unknownHeadersFile("unknown-headers.xlsx");
  const out = path.join(dir, "mapped.xlsx");
  const json = path.join(dir, "mapped.json");
  // Without a mapping the table is not found — and the message is English, as the headers are.
  const none = await cli("generate", file, "-o", out, "--quiet");
  expect(none.code).toBe(EXIT.input);
  expect(none.err).toMatch(/^sixstep: No revenue table/);
  const r = await cli(
    "generate",
    file,
    "-o",
    out,
    "--map",
    "period=Cycle",
    "--map",
    "customer=Acct",
    "--map=industry=Biz",
    "--map",
    "subIndustry=Niche",
    "--map",
    "service=Offering",
    "--map",
    "amount=Net",
    "--focus",
    "中国平安人寿保险有限公司福州分公司",
    "--json",
    json,
    "--quiet",
  );
  expect([r.code, r.err]).toEqual([EXIT.ok, expect.any(String)]);
  const figures = JSON.parse(fs.readFileSync(json, "utf8"));
  expect([figures.total, figures.focus.monthlyAverage]).toEqual([25_599_999.16, 64_007.8]);
  expect(Math.round(figures.focus.subIndustryShare * 1000) / 10).toBe(14.2);
  expect(await sheetNames(out)).toContain("1 Industry");
  // No site table: step 5 is still written, and the run says what to add.
  expect(await sheetNames(out)).toContain("5 Support");
  expect(figures.warnings).toContain(
    "No site table found: step 5's capability matrix has no data yet. Add a table with the columns site, address, access point, fibre (yes/no), copper pairs and services it can carry, then Refresh.",
  );
  // A mapping naming a header that is not there: exit 3, naming the headers found.
  const bad = await cli("generate", file, "-o", out, "--map", "amount=Revenue", "--map", "period=Cycle", "--quiet");
  expect(bad.code).toBe(EXIT.input);
  expect(bad.err).toBe(
    "sixstep: --map amount=Revenue: no such column in the header row. Headers found: Cycle, Acct, Biz, Niche, Offering, Net.\n",
  );
  // --map is in the help, and a malformed one is a usage error.
  expect((await cli("--help")).out).toMatch(/--map FIELD=HEADER/);
  const usage = await cli("generate", file, "-o", out, "--map", "revenue=Net");
  expect(usage.code).toBe(EXIT.usage);
  expect(usage.err).toMatch(/--map: unknown field “revenue”/);
}, 120_000);

test("--steps portfolio adds the Portfolio sheet on demand; the JSON has every account; an unknown step exits 2", async () => {
  const sample = path.join(dir, "steps-sample.xlsx");
  expect((await cli("sample", "-o", sample)).code).toBe(EXIT.ok);
  expect(await sheetNames(sample)).not.toContain("7 客户组合");
  const out = path.join(dir, "steps-portfolio.xlsx");
  const json = path.join(dir, "steps-portfolio.json");
  const r = await cli("generate", sample, "-o", out, "--steps", "portfolio", "--json", json);
  expect(r.code).toBe(EXIT.ok);
  // Only the portfolio was written: [1/2] reading, [2/2] the portfolio.
  expect(r.err.split("\n").filter((l) => /^\[\d\/\d\]/.test(l))).toEqual(["[1/2] 正在读取工作簿", "[2/2] 客户组合"]);
  expect(await sheetNames(out)).toContain("7 客户组合");
  const figures = JSON.parse(fs.readFileSync(json, "utf8"));
  expect(figures.portfolio.accounts).toHaveLength(36);
  expect(figures.portfolio.services).toBe(6);
  expect(figures.portfolio.accounts[0]).toMatchObject({ key: "201", rank: 1 });
  const pingAn = figures.portfolio.accounts.find((a: { key: string }) => a.key === "110");
  expect(pingAn.monthlyAverage).toBe(64007.8);
  expect(Math.round(pingAn.segmentShare * 1000) / 10).toBe(14.2);
  // all,portfolio: every sheet, the portfolio among them; the overview last in the run.
  const both = await cli("generate", sample, "-o", out, "--steps", "all,portfolio");
  expect(both.code).toBe(EXIT.ok);
  expect(both.err).toContain("[9/9]");
  const bad = await cli("generate", sample, "-o", out, "--steps", "portfolio,bogus");
  expect(bad.code).toBe(EXIT.usage);
  expect(bad.err).toContain("--steps: unknown step “bogus”");
}, 120_000);
