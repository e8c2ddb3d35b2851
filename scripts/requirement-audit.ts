/**
 * The requirement-set audit (issue 34, item 1): every member of Excel's API that the add-in's
 * own code uses (what runs in Excel: src/excel, src/taskpane, src/office, src/commands), found by
 * the TypeScript checker as a symbol declared in namespace `Excel` of @types/office-js, with the
 * requirement set the typings' doc comment gives it ("[Api set: ExcelApi 1.9]"). A member above
 * the manifest's minimum must be used on a path guarded by `isSetSupported`.
 *
 * What counts as guarded — a use U of a member from set S version V is guarded when, walking out
 * from U to the top of its file, one of these holds (function boundaries are crossed: a callback
 * created on a guarded path runs on the same host):
 *   - U is in the `then` branch of `if (G)`, the `else` branch of `if (!G)`, the true arm of
 *     `G ? … : …`, or the right side of `G && …`;
 *   - U follows, in the same block, a statement `if (!G) return …;` or `if (!G) throw …;` (an
 *     early exit, without an else);
 * where G is a guard for S at V or later:
 *   - a call `Office.context.requirements.isSetSupported("S", "v")` with literal strings, v ≥ V;
 *   - `typeof Office === "undefined" || G` (outside Office the emulator runs, not Excel);
 *   - `G1 && G2` (the higher set of the two), `G1 || G2` (both must be guards; the lower set);
 *   - a call to a function of the audited code whose body is a single `return G;`;
 *   - a `const` initialised with G;
 *   - a property declared with the doc tag `@guard S v` (e.g. an option the caller fills in),
 *     and then every value the audited code gives that property must itself be a guard.
 * Anything else — a guard in another function, a variable that might be reassigned, a boolean
 * from elsewhere — is not proof, and the member counts as unguarded.
 *
 * `node -r ./scripts/ts-register.js scripts/requirement-audit.ts` prints the table;
 * `… --write-readme` writes it into README.md between its markers.
 */
import * as fs from "fs";
import * as path from "path";
import ts from "typescript";

export const ROOT = path.join(__dirname, "..");
export const AUDITED_DIRS = ["src/excel", "src/taskpane", "src/office", "src/commands"];

export interface Version {
  set: string;
  version: string;
}

export interface MemberUse {
  /** Excel.Class.member (or Excel.function). */
  member: string;
  /** From the typings' doc comment; null when the comment names no set. */
  requires: Version | null;
  file: string;
  line: number;
  /** How the use is guarded, when it is (e.g. `if (pageLayoutSupported())`). */
  guard: string | null;
}

export interface AuditResult {
  minimum: Version;
  uses: MemberUse[];
  /** Members above the minimum used outside a guard, as `member at file:line`. */
  unguarded: string[];
  /** `@guard` properties given a value that is not a guard. */
  badGuardValues: string[];
}

/** The manifest's minimum: `<Set Name="ExcelApi" MinVersion="1.8"/>`. */
export function manifestMinimum(manifest = path.join(ROOT, "manifest.xml")): Version {
  const xml = fs.readFileSync(manifest, "utf8");
  const m = /<Set\s+Name="(ExcelApi)"\s+MinVersion="([\d.]+)"/.exec(xml);
  if (!m) throw new Error(`${manifest}: no <Set Name="ExcelApi" MinVersion="…"/>`);
  return { set: m[1], version: m[2] };
}

export function compareVersions(a: string, b: string): number {
  const pa = a.split(".").map(Number);
  const pb = b.split(".").map(Number);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const d = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (d) return d;
  }
  return 0;
}

/** Whether a member of `req` is available on every host that has `min` (same set, not higher). */
function covered(req: Version | null, min: Version): boolean {
  if (!req) return true;
  return req.set === min.set && compareVersions(req.version, min.version) <= 0;
}

function sourceFiles(dirs: string[]): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (/\.tsx?$/.test(e.name) && !e.name.endsWith(".d.ts")) out.push(p);
    }
  };
  for (const d of dirs) walk(path.isAbsolute(d) ? d : path.join(ROOT, d));
  return out.sort();
}

function compilerOptions(): ts.CompilerOptions {
  const config = ts.readConfigFile(path.join(ROOT, "tsconfig.json"), ts.sys.readFile);
  const parsed = ts.parseJsonConfigFileContent(config.config, ts.sys, ROOT);
  return { ...parsed.options, noEmit: true, typeRoots: [path.join(ROOT, "node_modules", "@types")] };
}

const API_SET = /\[Api set: ([A-Za-z]+) ([^\]]*)\]/;

