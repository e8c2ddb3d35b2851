/**
 * ECMA-376 checks for a package we write (issue 34, item 3): every XML part validated by xmllint
 * against the transitional schemas in schemas/ecma376/ (after Markup Compatibility processing,
 * ECMA-376 Part 3, as Excel itself reads a part), and package checks Excel makes before it offers
 * to "recover" a file: a content type for every part, every relationship's target present, every
 * r:id resolving, unique ids, and the worksheet's children in the schema's order.
 */
import { execFileSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { unzipSync } from "fflate";
import { SaxesParser, type SaxesTagNS } from "saxes";
import { requireTool } from "./tools";

export const ECMA_DIR = path.join(__dirname, "..", "..", "schemas", "ecma376");

const MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
const REL_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const MC = "http://schemas.openxmlformats.org/markup-compatibility/2006";
const CT = "application/vnd.openxmlformats-";
const XML_NS = "http://www.w3.org/XML/1998/namespace";

/** The schema (file in schemas/ecma376) of each content type we write; any other type is a finding. */
export const SCHEMA_OF: Record<string, string> = {
  [`${CT}officedocument.spreadsheetml.sheet.main+xml`]: "sml.xsd",
  [`${CT}officedocument.spreadsheetml.worksheet+xml`]: "sml.xsd",
  [`${CT}officedocument.spreadsheetml.styles+xml`]: "sml.xsd",
  [`${CT}officedocument.spreadsheetml.sharedStrings+xml`]: "sml.xsd",
  [`${CT}officedocument.spreadsheetml.table+xml`]: "sml.xsd",
  [`${CT}officedocument.spreadsheetml.calcChain+xml`]: "sml.xsd",
  [`${CT}officedocument.drawing+xml`]: "dml-spreadsheetDrawing.xsd",
  [`${CT}officedocument.drawingml.chart+xml`]: "dml-chart.xsd",
  [`${CT}officedocument.theme+xml`]: "dml-main.xsd",
  [`${CT}package.relationships+xml`]: "opc-relationships.xsd",
  [`${CT}package.core-properties+xml`]: "core-properties.xsd",
  [`${CT}officedocument.extended-properties+xml`]: "shared-documentPropertiesExtended.xsd",
};

/** The content type a relationship's target must have, by the relationship type's last segment. */
const TARGET_TYPE: Record<string, string> = {
  officeDocument: `${CT}officedocument.spreadsheetml.sheet.main+xml`,
  worksheet: `${CT}officedocument.spreadsheetml.worksheet+xml`,
  styles: `${CT}officedocument.spreadsheetml.styles+xml`,
  sharedStrings: `${CT}officedocument.spreadsheetml.sharedStrings+xml`,
  table: `${CT}officedocument.spreadsheetml.table+xml`,
  drawing: `${CT}officedocument.drawing+xml`,
  chart: `${CT}officedocument.drawingml.chart+xml`,
  theme: `${CT}officedocument.theme+xml`,
  "core-properties": `${CT}package.core-properties+xml`,
  "extended-properties": `${CT}officedocument.extended-properties+xml`,
};

export interface PackageReport {
  /** Part name → its content type. */
  parts: Map<string, string>;
  /** Schema → how many parts were validated against it. */
  validated: Record<string, number>;
  problems: string[];
}

type Node = { ns: string; local: string; attrs: Record<string, { uri: string; local: string; value: string }> };

/** Parses a part into a flat list of start tags with their depth (enough for the checks here). */
function tags(xml: string): { node: Node; depth: number }[] {
  const out: { node: Node; depth: number }[] = [];
  const p = new SaxesParser({ xmlns: true });
  let depth = 0;
  p.on("opentag", (t: SaxesTagNS) => {
    const attrs: Node["attrs"] = {};
    for (const a of Object.values(t.attributes)) attrs[a.name] = { uri: a.uri, local: a.local, value: a.value };
    out.push({ node: { ns: t.uri, local: t.local, attrs }, depth });
    if (!t.isSelfClosing) depth++;
  });
  p.on("closetag", (t) => {
    if (!t.isSelfClosing) depth--;
  });
  p.write(xml).close();
  return out;
}

const esc = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

/**
 * Markup Compatibility processing (ECMA-376 Part 3 §10) as a consumer that understands only the
 * transitional namespaces: elements and attributes in a namespace the part declares ignorable
 * (mc:Ignorable) are removed, mc:Ignorable itself goes, and mc:AlternateContent is replaced by its
 * mc:Fallback. A non-ignorable namespace we do not know is left in place, so the schema rejects it.
 * mc:MustUnderstand is refused outright.
 *
 * With `xmlSpaceIn`, xml:space ("preserve" or "default") is also removed from that namespace's
 * elements: ECMA-376 does not declare it on SpreadsheetML's text elements (`t`, `f`, `formula1`…),
 * but Excel writes and reads it there ([MS-OI29500] 2.1.678, Part 1 §18.4.12 t: "Excel uses this
 * attribute to specify, using the W3C space preservation rules, how white space should be handled").
 */
export function processMarkupCompatibility(xml: string, xmlSpaceIn?: string): string {
  const fast = xml.length > 1_000_000 ? fastMarkupCompatibility(xml, xmlSpaceIn) : null;
  if (fast !== null) return fast;
  const p = new SaxesParser({ xmlns: true });
  let out = "";
  // The ignorable namespaces in scope at each open element; skip > 0 while inside removed content.
  const ignorable: Set<string>[] = [new Set()];
  const stack: { name: string; kept: boolean; alt?: "alt" | "choice" | "fallback" }[] = [];
  let skip = 0;
  const inAlt = () => stack.length > 0 && stack[stack.length - 1].alt === "alt";
  p.on("xmldecl", () => {
    out += '<?xml version="1.0" encoding="UTF-8"?>';
  });
  p.on("opentag", (t: SaxesTagNS) => {
    const scope = new Set(ignorable[ignorable.length - 1]);
    const decl = Object.values(t.attributes).find((a) => a.uri === MC && a.local === "Ignorable");
    if (decl) for (const prefix of decl.value.split(/\s+/).filter(Boolean)) scope.add(t.ns[prefix] ?? `?${prefix}`);
    ignorable.push(scope);
    if (Object.values(t.attributes).some((a) => a.uri === MC && a.local === "MustUnderstand"))
      throw new Error(`mc:MustUnderstand on <${t.name}>: not processed`);
    if (skip > 0 || scope.has(t.uri)) {
      skip++;
      stack.push({ name: t.name, kept: false });
      return;
    }
    if (t.uri === MC) {
      const kind = t.local === "AlternateContent" ? "alt" : t.local === "Fallback" && inAlt() ? "fallback" : "choice";
      // A Choice's content is dropped (we understand no extension namespace); a Fallback's is kept.
      if (kind === "choice") skip++;
      stack.push({ name: t.name, kept: false, alt: kind });
      return;
    }
    let s = `<${t.name}`;
    for (const a of Object.values(t.attributes)) {
      if (a.uri === MC || (a.uri && scope.has(a.uri))) continue;
      if (a.uri === XML_NS && a.local === "space" && t.uri === xmlSpaceIn && /^(preserve|default)$/.test(a.value))
        continue;
      s += ` ${a.name}="${esc(a.value)}"`;
    }
    // Namespace declarations go as they came (saxes reports them as attributes with the xmlns uri).
    out += s + ">";
    stack.push({ name: t.name, kept: true });
  });
  p.on("closetag", () => {
    const top = stack.pop()!;
    ignorable.pop();
    if (top.kept) out += `</${top.name}>`;
    else if (!top.alt || top.alt === "choice") skip--;
  });
  p.on("text", (text) => {
    if (skip === 0 && stack.length) out += esc(text);
  });
  p.on("cdata", (text) => {
    if (skip === 0) out += esc(text);
  });
  p.write(xml).close();
  return out;
}

/**
 * The same processing for a large part (a bulk-written sheet of 100,000 rows is 36 MB) when it
 * can be done on the text exactly: every namespace is declared on the root element, nothing is in
 * an mc:AlternateContent, and no element (only attributes) is in an ignorable namespace. Then the
 * ignorable attributes, mc:Ignorable and SpreadsheetML's xml:space are removed from the tags.
 * Returns null when those conditions do not hold (the full parser then runs).
 */
function fastMarkupCompatibility(xml: string, xmlSpaceIn?: string): string | null {
  const rootStart = xml.indexOf("<", xml.startsWith("<?xml") ? xml.indexOf("?>") : 0);
  const rootEnd = xml.indexOf(">", rootStart);
  const root = xml.slice(rootStart, rootEnd + 1);
  if (xml.indexOf("xmlns", rootEnd) >= 0 || xml.includes("AlternateContent") || xml.includes("MustUnderstand"))
    return null;
  const prefixes = /\bmc:Ignorable="([^"]*)"/.exec(root)?.[1].split(/\s+/).filter(Boolean) ?? [];
  if (!new RegExp(`\\bxmlns:mc="${MC}"`).test(root) && prefixes.length) return null;
  for (const p of prefixes) if (xml.includes(`<${p}:`)) return null;
  let out = xml.replace(/ mc:Ignorable="[^"]*"/, "");
  for (const p of prefixes) out = out.replace(new RegExp(`(<[^>!?]*?) ${p}:[\\w.-]+="[^"]*"`, "g"), "$1");
  // Attributes of a tag can repeat the prefix: run until none is left.
  for (const p of prefixes)
    while (new RegExp(`<[^>!?]*? ${p}:[\\w.-]+="`).test(out))
      out = out.replace(new RegExp(`(<[^>!?]*?) ${p}:[\\w.-]+="[^"]*"`, "g"), "$1");
  if (xmlSpaceIn === MAIN && !/^<\w+:/.test(root))
    out = out.replace(/(<[\w]+) xml:space="(?:preserve|default)"/g, "$1");
  return out;
}

