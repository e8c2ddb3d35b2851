/** The task pane's way to a catalogue: Chinese is a chunk, loaded (once) when the pane speaks it. */
import { hasCatalogue, registerCatalogue, type Locale } from "./core";

let zh: Promise<void> | null = null;

/** Resolves once `translator(locale)` speaks the locale; rejects when the chunk cannot be loaded (offline). */
export function loadCatalogue(locale: Locale): Promise<void> {
  if (hasCatalogue(locale)) return Promise.resolve();
  zh ??= import(/* webpackChunkName: "zh-CN" */ "./zh-CN").then(
    (m) => registerCatalogue("zh-CN", m.zhCN),
    (e: unknown) => {
      zh = null; // the next call tries again
      throw e;
    },
  );
  return zh;
}
