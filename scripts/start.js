#!/usr/bin/env node
// `npm start`: builds and serves the standalone preview (the task pane beside an in-browser
// workbook with the sample case) and the add-in on http://localhost:3000, prints the URL and opens
// a browser when one is available (set NO_OPEN=1 to skip).
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
    const url = `http://localhost:${port}/`;
    console.log(
      `\n  Six-Step Key-Account Analysis — standalone preview with the sample case: ${url}\n` +
        `  (English sample: ${url}?sample=en · task pane alone: ${url}taskpane.html · Ctrl+C to stop)\n`,
    );
    openBrowser(url);
  }
});
child.on("exit", (code) => process.exit(code ?? 0));
for (const sig of ["SIGINT", "SIGTERM"]) process.on(sig, () => child.kill(sig));

function openBrowser(url) {
  if (process.env.NO_OPEN || process.env.CI) return;
  const cmd =
    process.platform === "darwin"
      ? ["open", [url]]
      : process.platform === "win32"
        ? ["cmd", ["/c", "start", "", url]]
        : process.env.DISPLAY || process.env.WAYLAND_DISPLAY
          ? ["xdg-open", [url]]
          : null;
  if (!cmd) return;
  try {
    spawn(cmd[0], cmd[1], { stdio: "ignore", detached: true })
      .on("error", () => {})
      .unref();
  } catch {
    // no browser to open: the URL above is enough
  }
}
