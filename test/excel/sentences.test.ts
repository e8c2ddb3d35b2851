/**
 * Sentences never break (issue 31, item 6): every sentence a formula builds — the 启示 of each
 * step, its action title, the overview's — reads as a sentence before anything is rated: a "not
 * rated yet" or "no data" branch, never an empty slot, a doubled space or a "—" for a number.
 */
import { ExcelEmulator } from "../../src/emulator";
import { generate } from "../../src/excel/pipeline";
import { fillSampleTables, sampleSettings } from "../../src/sample/workbook";
import { emulatorRun, sampleEmulator, sampleFiles } from "../helpers/workbook";

/** Every value of the workbook's sentence names (so-what, implications, the overview's action title). */
function sentences(emu: ExcelEmulator): string[] {
  const out: string[] = [];
  for (const [key, n] of emu.model.names) {
    if (!/^sixstep_(sowhat|implications)_|^sixstep_actiontitle$/.test(key)) continue;
    const m = /^=(?:'((?:[^']|'')+)'|([^'!]+))!\$?([A-Z]+)\$?(\d+)(?::\$?([A-Z]+)\$?(\d+))?$/.exec(n.formula);
    if (!m) throw new Error(`${key}: ${n.formula}`);
    const s = emu.model.sheetByName((m[1] ?? m[2]).replace(/''/g, "'"))!;
    const col = m[3].split("").reduce((a, ch) => a * 26 + ch.charCodeAt(0) - 64, 0) - 1;
    for (let r = +m[4] - 1; r <= (m[6] ? +m[6] : +m[4]) - 1; r++) {
      // Only the formula rows: the analyst's own rows under them are input.
      if (!emu.model.formula(s, r, col)?.toString().startsWith("=")) continue;
      out.push(String(emu.model.value(s, r, col)));
    }
  }
  return out;
}

/** What a broken sentence shows: an empty slot, a doubled space, a dash for a number, an error. */
const BROKEN = /\s{2}|为（|为—|is\s+of|at —|（）|\(\)|：；|: ;|—（|#[A-Z/0!?]+/;

describe.each(["zh", "en"] as const)("%s", (lang) => {
  test("from the analyst's own tables, nothing rated yet: every sentence whole, the missing said so", async () => {
    const emu = new ExcelEmulator();
    await fillSampleTables(emu, sampleFiles(), lang);
    await generate(emulatorRun(emu), { settings: { ...sampleSettings(lang), sample: false } });
    const all = sentences(emu).filter((x) => x !== "");
    expect(all.length).toBeGreaterThanOrEqual(14);
    expect(all.filter((x) => BROKEN.test(x))).toEqual([]);
    const expected =
      lang === "zh"
        ? [
            "竞争评分尚未填写",
            "尚未记录潜在需求",
            "尚未填写方案",
            "收入桥尚未填写",
            "关键人物尚未评分",
            "尚未填写任务",
            "增长目标与行动尚待",
          ]
        : [
            "No latent needs recorded yet",
            "No tasks yet",
            "No competitive ratings yet",
            "No solutions yet",
            "The revenue bridge is still empty",
            "Key people are not rated yet",
            "the growth target and the moves are still to be set",
          ];
    for (const e of expected) expect([e, all.some((x) => x.includes(e))]).toEqual([e, true]);
    // Nothing entered reads as nothing entered, not as a finding ("0 latent needs…", "no milestone ahead").
    expect(all.filter((x) => /^0 latent|已记录0项|no milestone ahead|已无未到的里程碑/.test(x))).toEqual([]);
  }, 120_000);

  test("on the sample, every sentence whole too", async () => {
    const { emu } = await sampleEmulator(lang);
    const all = sentences(emu).filter((x) => x !== "");
    expect(all.length).toBeGreaterThanOrEqual(14);
    expect(all.filter((x) => BROKEN.test(x))).toEqual([]);
    // The sample's latent needs and tasks are there: their findings, not the "nothing yet" branch.
    const found =
      lang === "zh"
        ? [/^已记录\d+项潜在需求/, /^下一个里程碑：\d{4}-/]
        : [/^\d+ latent needs/, /^Next milestone: \d{4}-/];
    for (const re of found) expect([String(re), all.some((x) => re.test(x))]).toEqual([String(re), true]);
  }, 120_000);
});
