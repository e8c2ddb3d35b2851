import { enUS, type MessageKey } from "./en-US";
import { zhCN } from "./zh-CN";

export type Locale = "zh-CN" | "en-US";
export type { MessageKey };

export const CATALOGUES: Record<Locale, Record<MessageKey, string>> = { "en-US": enUS, "zh-CN": zhCN };

/** Office display languages map to ours: any Chinese → zh-CN, anything else → en-US. */
export function localeFromDisplayLanguage(displayLanguage: string | undefined | null): Locale {
  return displayLanguage && /^zh/i.test(displayLanguage) ? "zh-CN" : "en-US";
}

export type Translate = (key: MessageKey, params?: Record<string, string | number>) => string;

/**
 * Whether a missing message throws: under the tests (and a development build run by Node), so
 * that a missing translation fails a test instead of reaching the user as a bare key. The
 * browser bundles and the command line fall back to English, then the key.
 */
function strictMessages(): boolean {
  const env = typeof process === "undefined" ? undefined : process.env?.NODE_ENV;
  return env === "test" || env === "development";
}

export function translator(locale: Locale): Translate {
  const catalogue = CATALOGUES[locale];
  return (key, params) => {
    const own = catalogue[key];
    if (own === undefined && strictMessages()) throw new Error(`no ${locale} message for “${key}”`);
    const text = own ?? enUS[key] ?? key;
    if (!params) return text;
    return text.replace(/\{(\w+)\}/g, (m, name: string) => (name in params ? String(params[name]) : m));
  };
}

/** Placeholder names used in a message, e.g. {host}; both catalogues must use the same ones. */
export function placeholders(text: string): string[] {
  return [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
}
