/**
 * Both catalogues and the translator, for everything that runs in Node, the preview and the
 * pipeline. The task pane's first bundle imports `./core` (English) instead, and loads the
 * Chinese catalogue with `./load` when it needs it.
 */
import { enUS } from "./en-US";
import { zhCN } from "./zh-CN";
import { registerCatalogue, type Catalogue, type Locale } from "./core";

export * from "./core";

registerCatalogue("zh-CN", zhCN);

export const CATALOGUES: Record<Locale, Catalogue> = { "en-US": enUS, "zh-CN": zhCN };
