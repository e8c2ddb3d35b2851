import JSZip from "jszip";

/** A .pptx read back: each slide's title, text boxes, tables and charts, positions in inches. */
export interface TextBox {
  x: number;
  y: number;
  w: number;
  h: number;
  /** Paragraphs, each at its largest run's font size (points). */
  paras: { text: string; pt: number }[];
  title: boolean;
  bullets: boolean;
}
export interface TableFrame {
  x: number;
  y: number;
  colW: number[];
  rowH: number[];
  /** Cell texts with their font size, by row. */
  cells: { text: string; pt: number }[][];
  margins: { l: number; r: number; t: number; b: number };
}
export interface ChartPart {
  path: string;
  kind: "pie" | "barClustered" | "barStacked" | "scatter" | "other";
  series: { name: string; categories: string[]; values: number[] }[];
  xml: string;
}
export interface SlideRead {
  index: number;
  title: string;
  boxes: TextBox[];
  tables: TableFrame[];
  charts: ChartPart[];
  text: string;
  width: number;
  height: number;
}

const EMU = 914400;
const attr = (xml: string, name: string) => Number(new RegExp(`${name}="(\\d+)"`).exec(xml)?.[1] ?? 0) / EMU;
const decode = (s: string) =>
  s
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, "&");

function paragraphs(xml: string): { text: string; pt: number }[] {
  return [...xml.matchAll(/<a:p>([\s\S]*?)<\/a:p>/g)].map((m) => {
    const runs = [...m[1].matchAll(/<a:r>([\s\S]*?)<\/a:r>/g)];
    const text = runs.map((r) => decode(/<a:t>([\s\S]*?)<\/a:t>/.exec(r[1])?.[1] ?? "")).join("");
    const pt = Math.max(0, ...runs.map((r) => Number(/sz="(\d+)"/.exec(r[1])?.[1] ?? 0) / 100));
    return { text, pt };
  });
}

function chartOf(path: string, xml: string): ChartPart {
  const kind: ChartPart["kind"] = xml.includes("<c:pieChart>")
    ? "pie"
    : xml.includes("<c:scatterChart>")
      ? "scatter"
      : xml.includes("<c:barChart>")
        ? /<c:grouping val="stacked"\/>/.test(xml)
          ? "barStacked"
          : "barClustered"
        : "other";
  const series = [...xml.matchAll(/<c:ser>([\s\S]*?)<\/c:ser>/g)].map((m) => {
    const s = m[1];
    const name = decode(/<c:tx>[\s\S]*?<c:v>([\s\S]*?)<\/c:v>/.exec(s)?.[1] ?? "");
    const pts = (tag: string) => {
      const block = new RegExp(`<c:${tag}>([\\s\\S]*?)</c:${tag}>`).exec(s)?.[1] ?? "";
      return [...block.matchAll(/<c:pt idx="\d+">\s*<c:v>([\s\S]*?)<\/c:v>/g)].map((p) => decode(p[1]));
    };
    const values = pts(kind === "scatter" ? "yVal" : "val").map(Number);
    return { name, categories: pts(kind === "scatter" ? "xVal" : "cat"), values };
  });
  return { path, kind, series, xml };
}

export async function readPptx(bytes: Uint8Array): Promise<SlideRead[]> {
  const zip = await JSZip.loadAsync(bytes);
  const pres = await zip.file("ppt/presentation.xml")!.async("string");
  const size = /<p:sldSz cx="(\d+)" cy="(\d+)"/.exec(pres)!;
  const width = Number(size[1]) / EMU;
  const height = Number(size[2]) / EMU;
  const names = Object.keys(zip.files)
    .filter((f) => /^ppt\/slides\/slide\d+\.xml$/.test(f))
    .sort((a, b) => Number(/(\d+)\.xml/.exec(a)![1]) - Number(/(\d+)\.xml/.exec(b)![1]));
  const out: SlideRead[] = [];
  for (const [i, f] of names.entries()) {
    const xml = await zip.file(f)!.async("string");
    const rels = (await zip.file(f.replace("slides/", "slides/_rels/") + ".rels")?.async("string")) ?? "";
    const boxes: TextBox[] = [...xml.matchAll(/<p:sp>([\s\S]*?)<\/p:sp>/g)]
      .filter((m) => m[1].includes("<p:txBody>"))
      .map((m) => {
        const sp = m[1];
        const off = /<a:off [^>]*\/>/.exec(sp)?.[0] ?? "";
        const ext = /<a:ext [^>]*\/>/.exec(sp)?.[0] ?? "";
        return {
          x: attr(off, "x"),
          y: attr(off, "y"),
          w: attr(ext, "cx"),
          h: attr(ext, "cy"),
          paras: paragraphs(sp).filter((p) => p.text !== ""),
          title: /<p:ph[^>]*type="title"/.test(sp),
          bullets: sp.includes("<a:buChar") || sp.includes("<a:buAutoNum"),
        };
      });
    const tables: TableFrame[] = [...xml.matchAll(/<p:graphicFrame>([\s\S]*?)<\/p:graphicFrame>/g)]
      .filter((m) => m[1].includes("<a:tbl>"))
      .map((m) => {
        const g = m[1];
        const off = /<a:off [^>]*\/>/.exec(g)?.[0] ?? "";
        const mar = /marL="(\d+)" marR="(\d+)" marT="(\d+)" marB="(\d+)"/.exec(g);
        return {
          x: attr(off, "x"),
          y: attr(off, "y"),
          colW: [...g.matchAll(/<a:gridCol w="(\d+)"/g)].map((c) => Number(c[1]) / EMU),
          rowH: [...g.matchAll(/<a:tr h="(\d+)"/g)].map((c) => Number(c[1]) / EMU),
          cells: [...g.matchAll(/<a:tr [^>]*>([\s\S]*?)<\/a:tr>/g)].map((r) =>
            [...r[1].matchAll(/<a:tc[^>]*>([\s\S]*?)<\/a:tc>/g)].map((c) => {
              const ps = paragraphs(c[1]);
              return { text: ps.map((p) => p.text).join("\n"), pt: Math.max(0, ...ps.map((p) => p.pt)) };
            }),
          ),
          margins: mar
            ? { l: +mar[1] / EMU, r: +mar[2] / EMU, t: +mar[3] / EMU, b: +mar[4] / EMU }
            : { l: 0.1, r: 0.1, t: 0.05, b: 0.05 },
        };
      });
    const chartPaths = [...rels.matchAll(/Target="([^"]*charts\/chart\d+\.xml)"/g)].map((m) =>
      m[1].replace(/^\//, "").replace(/^\.\.\//, "ppt/"),
    );
    const charts: ChartPart[] = [];
    for (const p of chartPaths) charts.push(chartOf(p, await zip.file(p)!.async("string")));
    const title =
      boxes
        .find((b) => b.title)
        ?.paras.map((p) => p.text)
        .join("") ?? "";
    const text = [
      ...boxes.flatMap((b) => b.paras.map((p) => p.text)),
      ...tables.flatMap((t) => t.cells.flat().map((c) => c.text)),
    ].join("\n");
    out.push({ index: i + 1, title, boxes, tables, charts, text, width, height });
  }
  return out;
}

/**
 * Jest runs CommonJS without `--experimental-vm-modules`, so a dynamic `import()` throws. PptxGenJS
 * imports `node:fs` that way only to read media files (the deck has none) when it sees Node: under
 * Jest it is told it runs elsewhere. The command line runs in plain Node, where the import works.
 */
export function pptxUnderJest(): void {
  Object.defineProperty(process, "release", { value: { ...process.release, name: "jest" }, configurable: true });
}
