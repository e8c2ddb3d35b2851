/**
 * The requirement-set audit (issue 34, item 1; scripts/requirement-audit.ts): every Excel API
 * member the add-in's code uses, found by the TypeScript checker, with its set from the typings;
 * none above the manifest's minimum outside an isSetSupported guard; the README's table is the
 * audit's. The auditor itself is tested on small snippets, guarded and not.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { audit, manifestMinimum, readmeSection, readmeTable, type AuditResult } from "../../scripts/requirement-audit";

const G19 = `Office.context.requirements.isSetSupported("ExcelApi", "1.9")`;

/** Each snippet is one file; `good` ones must pass, the others name what the audit must flag. */
const SNIPPETS: Record<string, { code: string; unguarded: string[]; badGuardValues?: string[] }> = {
  "good-if": {
    code: `export function f(ws: Excel.Worksheet) { if (${G19}) ws.pageLayout.zoom = { scale: 80 }; }`,
    unguarded: [],
  },
  "good-early-exit": {
    code: `export function f(ws: Excel.Worksheet) {\n  if (!${G19}) return;\n  ws.pageLayout.orientation = "Landscape";\n}`,
    unguarded: [],
  },
  "good-guard-function": {
    code: `function supported(): boolean {\n  return typeof Office === "undefined" || Office.context.requirements.isSetSupported("ExcelApi", "1.10");\n}\nexport function f(ws: Excel.Worksheet) { if (ws && supported()) ws.pageLayout.zoom = { scale: 80 }; }`,
    unguarded: [],
  },
  "good-const-ternary": {
    code: `export function f(ws: Excel.Worksheet) { const ok = ${G19}; return ok ? ws.pageLayout : null; }`,
    unguarded: [],
  },
  "good-callback-in-guard": {
    code: `export async function f(h: () => Promise<void>) {\n  if (${G19})\n    await Excel.run(async (c) => {\n      c.workbook.worksheets.onChanged.add(h);\n      await c.sync();\n    });\n}`,
    unguarded: [],
  },
  "good-tagged-option": {
    code: `interface O {\n  /** @guard ExcelApi 1.9 */\n  live: boolean;\n}\nfunction g(c: Excel.RequestContext, o: O, h: () => Promise<void>) {\n  if (!o.live) return;\n  c.workbook.worksheets.onChanged.add(h);\n}\nexport function f(c: Excel.RequestContext, h: () => Promise<void>) {\n  const live = ${G19};\n  g(c, { live }, h);\n}`,
    unguarded: [],
  },
  "good-below-minimum": {
    // ExcelApi 1.1 (values), 1.2 for options and 1.7 for password (protect): no guard needed at 1.8.
    code: `export function f(ws: Excel.Worksheet) { ws.getRange("A1").values = [[1]]; ws.protection.protect({}, "pw"); }`,
    unguarded: [],
  },
  "bad-none": {
    code: `export function f(ws: Excel.Worksheet) {\n  ws.pageLayout.zoom = { scale: 80 };\n}`,
    unguarded: [
      "Excel.PageLayout.zoom (ExcelApi 1.9) at bad-none.ts:2",
      "Excel.Worksheet.pageLayout (ExcelApi 1.9) at bad-none.ts:2",
    ],
  },
  "bad-lower-version": {
    code: `export function f(ws: Excel.Worksheet) {\n  if (Office.context.requirements.isSetSupported("ExcelApi", "1.8")) ws.pageLayout.orientation = "Portrait";\n}`,
    unguarded: [
      "Excel.PageLayout.orientation (ExcelApi 1.9) at bad-lower-version.ts:2",
      "Excel.Worksheet.pageLayout (ExcelApi 1.9) at bad-lower-version.ts:2",
    ],
  },
  "bad-negated": {
    code: `export function f(ws: Excel.Worksheet) {\n  if (!${G19}) {\n    return ws.pageLayout;\n  }\n  return null;\n}`,
    unguarded: ["Excel.Worksheet.pageLayout (ExcelApi 1.9) at bad-negated.ts:3"],
  },
  "bad-let": {
    code: `export function f(ws: Excel.Worksheet) {\n  let ok = ${G19};\n  ok = true;\n  if (ok) return ws.pageLayout;\n  return null;\n}`,
    unguarded: ["Excel.Worksheet.pageLayout (ExcelApi 1.9) at bad-let.ts:4"],
  },
  "bad-guard-elsewhere": {
    code: `function check() {\n  if (!${G19}) return;\n}\nexport function f(ws: Excel.Worksheet) {\n  check();\n  return ws.pageLayout;\n}`,
    unguarded: ["Excel.Worksheet.pageLayout (ExcelApi 1.9) at bad-guard-elsewhere.ts:6"],
  },
  "bad-no-exit": {
    code: `export function f(ws: Excel.Worksheet) {\n  if (!${G19}) console.log("old Excel");\n  return ws.pageLayout;\n}`,
    unguarded: ["Excel.Worksheet.pageLayout (ExcelApi 1.9) at bad-no-exit.ts:3"],
  },
  "bad-other-set": {
    code: `export function f(ws: Excel.Worksheet) {\n  if (Office.context.requirements.isSetSupported("WordApi", "1.9")) return ws.pageLayout;\n  return null;\n}`,
    unguarded: ["Excel.Worksheet.pageLayout (ExcelApi 1.9) at bad-other-set.ts:2"],
  },
  "bad-tagged-value": {
    code: `interface O {\n  /** @guard ExcelApi 1.9 */\n  live: boolean;\n}\nfunction g(c: Excel.RequestContext, o: O, h: () => Promise<void>) {\n  if (!o.live) return;\n  c.workbook.worksheets.onChanged.add(h);\n}\nexport function f(c: Excel.RequestContext, h: () => Promise<void>) {\n  g(c, { live: true }, h);\n}`,
    unguarded: [],
    badGuardValues: ["live: true at bad-tagged-value.ts:10"],
  },
};

