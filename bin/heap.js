// How much heap a `sixstep` run gets. V8's default old-space limit is about 4 GB on this kind of
// machine, whatever its memory; a large input needs more (the portfolio at 1,000,000 rows peaks
// near 9 GB) and would stop with "JavaScript heap out of memory". A run whose input files are
// large starts again in a child process whose limit is three quarters of the machine's memory
// (bin/sixstep.js); a small run (the sample, 60,000 rows) starts no second process.
const fs = require("fs");
const os = require("os");
const v8 = require("v8");

/** An input of at least this many bytes (an .xlsx of about 250,000 revenue rows) gets the larger heap. */
const LARGE_INPUT_BYTES = 8 * 1024 * 1024;

/**
 * The `--max-old-space-size` flag a run with these arguments should start again with, or null:
 * none when the heap was sized already (a flag of ours or the user's, here or in NODE_OPTIONS), no
 * argument names a large file, or the machine has no more to give than the default.
 */
function heapFlag(args, env = process.env, execArgv = process.execArgv, memory = os.totalmem()) {
  const sized = (s) => /--max-old-space-size/.test(s);
  if (env.SIXSTEP_HEAP_SIZED || execArgv.some(sized) || sized(env.NODE_OPTIONS || "")) return null;
  const large = args.some((a) => {
    try {
      const st = fs.statSync(a);
      return st.isFile() && st.size >= LARGE_INPUT_BYTES;
    } catch {
      return false;
    }
  });
  if (!large) return null;
  const wantMb = Math.floor((memory / 1048576) * 0.75);
  const haveMb = v8.getHeapStatistics().heap_size_limit / 1048576;
  return wantMb > haveMb * 1.2 ? `--max-old-space-size=${wantMb}` : null;
}

module.exports = { heapFlag, LARGE_INPUT_BYTES };
