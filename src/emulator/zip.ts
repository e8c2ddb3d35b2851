/**
 * Writing and reading the .xlsx package (issue 20, issue 33). fflate lays out the ZIP (APPNOTE 6.3:
 * local headers, data, data descriptors, central directory, end record; no ZIP64 — each part stays
 * under 4 GB) through its public API only: a part deflated elsewhere goes in as a `ZipInputFile`,
 * the interface fflate offers for "custom compression schemes". Deflating in JavaScript is the
 * cost here (100,000 revenue rows: ~1.2 s of a 3 s export with JSZip); Node's zlib does it
 * natively, many times faster, so the command line installs Node's codec (`useNativeZip`) and the
 * browser, which has none here, deflates with fflate (faster than JSZip's pako).
 */
import { unzipSync, Zip, ZipDeflate, type ZipInputFile } from "fflate";
import { EmulatorError } from "./errors";

/** A part of a package in memory, read back as JSZip's objects are (`async`). */
export interface PackagePart {
  readonly dir: boolean;
  async(type: "string"): Promise<string>;
  async(type: "uint8array"): Promise<Uint8Array>;
}

/** A package's parts by path, in order, read and replaced as JSZip does: a JSZip, or `PackageParts`. */
export interface Package {
  readonly files: Record<string, PackagePart>;
  file(path: string): PackagePart | null;
  file(path: string, data: string): unknown;
}

const utf8Out = new TextEncoder();
const utf8In = new TextDecoder();

/** One part held as text or bytes. */
class HeldPart implements PackagePart {
  readonly dir = false;
  constructor(private readonly data: string | Uint8Array) {}
  async(type: "string"): Promise<string>;
  async(type: "uint8array"): Promise<Uint8Array>;
  async(type: "string" | "uint8array"): Promise<string | Uint8Array> {
    const d = this.data;
    if (type === "string") return Promise.resolve(typeof d === "string" ? d : utf8In.decode(d));
    return Promise.resolve(typeof d === "string" ? utf8Out.encode(d) : d);
  }
}

/**
 * A package's parts in memory, in the order they were added: what ExcelJS renders (it calls
 * `append` as it calls its zip writer's), then what the export adds. No archive is made until
 * `writePackage`: ExcelJS's own (JSZip, checksummed in JavaScript, made only to be opened again)
 * cost about a third of a second at 60,000 rows with the portfolio.
 */
export class PackageParts implements Package {
  readonly files: Record<string, PackagePart> = {};

  /** ExcelJS's zip writer's `append`: a part's text or bytes (base64 text for an image given so). */
  append(data: string | Uint8Array, options: { name: string; base64?: boolean }): void {
    const bytes =
      options.base64 && typeof data === "string" ? Uint8Array.from(atob(data), (ch) => ch.charCodeAt(0)) : data;
    this.files[options.name] = new HeldPart(bytes);
  }

  file(path: string): PackagePart | null;
  file(path: string, data: string): this;
  file(path: string, data?: string): PackagePart | null | this {
    if (data === undefined) return this.files[path] ?? null;
    this.files[path] = new HeldPart(data);
    return this;
  }
}

export interface ZipCodec {
  /**
   * Raw deflate of `data`. Not `last`: the output ends on a sync flush (an empty stored block,
   * byte-aligned, no final block), so that the next piece's output can follow it in the same
   * deflate stream. Backed by an ArrayBuffer (not shared), the type fflate passes on.
   */
  deflateRaw(data: Uint8Array, level: number, last: boolean): Uint8Array<ArrayBuffer>;
  /**
   * The same, off the main thread (Node's zlib on its thread pool): a package's pieces are
   * deflated at once, on every core.
   */
  deflateRawAsync?(data: Uint8Array, level: number, last: boolean): Promise<Uint8Array<ArrayBuffer>>;
  crc32(data: Uint8Array, initial?: number): number;
}

let codec: ZipCodec | null = null;

/** Installs a native codec (the CLI passes Node's zlib); null goes back to fflate's JavaScript deflate. */
export function useNativeZip(c: ZipCodec | null): void {
  codec = c;
}

/** Each part's uncompressed size (bytes), by path, from the central directory: nothing is inflated. */
export function partSizes(data: Uint8Array): Map<string, number> {
  const sizes = new Map<string, number>();
  unzipSync(data, {
    filter: (f) => {
      sizes.set(f.name, f.originalSize);
      return false;
    },
  });
  return sizes;
}

/**
 * A part's bytes, null when the package has no such part. fflate sizes the output from the
 * central directory before inflating, which brings its JavaScript inflate near Node's zlib
 * (1,000,000-row sheet part, 417 MB: 2.2–3.1 s against 1.9–3.2 s, run alternately) without
 * reaching into JSZip's compressed object for the raw bytes; JSZip's own inflate takes ~5 s.
 */
export function readPart(data: Uint8Array, path: string): Uint8Array | null {
  return unzipSync(data, { filter: (f) => f.name === path })[path] ?? null;
}

/** Parts this large (bytes) are deflated at level 1: ~3× faster for ~10% more bytes. */
const FAST_LEVEL_BYTES = 16 << 20;

/**
 * The native codec deflates a part in pieces of at least this many bytes, each starting afresh
 * (as pigz does): joining a 1,000,000-row sheet part's chunks first (388 MB) took 1.3–2 s, more
 * than deflating it (~0.8 s at level 1); the fresh starts cost ~60 bytes a megabyte (0.06%).
 */
