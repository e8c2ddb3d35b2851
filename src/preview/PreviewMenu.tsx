/**
 * The preview's menu: the samples, an empty workbook, Open and Export (.xlsx), Export deck
 * (.pptx), and the status of the last of them. The exports load their libraries (ExcelJS'
 * writer, PptxGenJS) with their first use, not with the page.
 */
import { useRef } from "react";
import type { ExcelEmulator } from "../emulator";
import type { Translate } from "../i18n";
import type { SampleLang } from "../sample/workbook";
import type { ShownWorkbook } from "./drawn";
import { SnapshotWorkbook } from "./snapshot";
import type { PreviewStatus } from "./usePreviewWorkbook";

export const bar = {
  display: "flex",
  flexWrap: "wrap" as const,
  gap: 6,
  alignItems: "center",
  padding: "6px 8px",
  borderBottom: "1px solid #E1DFDD",
  background: "#F8F8F8",
  fontFamily: "Segoe UI, Noto Sans CJK SC, sans-serif",
  fontSize: 13,
};
const button = {
  border: "1px solid #8A8886",
  borderRadius: 4,
  background: "#fff",
  padding: "3px 10px",
  cursor: "pointer",
  fontSize: 13,
};

/** Hands a file to the browser's downloads. */
function download(bytes: Uint8Array, type: string, name: string): void {
  const a = document.createElement("a");
  a.href = URL.createObjectURL(new Blob([bytes as BlobPart], { type }));
  a.download = name;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(a.href), 10_000);
}

/** The deck: PptxGenJS loads with the first export, not with the page. */
async function exportDeckFile(emu: ShownWorkbook, t: Translate, say: (s: PreviewStatus) => void) {
  try {
    say({ text: t("deck.building") });
    const { exportDeck } = await import(/* webpackChunkName: "deck" */ "../deck");
    const deck = await exportDeck((o, b) => emu.run(o, b), { fileName: "six-step-analysis.xlsx" });
    const name = "six-step-plan.pptx";
    download(deck.bytes, "application/vnd.openxmlformats-officedocument.presentationml.presentation", name);
    say({ text: [t("deck.saved", { file: name, slides: deck.slides }), ...deck.warnings].join(" ") });
  } catch (e) {
    say({ text: t("deck.failed", { message: (e as Error).message }), error: true });
  }
}

/** The workbook as an .xlsx: the live one (a snapshot waits for its live workbook). */
async function exportFile(emu: ShownWorkbook) {
  const [{ exportXlsx }, model] = await Promise.all([
    import(/* webpackChunkName: "xlsx" */ "../emulator/xlsx"),
    emu instanceof SnapshotWorkbook ? emu.live.then((e) => e.model) : (emu as unknown as ExcelEmulator).model,
  ]);
  const bytes = await exportXlsx(model);
  download(bytes, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "six-step-analysis.xlsx");
}

export function PreviewMenu(props: {
  emu: ShownWorkbook;
  t: Translate;
  status: PreviewStatus | null;
  /** A file is dragged over the page: the status says where to drop it. */
  dragging: boolean;
  onStatus: (s: PreviewStatus) => void;
  onSample: (lang: SampleLang) => void;
  onEmpty: () => void;
  onOpen: (file: File) => void;
}) {
  const { t, status } = props;
  const fileInput = useRef<HTMLInputElement>(null);
  return (
    <nav style={bar} aria-label={t("preview.menu")}>
      <button style={button} onClick={() => props.onSample("zh")}>
        {t("preview.sampleZh")}
      </button>
      <button style={button} onClick={() => props.onSample("en")}>
        {t("preview.sampleEn")}
      </button>
      <button style={button} onClick={props.onEmpty}>
        {t("preview.emptyWorkbook")}
      </button>
      <button style={button} onClick={() => fileInput.current?.click()}>
        {t("preview.open")}
      </button>
      <input
        ref={fileInput}
        type="file"
        accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        aria-label={t("preview.open")}
        data-testid="open-file"
        style={{ display: "none" }}
        onChange={(e) => {
          const f = e.target.files?.[0];
          if (f) props.onOpen(f);
          e.target.value = "";
        }}
      />
      <button style={button} onClick={() => void exportFile(props.emu)}>
        {t("preview.export")}
      </button>
      <button style={button} onClick={() => void exportDeckFile(props.emu, t, props.onStatus)}>
        {t("deck.export")}
      </button>
      <span
        role="status"
        data-testid="preview-status"
        style={{ color: status?.error ? "#A4262C" : "#484644", marginLeft: 8 }}
      >
        {props.dragging ? t("preview.drop") : status?.key ? t(status.key, status.params) : status?.text}
      </span>
    </nav>
  );
}
