/**
 * The `sixstep` command: .xlsx in → emulator → the task pane's own pipeline → .xlsx out (formulas
 * with their computed values) and, optionally, the headline figures as JSON.
 * pdf: the add-in's sheets only (the overview, then the steps), printed by LibreOffice as the
workbook's print setup says (LibreOffice must be installed).

Exit codes: 0 success, 2 usage error, 3 input-data error (the message names sheet, column and
 * row), 1 anything else.
 */
import * as fs from "fs";
import * as path from "path";
import { parseArgs as parseArgv, type ParseArgsConfig } from "node:util";
import { ExcelEmulator } from "../emulator";
import { exportXlsx, fileProblems, importXlsx, type FileProblem } from "../emulator/xlsx";
import { useNativeZip } from "../emulator/zip";
import { nodeZip } from "./node-zip";
import { CancelledError, generate, InputError, type AnalysisSettings, type Progress } from "../excel/pipeline";
import type { ExcelRun } from "../excel/run";
import { translator, type Locale, type Translate } from "../i18n";
import { buildSampleWorkbook, SAMPLE_FILE_NAMES, type SampleFiles } from "../sample/workbook";
import { REVENUE_FIELDS, type RevenueField } from "../tables/revenue";
import { DEFAULT_STEP_IDS, ON_DEMAND_STEPS, STEP_IDS } from "../steps/meta";
import { pushAll } from "../arrays";
import { DeckError, exportDeck } from "../deck";
import { isoDateSerial } from "../excel/settings";
import { INSTALL_LIBREOFFICE, sofficePath } from "./libreoffice";
import { NotGeneratedError, printGenerated } from "./pdf";

export const EXIT = { ok: 0, failure: 1, usage: 2, input: 3 } as const;

/** An option's line in the help: its text wrapped under the description column, lines up to 100 characters. */
function optionHelp(option: string, text: string): string {
  const column = 24;
  const lines = [`  ${option}`.padEnd(column)];
  for (const word of text.split(" ")) {
    const line = lines[lines.length - 1];
    const joined = line.length === column ? line + word : `${line} ${word}`;
    if (joined.length > 100 && line.length > column) lines.push(" ".repeat(column) + word);
    else lines[lines.length - 1] = joined;
  }
  return lines.join("\n");
}

/** --steps in the help: the step ids from the registry, Generate all's first, then those on demand. */
function stepsHelp(): string {
  const ids = [...DEFAULT_STEP_IDS, ...ON_DEMAND_STEPS.map((id) => `${id} (on demand)`)];
  const example = ON_DEMAND_STEPS.length ? `, e.g. --steps all,${ON_DEMAND_STEPS[0]}` : "";
  return `the steps to write: all (default: the six and the overview), or ids separated by commas: ${ids.join(", ")}${example}`;
}

export const HELP = `sixstep — Six-Step Key-Account Analysis (六步分析法) without Excel

Usage:
  sixstep generate <input.xlsx> -o <output.xlsx> [options]
  sixstep sample -o <file.xlsx> [--lang zh|en] [--as-of YYYY-MM-DD] [--paper A4|Letter]
  sixstep deck <generated.xlsx> -o <plan.pptx> [--lang zh|en]
  sixstep pdf <generated.xlsx> -o <plan.pdf>
  sixstep --help | --version

generate options:
  -o, --output FILE     the workbook to write (formulas and their computed values)
  --revenue NAME        the revenue table (table or sheet name); detected when omitted
  --sites NAME          the site table (table or sheet name)
  --period P            analysis period: 2002-10, 2002-Q4, 2002, 2002-07~2002-12 (default: latest quarter)
  --compare P           comparison period (default: the period just before)
  --focus ID-or-name    the focus customer (default: the saved one, else the largest)
  --operator NAME       our own operator in the competition analysis
  --unit 元|万元          money on the sheets in yuan or in 万元 (yuan|wan; default: the workbook's, else 元)
  --map FIELD=HEADER    which column holds a field, by its header (repeatable); fields:
                        period, customerId, customer, industry, subIndustry, service, amount
                        e.g. --map amount="Net (CNY)" --map period=Cycle
  --scope TEXT          what the figures cover, shown under the composition's headline
                        (default: monthly average revenue, excluding interconnect settlement)
  --lang zh|en          language of sheets and messages (default: the workbook's, else the
                        language of the revenue table's headers)
${optionHelp("--steps LIST", stepsHelp())}
  --as-of YYYY-MM-DD    the plan's date: the overview's date, the next milestones and the
                        Gantt's today line (default: the workbook's, else today)
  --paper A4|Letter     paper for print (default: the workbook's, else Letter in English and A4
                        in Chinese)
  --json FILE           write the headline figures as JSON ("-" for stdout)
  --quiet               no progress lines

deck: the account plan as PowerPoint slides (16:9, native charts) from a workbook the add-in
generated; its formulas are computed again on reading, so the figures are the workbook's own.
  -o, --output FILE     the .pptx to write
  --lang zh|en          the slides' language (default: the workbook's)

pdf: the add-in's sheets only (the overview, then the steps), printed by LibreOffice as the
workbook's print setup says (LibreOffice must be installed).

Exit codes: 0 success, 2 usage error, 3 input-data error, 1 anything else.
`;

