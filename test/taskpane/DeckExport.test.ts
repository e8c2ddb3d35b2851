/**
 * How the pane hands the deck over (issue 32, item 3): a download where the host allows one; the
 * Office dialog where it blocks downloads and has DialogApi 1.2; else a plain message saying what
 * to do — each in both languages. The dialog's messages carry the file byte for byte.
 */
import { translator } from "../../src/i18n";
import {
  chooseDelivery,
  fromBase64,
  offerInDialog,
  PART,
  type DeliveryHost,
  type DialogHost,
  type DialogLike,
  type ToDialog,
} from "../../src/office/deck-delivery";
import { deliverDeck, type DeckMessage, type DeliveryDeps } from "../../src/taskpane/components/DeckExport";

const UA = {
  webview2:
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0 Safari/537.36 Edg/120.0",
  edgeHtml:
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64; WebView/3.0) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/70.0 Safari/537.36 Edge/18.19045",
  trident: "Mozilla/5.0 (Windows NT 10.0; WOW64; Trident/7.0; rv:11.0) like Gecko",
  mac: "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko)",
};

const host = (o: Partial<DeliveryHost>): DeliveryHost => ({
  inOffice: true,
  platform: "PC",
  userAgent: UA.webview2,
  dialogApi12: true,
  ...o,
});

test("the decision: download where it works, the dialog where downloads are blocked, else a message", () => {
  expect(chooseDelivery(host({ inOffice: false, platform: null }))).toBe("download");
  expect(chooseDelivery(host({ platform: "OfficeOnline", userAgent: UA.mac }))).toBe("download");
  expect(chooseDelivery(host({ platform: "PC", userAgent: UA.webview2 }))).toBe("download");
  expect(chooseDelivery(host({ platform: "PC", userAgent: UA.edgeHtml }))).toBe("dialog");
  expect(chooseDelivery(host({ platform: "PC", userAgent: UA.trident }))).toBe("dialog");
  expect(chooseDelivery(host({ platform: "Mac", userAgent: UA.mac }))).toBe("dialog");
  expect(chooseDelivery(host({ platform: "PC", userAgent: UA.trident, dialogApi12: false }))).toBe("instructions");
  expect(chooseDelivery(host({ platform: "Mac", userAgent: UA.mac, dialogApi12: false }))).toBe("instructions");
});

const deck = { bytes: new Uint8Array([80, 75, 3, 4, 0, 255]), slides: 14, warnings: [] as string[] };

function deps(h: DeliveryHost, locale: "zh-CN" | "en-US", dialog: "opens" | "fails" = "opens") {
  const calls = { downloads: [] as string[], dialogs: [] as string[][], later: [] as DeckMessage[] };
  let saved = () => undefined as void;
  const d: DeliveryDeps = {
    host: h,
    t: translator(locale),
    download: (_b, file) => calls.downloads.push(file),
    openDialog: (messages, onSaved) => {
      calls.dialogs.push(messages);
      saved = onSaved;
      return dialog === "opens"
        ? Promise.resolve()
        : Promise.reject(Object.assign(new Error("blocked"), { code: 12009 }));
    },
    report: (m) => calls.later.push(m),
  };
  return { d, calls, save: () => saved() };
}

test("download works: the file is downloaded and the pane says so", async () => {
  const { d, calls } = deps(host({ inOffice: false, platform: null }), "en-US");
  const m = await deliverDeck(deck, "Account plan.pptx", d);
  expect(calls.downloads).toEqual(["Account plan.pptx"]);
  expect(calls.dialogs).toEqual([]);
  expect(m).toEqual({ intent: "success", text: "Deck saved: Account plan.pptx (14 slides)." });
});

