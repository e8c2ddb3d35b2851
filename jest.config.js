/**
 * The fast loop, `npm test` (and `npx jest`): the unit, component and integration tests, on the
 * emulator alone. The full gate, `npm run test:all` (jest.all.config.js, and CI), adds the files
 * named *.slow.test.ts(x): the tests that start LibreOffice, Chromium or a webpack build, and the
 * few long pure ones. This project refuses LibreOffice, Chromium and webpack
 * (test/helpers/fast-loop.ts), so a new test that needs them says, the first time it runs, that its
 * file is to be named *.slow.test.ts. README, "Tests".
 */
const os = require("os");

/** @type {import('jest').Config} */
module.exports = {
  displayName: "fast",
  // Every core but one, as jest's default, yet two on a two-core machine: the tests are CPU-bound
  // and the jest parent process mostly waits.
  maxWorkers: Math.max(2, os.cpus().length - 1),
  testEnvironment: "node",
  roots: ["<rootDir>/test"],
  testMatch: ["**/*.test.ts", "**/*.test.tsx"],
  testPathIgnorePatterns: ["/node_modules/", "\\.slow\\.test\\.tsx?$"],
  setupFilesAfterEnv: ["<rootDir>/test/helpers/fast-loop.ts"],
  transform: {
    "^.+\\.tsx?$": [
      "ts-jest",
      {
        tsconfig: {
          module: "commonjs",
          moduleResolution: "node",
          ignoreDeprecations: "6.0",
          jsx: "react-jsx",
          isolatedModules: true,
        },
      },
    ],
  },
  moduleFileExtensions: ["ts", "tsx", "js", "json"],
  testTimeout: 60000,
};