const PIECE_BYTES = 1 << 20;

/**
 * Every entry's time stamp. Built from local-time fields, which are what fflate writes (DOS date
 * and time), so the package reads 1980-01-01 00:00 in any time zone and its bytes depend on
 * nothing but its parts.
 */
const EPOCH = new Date(1980, 0, 1);

/**
 * The package's bytes: every part of `zip`, with `parts` (chunks of bytes, by path) replacing or
 * adding parts, in `zip`'s order ([Content_Types].xml first in ExcelJS's packages) then `parts`'.
 * Every entry is deflated (method 8), even a tiny one that would shrink by nothing: fflate's
 * streaming `Zip` follows each entry with a data descriptor (flag bit 3), and streaming readers
 * such as Java's ZipInputStream (Apache POI) refuse that on a stored entry, whose end they cannot
 * find; on a deflated entry the deflate stream marks its own end.
 */
export async function writePackage(zip: Package, parts: Map<string, Uint8Array[]> = new Map()): Promise<Uint8Array> {
  const out: Uint8Array[] = [];
  let written = 0;
  let failure: Error | null = null;
  const archive = new Zip((err, chunk) => {
    if (err) failure ??= err;
    else {
      out.push(chunk);
      written += chunk.length;
    }
  });
  // Every input below ends synchronously, so each entry is written out before the next is added.
  let entries = 0;
  const add = (name: string, chunks: Uint8Array[], deflated?: Uint8Array<ArrayBuffer>[]) => {
    const size = byteLength(chunks);
    // fflate writes no ZIP64: a part, an offset or a count past the 32-bit (16-bit) fields would
    // be cut silently; refuse instead (the largest part at 1,048,576 rows is about 0.4 GB).
    if (size >= 0xffffffff || written + size >= 0xffffffff || ++entries > 0xffff)
      throw new EmulatorError("GeneralException", `the package is too large for a ZIP without ZIP64 (${name})`);
    const level = size >= FAST_LEVEL_BYTES ? 1 : 6;
    if (!codec) {
      const file = new ZipDeflate(name, { level });
      file.mtime = EPOCH;
      archive.add(file);
      if (!chunks.length) file.push(new Uint8Array(0), true);
      chunks.forEach((c, i) => file.push(c, i === chunks.length - 1));
      return;
    }
    let crc = 0;
    for (const c of chunks) crc = codec.crc32(c, crc);
    const file: ZipInputFile = { filename: name, size, crc: crc >>> 0, compression: 8, mtime: EPOCH };
    archive.add(file);
    const out = deflated ?? pieces(chunks).map((p) => codec!.deflateRaw(p.data, level, p.last));
    out.forEach((d, i) => file.ondata!(null, d, i === out.length - 1));
  };
  const entriesIn: [string, Uint8Array[]][] = [];
  for (const name of Object.keys(zip.files)) {
    const f = zip.files[name];
    if (f.dir || parts.has(name)) continue;
    entriesIn.push([name, [await f.async("uint8array")]]);
  }
  for (const entry of parts) entriesIn.push(entry);
  // With an asynchronous codec every piece of every part is deflated at once, then written in order.
  const viaPool = codec?.deflateRawAsync?.bind(codec);
  const deflated: Uint8Array<ArrayBuffer>[][] = entriesIn.map(() => []);
  if (viaPool) {
    const jobs = entriesIn.flatMap(([, chunks], i) => {
      const level = byteLength(chunks) >= FAST_LEVEL_BYTES ? 1 : 6;
      return pieces(chunks).map((p, k) => ({ i, k, level, ...p }));
    });
    // A few at a time (each deflate stream holds its own buffers): enough to keep every core busy.
    await inOrder(jobs, POOL_JOBS, async (j) => {
      deflated[j.i][j.k] = await viaPool(j.data, j.level, j.last);
    });
  }
  entriesIn.forEach(([name, chunks], i) => add(name, chunks, viaPool ? deflated[i] : undefined));
  archive.end();
  if (failure) throw failure;
  return concat(out);
}

/** Pieces deflated at once on the thread pool. */
const POOL_JOBS = 4;

/** `f` over `items`, at most `limit` at a time, started in order. */
async function inOrder<T>(items: T[], limit: number, f: (x: T) => Promise<void>): Promise<void> {
  let next = 0;
  const lane = async () => {
    while (next < items.length) await f(items[next++]);
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, lane));
}

function byteLength(chunks: Uint8Array[]): number {
  let n = 0;
  for (const c of chunks) n += c.length;
  return n;
}

/** A part's chunks joined into pieces of at least PIECE_BYTES, each deflated afresh; the last ends the stream. */
function pieces(chunks: Uint8Array[]): { data: Uint8Array; last: boolean }[] {
  if (!chunks.length) return [{ data: new Uint8Array(0), last: true }];
  const out: { data: Uint8Array; last: boolean }[] = [];
  let from = 0;
  let bytes = 0;
  for (let i = 0; i < chunks.length; i++) {
    bytes += chunks[i].length;
    const last = i === chunks.length - 1;
    if (bytes < PIECE_BYTES && !last) continue;
    out.push({ data: concat(chunks.slice(from, i + 1)), last });
    from = i + 1;
    bytes = 0;
  }
  return out;
}

function concat(chunks: Uint8Array[]): Uint8Array {
  if (chunks.length === 1) return chunks[0];
  let n = 0;
  for (const c of chunks) n += c.length;
  const out = new Uint8Array(n);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}
