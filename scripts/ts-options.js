// The transpile options shared by scripts/ts-register.js (sources run directly) and
// scripts/build-cli.js (the compiled command line).
const ts = require("typescript");

exports.options = {
  module: ts.ModuleKind.CommonJS,
  target: ts.ScriptTarget.ES2020,
  jsx: ts.JsxEmit.ReactJSX,
  esModuleInterop: true,
  sourceMap: false,
  inlineSourceMap: true,
  ignoreDeprecations: "6.0",
};
