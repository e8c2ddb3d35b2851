#!/usr/bin/env node
// The `sixstep` command line. It runs the compiled JavaScript in build/cli (scripts/build-cli.js,
// run on install and by `npm run build`) when that build is newer than every source file; else
// the TypeScript sources, transpiled on load (a few seconds more at each start).
const fs = require("fs");
const path = require("path");

const root = path.join(__dirname, "..");
const stamp = path.join(root, "build", "cli", "stamp.json");

function newestSource(dir) {
  let newest = 0;
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    newest = Math.max(newest, e.isDirectory() ? newestSource(p) : fs.statSync(p).mtimeMs);
  }
  return newest;
}

function entry() {
  try {
    if (fs.statSync(stamp).mtimeMs >= newestSource(path.join(root, "src")))
      return require(path.join(root, "build", "cli", "src", "cli", "main.js"));
  } catch {
    // No build (or an unreadable one): the sources.
  }
  require("../scripts/ts-register.js");
  return require("../src/cli/main.ts");
}

// A large input: the same command again, in a child with a heap sized to the machine (bin/heap.js);
// a signal this process gets goes to the child, whose way of ending is this process's.
const flag = require("./heap.js").heapFlag(process.argv.slice(2));
if (flag) {
  const { spawn } = require("child_process");
  const child = spawn(process.execPath, [flag, ...process.execArgv, __filename, ...process.argv.slice(2)], {
    stdio: "inherit",
    env: { ...process.env, SIXSTEP_HEAP_SIZED: "1" },
  });
  for (const sig of ["SIGINT", "SIGTERM", "SIGHUP"]) process.on(sig, () => child.kill(sig));
  child.on("error", (e) => {
    process.stderr.write(`sixstep: ${e.message}\n`);
    process.exit(1);
  });
  child.on("exit", (code, signal) => {
    if (signal) {
      process.removeAllListeners(signal);
      process.kill(process.pid, signal);
    }
    process.exit(code ?? 1);
  });
} else runHere();

/** The command, in this process. */
function runHere() {
  entry()
    .main(process.argv.slice(2), {
      stdout: (s) => process.stdout.write(s),
      stderr: (s) => process.stderr.write(s),
      tty: Boolean(process.stderr.isTTY),
    })
    .then(
      (code) => {
        process.exitCode = code;
      },
      (e) => {
        process.stderr.write(`sixstep: ${e && e.stack ? e.stack : e}\n`);
        process.exitCode = 1;
      },
    );
}
