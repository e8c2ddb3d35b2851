/**
 * The Fluent themes the task pane uses, one per Office theme: light (White), dark (Dark Gray /
 * Black) and colourful (Colorful: Office draws the app's colour in its title bar; we use Excel's
 * green as the brand, so buttons, links, focus and the header follow it). Components style
 * themselves through Fluent tokens only; this module is the one place colours are defined.
 */
import {
  createLightTheme,
  webDarkTheme,
  webLightTheme,
  type BrandVariants,
  type Theme,
} from "@fluentui/react-components";
import type { ThemeName } from "../office/host";

/** Excel's brand green. */
export const EXCEL_GREEN = "#107C41";

const hex = (n: number) =>
  Math.round(Math.max(0, Math.min(255, n)))
    .toString(16)
    .padStart(2, "0");

function mix(a: string, b: string, t: number): string {
  const pa = [1, 3, 5].map((i) => parseInt(a.slice(i, i + 2), 16));
  const pb = [1, 3, 5].map((i) => parseInt(b.slice(i, i + 2), 16));
  return `#${pa.map((x, i) => hex(x + (pb[i] - x) * t)).join("")}`;
}

/**
 * Fluent's 16-shade brand ramp around one colour: shade 80 is the colour itself (the light
 * theme's brand background), darker shades mix towards black, lighter ones towards white.
 */
export function brandRamp(color: string): BrandVariants {
  const ramp: Record<number, string> = {};
  for (let step = 10; step <= 160; step += 10) {
    ramp[step] =
      step <= 80
        ? mix("#000000", color, 0.1 + (0.9 * (step - 10)) / 70)
        : mix(color, "#FFFFFF", ((step - 80) / 80) * 0.92);
  }
  return ramp as BrandVariants;
}

const colorful: Theme = createLightTheme(brandRamp(EXCEL_GREEN));

export function fluentTheme(name: ThemeName): Theme {
  return name === "dark" ? webDarkTheme : name === "colorful" ? colorful : webLightTheme;
}