/** The order of CT_Worksheet's children, read from sml.xsd. */
function worksheetOrder(): string[] {
  const xsd = fs.readFileSync(path.join(ECMA_DIR, "sml.xsd"), "utf8");
  const start = xsd.indexOf('<xsd:complexType name="CT_Worksheet">');
  const block = xsd.slice(start, xsd.indexOf("</xsd:complexType>", start));
  return [...block.matchAll(/<xsd:element name="(\w+)"/g)].map((m) => m[1]);
}

/** A part name's extension as OPC reads it: after the last dot of the last segment (".rels" → "rels"). */
function extension(part: string): string {
  const base = path.posix.basename(part);
  return base.includes(".") ? base.slice(base.lastIndexOf(".") + 1).toLowerCase() : "";
}

function resolveTarget(source: string, target: string): string {
  if (target.startsWith("/")) return target.slice(1);
  const base = path.posix.dirname(source);
  return path.posix.normalize(path.posix.join(base === "." ? "" : base, target));
}

function relsPartOf(part: string): string {
  const dir = path.posix.dirname(part);
  return `${dir === "." ? "" : dir + "/"}_rels/${path.posix.basename(part)}.rels`;
}

function sourceOfRels(rels: string): string {
  const dir = path.posix.dirname(path.posix.dirname(rels));
  const base = path.posix.basename(rels).replace(/\.rels$/, "");
  return dir === "." ? base : `${dir}/${base}`;
}

