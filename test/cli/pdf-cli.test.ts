/** `sixstep pdf`: the add-in's sheets only, printed by LibreOffice; a clear message without it. */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { EXIT, HELP } from "../../src/cli/main";
import { INSTALL_LIBREOFFICE } from "../../src/cli/libreoffice";
import { pdfPageCount } from "../helpers/libreoffice";
import { runCli } from "../helpers/cli";

jest.setTimeout(180_000);

let dir: string;
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "sixstep-pdf-"));
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const cli = (...argv: string[]) => runCli(argv);

test("sixstep pdf prints the add-in's sheets only, as designed: the overview's page and the steps' on A4 landscape", async () => {
  expect(HELP).toContain("sixstep pdf <generated.xlsx> -o <plan.pdf>");
  const book = path.join(dir, "sample.xlsx");
  expect((await cli("sample", "-o", book)).code).toBe(EXIT.ok);
  const out = path.join(dir, "plan.pdf");
  const r = await cli("pdf", book, "-o", out);
  expect([r.code, r.err]).toEqual([EXIT.ok, ""]);
  const pdf = fs.readFileSync(out);
  const pages = pdfPageCount(pdf);
  // The overview's one page and the six steps' designed pages (src/layout/print.ts): 40 to 50.
  expect(pages).toBeGreaterThanOrEqual(40);
  expect(pages).toBeLessThanOrEqual(50);
  // A4 landscape: 842 × 595 points.
  expect(pdf.toString("latin1")).toMatch(/\/MediaBox\s*\[\s*0 0 841\.\d+ 595\.\d+\s*\]/);
});

test("without LibreOffice it says how to install it; a workbook never generated exits 3", async () => {
  const book = path.join(dir, "sample.xlsx");
  const saved = process.env.SIXSTEP_SOFFICE;
  process.env.SIXSTEP_SOFFICE = path.join(dir, "no-such-soffice");
  try {
    const r = await cli("pdf", book, "-o", path.join(dir, "x.pdf"));
    expect([r.code, r.err]).toEqual([EXIT.failure, `sixstep: ${INSTALL_LIBREOFFICE}\n`]);
    expect(r.err).toContain("sudo apt-get install libreoffice-calc");
  } finally {
    if (saved === undefined) delete process.env.SIXSTEP_SOFFICE;
    else process.env.SIXSTEP_SOFFICE = saved;
  }
  expect(fs.existsSync(path.join(dir, "x.pdf"))).toBe(false);
  const ExcelJS = (await import("exceljs")).default;
  const raw = path.join(dir, "raw.xlsx");
  const wb = new ExcelJS.Workbook();
  wb.addWorksheet("收入").addRows([
    ["月份", "客户名称", "收入(元)"],
    ["2002-10", "平安", 1],
  ]);
  await wb.xlsx.writeFile(raw);
  const r = await cli("pdf", raw, "-o", path.join(dir, "raw.pdf"));
  expect(r.code).toBe(EXIT.input);
  expect(r.err).toMatch(/holds no sheet the add-in generated .*: run sixstep generate first\n$/);
});
