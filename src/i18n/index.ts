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

export function translator(locale: Locale): Translate {
  const catalogue = CATALOGUES[locale];
  return (key, params) => {
    const text = catalogue[key] ?? enUS[key] ?? key;
    if (!params) return text;
    return text.replace(/\{(\w+)\}/g, (m, name: string) => (name in params ? String(params[name]) : m));
  };
}

/** Placeholder names used in a message, e.g. {host}; both catalogues must use the same ones. */
export function placeholders(text: string): string[] {
  return [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
}
