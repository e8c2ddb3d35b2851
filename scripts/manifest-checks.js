// Offline checks of manifest.xml: the XSD (via xmllint) plus what the 2020 schemas cannot see —
// https URLs, resource ids that resolve, icons that exist at their declared size, the GUID id,
// the version format and one origin for every URL. Each check returns a list of messages
// (empty = passed) so that tests can hold each one against a broken manifest.
const fs = require("fs");
const path = require("path");
const { spawnSync } = require("child_process");
const { pngSize } = require("./png");

const DEV_ORIGIN = "https://localhost:3000";

/** Every element with its attributes, in document order (comments stripped). */
function elements(xml) {
  const out = [];
  const body = xml.replace(/<!--[\s\S]*?-->/g, "");
  const re = /<([A-Za-z_][\w:.-]*)((?:\s+[\w:.-]+\s*=\s*"[^"]*")*)\s*\/?>/g;
  let m;
  while ((m = re.exec(body))) {
    const attrs = {};
    const ar = /([\w:.-]+)\s*=\s*"([^"]*)"/g;
    let a;
    while ((a = ar.exec(m[2]))) attrs[a[1]] = a[2];
    out.push({ name: m[1], attrs, index: m.index });
  }
  return { list: out, body };
}

function textOf(xml, tag) {
  const m = new RegExp(`<${tag}>([^<]*)</${tag}>`).exec(xml.replace(/<!--[\s\S]*?-->/g, ""));
  return m ? m[1].trim() : null;
}

