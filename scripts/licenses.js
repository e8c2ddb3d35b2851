#!/usr/bin/env node
// `npm run licenses`: every production dependency (what the add-in, the preview and the CLI ship)
// with its version and licence, from package-lock.json and the installed package.json files.
// Fails when a package has no licence or one outside the allowed list.
const fs = require("fs");
const path = require("path");

const root = path.join(__dirname, "..");
const lock = JSON.parse(fs.readFileSync(path.join(root, "package-lock.json"), "utf8"));
const ALLOWED =
  /^(MIT|ISC|BSD-2-Clause|BSD-3-Clause|Apache-2\.0|0BSD|BlueOak-1\.0\.0|CC0-1\.0|Unlicense|Python-2\.0|CC-BY-4\.0|\(MIT OR Apache-2\.0\)|\(MIT AND Zlib\)|MIT OR GPL-3\.0-or-later|\(MIT OR GPL-3\.0-or-later\)|GPL-3\.0|GPL-3\.0-only|GPL-3\.0-or-later|\(MIT OR CC0-1\.0\)|MIT\/X11)$/;

// Packages that declare no licence at all, reviewed by hand: reported, not failed.
const UNDECLARED = {
  buffers: "declares no licence (substack/node-buffers; pulled in by ExcelJS's unzipper via binary)",
};

const rows = [];
for (const [key, info] of Object.entries(lock.packages)) {
  if (!key || info.dev || info.devOptional) continue;
  const name = key.replace(/^.*node_modules\//, "");
  let license = info.license;
  if (!license) {
    try {
      const pkg = JSON.parse(fs.readFileSync(path.join(root, key, "package.json"), "utf8"));
      license =
        typeof pkg.license === "string"
          ? pkg.license
          : (pkg.license?.type ??
            (Array.isArray(pkg.licenses) ? pkg.licenses.map((l) => l.type ?? l).join(" OR ") : undefined));
    } catch {
      license = undefined;
    }
  }
  rows.push({ name, version: info.version, license: license ?? "UNKNOWN" });
}
rows.sort((a, b) => a.name.localeCompare(b.name));
const width = Math.max(...rows.map((r) => r.name.length));
for (const r of rows) console.log(`${r.name.padEnd(width)}  ${String(r.version).padEnd(10)}  ${r.license}`);
const bad = rows.filter((r) => !ALLOWED.test(r.license) && !UNDECLARED[r.name]);
for (const r of rows.filter((x) => UNDECLARED[x.name]))
  console.log(`note: ${r.name}@${r.version} ${UNDECLARED[r.name]}`);
console.log(`\n${rows.length} production packages; ${bad.length} with a licence outside the allowed list.`);
for (const r of bad) console.log(`  ${r.name}@${r.version}: ${r.license}`);
process.exitCode = bad.length ? 1 : 0;

// Which distributions carry which terms (issue 20): HyperFormula is GPL-3.0 (or commercial).
const hf = rows.find((r) => r.name === "hyperformula");
console.log(`\nDistributions:
  Excel add-in (dist/taskpane.*, dist/commands.*): MIT and permissive only; no GPL code
    (test/build/bundle-boundary.slow.test.ts checks that HyperFormula is not in the bundle Excel loads).
  Standalone preview (dist/preview.*) and command line (bin/sixstep.js, build/cli): include
    HyperFormula${hf ? `@${hf.version} (${hf.license})` : ""}; as distributed they carry GPL-3.0 terms
    (HyperFormula's licence key "gpl-v3"), unless a commercial HyperFormula licence replaces it.`);
