#!/usr/bin/env node
// Lists the functions longer than a limit (issue 33: none over 100 lines, components included):
// function declarations and expressions, arrow functions, methods, constructors and accessors,
// each counted from its first line to its last (a nested function counts in its parent too).
// Also lists files over a line limit. Exits 1 when it lists anything, so it can gate a check.
//
//   node scripts/long-functions.js [--max 100] [--file-max 800] [DIR|FILE ...]   (default: src)
const fs = require("fs");
const path = require("path");
const ts = require("typescript");

function parseArgs(argv) {
  const out = { max: 100, fileMax: 800, roots: [] };
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === "--max") out.max = Number(argv[++i]);
    else if (argv[i] === "--file-max") out.fileMax = Number(argv[++i]);
    else out.roots.push(argv[i]);
  }
  if (!out.roots.length) out.roots.push("src");
  return out;
}

function sourceFiles(root) {
  const stat = fs.statSync(root);
  if (stat.isFile()) return /\.tsx?$/.test(root) ? [root] : [];
  return fs
    .readdirSync(root, { withFileTypes: true })
    .flatMap((e) => (e.name === "node_modules" ? [] : sourceFiles(path.join(root, e.name))));
}

/** The name a reader would look for: the declaration's, else the variable or property it is assigned to. */
function nameOf(node, sf) {
  if (node.name) return node.name.getText(sf);
  if (ts.isConstructorDeclaration(node)) return "constructor";
  const p = node.parent;
  if (p && (ts.isVariableDeclaration(p) || ts.isPropertyAssignment(p) || ts.isPropertyDeclaration(p)) && p.name)
    return p.name.getText(sf);
  if (p && ts.isCallExpression(p)) return `(argument of ${p.expression.getText(sf).slice(0, 40)})`;
  return "(anonymous)";
}

function longFunctions(file, max) {
  const text = fs.readFileSync(file, "utf8");
  const kind = file.endsWith(".tsx") ? ts.ScriptKind.TSX : ts.ScriptKind.TS;
  const sf = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, kind);
  const found = [];
  const visit = (node) => {
    if (ts.isFunctionLike(node) && node.body) {
      const first = sf.getLineAndCharacterOfPosition(node.getStart(sf)).line + 1;
      const last = sf.getLineAndCharacterOfPosition(node.end).line + 1;
      const lines = last - first + 1;
      if (lines > max) found.push({ file, line: first, name: nameOf(node, sf), lines });
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return { found, lines: sf.getLineAndCharacterOfPosition(text.length).line + (text.endsWith("\n") ? 0 : 1) };
}

function main() {
  const { max, fileMax, roots } = parseArgs(process.argv.slice(2));
  let problems = 0;
  for (const file of roots.flatMap(sourceFiles).sort()) {
    const { found, lines } = longFunctions(file, max);
    if (lines > fileMax) {
      console.log(`${file}: ${lines} lines (file over ${fileMax})`);
      problems++;
    }
    for (const f of found) {
      console.log(`${f.file}:${f.line}  ${f.name}  ${f.lines} lines`);
      problems++;
    }
  }
  if (problems) process.exitCode = 1;
  else console.log(`no function over ${max} lines, no file over ${fileMax} lines`);
}

main();
