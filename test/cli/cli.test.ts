/** The command line's usage and input-data errors, in-process (cli.slow.test.ts runs it end to end). */
import ExcelJS from "exceljs";
import { execFileSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { EXIT, parseArgs } from "../../src/cli/main";
import { runCli } from "../helpers/cli";

let dir: string;
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "sixstep-cli-"));
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const cli = (...argv: string[]) => runCli(argv, true);

test("usage errors exit 2 with the reason and the help", async () => {
  for (const argv of [
    ["generate"],
    ["generate", "a.xlsx"],
    ["frobnicate"],
    ["generate", "a.xlsx", "-o", "b.xlsx", "--bogus"],
    ["sample", "-o", "x.xlsx", "--lang", "fr"],
  ]) {
    const r = await cli(...argv);
    expect(r.code).toBe(EXIT.usage);
    expect(r.err).toMatch(/^sixstep: .+\n\nsixstep — /);
  }
  expect((await cli("generate", path.join(dir, "missing.xlsx"), "-o", "x.xlsx")).code).toBe(EXIT.usage);
  expect(parseArgs(["generate", "in.xlsx", "--output=out.xlsx", "--period=2002-Q4"]).options).toMatchObject({
    output: "out.xlsx",
    period: "2002-Q4",
  });
});

test("input-data errors exit 3 and name the sheet, column and row", async () => {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet("Sales");
  ws.addRow(["Month", "Customer", "Industry", "Service", "Amount"]);
  ws.addRow(["2002-10", "A Ltd", "Finance", "Data", 100]);
  ws.addRow(["2002-10", "B Ltd", "Finance", "Data", "n/a"]);
  const file = path.join(dir, "bad.xlsx");
  await wb.xlsx.writeFile(file);
  const r = await cli("generate", file, "-o", path.join(dir, "never.xlsx"), "--lang", "en", "--quiet");
  expect(r.code).toBe(EXIT.input);
  expect(r.err).toBe("sixstep: Sheet “Sales”, cell E3: “n/a” is not an amount. Use a number such as 28,120.83.\n");
  expect(fs.existsSync(path.join(dir, "never.xlsx"))).toBe(false);
  fs.writeFileSync(path.join(dir, "junk.xlsx"), "not a zip");
  const junk = await cli("generate", path.join(dir, "junk.xlsx"), "-o", path.join(dir, "never.xlsx"));
  expect(junk.code).toBe(EXIT.input);
  expect(junk.err).toMatch(/junk\.xlsx is not a readable \.xlsx workbook/);
});

test("the command line loads ExcelJS's workbook without its streaming reader and writer", () => {
  // ExcelJS's package entry loads unzipper and archiver (0.15 s of every start); nothing streams.
  const script =
    "require('./src/cli/main.ts');" +
    "const ids = Object.keys(require.cache);" +
    "console.log(JSON.stringify({ workbook: ids.some((k) => /exceljs[\\\\/]lib[\\\\/]doc[\\\\/]workbook/.test(k))," +
    " streams: ids.filter((k) => /node_modules[\\\\/](unzipper|archiver)[\\\\/]/.test(k)).length }));";
  const out = execFileSync(process.execPath, ["-r", "./scripts/ts-register.js", "-e", script], {
    cwd: path.join(__dirname, "..", ".."),
    encoding: "utf8",
  });
  expect(JSON.parse(out.trim().split("\n").pop()!)).toEqual({ workbook: true, streams: 0 });
});