/**
 * The set a declaration's doc comment names. A comment that names several versions ("ExcelApi 1.1
 * for get, 1.8 for set"; "1.2 for options; 1.7 for password") counts as the highest of them, as the
 * audit cannot tell which form a call uses. A member whose comment names no set (e.g. `load`,
 * `items`) takes its interface's or class's set.
 */
function declaredSet(decl: ts.Node): Version | null {
  const sf = decl.getSourceFile();
  const ranges = ts.getLeadingCommentRanges(sf.text, decl.getFullStart()) ?? [];
  for (const r of ranges.reverse()) {
    const m = API_SET.exec(sf.text.slice(r.pos, r.end));
    if (!m) continue;
    if (/^BETA/.test(m[2])) return { set: m[1], version: "beta" };
    const versions = [...m[2].matchAll(/\b\d+\.\d+\b/g)].map((x) => x[0]).sort(compareVersions);
    return versions.length ? { set: m[1], version: versions[versions.length - 1] } : null;
  }
  for (let n: ts.Node | undefined = decl.parent; n; n = n.parent)
    if (ts.isClassDeclaration(n) || ts.isInterfaceDeclaration(n) || ts.isEnumDeclaration(n)) return declaredSet(n);
  return null;
}

/** Whether a declaration is in @types/office-js, inside `declare namespace Excel`. */
function inExcelNamespace(decl: ts.Declaration): boolean {
  if (!/[\\/]@types[\\/]office-js[\\/]/.test(decl.getSourceFile().fileName)) return false;
  for (let n: ts.Node | undefined = decl.parent; n; n = n.parent)
    if (ts.isModuleDeclaration(n) && n.name.getText() === "Excel") return true;
  return false;
}

function qualifiedName(decl: ts.Declaration, name: string): string {
  const parts = [name];
  for (let n: ts.Node | undefined = decl.parent; n; n = n.parent)
    if ((ts.isClassDeclaration(n) || ts.isInterfaceDeclaration(n) || ts.isEnumDeclaration(n)) && n.name)
      parts.unshift(n.name.text);
    else if (ts.isModuleDeclaration(n)) parts.unshift(n.name.getText());
  return parts.join(".");
}

