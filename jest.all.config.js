/**
 * The full gate, `npm run test:all` (and CI, .ci/run): the fast project of jest.config.js and the
 * slow one, the files named *.slow.test.ts(x) (LibreOffice, Chromium, webpack, long pure tests).
 * One file alone: `npm run test:all -- test/deck/impress.slow.test.ts`.
 */
// The run's own options (a project's are not read in a multi-project run) are the fast loop's.
const { maxWorkers, testTimeout, ...fast } = require("./jest.config.js");

/** @type {import('jest').Config} */
module.exports = {
  maxWorkers,
  testTimeout,
  projects: [
    fast,
    {
      ...fast,
      displayName: "slow",
      testMatch: ["**/*.slow.test.ts", "**/*.slow.test.tsx"],
      testPathIgnorePatterns: ["/node_modules/"],
      setupFilesAfterEnv: [],
    },
  ],
};
