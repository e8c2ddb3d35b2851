/**
 * The repository stands on its own: a clone in any folder passes `npm test`. Nothing in the code,
 * the tests, the scripts or the README points outside the repository (the project's shared
 * folder beside the checkout is not there for users).
 */
import * as fs from "fs";
import * as path from "path";

const root = path.join(__dirname, "..", "..");

function files(dir: string): string[] {
  return fs.readdirSync(path.join(root, dir), { withFileTypes: true }).flatMap((e) => {
    const rel = path.join(dir, e.name);
    if (e.isDirectory()) return files(rel);
    return /\.(ts|tsx|js|json|sh|md|html)$/.test(e.name) ? [rel] : [];
  });
}

test("no file points outside the repository", () => {
  const checked = [
    ...["src", "test", "scripts", "bench", "bin", ".ci"].flatMap(files),
    "README.md",
    "package.json",
    "webpack.config.js",
    "jest.config.js",
  ];
  const outside = checked.filter((f) =>
    /\.\.\/shared\b|["'`]shared\/(xsd|spec|method|sample-case)/.test(fs.readFileSync(path.join(root, f), "utf8")),
  );
  expect(checked.length).toBeGreaterThan(100);
  // This file names the pattern it looks for.
  expect(outside.filter((f) => !f.endsWith("self-contained.test.ts"))).toEqual([]);
});

test("the manifest schemas, the spec and the method are in the repository", () => {
  for (const f of [
    "schemas/xsd/OfficeAppManifestV1_1.xsd",
    "schemas/xsd/TaskPaneAppVersionOverridesV1_0.xsd",
    "schemas/xsd/README.md",
    "docs/spec.md",
    "docs/six-step-method.md",
  ]) {
    expect([f, fs.existsSync(path.join(root, f))]).toEqual([f, true]);
  }
  // The schemas' origin and licence travel with them.
  expect(fs.readFileSync(path.join(root, "schemas/xsd/README.md"), "utf8")).toMatch(/CC-BY-4\.0/);
});
