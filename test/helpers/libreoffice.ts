import { spawnSync } from "child_process";
import type ExcelJS from "exceljs";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";

const XCU = `<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>0</value></prop></item>
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="ODFRecalcMode" oor:op="fuse"><value>0</value></prop></item>
</oor:items>
`;

export function sofficePath(): string | null {
  for (const p of ["/usr/bin/soffice", "/usr/bin/libreoffice", "/usr/local/bin/soffice"])
    if (fs.existsSync(p)) return p;
  return null;
}

/**
 * Opens an .xlsx in headless LibreOffice with a profile that recalculates on load
 * (OOXMLRecalcMode = 0) and saves it again, so its cached values are LibreOffice's own.
 */
export function recalcWithLibreOffice(xlsx: Uint8Array): Buffer {
  const soffice = sofficePath();
  if (!soffice)
    throw new Error("LibreOffice is not installed: run `bash scripts/setup.sh` (Debian package libreoffice-calc)");
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "lo-"));
  try {
    const profile = path.join(dir, "profile");
    fs.mkdirSync(path.join(profile, "user"), { recursive: true });
    fs.writeFileSync(path.join(profile, "user", "registrymodifications.xcu"), XCU);
    const input = path.join(dir, "in", "book.xlsx");
    fs.mkdirSync(path.dirname(input));
    fs.writeFileSync(input, xlsx);
    const out = path.join(dir, "out");
    const r = spawnSync(
      soffice,
      [
        `-env:UserInstallation=file://${profile}`,
        "--headless",
        "--norestore",
        "--convert-to",
        "xlsx",
        "--outdir",
        out,
        input,
      ],
      { encoding: "utf8", timeout: 120_000 },
    );
    const file = path.join(out, "book.xlsx");
    if (!fs.existsSync(file)) throw new Error(`LibreOffice did not convert the file: ${r.stderr || r.stdout}`);
    return fs.readFileSync(file);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** What a saved file says a cell holds: a formula's cached result, or the plain value. */
export function cachedValue(cell: ExcelJS.Cell): unknown {
  const v = cell.value as ExcelJS.CellValue;
  if (typeof v === "object" && v !== null && "formula" in v) {
    // ExcelJS drops a cached <v>0</v> when reading (a falsy check): a formula without a result is 0.
    return "result" in v ? (v as ExcelJS.CellFormulaValue).result : 0;
  }
  return typeof v === "object" && v !== null && "result" in v ? (v as ExcelJS.CellFormulaValue).result : v;
}
