#!/usr/bin/env node
// `npm run dev-server`: the task pane over https://localhost:3000 with Office's development
// certificates (office-addin-dev-certs), as Excel requires; webpack.config.js explains failures.
const { spawnSync } = require("child_process");
const path = require("path");

const webpackCli = path.join(__dirname, "..", "node_modules", "webpack-cli", "bin", "cli.js");
const r = spawnSync(process.execPath, [webpackCli, "serve", "--mode", "development", "--env", "https"], {
  stdio: "inherit",
});
process.exit(r.status ?? 1);
