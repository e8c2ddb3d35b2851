/**
 * `sixstep pdf`: the add-in's sheets only, printed by LibreOffice (pdf-cli.test.ts: the message
 * without it).
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { EXIT, HELP } from "../../src/cli/main";
import { pdfPageCount } from "../helpers/libreoffice";
import { runCli } from "../helpers/cli";
import { requireTool } from "../helpers/tools";

jest.setTimeout(180_000);

let dir: string;
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "sixstep-pdf-"));
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const cli = (...argv: string[]) => runCli(argv);

test("sixstep pdf prints the add-in's sheets only, as designed: the overview's page and the steps' on A4 landscape", async () => {
  requireTool("libreoffice");
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
