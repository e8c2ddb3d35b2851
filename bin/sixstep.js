#!/usr/bin/env node
// The `sixstep` command line: runs the TypeScript sources directly (transpiled on load).
require("../scripts/ts-register.js");
const { main } = require("../src/cli/main.ts");

main(process.argv.slice(2), {
  stdout: (s) => process.stdout.write(s),
  stderr: (s) => process.stderr.write(s),
  tty: Boolean(process.stderr.isTTY),
}).then(
  (code) => {
    process.exitCode = code;
  },
  (e) => {
    process.stderr.write(`sixstep: ${e && e.stack ? e.stack : e}\n`);
    process.exitCode = 1;
  },
);
