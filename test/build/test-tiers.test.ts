/**
 * The two test projects (jest.config.js, jest.all.config.js): the fast loop refuses the slow tools
 * and says where such a test goes; a test whose tool is missing fails with the command that
 * installs it (test/helpers/tools.ts).
 */
import * as childProcess from "child_process";
import { installCommand, missingPackages, requireTool } from "../helpers/tools";

test("the fast loop starts no LibreOffice, Chromium or webpack build: it names the *.slow.test.ts files instead", () => {
  for (const command of ["soffice", "/usr/bin/chromium"])
    expect(() => childProcess.spawnSync(command, ["--version"])).toThrow(
      `${command.replace(/.*\//, "")} started by a test of the fast loop (npm test): move the test into a file named *.slow.test.ts`,
    );
  const webpack = require("webpack");
  expect(() => webpack({})).toThrow("webpack build started by a test of the fast loop");
  // Other commands run as ever.
  expect(childProcess.spawnSync(process.execPath, ["-e", "process.stdout.write('ok')"]).stdout.toString()).toBe("ok");
});

test("a missing tool fails the test with the command that installs it", () => {
  expect(installCommand(["libreoffice-calc", "fonts-noto-cjk"])).toBe(
    "sudo apt-get install -y libreoffice-calc fonts-noto-cjk",
  );
  if (childProcess.spawnSync("dpkg-query", ["--version"]).status === 0)
    expect(missingPackages(["no-such-package-sixstep"])).toEqual(["no-such-package-sixstep"]);
  // A LibreOffice that is not there (SIXSTEP_SOFFICE names another install, src/cli/libreoffice.ts).
  const saved = process.env.SIXSTEP_SOFFICE;
  process.env.SIXSTEP_SOFFICE = "/nonexistent/soffice";
  try {
    expect(() => requireTool("libreoffice")).toThrow(
      /^LibreOffice Calc is missing for this test \(not installed: libreoffice-calc.*\)\. Install it with: sudo apt-get install -y libreoffice-calc/,
    );
  } finally {
    if (saved === undefined) delete process.env.SIXSTEP_SOFFICE;
    else process.env.SIXSTEP_SOFFICE = saved;
  }
});
