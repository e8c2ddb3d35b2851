/**
 * The panel's views that the first screen does not need, each a webpack chunk. The mapping view
 * (with its table) loads when first opened; the focus picker (Fluent's Combobox and its popup
 * positioning), what a run shows (progress, the message bar) and the deck's button are preloaded
 * once the pane is idle, with the workbook calls and the pipeline, so neither a click nor a run
 * waits for them.
 */
import { Button, Input } from "@fluentui/react-components";
import { loadPaneCalls, loadPipeline } from "../../excel/pane";
import { useI18n } from "../i18n-context";
import type { FocusPickerProps } from "./FocusPicker";
import { chunkLoader, lazyView } from "./Lazy";

const loadMapping = chunkLoader(() => import(/* webpackChunkName: "mapping" */ "./ColumnMapping"));
const loadFocus = chunkLoader(() => import(/* webpackChunkName: "focus" */ "./FocusPicker"));
const loadOutcome = chunkLoader(() => import(/* webpackChunkName: "outcome" */ "./RunOutcome"));
const loadDeckView = chunkLoader(() => import(/* webpackChunkName: "deck-view" */ "./DeckExport"));

export const ColumnMapping = lazyView(() => loadMapping().then((m) => m.ColumnMapping));
// Until the picker arrives, the field takes typing as it will (free text).
export const FocusPicker = lazyView(
  () => loadFocus().then((m) => m.FocusPicker),
  (p: FocusPickerProps) => (
    <Input value={p.value} placeholder={p.placeholder} disabled={p.disabled} onChange={(_, d) => p.onChange(d.value)} />
  ),
);
export const RunProgress = lazyView(() => loadOutcome().then((m) => m.RunProgress));
export const RunMessage = lazyView(() => loadOutcome().then((m) => m.RunMessage));
// The button's place is kept while its view loads.
function DeckButtonPlace() {
  const { t } = useI18n();
  return <Button disabled>{t("deck.exportPptx")}</Button>;
}
export const DeckExport = lazyView(() => loadDeckView().then((m) => m.DeckExport), DeckButtonPlace);

/** What the pane preloads in idle time after its first render (in Excel or the preview). */
export const PRELOAD = [loadPaneCalls, loadPipeline, loadFocus, loadOutcome, loadDeckView];