class UsageError extends Error {}

interface Io {
  stdout: (s: string) => void;
  stderr: (s: string) => void;
  /** Whether stderr is a terminal (progress lines only then). */
  tty: boolean;
}

interface Parsed {
  command: "generate" | "sample" | "deck" | "pdf" | "help" | "version";
  input?: string;
  output?: string;
  options: Record<string, string | true>;
  /** --map field=Header, repeatable. */
  map: Partial<Record<RevenueField, string>>;
}

/** The options, as node:util's parseArgs takes them (-o and -h are short forms). */
const OPTIONS = {
  output: { type: "string", short: "o" },
  revenue: { type: "string" },
  sites: { type: "string" },
  period: { type: "string" },
  compare: { type: "string" },
  focus: { type: "string" },
  operator: { type: "string" },
  lang: { type: "string" },
  json: { type: "string" },
  unit: { type: "string" },
  scope: { type: "string" },
  steps: { type: "string" },
  "as-of": { type: "string" },
  paper: { type: "string" },
  map: { type: "string", multiple: true },
  quiet: { type: "boolean" },
  help: { type: "boolean", short: "h" },
  version: { type: "boolean" },
} as const satisfies NonNullable<ParseArgsConfig["options"]>;

type OptionToken = { index: number; name: string; rawName: string; value?: string; inlineValue?: boolean };

/** One option as parseArgs read it, into `options` and `map`; a usage error names what is wrong. */
function readOption(token: OptionToken, raw: string, options: Parsed["options"], map: Parsed["map"]): void {
  const config = Object.hasOwn(OPTIONS, token.name) ? OPTIONS[token.name as keyof typeof OPTIONS] : undefined;
  // Unknown, or a short option written with others or with its value (-ho, -ofile): refused as before.
  const short = !token.rawName.startsWith("--");
  if (!config || (short && raw !== token.rawName)) throw new UsageError(`unknown option ${raw}`);
  if (config.type === "boolean") {
    options[token.name] = true;
    return;
  }
  const v = token.value;
  if (token.name === "map") {
    const m = v === undefined ? null : /^([^=]+)=(.+)$/s.exec(v);
    if (!m) throw new UsageError("--map needs field=Header, e.g. --map amount=金额（人民币元）");
    const field = m[1].trim() as RevenueField;
    if (!REVENUE_FIELDS.includes(field))
      throw new UsageError(`--map: unknown field “${m[1]}” (use ${REVENUE_FIELDS.join(", ")})`);
    map[field] = m[2].trim();
    return;
  }
  if (short && v === undefined) throw new UsageError("-o needs a file name");
  // --period --quiet: the next option is not a value (-o takes whatever follows it, as before).
  if (v === undefined || (!short && !token.inlineValue && v.startsWith("--")))
    throw new UsageError(`--${token.name} needs a value`);
  options[token.name] = v;
}

/**
 * The command line: node:util's parseArgs reads it (long options with `=` or a separate value,
 * -o and -h, positionals); the checks and messages are ours.
 */
