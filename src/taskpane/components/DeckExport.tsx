/**
 * "Export deck (.pptx)": the account plan as slides, built in the pane. The deck module (with
 * PptxGenJS) is a chunk loaded on the first click, so the pane's first bundle does not grow.
 * Where the host lets the pane download (browsers, Excel on the web, Excel on Windows in WebView2)
 * the file is downloaded; where it does not, it opens in Office's dialog (DialogApi 1.2), else the
 * pane says plainly what to do — see src/office/deck-delivery.ts for which host gets which.
 */
import { useState } from "react";
import { Button, MessageBar, MessageBarBody } from "@fluentui/react-components";
import type { ExcelRun } from "../../excel/run";
import type { Translate } from "../../i18n/core";
import {
  chooseDelivery,
  currentHost,
  dialogMessages,
  offerInDialog,
  officeDialogHost,
  type DeliveryHost,
} from "../../office/deck-delivery";
import { useI18n } from "../i18n-context";
import { isChunkLoadError } from "../messages";

const PPTX = "application/vnd.openxmlformats-officedocument.presentationml.presentation";

type Intent = "success" | "warning" | "error";
export interface DeckMessage {
  intent: Intent;
  text: string;
}

/** What `deliverDeck` needs from the page and the host; the pane passes the real ones, tests fakes. */
export interface DeliveryDeps {
  host: DeliveryHost;
  t: Translate;
  download(bytes: Uint8Array, file: string): void;
  /** Opens the save dialog with these messages; rejects with the host's `code` when it cannot. */
  openDialog(messages: string[], onSaved: () => void): Promise<void>;
  /** Later messages (the dialog's "saved"). */
  report(m: DeckMessage): void;
}

/** Hands the built deck to the user as the host allows, and says what happened. */
export async function deliverDeck(
  deck: { bytes: Uint8Array; slides: number; warnings: string[] },
  file: string,
  d: DeliveryDeps,
): Promise<DeckMessage> {
  const { t } = d;
  const warn = deck.warnings;
  const how = chooseDelivery(d.host);
  if (how === "download") {
    d.download(deck.bytes, file);
    const said = [t("deck.saved", { file, slides: deck.slides }), ...warn];
    // Excel on Windows in WebView2: downloads should work, but say what to do if none appeared.
    const desktop = d.host.inOffice && d.host.platform !== "OfficeOnline";
    if (desktop) said.push(t("deck.noDownload"));
    return { intent: warn.length || desktop ? "warning" : "success", text: said.join(" ") };
  }
  if (how === "dialog") {
    const texts = {
      heading: t("deck.dialog.heading"),
      save: t("deck.dialog.save", { file }),
      hint: t("deck.dialog.hint"),
    };
    const saved = () =>
      d.report({ intent: "success", text: [t("deck.dialog.saved", { file, slides: deck.slides }), ...warn].join(" ") });
    try {
      await d.openDialog(dialogMessages(deck.bytes, file, PPTX, texts), saved);
      return { intent: "warning", text: [t("deck.dialog.opened", { file }), ...warn].join(" ") };
    } catch (e) {
      return { intent: "error", text: t("deck.dialog.failed", { code: (e as { code?: number }).code ?? 0 }) };
    }
  }
  return { intent: "error", text: t("deck.noSave", { slides: deck.slides }) };
}

function download(bytes: Uint8Array, file: string): void {
  const a = document.createElement("a");
  a.href = URL.createObjectURL(new Blob([bytes as BlobPart], { type: PPTX }));
  a.download = file;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(a.href), 60_000);
}

export function DeckExport(props: { run: ExcelRun; disabled: boolean }) {
  const { t, locale } = useI18n();
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<DeckMessage | null>(null);
  const exportNow = async () => {
    setBusy(true);
    setMessage({ intent: "success", text: t("deck.building") });
    try {
      const { exportDeck } = await import(/* webpackChunkName: "deck" */ "../../deck");
      const deck = await exportDeck(props.run, { fileName: t("deck.title"), locale });
      const host = currentHost();
      const said = await deliverDeck(deck, `${t("deck.title")}.pptx`, {
        host,
        t,
        download,
        // Only reached where chooseDelivery found Office with DialogApi 1.2.
        openDialog: (messages, onSaved) =>
          offerInDialog(officeDialogHost(), new URL("save-file.html", window.location.href).href, messages, onSaved),
        report: setMessage,
      });
      setMessage(said);
    } catch (e) {
      // Offline, the deck's chunk cannot arrive: say so rather than webpack's wording.
      const text = isChunkLoadError(e) ? t("ui.loadFailed") : t("deck.failed", { message: (e as Error).message });
      setMessage({ intent: "error", text });
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      <Button disabled={props.disabled || busy} onClick={() => void exportNow()}>
        {t("deck.exportPptx")}
      </Button>
      {message && (
        <MessageBar intent={message.intent}>
          <MessageBarBody>{message.text}</MessageBarBody>
        </MessageBar>
      )}
    </>
  );
}
