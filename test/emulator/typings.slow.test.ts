/**
 * The emulator typed against @types/office-js (issue 34, item 2): each emulated class declares
 * `implements Typed<Excel.X, …>` (src/emulator/excel-types.ts) for every member of Excel.X it
 * models, so `tsc` fails when the typings rename or retype one; and the signatures fixed to match
 * Excel behave as Excel's do.
 */
import * as fs from "fs";
import * as path from "path";
import ts from "typescript";
import { ExcelEmulator } from "../../src/emulator";

const ROOT = path.join(__dirname, "..", "..");
const EMULATOR = path.join(ROOT, "src", "emulator");

function options(): ts.CompilerOptions {
  const config = ts.readConfigFile(path.join(ROOT, "tsconfig.json"), ts.sys.readFile);
  const parsed = ts.parseJsonConfigFileContent(config.config, ts.sys, ROOT);
  return { ...parsed.options, noEmit: true, typeRoots: [path.join(ROOT, "node_modules", "@types")] };
}

/** Members of an emulated class that Excel's class has but the class does not claim to model as Excel types it. */
const NOT_TYPED: Record<string, string[]> = {
  // Plain settings objects, not client objects of their own (no load, no sync).
  ConditionalFormat: ["colorScale", "custom", "dataBar", "iconSet"],
  // Read here; set (Excel.TableRow.values is read-write) is not modelled.
  TableRow: ["values"],
  // Excel's add returns the PageBreak it made; the add-in never reads it, so it is not modelled.
  PageBreakCollection: ["add"],
};
/** Members every client object has, typed by the emulator's ClientObject, not per class. */
const COMMON = new Set(["load", "set", "toJSON", "context", "track", "untrack", "isNullObject"]);