export function parseArgs(argv: string[]): Parsed {
  const options: Record<string, string | true> = {};
  const map: Partial<Record<RevenueField, string>> = {};
  const positional: string[] = [];
  const { tokens } = parseArgv({ args: argv, options: OPTIONS, allowPositionals: true, strict: false, tokens: true });
  for (const token of tokens) {
    if (token.kind === "positional") positional.push(token.value);
    // "--" ends nothing here: an unknown option, as before.
    else if (token.kind === "option-terminator") throw new UsageError(`unknown option ${argv[token.index]}`);
    else readOption(token, argv[token.index], options, map);
  }
  if (options.help) return { command: "help", options, map };
  if (options.version) return { command: "version", options, map };
  const [command, ...rest] = positional;
  if (!command) return { command: "help", options, map };
  if (options.lang !== undefined && !["zh", "en"].includes(String(options.lang)))
    throw new UsageError(`--lang must be zh or en, not “${options.lang}”`);
  if (typeof options.steps === "string") stepList(options.steps);
  if (typeof options["as-of"] === "string" && isoDateSerial(options["as-of"]) === null)
    throw new UsageError(`--as-of takes a date as YYYY-MM-DD, e.g. 2003-01-23, not “${options["as-of"]}”`);
  if (options.paper !== undefined && !["A4", "Letter"].includes(String(options.paper)))
    throw new UsageError(`--paper takes A4 or Letter, not “${options.paper}”`);
  if (command === "pdf") {
    if (rest.length !== 1) throw new UsageError("pdf needs exactly one generated workbook");
    if (typeof options.output !== "string") throw new UsageError("pdf needs -o <plan.pdf>");
    return { command, input: rest[0], output: options.output, options, map };
  }
  if (command === "generate") {
    if (rest.length !== 1) throw new UsageError("generate needs exactly one input workbook");
    if (typeof options.output !== "string") throw new UsageError("generate needs -o <output.xlsx>");
    return { command, input: rest[0], output: options.output, options, map };
  }
  if (command === "sample") {
    if (rest.length) throw new UsageError("sample takes no input file");
    if (typeof options.output !== "string") throw new UsageError("sample needs -o <file.xlsx>");
    return { command, output: options.output, options, map };
  }
  if (command === "deck") {
    if (rest.length !== 1) throw new UsageError("deck needs exactly one generated workbook");
    if (typeof options.output !== "string") throw new UsageError("deck needs -o <plan.pptx>");
    return { command, input: rest[0], output: options.output, options, map };
  }
  throw new UsageError(`unknown command “${command}” (use generate, sample, deck or pdf)`);
}

/**
 * --steps: "all" (the default: the six steps and the overview, with the portfolio once the
 * workbook has it), or step ids separated by commas, "all" among them: `--steps portfolio`,
 * `--steps all,portfolio`.
 */
export function stepList(text: string): string[] | undefined {
  const ids = text
    .split(",")
    .map((x) => x.trim())
    .filter(Boolean);
  if (!ids.length) throw new UsageError("--steps needs step ids, e.g. --steps portfolio");
  for (const id of ids)
    if (id !== "all" && !(STEP_IDS as readonly string[]).includes(id))
      throw new UsageError(`--steps: unknown step “${id}” (use all, ${STEP_IDS.join(", ")})`);
  if (ids.length === 1 && ids[0] === "all") return undefined;
  return [...new Set(ids.flatMap((id) => (id === "all" ? DEFAULT_STEP_IDS : [id])))];
}

/** The project's root: the sources run from src/cli, the compiled command line from build/cli/src/cli. */
function projectRoot(): string {
  let dir = __dirname;
  while (!fs.existsSync(path.join(dir, "package.json")) && path.dirname(dir) !== dir) dir = path.dirname(dir);
  return dir;
}

export function readSampleFiles(dir = path.join(projectRoot(), "sample-case")): SampleFiles {
  const files = {} as SampleFiles;
  for (const f of SAMPLE_FILE_NAMES) files[f] = fs.readFileSync(path.join(dir, f), "utf8");
  return files;
}

function progressLine(p: Progress, locale: Locale): string {
  const t = translator(locale);
  const step = p.phase === "read" ? t("run.reading") : t(`step.${p.phase}.name` as Parameters<typeof t>[0]);
  return `[${p.index}/${p.total}] ${step}`;
}

const MONEY_KEYS = new Set(["monthlyAverage", "total", "start", "end"]);

