#!/usr/bin/env node
// `npm start`: builds and serves the add-in on http://localhost:3000 and prints the URL.
const { spawn } = require("child_process");
const path = require("path");

const port = Number(process.env.npm_package_config_dev_server_port || 3000);
const webpackCli = path.join(__dirname, "..", "node_modules", "webpack-cli", "bin", "cli.js");
const args = [webpackCli, "serve", "--mode", "development", "--port", String(port), "--no-client-progress"];
const child = spawn(process.execPath, args, { stdio: ["ignore", "pipe", "inherit"] });
let announced = false;
child.stdout.on("data", (chunk) => {
  const text = chunk.toString();
  process.stdout.write(text);
  if (!announced && /compiled (successfully|with)/.test(text)) {
    announced = true;
    console.log(
      `\n  Six-Step Key-Account Analysis is running at http://localhost:${port}/\n  (task pane: http://localhost:${port}/taskpane.html — Ctrl+C to stop)\n`,
    );
  }
});
child.on("exit", (code) => process.exit(code ?? 0));
for (const sig of ["SIGINT", "SIGTERM"]) process.on(sig, () => child.kill(sig));
