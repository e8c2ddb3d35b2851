/**
 * The save dialog's page (save-file.html), opened by the pane where the host blocks downloads
 * from the pane (src/office/deck-delivery.ts): it tells the pane it is ready, receives the file in
 * base64 parts through `DialogParentMessageReceived` (DialogApi 1.2), and offers it behind a
 * button — a user's click, which the controls that save at all require.
 */
import { fromBase64, type DialogTexts, type FromDialog, type ToDialog } from "./deck-delivery";

interface SaveBlob {
  msSaveOrOpenBlob?: (blob: Blob, name: string) => boolean;
}

function say(m: FromDialog): void {
  Office.context.ui.messageParent(JSON.stringify(m));
}

function show(texts: DialogTexts): void {
  document.getElementById("heading")!.textContent = texts.heading;
  document.getElementById("save")!.textContent = texts.save;
  document.getElementById("hint")!.textContent = texts.hint;
}

function offer(blob: Blob, file: string): void {
  const button = document.getElementById("save") as HTMLButtonElement;
  button.disabled = false;
  button.onclick = () => {
    const nav = navigator as unknown as SaveBlob;
    // Trident and EdgeHTML: their own save prompt; elsewhere a link the user's click follows.
    if (typeof nav.msSaveOrOpenBlob === "function") nav.msSaveOrOpenBlob(blob, file);
    else {
      const a = document.createElement("a");
      a.href = URL.createObjectURL(blob);
      a.download = file;
      document.body.appendChild(a);
      a.click();
      a.remove();
    }
    say({ t: "saved" });
  };
}

function start(): void {
  let head: Extract<ToDialog, { t: "start" }> | null = null;
  const parts: string[] = [];
  let received = 0;
  Office.context.ui.addHandlerAsync(
    Office.EventType.DialogParentMessageReceived,
    (arg: Office.DialogParentMessageReceivedEventArgs) => {
      const m = JSON.parse(arg.message) as ToDialog;
      if (m.t === "start") {
        head = m;
        show(m.texts);
      } else if (parts[m.i] === undefined) {
        parts[m.i] = m.data;
        received++;
      }
      if (head && received === head.parts) {
        const bytes = fromBase64(parts.join(""));
        offer(new Blob([bytes as BlobPart], { type: head.type }), head.file);
      }
    },
    () => say({ t: "ready" }),
  );
}

if (typeof Office !== "undefined") void Office.onReady(() => start());