test("every emulated class implements Typed<Excel.X, …> for each Excel member it models", () => {
  const files = fs
    .readdirSync(EMULATOR)
    .filter((f) => f.endsWith(".ts"))
    .map((f) => path.join(EMULATOR, f));
  const program = ts.createProgram(files, options());
  const checker = program.getTypeChecker();
  const office = program.getSourceFiles().find((f) => /@types[\\/]office-js[\\/]index\.d\.ts$/.test(f.fileName))!;
  let excel: ts.Symbol | undefined;
  office.forEachChild((n) => {
    if (ts.isModuleDeclaration(n) && n.name.getText() === "Excel") excel = checker.getSymbolAtLocation(n.name);
  });
  const excelTypes = checker.getExportsOfModule(excel!);
  const found: string[] = [];
  const problems: string[] = [];
  for (const sf of program.getSourceFiles()) {
    if (!files.includes(sf.fileName)) continue;
    sf.forEachChild((n) => {
      if (!ts.isClassDeclaration(n) || !n.name) return;
      const tag = n.members.find(
        (m) =>
          ts.isPropertyDeclaration(m) &&
          m.name.getText() === "emulated" &&
          m.initializer &&
          ts.isStringLiteral(m.initializer),
      ) as ts.PropertyDeclaration | undefined;
      if (!tag || n.name.text === "ClientObject") return;
      const name = (tag.initializer as ts.StringLiteral).text;
      found.push(name);
      const x = excelTypes.find((s) => s.name === name);
      if (!x) return void problems.push(`${name}: no Excel.${name}`);
      const excelType = checker.getDeclaredTypeOfSymbol(x);
      const ours = checker.getDeclaredTypeOfSymbol(checker.getSymbolAtLocation(n.name)!);
      const modelled = checker
        .getPropertiesOfType(ours)
        .map((p) => p.name)
        .filter((p) => !p.startsWith("_") && !COMMON.has(p) && excelType.getProperty(p))
        .filter((p) => !(NOT_TYPED[name] ?? []).includes(p))
        .sort();
      const clause = n.heritageClauses
        ?.find((h) => h.token === ts.SyntaxKind.ImplementsKeyword)
        ?.types.find((t) => t.expression.getText() === "Typed");
      if (!clause) return void problems.push(`${name}: no implements Typed<Excel.${name}, …>`);
      const [target, keys] = clause.typeArguments ?? [];
      if (target?.getText() !== `Excel.${name}`) problems.push(`${name}: implements Typed<${target?.getText()}, …>`);
      const listed = (keys && ts.isUnionTypeNode(keys) ? keys.types : keys ? [keys] : [])
        .map((k) => k.getText().replace(/"/g, ""))
        .sort();
      if (listed.join() !== modelled.join())
        problems.push(`${name}: lists ${listed.join(", ")}; models ${modelled.join(", ")}`);
    });
  }
  // The API classes the add-in's code reaches, Range to chart axes and the diagrams' shapes (8:
  // the collection, shape, fill, line format, line, text frame, text range, font); each one checked.
  expect(found.length).toBe(55);
  expect(found).toEqual(
    expect.arrayContaining([
      "Range",
      "Worksheet",
      "Table",
      "TableRow",
      "Chart",
      "DataValidation",
      "Shape",
      "TextFrame",
    ]),
  );
  expect(problems).toEqual([]);
}, 120_000);

test("a member whose type differs from Excel's fails to compile", () => {
  const dir = fs.mkdtempSync(path.join(EMULATOR, ".typings-"));
  try {
    const file = path.join(dir, "drift.ts");
    fs.writeFileSync(
      file,
      [
        `import type { Typed } from "../excel-types";`,
        // As if the typings had renamed or retyped these: a string where Excel has a union, a
        // wrong parameter, a missing member.
        `export class A implements Typed<Excel.PageLayout, "orientation"> { orientation = "Sideways" as string; }`,
        `export class B implements Typed<Excel.Worksheet, "getRange"> { getRange(address: number) { return address; } }`,
        `export class C implements Typed<Excel.Range, "values" | "rowCount"> { values: any[][] = []; }`,
        `export class D implements Typed<Excel.PageLayout, "orientation"> { orientation: Excel.PageLayout["orientation"] = "Landscape"; }`,
      ].join("\n"),
    );
    const program = ts.createProgram([file], options());
    const errors = ts
      .getPreEmitDiagnostics(program)
      .filter((d) => d.file?.fileName === file)
      .map((d) => `${d.file!.getLineAndCharacterOfPosition(d.start!).line}:${d.code}`);
    // A, B and C fail (TS2416 a member's type, TS2420 a class that does not implement); D compiles.
    expect(errors).toEqual(["1:2416", "2:2416", "3:2420"]);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}, 120_000);

describe("signatures made Excel's", () => {
  test("rows.add returns the top row added, with its index and values", async () => {
    const emu = new ExcelEmulator();
    const row = await emu.run(async (context) => {
      const ws = context.workbook.worksheets.add("Data");
      ws.getRange("A1:B3").values = [
        ["Service", "Amount"],
        ["市话", 28120.83],
        ["长话", 3918.55],
      ];
      const t = ws.tables.add("A1:B3", true);
      const added = t.rows.add(undefined, [
        ["17909长话", 3784.3],
        ["数据", 28184.12],
      ]);
      added.load("index, values");
      await context.sync();
      return { index: added.index, values: added.values };
    });
    expect(row).toEqual({ index: 2, values: [["17909长话", 3784.3]] });
  });

  test("Range.clear takes Excel's applyTo values and refuses the ones it does not model", async () => {
    const emu = new ExcelEmulator();
    await emu.run(async (context) => {
      context.workbook.worksheets.add("Data");
      await context.sync();
    });
    await expect(
      emu.run(async (context) => {
        context.workbook.worksheets.getItem("Data").getRange("A1").clear("Hyperlinks");
        await context.sync();
      }),
    ).rejects.toThrow(/not emulated: Range.clear\("Hyperlinks"\)/);
    const left = await emu.run(async (context) => {
      const r = context.workbook.worksheets.getItem("Data").getRange("A1:A2");
      r.values = [[64007.8], ["x"]];
      r.clear("Contents");
      r.load("values");
      await context.sync();
      return r.values;
    });
    expect(left).toEqual([[""], [""]]);
  });
});
