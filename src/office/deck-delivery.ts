/**
 * How the pane hands over a file it built (the deck): a download where the host allows one from
 * the pane; else through Office's dialog; else a plain sentence saying what to do.
 *
 * - **Download**: a browser (the preview), Excel on the web, and Excel on Windows whose pane runs
 *   in WebView2 (Chromium; its user agent says "Edg/") save a file from `<a download>`.
 * - **Dialog**: Excel on Windows in the older Internet Explorer (Trident) or Edge legacy
 *   (EdgeHTML) controls, and Excel on Mac (WKWebView), ignore `<a download>` in the pane. There the
 *   pane opens `save-file.html` (same origin, as `displayDialogAsync` requires) with
 *   `Office.context.ui.displayDialogAsync` (DialogApi 1.1) and hands it the file in base64 parts
 *   with `Dialog.messageChild` (DialogApi 1.2); the dialog, a window of its own, offers it behind a
 *   button (`navigator.msSaveOrOpenBlob` where the control has it — Trident's and EdgeHTML's own
 *   save prompt — else a link clicked by the user) and says what to do if nothing is saved.
 *   `messageChild` needs DialogApi 1.2 (Microsoft 365 from Version 2008 on Windows, Version 16.44
 *   on Mac; not Office 2016/2019 perpetual), so the dialog is offered only where
 *   `isSetSupported("DialogApi", "1.2")`.
 * - **Instructions**: neither works — the pane says to save the workbook and run `sixstep deck` on
 *   it, or to export from Excel on the web.
 *
 * Which hosts block downloads is our reading of Office's browser controls, not something the
 * host reports: the pane cannot observe whether a download happened. Not tried on a real desktop
 * Excel here (this repository's checks run without one); `chooseDelivery` is unit-tested.
 */

export type Delivery = "download" | "dialog" | "instructions";

export interface DeliveryHost {
  /** office.js loaded and ready in Excel (false in the preview and a plain browser). */
  inOffice: boolean;
  /** `Office.context.platform` as a string: "PC", "Mac", "OfficeOnline", "iOS", … */
  platform: string | null;
  userAgent: string;
  /** `isSetSupported("DialogApi", "1.2")`: displayDialogAsync and messageChild. */
  dialogApi12: boolean;
}

/** Whether the pane itself can save a file here (see the module's comment). */
export function downloadsAllowed(h: DeliveryHost): boolean {
  if (!h.inOffice || h.platform === "OfficeOnline") return true;
  if (h.platform === "PC") return /\bEdg\//.test(h.userAgent);
  return false;
}

export function chooseDelivery(h: DeliveryHost): Delivery {
  if (downloadsAllowed(h)) return "download";
  return h.inOffice && h.dialogApi12 ? "dialog" : "instructions";
}

/** The host as office.js reports it; outside Office (no `Office` global, or no context) a browser. */
export function currentHost(): DeliveryHost {
  const userAgent = typeof navigator === "undefined" ? "" : navigator.userAgent;
  if (typeof Office === "undefined" || !Office.context)
    return { inOffice: false, platform: null, userAgent, dialogApi12: false };
  const req = Office.context.requirements;
  return {
    inOffice: true,
    platform: Office.context.platform ? String(Office.context.platform) : null,
    userAgent,
    dialogApi12: !!req && req.isSetSupported("DialogApi", "1.2"),
  };
}

// ---- the dialog's messages -----------------------------------------------------------------------

/** Characters of base64 per message: small enough for every host's message channel. */
export const PART = 32_000;

/** What the pane sends the dialog, as JSON strings. */
export type ToDialog =
  | { t: "start"; file: string; type: string; parts: number; texts: DialogTexts }
  | { t: "part"; i: number; data: string };

/** What the dialog sends the pane. */
export type FromDialog = { t: "ready" } | { t: "saved" };

/** The dialog's words, in the pane's language (the dialog page carries no catalogue). */
export interface DialogTexts {
  heading: string;
  save: string;
  hint: string;
}

export function toBase64(bytes: Uint8Array): string {
  let s = "";
  for (let i = 0; i < bytes.length; i += 0x8000)
    s += String.fromCharCode.apply(null, Array.from(bytes.subarray(i, i + 0x8000)));
  return btoa(s);
}

export function fromBase64(data: string): Uint8Array {
  const s = atob(data);
  const out = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i++) out[i] = s.charCodeAt(i);
  return out;
}

/** The file as the dialog receives it: a start message, then its base64 in parts of `PART`. */
export function dialogMessages(bytes: Uint8Array, file: string, type: string, texts: DialogTexts): string[] {
  const data = toBase64(bytes);
  const parts: string[] = [];
  for (let i = 0; i < data.length; i += PART) parts.push(data.slice(i, i + PART));
  const msgs: ToDialog[] = [{ t: "start", file, type, parts: parts.length, texts }];
  parts.forEach((d, i) => msgs.push({ t: "part", i, data: d }));
  return msgs.map((m) => JSON.stringify(m));
}

/** The subset of `Office.context.ui` and `Office.EventType` the pane uses; typed so tests pass a fake. */
export interface DialogHost {
  ui: {
    displayDialogAsync(
      url: string,
      options: Office.DialogOptions,
      callback: (r: { status: string; error?: { code: number; message: string }; value?: DialogLike }) => void,
    ): void;
  };
  events: { message: Office.EventType; closed: Office.EventType };
}

export interface DialogLike {
  addEventHandler(type: Office.EventType, handler: (args: { message: string } | { error: number }) => void): void;
  messageChild(message: string): void;
  close(): void;
}

export function officeDialogHost(): DialogHost {
  return {
    ui: Office.context.ui as unknown as DialogHost["ui"],
    events: { message: Office.EventType.DialogMessageReceived, closed: Office.EventType.DialogEventReceived },
  };
}

/**
 * Opens the dialog at `url` and hands it the file once it says it is ready. Resolves when the
 * dialog is open (the file is then sent); rejects with the host's error code when it cannot open
 * (12007: one is open already; 12009: the user blocked it; 12011: the browser's pop-up blocker).
 */
export function offerInDialog(
  host: DialogHost,
  url: string,
  messages: string[],
  onSaved: () => void = () => undefined,
): Promise<void> {
  return new Promise((resolve, reject) => {
    host.ui.displayDialogAsync(url, { height: 35, width: 30, displayInIframe: true }, (r) => {
      if (r.status !== "succeeded" || !r.value) {
        reject(Object.assign(new Error(r.error?.message ?? "dialog"), { code: r.error?.code ?? 0 }));
        return;
      }
      const dialog = r.value;
      dialog.addEventHandler(host.events.message, (args) => {
        if (!("message" in args)) return;
        let m: FromDialog;
        try {
          m = JSON.parse(args.message) as FromDialog;
        } catch {
          return;
        }
        if (m.t === "ready") for (const msg of messages) dialog.messageChild(msg);
        else if (m.t === "saved") onSaved();
      });
      resolve();
    });
  });
}
