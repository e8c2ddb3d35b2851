/**
 * The deck as a manager opens it: LibreOffice Impress converts the sample's deck to PDF with one
 * page per slide (Debian package libreoffice-impress; `bash scripts/setup.sh` installs it).
 */
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { exportDeck } from "../../src/deck";
import { sofficePath } from "../helpers/libreoffice";
import { pptxUnderJest, readPptx } from "../helpers/pptx";
import { emulatorRun, sampleEmulator } from "../helpers/workbook";

jest.setTimeout(240_000);
pptxUnderJest();

/** Impress is its own package: `soffice` alone (Calc's) cannot open a .pptx. */
function impressInstalled(): boolean {
  return spawnSync("dpkg", ["-s", "libreoffice-impress"], { encoding: "utf8" }).status === 0;
}

test("LibreOffice Impress converts the deck (zh and en) to PDF with as many pages as slides", async () => {
  const soffice = sofficePath();
  if (!soffice || !impressInstalled())
    throw new Error(
      "LibreOffice Impress is not installed: run `bash scripts/setup.sh` (Debian package libreoffice-impress)",
    );
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "deck-"));
  try {
    const decks = [];
    for (const lang of ["zh", "en"] as const) {
      const { emu } = await sampleEmulator(lang);
      const deck = await exportDeck(emulatorRun(emu), { fileName: `sample-${lang}.xlsx` });
      expect((await readPptx(deck.bytes)).length).toBe(deck.slides);
      fs.writeFileSync(path.join(dir, `plan-${lang}.pptx`), deck.bytes);
      decks.push({ lang, slides: deck.slides });
    }
    const profile = path.join(dir, "profile");
    const r = spawnSync(
      soffice,
      [
        `-env:UserInstallation=file://${profile}`,
        "--headless",
        "--norestore",
        "--convert-to",
        "pdf",
        "--outdir",
        dir,
        ...decks.map((d) => path.join(dir, `plan-${d.lang}.pptx`)),
      ],
      { encoding: "utf8", timeout: 200_000 },
    );
    expect(decks).toHaveLength(2);
    for (const d of decks) {
      const pdf = path.join(dir, `plan-${d.lang}.pdf`);
      if (!fs.existsSync(pdf)) throw new Error(`Impress did not convert plan-${d.lang}.pptx: ${r.stderr || r.stdout}`);
      // Each page is one "/Type /Page" object (the page tree is "/Type /Pages").
      const pages = fs.readFileSync(pdf, "latin1").match(/\/Type\s*\/Page(?![s\w])/g) ?? [];
      expect([d.lang, pages.length]).toEqual([d.lang, d.slides]);
    }
    // The English task names are longer: the tasks table continues on a fourteenth slide.
    expect(decks.map((d) => d.slides)).toEqual([13, 14]);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