function allUrls(xml) {
  const urls = [];
  for (const e of elements(xml).list) {
    for (const [k, v] of Object.entries(e.attrs)) {
      if ((k === "DefaultValue" || k === "Value") && /^[a-z]+:\/\//i.test(v)) urls.push({ element: e.name, url: v });
    }
  }
  const appDomains = [...xml.matchAll(/<AppDomain>([^<]*)<\/AppDomain>/g)].map((m) => m[1].trim());
  for (const d of appDomains) urls.push({ element: "AppDomain", url: d });
  return urls;
}

function checkHttps(xml) {
  return allUrls(xml)
    .filter((u) => !u.url.startsWith("https://"))
    .map((u) => `${u.element}: URL must use https: ${u.url}`);
}

function checkResids(xml) {
  const { list } = elements(xml);
  const defined = new Set();
  for (const e of list) {
    if (/^bt:(Image|Url|String)$/.test(e.name) && e.attrs.id) defined.add(e.attrs.id);
  }
  const problems = [];
  for (const e of list) {
    if (e.attrs.resid && !defined.has(e.attrs.resid)) {
      problems.push(`${e.name}: resid "${e.attrs.resid}" is not defined in <Resources>`);
    }
    if (e.attrs.resid && e.attrs.resid.length > 32) {
      problems.push(`${e.name}: resid "${e.attrs.resid}" is longer than 32 characters`);
    }
  }
  return problems;
}

/** Icons: each referenced PNG exists under assets/ and has the size its declaration says. */
function checkIcons(xml, rootDir) {
  const problems = [];
  const wanted = [];
  for (const e of elements(xml).list) {
    if (e.name === "IconUrl") wanted.push({ where: "IconUrl", url: e.attrs.DefaultValue, size: 32 });
    if (e.name === "HighResolutionIconUrl")
      wanted.push({ where: "HighResolutionIconUrl", url: e.attrs.DefaultValue, size: 64 });
    if (e.name === "bt:Image" && e.attrs.id && e.attrs.DefaultValue) {
      const m = /(\d+)x\1$/.exec(e.attrs.id) || /(\d+)/.exec(e.attrs.id);
      wanted.push({ where: `bt:Image ${e.attrs.id}`, url: e.attrs.DefaultValue, size: m ? Number(m[1]) : null });
    }
  }
  for (const w of wanted) {
    if (!w.url) {
      problems.push(`${w.where}: no URL`);
      continue;
    }
    let rel;
    try {
      rel = new URL(w.url).pathname.replace(/^\//, "");
    } catch {
      problems.push(`${w.where}: not a URL: ${w.url}`);
      continue;
    }
    const file = path.join(rootDir, rel);
    if (!fs.existsSync(file)) {
      problems.push(`${w.where}: ${rel} does not exist`);
      continue;
    }
    const size = pngSize(fs.readFileSync(file));
    if (!size) problems.push(`${w.where}: ${rel} is not a PNG`);
    else if (w.size && (size.width !== w.size || size.height !== w.size)) {
      problems.push(`${w.where}: ${rel} is ${size.width}×${size.height}, expected ${w.size}×${w.size}`);
    }
  }
  return problems;
}

function checkId(xml) {
  const id = textOf(xml, "Id");
  if (id === null) return ["<Id> is missing"];
  return /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id)
    ? []
    : [`<Id> is not a GUID: ${id}`];
}

function checkVersion(xml) {
  const v = textOf(xml, "Version");
  if (v === null) return ["<Version> is missing"];
  const ok = /^\d{1,5}(\.\d{1,5}){0,3}$/.test(v) && v.split(".").every((p) => Number(p) <= 65535);
  return ok ? [] : [`<Version> must be n[.n[.n[.n]]] with parts ≤ 65535: ${v}`];
}

/** Every URL is on one origin: a manifest half-rewritten for production is a broken deployment. */
function checkOneOrigin(xml) {
  const origins = new Set();
  for (const u of allUrls(xml)) {
    try {
      origins.add(new URL(u.url).origin);
    } catch {
      /* reported by checkHttps / checkIcons */
    }
  }
  return origins.size <= 1 ? [] : [`URLs point at ${origins.size} origins (${[...origins].join(", ")}); expected one`];
}

function checkPermissions(xml) {
  const p = textOf(xml, "Permissions");
  return p === "ReadWriteDocument"
    ? []
    : [`<Permissions> must be ReadWriteDocument (the least the add-in needs), found ${p}`];
}

function checkRequirements(xml) {
  const m = /<Set\s+Name="ExcelApi"\s+MinVersion="([\d.]+)"/.exec(xml);
  if (!m) return ["<Requirements> must name the ExcelApi set"];
  return m[1] === "1.8" ? [] : [`ExcelApi MinVersion is ${m[1]}; the add-in is written for 1.8 (data validation)`];
}

/** Runs xmllint against the XSDs; a clear message when xmllint is not installed. */
function checkSchema(manifestPath, xsdDir) {
  const xsd = path.join(xsdDir, "OfficeAppManifestV1_1.xsd");
  if (!fs.existsSync(xsd))
    return [`schema not found: ${xsd} (set XSD_DIR to the folder holding OfficeAppManifestV1_1.xsd)`];
  const r = spawnSync("xmllint", ["--noout", "--schema", xsd, manifestPath], { encoding: "utf8" });
  if (r.error && r.error.code === "ENOENT") {
    return ["xmllint is not installed: run `bash scripts/setup.sh` or `apt-get install -y libxml2-utils`"];
  }
  if (r.status !== 0) return [`schema: ${(r.stderr || r.stdout).trim()}`];
  return [];
}

const CONTENT_CHECKS = {
  checkHttps,
  checkResids,
  checkId,
  checkVersion,
  checkOneOrigin,
  checkPermissions,
  checkRequirements,
};

function validateManifest(manifestPath, { rootDir, xsdDir } = {}) {
  const xml = fs.readFileSync(manifestPath, "utf8");
  const root = rootDir || path.dirname(manifestPath);
  const problems = [...checkSchema(manifestPath, xsdDir || defaultXsdDir())];
  for (const check of Object.values(CONTENT_CHECKS)) problems.push(...check(xml));
  problems.push(...checkIcons(xml, root));
  return problems;
}

function defaultXsdDir() {
  return process.env.XSD_DIR || path.join(__dirname, "..", "schemas", "xsd");
}

/** Rewrites the development origin for production (ADDIN_PUBLIC_URL, https, any path prefix). */
function rewriteManifestUrls(xml, publicUrl) {
  let u;
  try {
    u = new URL(publicUrl);
  } catch {
    throw new Error(`ADDIN_PUBLIC_URL is not a URL: ${publicUrl}`);
  }
  if (u.protocol !== "https:") throw new Error(`ADDIN_PUBLIC_URL must use https: ${publicUrl}`);
  const base = u.href.endsWith("/") ? u.href : `${u.href}/`;
  return xml
    .split(`<AppDomain>${DEV_ORIGIN}</AppDomain>`)
    .join(`<AppDomain>${u.origin}</AppDomain>`)
    .split(`${DEV_ORIGIN}/`)
    .join(base);
}

module.exports = {
  DEV_ORIGIN,
  checkHttps,
  checkResids,
  checkIcons,
  checkId,
  checkVersion,
  checkOneOrigin,
  checkPermissions,
  checkRequirements,
  checkSchema,
  validateManifest,
  rewriteManifestUrls,
  defaultXsdDir,
};
