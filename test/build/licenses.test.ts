import { spawnSync } from "child_process";
import * as path from "path";

test("npm run licenses lists the production dependencies with versions and licences", () => {
  const r = spawnSync(process.execPath, [path.join(__dirname, "..", "..", "scripts", "licenses.js")], {
    encoding: "utf8",
  });
  expect(r.status).toBe(0);
  const line = (name: string) =>
    r.stdout
      .split("\n")
      .find((l) => l.startsWith(`${name} `))
      ?.trim()
      .split(/\s+/);
  expect(line("react")).toEqual(["react", expect.stringMatching(/^18\.3\./), "MIT"]);
  expect(line("hyperformula")).toEqual(["hyperformula", expect.stringMatching(/^3\./), "GPL-3.0-only"]);
  expect(line("@microsoft/office-js-helpers")?.[2]).toBe("MIT");
  expect(line("jest")).toBeUndefined(); // a dev dependency is not shipped
  expect(r.stdout).toMatch(/\d+ production packages; 0 with a licence outside the allowed list\./);
});
