/**
 * The translator and the English catalogue (the source of message keys, and the fallback). The
 * Chinese catalogue registers itself here: `./index` imports it for everything that runs in Node
 * or the preview; the task pane loads it as a chunk only when it speaks Chinese (`./load`).
 */
import { enUS, type MessageKey } from "./en-US";

export type Locale = "zh-CN" | "en-US";
export type { MessageKey };
export type Catalogue = Record<MessageKey, string>;

const registered: Partial<Record<Locale, Catalogue>> = { "en-US": enUS };

export function registerCatalogue(locale: Locale, catalogue: Catalogue): void {
  registered[locale] = catalogue;
}

/** Whether a locale's catalogue is here (English always is). */
export function hasCatalogue(locale: Locale): boolean {
  return registered[locale] !== undefined;
}

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

/** The locale's translator; a catalogue not yet loaded (`./load`) is a programming error under the tests, English otherwise. */
export function translator(locale: Locale): Translate {
  const catalogue = registered[locale];
  if (!catalogue && strictMessages()) throw new Error(`the ${locale} catalogue is not loaded`);
  const own = catalogue ?? enUS;
  return (key, params) => {
    const found = own[key];
    if (found === undefined && strictMessages()) throw new Error(`no ${locale} message for “${key}”`);
    const text = found ?? enUS[key] ?? key;
    if (!params) return text;
    return text.replace(/\{(\w+)\}/g, (m, name: string) => (name in params ? String(params[name]) : m));
  };
}

/** Placeholder names used in a message, e.g. {host}; both catalogues must use the same ones. */
export function placeholders(text: string): string[] {
  return [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
}