test("blocked: the dialog opens with the file, and says it saved when the user saves", async () => {
  const { d, calls, save } = deps(host({ userAgent: UA.trident }), "zh-CN");
  const m = await deliverDeck(deck, "客户规划.pptx", d);
  expect(calls.downloads).toEqual([]);
  expect(calls.dialogs).toHaveLength(1);
  expect(m.text).toBe("此版本的 Excel 不允许任务窗格直接下载：已在对话框中打开 客户规划.pptx，请点击其中的“保存”。");
  const [start, ...parts] = calls.dialogs[0].map((s) => JSON.parse(s) as ToDialog);
  expect(start).toMatchObject({ t: "start", file: "客户规划.pptx", parts: 1, texts: { save: "保存 客户规划.pptx" } });
  expect(Array.from(fromBase64(parts.map((p) => (p.t === "part" ? p.data : "")).join("")))).toEqual(
    Array.from(deck.bytes),
  );
  save();
  expect(calls.later).toEqual([{ intent: "success", text: "已在对话框中保存 客户规划.pptx（14 页）。" }]);
});

test("blocked and the dialog cannot open: the host's error code and what to do", async () => {
  const { d } = deps(host({ platform: "Mac", userAgent: UA.mac }), "en-US", "fails");
  const m = await deliverDeck(deck, "Account plan.pptx", d);
  expect(m.intent).toBe("error");
  expect(m.text).toMatch(/^The save dialog could not open \(error 12009\)\. Save the workbook and run `sixstep deck/);
});

test("no dialog API: a clear message, nothing downloaded or opened", async () => {
  for (const [locale, text] of [
    [
      "en-US",
      /^This version of Excel neither lets the task pane download a file nor hands one to a dialog \(that needs DialogApi 1\.2\): the deck \(14 slides\) was not saved\. Save the workbook and run `sixstep deck/,
    ],
    [
      "zh-CN",
      /^此版本的 Excel 既不允许任务窗格下载，也不能通过对话框传递文件（需要 DialogApi 1\.2）：演示文稿（14 页）未能保存。/,
    ],
  ] as const) {
    const { d, calls } = deps(host({ userAgent: UA.edgeHtml, dialogApi12: false }), locale);
    const m = await deliverDeck(deck, "plan.pptx", d);
    expect([calls.downloads, calls.dialogs]).toEqual([[], []]);
    expect(m.intent).toBe("error");
    expect(m.text).toMatch(text);
  }
});

test("the dialog's handshake: the file is sent once the dialog says it is ready, in parts of PART characters", async () => {
  const sent: string[] = [];
  const handlers = new Map<unknown, (a: { message: string } | { error: number }) => void>();
  const dialog: DialogLike = {
    addEventHandler: (type, h) => handlers.set(type, h),
    messageChild: (m) => sent.push(m),
    close: () => undefined,
  };
  let opened = "";
  const fake: DialogHost = {
    ui: {
      displayDialogAsync: (url, _o, cb) => {
        opened = url;
        cb({ status: "succeeded", value: dialog });
      },
    },
    events: { message: "message" as unknown as Office.EventType, closed: "closed" as unknown as Office.EventType },
  };
  const big = new Uint8Array(100_000).map((_, i) => (i * 7) % 256);
  const { dialogMessages } = await import("../../src/office/deck-delivery");
  const messages = dialogMessages(big, "plan.pptx", "application/x", { heading: "h", save: "s", hint: "x" });
  let saved = 0;
  await offerInDialog(fake, "https://localhost:3000/save-file.html", messages, () => saved++);
  expect(opened).toBe("https://localhost:3000/save-file.html");
  expect(sent).toEqual([]);
  handlers.get("message")!({ message: JSON.stringify({ t: "ready" }) });
  expect(sent).toEqual(messages);
  // 100,000 bytes are 133,336 base64 characters: five parts of at most 32,000.
  const parts = sent.slice(1).map((s) => JSON.parse(s) as ToDialog);
  expect(parts.map((p) => (p.t === "part" ? p.data.length : 0))).toEqual([PART, PART, PART, PART, 133_336 - 4 * PART]);
  expect(Array.from(fromBase64(parts.map((p) => (p.t === "part" ? p.data : "")).join("")))).toEqual(Array.from(big));
  handlers.get("message")!({ message: JSON.stringify({ t: "saved" }) });
  expect(saved).toBe(1);
  // A failure to open rejects with the host's code.
  const refused: DialogHost = {
    ...fake,
    ui: { displayDialogAsync: (_u, _o, cb) => cb({ status: "failed", error: { code: 12007, message: "open" } }) },
  };
  await expect(offerInDialog(refused, "u", messages)).rejects.toMatchObject({ code: 12007 });
});