describe("the auditor on snippets", () => {
  let result: AuditResult;
  let dir: string;
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "req-audit-"));
    const files = Object.entries(SNIPPETS).map(([name, s]) => {
      const f = path.join(dir, `${name}.ts`);
      fs.writeFileSync(f, s.code + "\n");
      return f;
    });
    result = audit(files, { set: "ExcelApi", version: "1.8" });
  }, 120_000);
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  const local = (s: string) => s.replace(/ at .*[\\/]([\w-]+\.ts)/, " at $1");

  test.each(Object.keys(SNIPPETS))("%s", (name) => {
    const s = SNIPPETS[name];
    expect(result.unguarded.map(local).filter((u) => u.includes(` at ${name}.ts:`))).toEqual(s.unguarded);
    expect(result.badGuardValues.map(local).filter((u) => u.includes(` at ${name}.ts:`))).toEqual(
      s.badGuardValues ?? [],
    );
  });

  test("reads each member's set from the typings, the highest a comment names", () => {
    const set = (m: string) => {
      const u = result.uses.find((x) => x.member === m);
      return u?.requires ? `${u.requires.set} ${u.requires.version}` : null;
    };
    expect(set("Excel.Worksheet.pageLayout")).toBe("ExcelApi 1.9");
    expect(set("Excel.WorksheetCollection.onChanged")).toBe("ExcelApi 1.9");
    expect(set("Excel.Range.values")).toBe("ExcelApi 1.1");
    // "[Api set: ExcelApi 1.2 for options; 1.7 for password]"
    expect(set("Excel.WorksheetProtection.protect")).toBe("ExcelApi 1.7");
    // The guard that proved it, named.
    expect(
      result.uses.find((u) => u.file.endsWith("good-early-exit.ts") && u.member === "Excel.PageLayout.orientation")!
        .guard,
    ).toBe(`after if (!${G19}) return`);
  });
});

describe("the add-in's code", () => {
  let result: AuditResult;
  beforeAll(() => {
    result = audit();
  }, 180_000);

  test("the manifest's minimum is ExcelApi 1.8", () => {
    expect(manifestMinimum()).toEqual({ set: "ExcelApi", version: "1.8" });
    expect(result.minimum).toEqual({ set: "ExcelApi", version: "1.8" });
  });

  test("uses no member above the minimum outside an isSetSupported guard", () => {
    const members = new Set(result.uses.map((u) => u.member));
    // The add-in's code reaches well over a hundred members of Excel's API.
    expect(members.size).toBeGreaterThan(100);
    expect(result.unguarded).toEqual([]);
    expect(result.badGuardValues).toEqual([]);
    // What needs 1.9: page layout (the writer) and worksheet events (the pane's live statuses).
    const above = result.uses.filter((u) => u.requires && u.requires.version === "1.9");
    expect(above.length).toBeGreaterThan(0);
    expect(above.every((u) => u.guard !== null)).toBe(true);
    expect(new Set(above.map((u) => u.file))).toEqual(new Set(["src/excel/writer.ts", "src/excel/watch.ts"]));
  });

  test("the README's requirement-set table is the audit's", () => {
    // To refresh it: node -r ./scripts/ts-register.js scripts/requirement-audit.ts --write-readme
    expect(readmeSection()).toBe(readmeTable(result));
  });
});
