/**
 * LibreOffice, headless, for the command line's `pdf` (and the tests' cross-checks): a private
 * profile that recalculates every formula on load (OOXMLRecalcMode = 0), so what it prints or
 * saves is computed by LibreOffice itself, never our cached values.
 */
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";

const XCU = `<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>0</value></prop></item>
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="ODFRecalcMode" oor:op="fuse"><value>0</value></prop></item>
</oor:items>
`;

/** Where LibreOffice is installed, or null. */
export function sofficePath(): string | null {
  // SIXSTEP_SOFFICE names another LibreOffice (a portable install); one that is not there is none.
  const own = process.env.SIXSTEP_SOFFICE;
  if (own !== undefined) return own && fs.existsSync(own) ? own : null;
  for (const p of [
    "/usr/bin/soffice",
    "/usr/bin/libreoffice",
    "/usr/local/bin/soffice",
    "/opt/libreoffice/program/soffice",
  ])
    if (fs.existsSync(p)) return p;
  return null;
}

/** How to install LibreOffice, for the message when it is missing. */
export const INSTALL_LIBREOFFICE =
  "LibreOffice is not installed. Install it, then run the command again: on Debian or Ubuntu `sudo apt-get install libreoffice-calc fonts-noto-cjk`, on macOS `brew install --cask libreoffice`, on Windows from https://www.libreoffice.org/download/ (or run `bash scripts/setup.sh` in this project).";

export class LibreOfficeMissing extends Error {
  constructor() {
    super(INSTALL_LIBREOFFICE);
  }
}

/** Many .xlsx files converted (recalculated first) to xlsx or pdf in one LibreOffice start. */
export function convertAllWithLibreOffice(
  files: Uint8Array[],
  to: "xlsx" | "pdf",
  timeoutMs?: number,
  from: "xlsx" | "pptx" | "csv" = "xlsx",
): Buffer[] {
  const soffice = sofficePath();
  if (!soffice) throw new LibreOfficeMissing();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "lo-"));
  try {
    const profile = path.join(dir, "profile");
    fs.mkdirSync(path.join(profile, "user"), { recursive: true });
    fs.writeFileSync(path.join(profile, "user", "registrymodifications.xcu"), XCU);
    fs.mkdirSync(path.join(dir, "in"));
    const inputs = files.map((f, i) => {
      const input = path.join(dir, "in", `book${i}.${from}`);
      fs.writeFileSync(input, f);
      return input;
    });
    const out = path.join(dir, "out");
    const r = spawnSync(
      soffice,
      [
        `-env:UserInstallation=file://${profile}`,
        "--headless",
        "--norestore",
        // A CSV file: comma-separated, double-quoted, UTF-8 (76), from the first line.
        ...(from === "csv" ? ["--infilter=CSV:44,34,76,1"] : []),
        "--convert-to",
        to,
        "--outdir",
        out,
        ...inputs,
      ],
      { encoding: "utf8", timeout: timeoutMs ?? 60_000 + 30_000 * files.length },
    );
    return files.map((_, i) => {
      const file = path.join(out, `book${i}.${to}`);
      if (!fs.existsSync(file)) throw new Error(`LibreOffice did not convert file ${i}: ${r.stderr || r.stdout}`);
      return fs.readFileSync(file);
    });
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
