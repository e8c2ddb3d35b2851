// Lets Node run the project's TypeScript directly (the `sixstep` CLI and `npm run bench`) with no
// build step: each .ts/.tsx file is transpiled to CommonJS on first require, types unchecked
// (`npm run typecheck` checks them). TypeScript is a devDependency, present after `npm ci`.
const fs = require("fs");
const ts = require("typescript");

const { options } = require("./ts-options.js");

function compile(module, filename) {
  const source = fs.readFileSync(filename, "utf8");
  const out = ts.transpileModule(source, { compilerOptions: options, fileName: filename });
  module._compile(out.outputText, filename);
}

require.extensions[".ts"] = compile;
require.extensions[".tsx"] = compile;
