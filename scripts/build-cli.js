// Compiles the command line (`sixstep`) to JavaScript once, so that each run starts without
// transpiling the TypeScript sources (2–3.5 s on this machine). Every .ts/.tsx file under src/
// becomes CommonJS under build/cli/src/ (the same relative paths, so requires resolve unchanged);
// a stamp records the build. bin/sixstep.js runs the build when it is newer than every source,
// else the sources through scripts/ts-register.js. Run by `npm run build`, `npm run build:cli`
// and on install (`prepare`). Types are checked by `npm run typecheck`, not here.
const fs = require("fs");
const path = require("path");
const ts = require("typescript");
const { options } = require("./ts-options.js");

const ROOT = path.join(__dirname, "..");
const OUT = path.join(ROOT, "build", "cli");

function sources(dir, out = []) {
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) sources(p, out);
    else if (/\.tsx?$/.test(e.name) && !e.name.endsWith(".d.ts")) out.push(p);
  }
  return out;
}

function main() {
  const t = Date.now();
  fs.rmSync(OUT, { recursive: true, force: true });
  const files = sources(path.join(ROOT, "src"));
  for (const file of files) {
    const rel = path.relative(ROOT, file).replace(/\.tsx?$/, ".js");
    const out = ts.transpileModule(fs.readFileSync(file, "utf8"), {
      compilerOptions: { ...options, inlineSourceMap: false, sourceMap: false },
      fileName: file,
    });
    fs.mkdirSync(path.dirname(path.join(OUT, rel)), { recursive: true });
    fs.writeFileSync(path.join(OUT, rel), out.outputText);
  }
  fs.writeFileSync(
    path.join(OUT, "stamp.json"),
    JSON.stringify({ built: new Date().toISOString(), files: files.length }),
  );
  process.stdout.write(`build:cli: ${files.length} files in ${Date.now() - t} ms → build/cli\n`);
}

main();
