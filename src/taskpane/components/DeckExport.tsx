/**
 * "Export deck (.pptx)": the account plan as slides, built in the pane. The deck module (with
 * PptxGenJS) is a chunk loaded on the first click, so the pane's first bundle does not grow.
 * Excel on the web and browsers download the file; desktop hosts may block downloads from the
 * pane, so there the pane also says plainly what to do if no file appeared.
 */
import { useState } from "react";
import { Button, MessageBar, MessageBarBody } from "@fluentui/react-components";
import type { ExcelRun } from "../../excel/run";
import { useI18n } from "../i18n-context";

const PPTX = "application/vnd.openxmlformats-officedocument.presentationml.presentation";

/** Whether the host lets a page download a file: a browser, or Excel on the web. */
function downloadsAllowed(): boolean {
  if (typeof Office === "undefined" || !Office.context) return true;
  return Office.context.platform === Office.PlatformType.OfficeOnline;
}

export function DeckExport(props: { run: ExcelRun; disabled: boolean }) {
  const { t, locale } = useI18n();
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ intent: "success" | "warning" | "error"; text: string } | null>(null);
  const exportNow = async () => {
    setBusy(true);
    setMessage({ intent: "success", text: t("deck.building") });
    try {
      const { exportDeck } = await import(/* webpackChunkName: "deck" */ "../../deck");
      const deck = await exportDeck(props.run, { fileName: t("deck.title"), locale });
      const name = `${t("deck.title")}.pptx`;
      const a = document.createElement("a");
      a.href = URL.createObjectURL(new Blob([deck.bytes as BlobPart], { type: PPTX }));
      a.download = name;
      document.body.appendChild(a);
      a.click();
      a.remove();
      setTimeout(() => URL.revokeObjectURL(a.href), 60_000);
      const said = [t("deck.saved", { file: name, slides: deck.slides }), ...deck.warnings];
      if (!downloadsAllowed()) said.push(t("deck.noDownload"));
      setMessage({ intent: deck.warnings.length || !downloadsAllowed() ? "warning" : "success", text: said.join(" ") });
    } catch (e) {
      setMessage({ intent: "error", text: t("deck.failed", { message: (e as Error).message }) });
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
