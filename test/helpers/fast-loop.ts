/**
 * Set up before each test file of the fast loop (jest project "fast", `npm test`): it starts no
 * LibreOffice, no Chromium and no webpack build. A test that does fails here at once and says where
 * it goes: a file named *.slow.test.ts (jest project "slow"), which `npm run test:all` and CI run.
 * So a new test falls into the right project by its file's name, and the fast loop stays fast.
 */
jest.mock("child_process", () => {
  const real = jest.requireActual<typeof import("child_process")>("child_process");
  const path = jest.requireActual<typeof import("path")>("path");
  /** The commands the fast loop does not start (Playwright starts Chromium through child_process too). */
  const SLOW_COMMANDS = /^(soffice|libreoffice|soffice\.bin|chromium|chromium-browser|chrome|google-chrome)$/;
  const guard = <F extends (...args: never[]) => unknown>(f: F): F =>
    ((...args: Parameters<F>) => {
      const command = path.basename(String(args[0]));
      if (SLOW_COMMANDS.test(command))
        throw new Error(
          `${command} started by a test of the fast loop (npm test): move the test into a file named *.slow.test.ts, ` +
            "which only `npm run test:all` runs (jest.all.config.js)",
        );
      return f(...args);
    }) as F;
  const { promisify } = jest.requireActual<typeof import("util")>("util");
  const execFile = guard(real.execFile);
  Object.defineProperty(execFile, promisify.custom, { value: guard(promisify(real.execFile)) });
  return {
    ...real,
    spawn: guard(real.spawn),
    spawnSync: guard(real.spawnSync),
    execFile,
    execFileSync: guard(real.execFileSync),
  };
});

jest.mock("webpack", () => () => {
  throw new Error(
    "webpack build started by a test of the fast loop (npm test): move the test into a file named *.slow.test.ts, " +
      "which only `npm run test:all` runs (jest.all.config.js)",
  );
});
