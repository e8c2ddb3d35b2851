import * as fs from "fs";
import * as path from "path";
import { webDarkTheme, webLightTheme } from "@fluentui/react-components";
import { brandRamp, EXCEL_GREEN, fluentTheme } from "../../src/taskpane/theme";

/** WCAG relative luminance and contrast ratio of two #rrggbb colours. */
function contrast(a: string, b: string): number {
  const lum = (c: string) => {
    const [r, g, bl] = [1, 3, 5].map((i) => {
      const v = parseInt(c.slice(i, i + 2), 16) / 255;
      return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * r + 0.7152 * g + 0.0722 * bl;
  };
  const [x, y] = [lum(a), lum(b)].sort((p, q) => q - p);
  return (x + 0.05) / (y + 0.05);
}

test("the colourful theme is Excel's green ramp: shade 80 is the brand, darker below, lighter above", () => {
  const ramp = brandRamp(EXCEL_GREEN);
  expect(ramp[80].toUpperCase()).toBe(EXCEL_GREEN);
  const lum = (c: string) => [1, 3, 5].reduce((n, i) => n + parseInt(c.slice(i, i + 2), 16), 0);
  for (let s = 20; s <= 160; s += 10) expect(lum(ramp[s as 20])).toBeGreaterThan(lum(ramp[(s - 10) as 10]));
  const t = fluentTheme("colorful");
  expect(t.colorBrandBackground.toUpperCase()).toBe(EXCEL_GREEN);
  // Text on the brand background (buttons, the header) and links on white pass WCAG AA (4.5:1).
  expect(contrast(t.colorNeutralForegroundOnBrand, t.colorBrandBackground)).toBeGreaterThanOrEqual(4.5);
  expect(contrast(t.colorBrandForegroundLink, t.colorNeutralBackground1)).toBeGreaterThanOrEqual(4.5);
  expect(fluentTheme("light")).toBe(webLightTheme);
  expect(fluentTheme("dark")).toBe(webDarkTheme);
});

test("task-pane components style through Fluent tokens only: no colour literals outside theme.ts", () => {
  const dir = path.join(__dirname, "..", "..", "src", "taskpane");
  const files = (d: string): string[] =>
    fs
      .readdirSync(d, { withFileTypes: true })
      .flatMap((e) => (e.isDirectory() ? files(path.join(d, e.name)) : [path.join(d, e.name)]));
  const offenders = files(dir)
    .filter((f) => /\.tsx?$/.test(f) && path.basename(f) !== "theme.ts")
    .flatMap((f) =>
      fs
        .readFileSync(f, "utf8")
        .split("\n")
        .map((line, i) => ({ f: path.relative(dir, f), line: i + 1, text: line }))
        .filter((l) => /#[0-9a-fA-F]{3,8}\b|rgba?\(|hsla?\(/.test(l.text)),
    );
  expect(offenders).toEqual([]);
});