/** The audit over a set of files (the add-in's by default). */
export function audit(files = sourceFiles(AUDITED_DIRS), minimum = manifestMinimum()): AuditResult {
  const program = ts.createProgram(files, compilerOptions());
  const checker = program.getTypeChecker();
  const audited = new Set(files.map((f) => path.resolve(f)));
  const rel = (f: string) => path.relative(ROOT, f).split(path.sep).join("/");
  const uses: MemberUse[] = [];
  const badGuardValues: string[] = [];

  const guardTag = (sym: ts.Symbol | undefined): Version | null => {
    for (const tag of sym?.getJsDocTags(checker) ?? [])
      if (tag.name === "guard") {
        const m = /^(\w+)\s+([\d.]+)/.exec(ts.displayPartsToString(tag.text).trim());
        if (m) return { set: m[1], version: m[2] };
      }
    return null;
  };

  /** `typeof Office === "undefined"` (or `"undefined" === typeof Office`): not in an Office host. */
  const isOutsideOffice = (e: ts.Expression): boolean => {
    while (ts.isParenthesizedExpression(e)) e = e.expression;
    if (!ts.isBinaryExpression(e) || e.operatorToken.kind !== ts.SyntaxKind.EqualsEqualsEqualsToken) return false;
    const [a, b] = ts.isTypeOfExpression(e.left) ? [e.left, e.right] : [e.right, e.left];
    return (
      ts.isTypeOfExpression(a) &&
      ts.isIdentifier(a.expression) &&
      a.expression.text === "Office" &&
      ts.isStringLiteral(b) &&
      b.text === "undefined"
    );
  };

  /** The set and version an expression proves available when true; null when it proves nothing. */
  const guardOf = (e: ts.Expression, seen = new Set<ts.Node>()): Version | null => {
    if (seen.has(e)) return null;
    seen.add(e);
    if (ts.isParenthesizedExpression(e)) return guardOf(e.expression, seen);
    if (ts.isBinaryExpression(e)) {
      const op = e.operatorToken.kind;
      if (op === ts.SyntaxKind.BarBarToken) {
        if (isOutsideOffice(e.left)) return guardOf(e.right, seen);
        const a = guardOf(e.left, seen);
        const b = guardOf(e.right, seen);
        if (!a || !b || a.set !== b.set) return null;
        return compareVersions(a.version, b.version) <= 0 ? a : b;
      }
      if (op === ts.SyntaxKind.AmpersandAmpersandToken) {
        const a = guardOf(e.left, seen);
        const b = guardOf(e.right, seen);
        if (!a) return b;
        if (!b) return a;
        return a.set === b.set && compareVersions(a.version, b.version) < 0 ? b : a;
      }
      return null;
    }
    if (ts.isCallExpression(e)) {
      const callee = e.expression;
      if (ts.isPropertyAccessExpression(callee) && callee.name.text === "isSetSupported") {
        const decl = checker.getSymbolAtLocation(callee.name)?.declarations?.[0];
        const official = decl && /[\\/]@types[\\/]office-js[\\/]/.test(decl.getSourceFile().fileName);
        const [name, version] = e.arguments;
        if (official && name && version && ts.isStringLiteral(name) && ts.isStringLiteral(version))
          return { set: name.text, version: version.text };
        return null;
      }
      // A function of the audited code whose whole body is `return G;`.
      const sym = checker.getSymbolAtLocation(callee);
      const fn = sym?.declarations?.[0];
      if (fn && ts.isFunctionDeclaration(fn) && fn.body && audited.has(path.resolve(fn.getSourceFile().fileName))) {
        const body = fn.body.statements;
        if (body.length === 1 && ts.isReturnStatement(body[0]) && body[0].expression)
          return guardOf(body[0].expression, seen);
      }
      return null;
    }
    if (ts.isIdentifier(e) || ts.isPropertyAccessExpression(e)) {
      const sym = checker.getSymbolAtLocation(ts.isIdentifier(e) ? e : e.name);
      const tagged = guardTag(sym);
      if (tagged) return tagged;
      return constGuard(sym, seen);
    }
    return null;
  };

  /** A `const` initialised with a guard. */
  const constGuard = (sym: ts.Symbol | undefined, seen = new Set<ts.Node>()): Version | null => {
    const decl = sym?.valueDeclaration;
    if (
      decl &&
      ts.isVariableDeclaration(decl) &&
      decl.initializer &&
      ts.isVariableDeclarationList(decl.parent) &&
      decl.parent.flags & ts.NodeFlags.Const
    )
      return guardOf(decl.initializer, seen);
    return null;
  };

  const negated = (e: ts.Expression): ts.Expression | null => {
    while (ts.isParenthesizedExpression(e)) e = e.expression;
    return ts.isPrefixUnaryExpression(e) && e.operator === ts.SyntaxKind.ExclamationToken ? e.operand : null;
  };

  const enough = (g: Version | null, need: Version) =>
    !!g && g.set === need.set && compareVersions(g.version, need.version) >= 0;

  const exits = (s: ts.Statement): boolean => {
    if (ts.isReturnStatement(s) || ts.isThrowStatement(s)) return true;
    if (ts.isBlock(s)) return s.statements.length > 0 && exits(s.statements[s.statements.length - 1]);
    return false;
  };

  /** How a use is guarded for `need`, or null. */
  const guardFor = (node: ts.Node, need: Version): string | null => {
    const text = (n: ts.Node) => n.getText().replace(/\s+/g, " ");
    for (let child = node, parent = node.parent; parent; child = parent, parent = parent.parent) {
      if (ts.isIfStatement(parent)) {
        if (child === parent.thenStatement && enough(guardOf(parent.expression), need))
          return `if (${text(parent.expression)})`;
        const inner = negated(parent.expression);
        if (child === parent.elseStatement && inner && enough(guardOf(inner), need))
          return `else of if (${text(parent.expression)})`;
      }
      if (ts.isConditionalExpression(parent) && child === parent.whenTrue && enough(guardOf(parent.condition), need))
        return `${text(parent.condition)} ? …`;
      if (
        ts.isBinaryExpression(parent) &&
        parent.operatorToken.kind === ts.SyntaxKind.AmpersandAmpersandToken &&
        child === parent.right &&
        enough(guardOf(parent.left), need)
      )
        return `${text(parent.left)} && …`;
      if (ts.isBlock(parent) || ts.isSourceFile(parent)) {
        const statements = parent.statements as ts.NodeArray<ts.Statement>;
        for (const s of statements) {
          if (s === child) break;
          if (ts.isIfStatement(s) && !s.elseStatement && exits(s.thenStatement)) {
            const inner = negated(s.expression);
            if (inner && enough(guardOf(inner), need))
              return `after if (${text(s.expression)}) ${exits(s.thenStatement) ? "return" : ""}`;
          }
        }
      }
    }
    return null;
  };

  const visit = (sf: ts.SourceFile) => {
    const walk = (node: ts.Node) => {
      let nameNode: ts.Node | null = null;
      if (ts.isPropertyAccessExpression(node)) nameNode = node.name;
      else if (ts.isElementAccessExpression(node) && ts.isStringLiteral(node.argumentExpression))
        nameNode = node.argumentExpression;
      if (nameNode) {
        const sym = checker.getSymbolAtLocation(nameNode);
        for (const decl of sym?.declarations?.slice(0, 1) ?? []) {
          if (!inExcelNamespace(decl)) continue;
          const member = qualifiedName(decl, sym!.name);
          const requires = declaredSet(decl);
          const at = sf.getLineAndCharacterOfPosition(node.getStart());
          const guard = covered(requires, minimum) ? null : guardFor(node, requires!);
          uses.push({ member, requires, file: rel(sf.fileName), line: at.line + 1, guard });
        }
      }
      // Values given to a `@guard` property must be guards themselves.
      if (ts.isPropertyAssignment(node) || ts.isShorthandPropertyAssignment(node)) {
        const type = checker.getContextualType(node.parent as ts.ObjectLiteralExpression);
        const prop = type?.getProperty(node.name.getText());
        const tagged = guardTag(prop);
        if (tagged) {
          const proven = ts.isPropertyAssignment(node)
            ? guardOf(node.initializer)
            : constGuard(checker.getShorthandAssignmentValueSymbol(node));
          if (!enough(proven, tagged)) {
            const at = sf.getLineAndCharacterOfPosition(node.getStart());
            badGuardValues.push(`${node.getText()} at ${rel(sf.fileName)}:${at.line + 1}`);
          }
        }
      }
      ts.forEachChild(node, walk);
    };
    walk(sf);
  };
  for (const sf of program.getSourceFiles()) if (audited.has(path.resolve(sf.fileName))) visit(sf);

  const unguarded = uses
    .filter((u) => !covered(u.requires, minimum) && !u.guard)
    .map((u) => `${u.member} (${u.requires!.set} ${u.requires!.version}) at ${u.file}:${u.line}`);
  return { minimum, uses, unguarded, badGuardValues };
}

