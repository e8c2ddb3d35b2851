/**
 * Every formula cell the product writes gives the same value in the emulator and in LibreOffice:
 * the sample in both languages, each data route (Excel table, plain range with workbook names,
 * the normalised copy), and every case of the hostile-input corpus that generates. LibreOffice
 * recalculates all the exported files in one start.
 */
import ExcelJS from "exceljs";
import { ExcelEmulator } from "../../src/emulator";
import { exportXlsx } from "../../src/emulator/xlsx";
import { generate } from "../../src/excel/pipeline";
import { HOSTILE, hostileWorkbook } from "../fixtures/hostile";
import { compareFormulaCells, recalcAllWithLibreOffice, type Difference } from "../helpers/libreoffice";
import { emulatorRun, generateSampleRoute, namedCents, sampleEmulator, type SampleRoute } from "../helpers/workbook";
import { columnLetter } from "../../src/address";

interface Book {
  label: string;
  emu: ExcelEmulator;
  route?: string;
}

/** The sample on a data route, generated. */
async function sampleRoute(label: string, route: SampleRoute): Promise<Book> {
  const { emu, kind } = await generateSampleRoute(route);
  return { label, emu, route: kind };
}

async function hostileBook(c: (typeof HOSTILE)[number]): Promise<Book | null> {
  const emu = await hostileWorkbook(c);
  try {
    await generate(emulatorRun(emu), {
      steps: ["industry", "competition", "needs"],
      settings: { period: "2002-Q4", compare: "2002-Q3", lang: "en-US" },
    });
  } catch {
    return null; // refused with a located message (tested in hostile.test.ts): nothing to compare
  }
  return { label: `hostile: ${c.name}`, emu };
}

test("every formula cell agrees with LibreOffice: sample (zh, en), three data routes, the hostile corpus", async () => {
  const books: Book[] = [
    { label: "sample zh", emu: (await sampleEmulator("zh")).emu },
    { label: "sample en", emu: (await sampleEmulator("en")).emu },
    // A plain range: the formulas read workbook names.
    await sampleRoute("plain range", "range"),
    // Amounts kept as text ("28,120.83 元"): the normalised copy serves the formulas, and the
    // focus customer's id must have the copy's type on both sides of its criteria.
    await sampleRoute("normalised copy", "copy"),
  ];
  for (const c of HOSTILE.filter((x) => !x.parseOnly)) {
    const b = await hostileBook(c);
    if (b) books.push(b);
  }
  // No error value is on show anywhere: only hidden helper columns may hold one (#N/A hides an
  // unrated solution from the scatter chart).
  const shown: string[] = [];
  for (const b of books) {
    for (const sh of b.emu.model.sheets.filter((x) => x.visibility === "Visible")) {
      const used = b.emu.model.usedRect(sh, true);
      if (!used) continue;
      b.emu.model.values(sh, used).forEach((row, i) =>
        row.forEach((v, j) => {
          const c = used.c0 + j;
          if (
            typeof v === "string" &&
            /^#(N\/A|REF!|VALUE!|DIV\/0!|NAME\?|NUM!|NULL!)$/.test(v) &&
            !sh.hiddenColumns.has(c)
          )
            shown.push(`${b.label}: ${sh.name}!${columnLetter(c)}${used.r0 + i + 1} ${v}`);
        }),
      );
    }
  }
  expect(shown).toEqual([]);
  const recalculated = recalcAllWithLibreOffice(await Promise.all(books.map((b) => exportXlsx(b.emu.model))));
  const report: string[] = [];
  const all: Difference[] = [];
  let total = 0;
  for (let i = 0; i < books.length; i++) {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(recalculated[i] as unknown as ArrayBuffer);
    const { compared, differences } = compareFormulaCells(books[i].emu.model, wb);
    total += compared;
    report.push(
      `${books[i].label}${books[i].route ? ` (${books[i].route})` : ""}: ${compared} cells, ${differences.length} differ`,
    );
    all.push(...differences.map((d) => ({ ...d, cell: `${books[i].label}: ${d.cell}` })));
  }
  console.log(`cross-engine: ${total} formula cells on ${books.length} workbooks\n${report.join("\n")}`);
  expect(books.map((b) => b.route).slice(2, 4)).toEqual(["range", "copy"]);
  // The figures themselves, on every route: Ping An's Q4-2002 monthly average (the focus
  // customer's block reads the focus cell against the customer-id column: same type both sides).
  for (const b of books.slice(0, 4))
    expect([b.label, namedCents(b.emu, "SixStep_FocusAverage")]).toEqual([b.label, 64007.8]);
  expect(books.length).toBeGreaterThan(30);
  expect(all.slice(0, 20)).toEqual([]);
}, 600_000);
