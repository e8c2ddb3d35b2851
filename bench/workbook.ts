/* The benchmark workbook: a revenue table ("Revenue" on 收入), written in 20,000-row blocks as
 * an add-in would, and optionally the sample's site table ("Sites" on 站点). */
import * as fs from "fs";
import * as path from "path";
import { ExcelEmulator } from "../src/emulator";
import { parseCsv } from "../src/sample/csv";

export async function revenueWorkbook(values: (string | number)[][], withSites = true): Promise<ExcelEmulator> {
  const sites = withSites
    ? parseCsv(fs.readFileSync(path.join(__dirname, "..", "sample-case", "sites.csv"), "utf8")).filter((r) =>
        r.some((c) => c !== ""),
      )
    : [];
  const emu = new ExcelEmulator();
  await emu.run(async (context) => {
    const ws = context.workbook.worksheets.add("收入");
    for (let r = 0; r < values.length; r += 20_000) {
      const chunk = values.slice(r, r + 20_000);
      ws.getRangeByIndexes(r, 0, chunk.length, 7).values = chunk;
      // One block per request keeps each under the 5 MB cap.
      // eslint-disable-next-line office-addins/no-context-sync-in-loop
      await context.sync();
    }
    ws.tables.add(`A1:G${values.length}`, true).name = "Revenue";
    if (sites.length) {
      const ss = context.workbook.worksheets.add("站点");
      ss.getRange(`A1:G${sites.length}`).values = sites.map((r) => [...r, ...Array(7 - r.length).fill("")]);
      ss.tables.add(`A1:G${sites.length}`, true).name = "Sites";
    }
    await context.sync();
  });
  return emu;
}
