/** `sixstep pdf` without LibreOffice: a clear message (pdf-cli.slow.test.ts prints with it). */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { EXIT } from "../../src/cli/main";
import { INSTALL_LIBREOFFICE } from "../../src/cli/libreoffice";
import { runCli } from "../helpers/cli";

jest.setTimeout(180_000);

let dir: string;
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "sixstep-pdf-"));
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const cli = (...argv: string[]) => runCli(argv);

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
