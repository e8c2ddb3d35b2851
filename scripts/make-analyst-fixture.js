#!/usr/bin/env node
// Writes test/fixtures/analyst-zh.xlsx (issue 30): the sample case generated in Chinese by the
// add-in's code, then edited as an analyst would — asks of management written, a pipeline stage
// moved on, an opportunity added, ratings changed, a task under way — and saved as .xlsx.
// test/excel/fixture.test.ts refreshes it with the current code; every later version must keep
// passing it (or migrate it). The tests never run this script: the committed file is the fixture.
//
//   node scripts/make-analyst-fixture.js [--root DIR] [-o FILE]
//
// --root: the checkout whose code generates the workbook (default: this one). The committed file
// was generated from commit 80404f2 (main on 2026-12-05: settings without a version field):
//   mkdir /tmp/r && git archive 80404f2 src sample-case | tar -x -C /tmp/r \
//     && ln -s "$PWD/node_modules" /tmp/r/node_modules && node scripts/make-analyst-fixture.js --root /tmp/r
const fs = require("fs");
const path = require("path");

const args = process.argv.slice(2);
const opt = (name, fallback) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : fallback;
};
const repo = path.join(__dirname, "..");
const root = path.resolve(opt("--root", repo));
const out = path.resolve(opt("-o", path.join(repo, "test", "fixtures", "analyst-zh.xlsx")));

require("./ts-register.js");
const { ExcelEmulator } = require(path.join(root, "src", "emulator"));
const { buildSampleWorkbook, SAMPLE_FILE_NAMES } = require(path.join(root, "src", "sample", "workbook"));
const { exportXlsx } = require(path.join(root, "src", "emulator", "xlsx"));

/** Excel serial of a calendar date. */
const serial = (y, m, d) => Date.UTC(y, m - 1, d) / 86_400_000 + 25_569;

async function main() {
  const files = {};
  for (const f of SAMPLE_FILE_NAMES) files[f] = fs.readFileSync(path.join(root, "sample-case", f), "utf8");
  const emu = new ExcelEmulator();
  await buildSampleWorkbook(emu, files, "zh");

  // Where the input tables are, as the workbook records them.
  const settings = (key) => emu.model.settings.get(key);
  // Our sheets by id, and those added in the run's last write by name.
  const owned = { ...settings("sixstep.ownedNames"), ...settings("sixstep.ownedSheets") };
  const tables = settings("sixstep.inputTables");
  /** Reads an input table, lets `edit` change its rows in place, writes it back (one run). */
  async function edit(step, id, change) {
    const loc = (tables[step] || []).find((x) => x.id === id);
    if (!loc) throw new Error(`no input table ${step}.${id}`);
    await emu.run(async (context) => {
      const range = context.workbook.worksheets.getItem(owned[step]).getRange(loc.range);
      range.load("values");
      await context.sync();
      const rows = range.values.map((r) => [...r]);
      change(rows);
      range.values = rows;
      await context.sync();
    });
  }

  // Asks of management: the first and third rewritten by the analyst.
  await edit("overview", "asks", (rows) => {
    rows[0][0] = "批准为平安福州分公司配置专职客户经理一名（2003年一季度到位）";
    rows[2][0] = "申请2M数字电路组网专项资源，二季度前完成光纤入户";
  });
  // The pipeline: O-02 moved on from 方案 to 谈判; O-03 added (solution 2, 已确认, 8,000 a month,
  // closing 2003-02-15, this quarter).
  await edit("solutions", "pipeline", (rows) => {
    const o2 = rows.find((r) => r[0] === "O-02");
    if (!o2 || o2[2] !== "方案") throw new Error("the sample's O-02 is not at 方案");
    o2[2] = "谈判";
    const free = rows.find((r) => r.every((c) => c === "" || c === null));
    free.splice(0, 8, "O-03", "2", "已确认", 8000, "", serial(2003, 2, 15), "网通", "詹昕");
  });
  // Ratings: competition (our coverage and the first rival's price), key purchase factors.
  await edit("competition", "ratings", (rows) => {
    rows[0][2] = rows[0][2] === 5 ? 4 : 5;
    rows[1][4] = rows[1][4] === 2 ? 3 : 2;
  });
  await edit("industry", "factors", (rows) => {
    rows[0][2] = rows[0][2] === 5 ? 4 : 5;
  });
  // Planning: a task under way and an influencer won over.
  await edit("planning", "tasks", (rows) => {
    rows[0][7] = 0.4;
    rows[0][8] = "进行中";
  });
  await edit("planning", "influencers", (rows) => {
    rows[0][4] = "A-";
  });

  const bytes = await exportXlsx(emu.model);
  fs.writeFileSync(out, bytes);
  process.stderr.write(`wrote ${path.relative(process.cwd(), out)} (${bytes.length} bytes)\n`);
}

main().catch((e) => {
  process.stderr.write(`${e.stack || e}\n`);
  process.exitCode = 1;
});