/** Checks a whole .xlsx: package structure, then each XML part against its ECMA-376 schema. */
export function checkPackage(file: Uint8Array, label = "package"): PackageReport {
  return checkPackages([{ file, label }])[0];
}

/** Checks several packages, with one xmllint per schema for all of them. */
export function checkPackages(packages: { file: Uint8Array; label: string }[]): PackageReport[] {
  requireTool("xmllint");
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "ecma376-"));
  const bySchema = new Map<string, { out: string; report: PackageReport; label: string }[]>();
  const reports = packages.map(({ file, label }, k) => {
    const { report, xml } = structure(file, label);
    xml.forEach(([n, schema, content], i) => {
      const out = path.join(dir, `${k}-${i}-${n.replace(/[^\w.]+/g, "_")}`);
      fs.writeFileSync(out, processMarkupCompatibility(content, schema === "sml.xsd" ? MAIN : undefined));
      bySchema.set(schema, [...(bySchema.get(schema) ?? []), { out, report, label: `${label}: ${n}` }]);
      report.validated[schema] = (report.validated[schema] ?? 0) + 1;
    });
    return report;
  });
  try {
    for (const [schema, list] of bySchema) {
      let stderr = "";
      try {
        execFileSync(
          "xmllint",
          ["--noout", "--nonet", "--schema", path.join(ECMA_DIR, schema), ...list.map((x) => x.out)],
          {
            env: { ...process.env, XML_CATALOG_FILES: path.join(ECMA_DIR, "catalog.xml") },
            stdio: ["ignore", "ignore", "pipe"],
            maxBuffer: 256 * 1024 * 1024,
          },
        );
      } catch (e) {
        stderr = String((e as { stderr?: Buffer }).stderr ?? e);
      }
      for (const line of stderr.split("\n")) {
        if (!line || / validates$/.test(line) || / fails to validate$/.test(line)) continue;
        const hit = list.find((x) => line.startsWith(x.out));
        if (hit) hit.report.problems.push(`${hit.label}${line.slice(hit.out.length)}`.slice(0, 500));
        else for (const r of new Set(list.map((x) => x.report))) r.problems.push(`${schema}: ${line}`.slice(0, 500));
      }
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
  return reports;
}

/** The package checks, and the XML parts with the schema each is validated against. */
function structure(file: Uint8Array, label: string): { report: PackageReport; xml: [string, string, string][] } {
  const files = unzipSync(file);
  const names = Object.keys(files).filter((n) => !n.endsWith("/"));
  const text = (n: string) => new TextDecoder().decode(files[n]);
  const problems: string[] = [];
  const say = (s: string) => problems.push(`${label}: ${s}`);

  // Content types: every part has one (an Override, else its extension's Default); every Override names a part.
  const ctXml = "[Content_Types].xml";
  if (!files[ctXml]) throw new Error(`${label}: no [Content_Types].xml`);
  const defaults = new Map<string, string>();
  const overrides = new Map<string, string>();
  for (const { node } of tags(text(ctXml))) {
    if (node.local === "Default") defaults.set(node.attrs.Extension.value.toLowerCase(), node.attrs.ContentType.value);
    if (node.local === "Override") {
      const part = node.attrs.PartName.value;
      if (overrides.has(part.toLowerCase())) say(`two Overrides for ${part}`);
      overrides.set(part.toLowerCase(), node.attrs.ContentType.value);
      if (!files[part.slice(1)]) say(`Override for ${part}, which is not in the package`);
    }
  }
  const parts = new Map<string, string>();
  const seen = new Set<string>();
  for (const n of names) {
    if (seen.has(n.toLowerCase())) say(`two parts named ${n} (ignoring case)`);
    seen.add(n.toLowerCase());
    if (n === ctXml) continue;
    const type = overrides.get(`/${n}`.toLowerCase()) ?? defaults.get(extension(n));
    if (!type) say(`${n} has no content type`);
    else parts.set(n, type);
  }

  // Relationships: ids unique per part, internal targets present and of the content type the
  // relationship's type requires, every r:id used by a part defined.
  const relIds = new Map<string, Set<string>>();
  for (const n of names.filter((x) => x.endsWith(".rels"))) {
    const src = sourceOfRels(n);
    if (src !== "" && !files[src]) say(`${n} belongs to ${src}, which is not in the package`);
    const ids = new Set<string>();
    for (const { node } of tags(text(n))) {
      if (node.local !== "Relationship") continue;
      const id = node.attrs.Id.value;
      if (ids.has(id)) say(`${n}: relationship id ${id} twice`);
      ids.add(id);
      if (node.attrs.TargetMode?.value === "External") continue;
      const target = resolveTarget(src, node.attrs.Target.value);
      if (!files[target]) say(`${n}: ${id} targets ${target}, which is not in the package`);
      const needs = TARGET_TYPE[node.attrs.Type.value.replace(/^.*\//, "")];
      const has = parts.get(target);
      if (files[target] && needs && has !== needs) say(`${n}: ${id} targets ${target}, typed ${has}, not ${needs}`);
    }
    relIds.set(src, ids);
  }

  const order = worksheetOrder();
  const sheetIds = new Set<string>();
  const sheetNames = new Set<string>();
  const tableIds = new Set<string>();
  const tableNames = new Set<string>();
  for (const [n, type] of parts) {
    if (!type.endsWith("+xml") && type !== "application/xml") continue;
    // A worksheet's rows hold no relationship ids and no worksheet children: parsed without them.
    const raw = text(n);
    const list = tags(
      type.endsWith("worksheet+xml") ? raw.replace(/(<sheetData>)[\s\S]*(<\/sheetData>)/, "$1$2") : raw,
    );
    const rels = relIds.get(n) ?? new Set<string>();
    for (const { node } of list)
      for (const a of Object.values(node.attrs))
        if (a.uri === REL_NS && !rels.has(a.value))
          say(`${n}: <${node.local} r:${a.local}="${a.value}"> has no relationship in ${relsPartOf(n)}`);
    if (type.endsWith("worksheet+xml")) {
      // The worksheet's children in CT_Worksheet's order (Excel repairs a sheet that breaks it).
      let last = -1;
      for (const { node, depth } of list) {
        if (depth !== 1 || node.ns !== MAIN) continue;
        const at = order.indexOf(node.local);
        if (at < 0) say(`${n}: <${node.local}> is not a worksheet child`);
        else if (at < last) say(`${n}: <${node.local}> after <${order[last]}> (schema order)`);
        last = Math.max(last, at);
      }
    }
    if (type.endsWith("sheet.main+xml"))
      for (const { node } of list)
        if (node.local === "sheet") {
          const id = node.attrs.sheetId.value;
          const name = node.attrs.name.value.toLowerCase();
          if (sheetIds.has(id)) say(`${n}: sheetId ${id} twice`);
          if (sheetNames.has(name)) say(`${n}: sheet name ${node.attrs.name.value} twice`);
          sheetIds.add(id);
          sheetNames.add(name);
        }
    if (type.endsWith("table+xml")) {
      const t = list[0].node;
      const id = t.attrs.id.value;
      const name = t.attrs.name.value.toLowerCase();
      if (tableIds.has(id)) say(`${n}: table id ${id} used by another table`);
      if (tableNames.has(name)) say(`${n}: table name ${t.attrs.name.value} used by another table`);
      tableIds.add(id);
      tableNames.add(name);
    }
    if (type.endsWith("drawing+xml")) {
      const ids = list.filter((x) => x.node.local === "cNvPr").map((x) => x.node.attrs.id.value);
      if (new Set(ids).size !== ids.length) say(`${n}: shape ids repeat (${ids.join(", ")})`);
    }
    if (type.endsWith("chart+xml")) {
      // Each axis id is declared once and every chart's axId names a declared axis.
      const axes = new Set(["catAx", "valAx", "dateAx", "serAx"]);
      const own: string[] = [];
      list.forEach((x, i) => {
        if (axes.has(x.node.local) && list[i + 1]?.node.local === "axId") own.push(list[i + 1].node.attrs.val.value);
      });
      if (new Set(own).size !== own.length) say(`${n}: axis ids repeat (${own.join(", ")})`);
      for (const x of list)
        if ((x.node.local === "axId" || x.node.local === "crossAx") && !own.includes(x.node.attrs.val.value))
          say(`${n}: <${x.node.local} val="${x.node.attrs.val.value}"> names no axis`);
    }
  }

  // The parts to validate: the content types, and every XML part by its content type.
  const xml: [string, string, string][] = [[ctXml, "opc-contentTypes.xsd", text(ctXml)]];
  for (const [n, type] of parts) {
    const schema = SCHEMA_OF[type];
    if (schema) xml.push([n, schema, text(n)]);
    else if (type.endsWith("+xml")) say(`${n}: no schema for content type ${type}`);
  }
  return { report: { parts, validated: {}, problems }, xml };
}
