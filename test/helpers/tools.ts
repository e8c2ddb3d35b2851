/**
 * The external tools some tests use, and the Debian packages that provide them (the same list as
 * scripts/setup.sh). A test whose tool is missing fails, never skips: `requireTool` throws with the
 * exact command that installs what is missing.
 */
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { sofficePath } from "../../src/cli/libreoffice";

export type Tool = "xmllint" | "libreoffice" | "impress" | "chromium";

/** The browser the browser tests drive (Debian's chromium package). */
export const CHROMIUM = "/usr/bin/chromium";

/**
 * Each tool's packages. LibreOffice prints with Carlito (Calibri's metric twin: without it the
 * designed pages overflow) and the Noto CJK fonts (the sample's Chinese text); Impress is a package
 * of its own (Calc's `soffice` alone cannot open a .pptx).
 */
export const PACKAGES: Record<Tool, string[]> = {
  xmllint: ["libxml2-utils"],
  libreoffice: ["libreoffice-calc", "fonts-crosextra-carlito", "fonts-noto-cjk"],
  impress: ["libreoffice-impress", "fonts-crosextra-carlito", "fonts-noto-cjk"],
  chromium: ["chromium", "fonts-noto-cjk"],
};

const NAMES: Record<Tool, string> = {
  xmllint: "xmllint",
  libreoffice: "LibreOffice Calc",
  impress: "LibreOffice Impress",
  chromium: "Chromium",
};

/** The command that installs these Debian packages. */
export function installCommand(packages: string[]): string {
  return `sudo apt-get install -y ${packages.join(" ")}`;
}

/** Whether a command is on the PATH. */
function onPath(command: string): boolean {
  return (process.env.PATH ?? "")
    .split(path.delimiter)
    .some((dir) => dir !== "" && fs.existsSync(path.join(dir, command)));
}

/**
 * Which of these Debian packages are not installed (none, where there is no dpkg to ask: another
 * system, where only the commands can be looked for).
 */
export function missingPackages(packages: string[]): string[] {
  if (!onPath("dpkg-query")) return [];
  const r = spawnSync("dpkg-query", ["-W", "-f=${Package} ${Status}\\n", ...packages], { encoding: "utf8" });
  const installed = new Set(
    (r.stdout ?? "")
      .split("\n")
      .filter((line) => / install ok installed$/.test(line))
      .map((line) => line.split(" ")[0]),
  );
  return packages.filter((p) => !installed.has(p));
}

/**
 * What of a tool is missing: the package of its command (the first of its list) when the command is
 * not there, and whichever of the others dpkg does not report installed.
 */
export function missingFor(tool: Tool): string[] {
  const [main, ...rest] = PACKAGES[tool];
  const command =
    tool === "xmllint" ? onPath("xmllint") : tool === "chromium" ? fs.existsSync(CHROMIUM) : sofficePath() !== null;
  // A LibreOffice of one's own (SIXSTEP_SOFFICE, src/cli/libreoffice.ts) is no Debian package: its
  // command is enough. Impress is asked of dpkg even then (Calc's soffice alone cannot open a .pptx).
  const own = tool === "libreoffice" && process.env.SIXSTEP_SOFFICE !== undefined;
  const asked = missingPackages(command && own ? rest : [main, ...rest]);
  return command ? asked : [main, ...asked.filter((p) => p !== main)];
}

/** Throws, naming the command that installs it, when a tool the test needs is missing. */
export function requireTool(tool: Tool): void {
  const missing = missingFor(tool);
  if (missing.length > 0)
    throw new Error(
      `${NAMES[tool]} is missing for this test (not installed: ${missing.join(", ")}). ` +
        `Install it with: ${installCommand(missing)}   (or run: bash scripts/setup.sh)`,
    );
}
