#!/usr/bin/env node
// `npm run validate:offline [manifest.xml]`: the XSD and the project's own manifest checks.
const path = require("path");
const { validateManifest, defaultXsdDir } = require("./manifest-checks");

const file = path.resolve(process.argv[2] || "manifest.xml");
const problems = validateManifest(file, { rootDir: path.join(__dirname, ".."), xsdDir: defaultXsdDir() });
if (problems.length) {
  for (const p of problems) console.error(`✗ ${p}`);
  console.error(`${path.basename(file)}: ${problems.length} problem(s)`);
  process.exit(1);
}
console.log(`✓ ${path.basename(file)} is valid (schema, https, resource ids, icons, id, version, origin, permissions)`);
