import * as fs from "fs";
import * as os from "os";
import * as path from "path";

const checks = require("../../scripts/manifest-checks");

const ROOT = path.join(__dirname, "..", "..");
const MANIFEST = path.join(ROOT, "manifest.xml");
const good: string = fs.readFileSync(MANIFEST, "utf8");

function withTemp(xml: string, fn: (file: string) => void) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "manifest-"));
  const file = path.join(dir, "manifest.xml");
  fs.writeFileSync(file, xml);
  try {
    fn(file);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

describe("the project's manifest", () => {
  test("passes the XSD and every project check", () => {
    expect(checks.validateManifest(MANIFEST, { rootDir: ROOT })).toEqual([]);
  });

  test("asks for ExcelApi 1.8 and ReadWriteDocument only", () => {
    expect(good).toMatch(/<Set Name="ExcelApi" MinVersion="1.8"\/>/);
    expect(good).toMatch(/<Permissions>ReadWriteDocument<\/Permissions>/);
  });

  test("has zh-CN overrides for display name and description", () => {
    expect(good).toMatch(/<DisplayName[^>]*>\s*<Override Locale="zh-CN" Value="六步分析法/);
    expect(good).toMatch(/<Description[^>]*>\s*<Override Locale="zh-CN"/);
  });
});

describe("each check rejects a broken manifest with a precise message", () => {
  test("schema: an element out of order", () => {
    const broken = good
      .replace("<Version>1.0.0.0</Version>\n", "")
      .replace("</ProviderName>", "</ProviderName>\n  <Version>1.0.0.0</Version>");
    withTemp(broken, (file) => {
      const problems = checks.checkSchema(file, checks.defaultXsdDir());
      expect(problems).toHaveLength(1);
      expect(problems[0]).toMatch(/^schema: .*Version/s);
    });
  });

  test("https: an http URL", () => {
    const broken = good.replace(
      'DefaultValue="https://localhost:3000/taskpane.html"',
      'DefaultValue="http://localhost:3000/taskpane.html"',
    );
    expect(checks.checkHttps(broken)).toEqual([
      "SourceLocation: URL must use https: http://localhost:3000/taskpane.html",
    ]);
  });

  test("resid: a reference to an undefined resource", () => {
    const broken = good.replace('<SourceLocation resid="Taskpane.Url"/>', '<SourceLocation resid="Taskpane.Missing"/>');
    expect(checks.checkResids(broken)).toEqual([
      'SourceLocation: resid "Taskpane.Missing" is not defined in <Resources>',
    ]);
  });

  test("icons: a missing file and a wrong size", () => {
    const missing = good.replace("assets/icon-80.png", "assets/icon-81.png");
    expect(checks.checkIcons(missing, ROOT)).toEqual(["bt:Image Icon.80x80: assets/icon-81.png does not exist"]);
    const wrongSize = good.replace(
      'id="Icon.16x16" DefaultValue="https://localhost:3000/assets/icon-16.png"',
      'id="Icon.16x16" DefaultValue="https://localhost:3000/assets/icon-32.png"',
    );
    expect(checks.checkIcons(wrongSize, ROOT)).toEqual([
      "bt:Image Icon.16x16: assets/icon-32.png is 32×32, expected 16×16",
    ]);
  });

  test("id: not a GUID", () => {
    const broken = good.replace(/<Id>[^<]+<\/Id>/, "<Id>sixstep</Id>");
    expect(checks.checkId(broken)).toEqual(["<Id> is not a GUID: sixstep"]);
  });

  test("version: wrong format", () => {
    expect(checks.checkVersion(good.replace("<Version>1.0.0.0</Version>", "<Version>1.0.0-beta</Version>"))).toEqual([
      "<Version> must be n[.n[.n[.n]]] with parts ≤ 65535: 1.0.0-beta",
    ]);
    expect(checks.checkVersion(good.replace("<Version>1.0.0.0</Version>", "<Version>1.70000</Version>"))).toHaveLength(
      1,
    );
  });

  test("origin: a half-rewritten manifest", () => {
    const broken = good.replace("https://localhost:3000/commands.html", "https://addin.example.com/commands.html");
    expect(checks.checkOneOrigin(broken)).toEqual([
      "URLs point at 2 origins (https://localhost:3000, https://addin.example.com); expected one",
    ]);
  });

  test("permissions: more than the add-in needs", () => {
    expect(checks.checkPermissions(good.replace(">ReadWriteDocument<", ">ReadWriteMailbox<"))).toEqual([
      "<Permissions> must be ReadWriteDocument (the least the add-in needs), found ReadWriteMailbox",
    ]);
  });

  test("requirements: a different ExcelApi level", () => {
    expect(checks.checkRequirements(good.replace('MinVersion="1.8"/>', 'MinVersion="1.1"/>'))).toEqual([
      "ExcelApi MinVersion is 1.1; the add-in is written for 1.8 (data validation)",
    ]);
  });
});

describe("production URLs", () => {
  test("ADDIN_PUBLIC_URL replaces every development URL and keeps the manifest valid", () => {
    const prod = checks.rewriteManifestUrls(good, "https://addins.example.org/sixstep");
    expect(prod).not.toContain("localhost");
    expect(prod).toContain('<SourceLocation DefaultValue="https://addins.example.org/sixstep/taskpane.html"/>');
    expect(prod).toContain("<AppDomain>https://addins.example.org</AppDomain>");
    expect(checks.checkOneOrigin(prod)).toEqual([]);
    expect(checks.checkHttps(prod)).toEqual([]);
    withTemp(prod, (file) => expect(checks.checkSchema(file, checks.defaultXsdDir())).toEqual([]));
  });

  test("an http public URL is refused", () => {
    expect(() => checks.rewriteManifestUrls(good, "http://example.org/")).toThrow("ADDIN_PUBLIC_URL must use https");
  });
});
