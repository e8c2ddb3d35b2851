import { main } from "../../src/cli/main";

/** Runs the command line in-process and collects what it printed: its exit code, stdout and stderr. */
export async function runCli(argv: string[], tty = false): Promise<{ code: number; out: string; err: string }> {
  let out = "";
  let err = "";
  const code = await main(argv, { stdout: (s) => (out += s), stderr: (s) => (err += s), tty });
  return { code, out, err };
}