/** The README's table: each member above the minimum, its set, and where and how it is guarded. */
export function readmeTable(result: AuditResult): string {
  const rows = new Map<string, { set: string; guards: Set<string> }>();
  for (const u of result.uses) {
    if (covered(u.requires, result.minimum)) continue;
    const row = rows.get(u.member) ?? { set: `${u.requires!.set} ${u.requires!.version}`, guards: new Set() };
    row.guards.add(`\`${u.file}\`: ${u.guard ? `\`${u.guard}\`` : "**unguarded**"}`);
    rows.set(u.member, row);
  }
  const lines = [
    `| member above ${result.minimum.set} ${result.minimum.version} | set | where, guarded by |`,
    "|---|---|---|",
    ...[...rows.entries()]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([m, r]) => `| \`${m}\` | ${r.set} | ${[...r.guards].join("; ")} |`),
  ];
  return lines.join("\n");
}

export const README_START = "<!-- requirement-audit:start (written by scripts/requirement-audit.ts --write-readme) -->";
export const README_END = "<!-- requirement-audit:end -->";

/** The table as it stands in README.md, between the markers. */
export function readmeSection(readme = fs.readFileSync(path.join(ROOT, "README.md"), "utf8")): string | null {
  const a = readme.indexOf(README_START);
  const b = readme.indexOf(README_END);
  return a < 0 || b < a ? null : readme.slice(a + README_START.length, b).trim();
}

if (require.main === module) {
  const result = audit();
  const table = readmeTable(result);
  if (process.argv.includes("--write-readme")) {
    const file = path.join(ROOT, "README.md");
    const readme = fs.readFileSync(file, "utf8");
    if (readmeSection(readme) === null) throw new Error("README.md has no requirement-audit markers");
    const a = readme.indexOf(README_START) + README_START.length;
    fs.writeFileSync(file, `${readme.slice(0, a)}\n${table}\n${readme.slice(readme.indexOf(README_END))}`);
  }
  console.log(table);
  const members = new Set(result.uses.map((u) => u.member));
  console.log(
    `\n${members.size} members, ${result.uses.length} uses; unguarded above the minimum: ${result.unguarded.length}`,
  );
  for (const u of result.unguarded) console.log(`  ✗ ${u}`);
  for (const b of result.badGuardValues) console.log(`  ✗ @guard value that is not a guard: ${b}`);
}
