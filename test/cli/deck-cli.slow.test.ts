/** `sixstep deck`: the sample workbook's plan as a .pptx, its help, usage and input errors with their exit codes. */
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { EXIT, HELP } from "../../src/cli/main";
import { pptxUnderJest, readPptx } from "../helpers/pptx";
import { runCli } from "../helpers/cli";

jest.setTimeout(180_000);
pptxUnderJest();

const BIN = path.join(__dirname, "..", "..", "bin", "sixstep.js");
let dir: string;
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "sixstep-deck-"));
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const cli = (...argv: string[]) => runCli(argv);

test("sixstep deck writes the generated workbook's plan: 13 slides, the workbook's name in every source line", async () => {
  const book = path.join(dir, "sample.xlsx");
  expect((await cli("sample", "-o", book)).code).toBe(EXIT.ok);
  const pptx = path.join(dir, "plan.pptx");
  const r = await cli("deck", book, "-o", pptx, "--lang", "en");
  expect(r.code).toBe(EXIT.ok);
  const slides = await readPptx(fs.readFileSync(pptx));
  expect(slides).toHaveLength(13);
  expect(slides[0].title).toBe("Account plan");
  for (const s of slides) expect([s.index, s.text.includes("Source: sample.xlsx")]).toEqual([s.index, true]);
  // The workbook's figures, recomputed on import: Ping An's Q4-2002 monthly average.
  expect(slides[1].text).toContain("64,007.80");
});

test("usage errors exit 2; a workbook without an analysis exits 3 naming what is missing", async () => {
  expect(HELP).toContain("sixstep deck <generated.xlsx> -o <plan.pptx> [--lang zh|en]");
  const noOut = await cli("deck", path.join(dir, "sample.xlsx"));
  expect([noOut.code, noOut.err.split("\n")[0]]).toEqual([EXIT.usage, "sixstep: deck needs -o <plan.pptx>"]);
  const missing = await cli("deck", path.join(dir, "nothing.xlsx"), "-o", path.join(dir, "x.pptx"));
  expect(missing.code).toBe(EXIT.usage);
  // A workbook with only a revenue table: the sample's input tables before Generate.
  const raw = path.join(dir, "raw.xlsx");
  const ExcelJS = (await import("exceljs")).default;
  const wb = new ExcelJS.Workbook();
  wb.addWorksheet("收入").addRows([
    ["月份", "客户名称", "收入(元)"],
    ["2002-10", "平安", 1],
  ]);
  await wb.xlsx.writeFile(raw);
  const r = await cli("deck", raw, "-o", path.join(dir, "raw.pptx"));
  expect(r.code).toBe(EXIT.input);
  expect(r.err).toBe(
    "sixstep: 此工作簿没有六步分析结果（缺少 SixStep_Total, SixStep_FocusAverage, SixStep_PeriodStart, SixStep_PeriodEnd）：请先“全部生成”，再导出演示文稿。\n",
  );
  expect(fs.existsSync(path.join(dir, "raw.pptx"))).toBe(false);
});

test("the bin runs it in plain Node", () => {
  const pptx = path.join(dir, "bin.pptx");
  const r = spawnSync(process.execPath, [BIN, "deck", path.join(dir, "sample.xlsx"), "-o", pptx, "--lang", "zh"], {
    encoding: "utf8",
  });
  expect([r.status, r.stderr.split("\n").filter((l) => l && !l.startsWith("工作簿中缺少"))]).toEqual([0, []]);
  expect(fs.readFileSync(pptx).subarray(0, 2).toString("latin1")).toBe("PK");
});
