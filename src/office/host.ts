/**
 * The one module that touches host detection, Office's theme and language, and
 * @microsoft/office-js-helpers. Outside Office (the standalone preview, tests) office.js is
 * either absent or never becomes ready; we never trust Utilities.isAddin, which is wrong there.
 */
import { Storage, StorageType } from "@microsoft/office-js-helpers";
import type { MessageKey } from "../i18n";

export type HostKind = "excel" | "preview" | "browser";
export type ThemeName = "light" | "dark" | "colorful";

export interface HostInfo {
  kind: HostKind;
  /** i18n key naming the host in the status line. */
  nameKey: MessageKey;
  /** Office's display language (e.g. "zh-CN"), or the browser's outside Office. */
  displayLanguage: string;
  /** Office's theme: Colorful, else light or dark by its background. */
  theme: ThemeName;
  /** The highest ExcelApi set supported among those we care about, e.g. "1.12". */
  excelApi: string | null;
}

/** The subset of the Office global this module reads; typed so tests can pass a fake. */
export interface OfficeLike {
  onReady(): Promise<{ host: Office.HostType | null; platform: Office.PlatformType | null }>;
  HostType: { Excel: Office.HostType };
  PlatformType: typeof Office.PlatformType;
  /** Office.ThemeId (ExcelApi-independent; absent on older hosts). */
  ThemeId?: { Colorful: unknown };
  context?: {
    displayLanguage?: string;
    officeTheme?: { bodyBackgroundColor?: string; themeId?: unknown };
    requirements?: { isSetSupported(name: string, version?: string): boolean };
  };
}

const PLATFORM_KEYS: Record<string, MessageKey> = {
  PC: "host.excelWindows",
  Mac: "host.excelMac",
  OfficeOnline: "host.excelWeb",
  iOS: "host.excelIpad",
};

/** Light or dark from a CSS hex colour's relative luminance. */
export function themeFromBackground(color: string | undefined): ThemeName {
  const m = color && /^#?([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(color.trim());
  if (!m) return "light";
  const [r, g, b] = [m[1], m[2], m[3]].map((h) => parseInt(h, 16) / 255);
  return 0.2126 * r + 0.7152 * g + 0.0722 * b < 0.5 ? "dark" : "light";
}

const API_VERSIONS = ["1.8", "1.9", "1.10", "1.11", "1.12", "1.13", "1.14", "1.15", "1.16", "1.17"];

export function highestExcelApi(isSetSupported: (name: string, version?: string) => boolean): string | null {
  let best: string | null = null;
  for (const v of API_VERSIONS) {
    if (isSetSupported("ExcelApi", v)) best = v;
    else break;
  }
  return best;
}

function browserLanguage(): string {
  return typeof navigator !== "undefined" && navigator.language ? navigator.language : "en-US";
}

function browserTheme(): ThemeName {
  return typeof window !== "undefined" && window.matchMedia?.("(prefers-color-scheme: dark)").matches
    ? "dark"
    : "light";
}

/**
 * Detects where the task pane runs. `preview` is set by the standalone preview page, which has
 * no Office. When office.js is loaded but never ready (a plain browser), we give up after
 * `timeoutMs` rather than hang.
 */
export async function detectHost(
  options: { office?: OfficeLike; preview?: boolean; timeoutMs?: number } = {},
): Promise<HostInfo> {
  const office = options.office ?? (typeof Office === "undefined" ? undefined : (Office as unknown as OfficeLike));
  const fallback: HostInfo = {
    kind: options.preview ? "preview" : "browser",
    nameKey: options.preview ? "host.preview" : "host.browser",
    displayLanguage: browserLanguage(),
    theme: browserTheme(),
    excelApi: null,
  };
  if (!office || options.preview) return fallback;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<null>((resolve) => {
    timer = setTimeout(() => resolve(null), options.timeoutMs ?? 3000);
  });
  const info = await Promise.race([office.onReady().catch(() => null), timeout]);
  clearTimeout(timer);
  if (!info || info.host !== office.HostType.Excel) return fallback;
  const ctx = office.context;
  return {
    kind: "excel",
    nameKey: (info.platform && PLATFORM_KEYS[info.platform as unknown as string]) || "host.excelOther",
    displayLanguage: ctx?.displayLanguage || browserLanguage(),
    theme:
      office.ThemeId && ctx?.officeTheme?.themeId !== undefined && ctx.officeTheme.themeId === office.ThemeId.Colorful
        ? "colorful"
        : themeFromBackground(ctx?.officeTheme?.bodyBackgroundColor),
    excelApi: ctx?.requirements ? highestExcelApi((n, v) => ctx.requirements!.isSetSupported(n, v)) : null,
  };
}

/** The user's manual choices (language, theme), kept per browser profile by office-js-helpers. */
export interface Preferences {
  language: "auto" | "zh-CN" | "en-US";
  theme: "auto" | ThemeName;
}

const DEFAULT_PREFS: Preferences = { language: "auto", theme: "auto" };
let store: Storage<string> | null = null;

function prefsStore(): Storage<string> {
  if (!store) {
    let type = StorageType.InMemoryStorage;
    try {
      if (typeof localStorage !== "undefined") type = StorageType.LocalStorage;
    } catch {
      // Sandboxed frames may refuse localStorage: keep preferences for this session only.
    }
    store = new Storage<string>("sixstep", type);
  }
  return store;
}

export function loadPreferences(): Preferences {
  try {
    const raw = prefsStore().get("preferences");
    return raw ? { ...DEFAULT_PREFS, ...(JSON.parse(raw) as Partial<Preferences>) } : { ...DEFAULT_PREFS };
  } catch {
    return { ...DEFAULT_PREFS };
  }
}

export function savePreferences(prefs: Preferences): void {
  try {
    prefsStore().set("preferences", JSON.stringify(prefs));
  } catch {
    // Preferences are a convenience; failing to store them must not break the pane.
  }
}