/** Money to the fen and fractions to 6 places, so the JSON shows 64007.8, not 64007.80000000001. */
export function roundFigures(data: unknown): unknown {
  return JSON.parse(
    JSON.stringify(data, (k, v) =>
      typeof v === "number" && !Number.isInteger(v)
        ? MONEY_KEYS.has(k)
          ? Math.round(v * 100) / 100
          : Math.round(v * 1e6) / 1e6
        : v,
    ),
  );
}

async function writeJson(target: string, data: unknown, io: Io) {
  const text = `${JSON.stringify(roundFigures(data), null, 2)}\n`;
  if (target === "-") io.stdout(text);
  else fs.writeFileSync(target, text);
}

/** Node's zlib for the .xlsx package (src/emulator/zip.ts): native deflate, many times fflate's speed. */
useNativeZip(nodeZip);

export async function main(argv: string[], io: Io): Promise<number> {
  let parsed: Parsed;
  try {
    parsed = parseArgs(argv);
  } catch (e) {
    if (e instanceof UsageError) {
      io.stderr(`sixstep: ${e.message}\n\n${HELP}`);
      return EXIT.usage;
    }
    throw e;
  }
  const opts = parsed.options;
  if (parsed.command === "help") {
    io.stdout(HELP);
    return EXIT.ok;
  }
  if (parsed.command === "version") {
    const pkg = JSON.parse(fs.readFileSync(path.join(projectRoot(), "package.json"), "utf8")) as {
      version: string;
    };
    io.stdout(`${pkg.version}\n`);
    return EXIT.ok;
  }
  const langOpt = opts.lang === "en" ? "en-US" : opts.lang === "zh" ? "zh-CN" : undefined;
  const messageLocale: Locale = langOpt ?? "zh-CN";
  const onProgress = (p: Progress) => {
    if (io.tty && !opts.quiet) io.stderr(`${progressLine(p, messageLocale)}\n`);
  };
  if (parsed.command === "pdf") return printPdf(parsed.input!, parsed.output!, io);
  try {
    const unitOpt = unitOption(str(opts.unit));
    // SIXSTEP_TIMING=1: one JSON line on stderr with each phase's milliseconds (npm run bench reads it).
    const phases: Record<string, number> = {};
    let mark = performance.now();
    const phase = (name: string) => {
      const now = performance.now();
      phases[name] = Math.round(now - mark);
      mark = now;
    };
    if (parsed.command === "deck") return await writeDeck(parsed.input!, parsed.output!, langOpt, io, !opts.quiet);
    const emu = new ExcelEmulator(parsed.command === "generate" ? await loadWorkbook(parsed.input!) : undefined);
    phase("importMs");
    const run: ExcelRun = (o, b) => emu.run(o, b);
    let result;
    const printing: Partial<AnalysisSettings> = stripEmpty({
      asOf: str(opts["as-of"]),
      paper: str(opts.paper) as AnalysisSettings["paper"],
    });
    if (parsed.command === "sample") {
      result = await buildSampleWorkbook(emu, readSampleFiles(), opts.lang === "en" ? "en" : "zh", printing);
    } else {
      const settings: Partial<AnalysisSettings> = {
        revenueTable: str(opts.revenue),
        period: str(opts.period),
        compare: str(opts.compare),
        focus: str(opts.focus),
        ourOperator: str(opts.operator),
        lang: langOpt,
        unit: unitOpt,
        scope: str(opts.scope),
        ...printing,
      };
      // Without --lang, the language of the table's headers (a workbook's saved language wins).
      result = await generate(run, {
        settings,
        onProgress,
        mapHeaders: parsed.map,
        detectLang: langOpt === undefined,
        steps: typeof opts.steps === "string" ? stepList(opts.steps) : undefined,
      });
    }
    phase("generateMs");
    // What the file cannot carry (formula names) or this engine cannot show (formats): in the warnings.
    pushAll(result.figures.warnings, describeFileProblems(fileProblems(emu.model), translator(result.settings.lang)));
    const out = await exportXlsx(emu.model);
    fs.writeFileSync(parsed.output!, out);
    phase("exportMs");
    if (process.env.SIXSTEP_TIMING === "1") io.stderr(`sixstep-timing: ${JSON.stringify(phases)}\n`);
    if (typeof opts.json === "string") await writeJson(opts.json, result.figures, io);
    for (const w of result.figures.warnings) io.stderr(`${w}\n`);
    if (io.tty && !opts.quiet) io.stderr(`${result.sheets.map((s) => s.name).join(", ")} → ${parsed.output}\n`);
    return EXIT.ok;
  } catch (e) {
    return failed(e, io);
  }
}

/** --unit: 元 or 万元 (yuan or wan); anything else is a usage error. */
function unitOption(text: string | undefined): AnalysisSettings["unit"] | undefined {
  if (text === undefined) return undefined;
  if (/^(元|yuan)$/i.test(text)) return "yuan";
  if (/^(万元|万|wan)$/i.test(text)) return "wan";
  throw new UsageError(`--unit takes 元 or 万元 (yuan or wan), not “${text}”`);
}

/** `sixstep deck`: the generated workbook's slides. */
async function writeDeck(input: string, output: string, locale: Locale | undefined, io: Io, verbose: boolean) {
  // Importing recalculates every formula in the emulator: the deck shows computed values, never stale caches.
  const emu = new ExcelEmulator(await loadWorkbook(input));
  const deck = await exportDeck((o, b) => emu.run(o, b), { locale, fileName: path.basename(input) });
  fs.writeFileSync(output, deck.bytes);
  for (const w of deck.warnings) io.stderr(`${w}\n`);
  if (io.tty && verbose) io.stderr(`${deck.slides} slides → ${output}\n`);
  return EXIT.ok;
}

/** A failed run's message and exit code: 3 for the data, 2 for usage, the file's own, else 1. */
function failed(e: unknown, io: Io): number {
  if (e instanceof InputError || e instanceof DeckError) {
    io.stderr(`sixstep: ${e.message}\n`);
    return EXIT.input;
  }
  if (e instanceof FileError) {
    io.stderr(`sixstep: ${e.message}\n`);
    return e.code;
  }
  if (e instanceof CancelledError) return EXIT.failure;
  if (e instanceof UsageError) {
    io.stderr(`sixstep: ${e.message}\n`);
    return EXIT.usage;
  }
  io.stderr(`sixstep: ${(e as Error).stack ?? String(e)}\n`);
  return EXIT.failure;
}

/** The file problems as localised warnings. */
export function describeFileProblems(problems: FileProblem[], t: Translate): string[] {
  return problems.map((p) =>
    t("export.formatRejected", { sheet: p.sheet, cell: p.cell, format: p.format, reason: p.reason }),
  );
}

class FileError extends Error {
  constructor(
    message: string,
    readonly code: number,
  ) {
    super(message);
  }
}

async function loadWorkbook(file: string) {
  if (!fs.existsSync(file)) throw new FileError(`no such file: ${file}`, EXIT.usage);
  const data = fs.readFileSync(file);
  try {
    return await importXlsx(data);
  } catch (e) {
    throw new FileError(`${file} is not a readable .xlsx workbook (${(e as Error).message})`, EXIT.input);
  }
}

/** `sixstep pdf`: the generated sheets through LibreOffice; a clear message where it is missing. */
async function printPdf(input: string, output: string, io: Io): Promise<number> {
  if (!sofficePath()) {
    io.stderr(`sixstep: ${INSTALL_LIBREOFFICE}\n`);
    return EXIT.failure;
  }
  if (!fs.existsSync(input)) {
    io.stderr(`sixstep: no such file: ${input}\n`);
    return EXIT.usage;
  }
  try {
    const { pdf, sheets } = await printGenerated(fs.readFileSync(input));
    fs.writeFileSync(output, pdf);
    if (io.tty) io.stderr(`${sheets.join(", ")} → ${output}\n`);
    return EXIT.ok;
  } catch (e) {
    if (e instanceof NotGeneratedError) {
      io.stderr(`sixstep: ${input} holds no sheet the add-in generated (${e.message}): run sixstep generate first\n`);
      return EXIT.input;
    }
    io.stderr(`sixstep: ${input} could not be printed: ${(e as Error).message}\n`);
    return EXIT.failure;
  }
}

function stripEmpty<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}

function str(v: string | true | undefined): string | undefined {
  return typeof v === "string" ? v : undefined;
}
