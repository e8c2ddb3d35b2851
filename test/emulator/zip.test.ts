/**
 * The .xlsx package written by fflate (src/emulator/zip.ts): every entry's bytes, CRC-32 and sizes
 * as the central directory states them, with Node's native deflate and with fflate's own, and a
 * sample workbook that reads back cell for cell after the trip through it.
 */
import * as zlib from "zlib";
import JSZip from "jszip";
import { unzipSync } from "fflate";
import { partSizes, readPart, useNativeZip, writePackage } from "../../src/emulator/zip";
import { exportXlsx, importXlsx } from "../../src/emulator/xlsx";
import { sampleEmulator } from "../helpers/workbook";
import { crc32, nodeZip } from "../../src/cli/node-zip";

/** Node's zlib on the main thread only (the pieces deflated one after another). */
const nodeZipSync = { deflateRaw: nodeZip.deflateRaw, crc32: nodeZip.crc32 };

const CODECS = [
  ["Node's zlib on its thread pool", nodeZip],
  ["Node's zlib on the main thread", nodeZipSync],
  ["fflate", null],
] as const;

afterAll(() => useNativeZip(null));

const enc = new TextEncoder();

/** Null when `a` and `b` hold the same bytes, else where they first differ (jest's deep equality is slow on megabytes). */
function differ(a: Uint8Array, b: Uint8Array): { at: number; lengths: number[] } | null {
  if (Buffer.compare(a, b) === 0) return null;
  let at = 0;
  while (at < a.length && at < b.length && a[at] === b[at]) at++;
  return { at, lengths: [a.length, b.length] };
}

interface CentralEntry {
  name: string;
  flags: number;
  method: number;
  crc: number;
  packed: number;
  size: number;
  offset: number;
}

/** The central directory, read field by field (APPNOTE 4.3.12), independently of any ZIP library. */
function centralDirectory(zip: Uint8Array): CentralEntry[] {
  const v = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
  const end = zip.length - 22;
  expect(v.getUint32(end, true)).toBe(0x06054b50);
  const count = v.getUint16(end + 10, true);
  let at = v.getUint32(end + 16, true);
  const out: CentralEntry[] = [];
  for (let i = 0; i < count; i++) {
    expect(v.getUint32(at, true)).toBe(0x02014b50);
    const nameLength = v.getUint16(at + 28, true);
    out.push({
      name: new TextDecoder().decode(zip.subarray(at + 46, at + 46 + nameLength)),
      flags: v.getUint16(at + 8, true),
      method: v.getUint16(at + 10, true),
      crc: v.getUint32(at + 16, true),
      packed: v.getUint32(at + 20, true),
      size: v.getUint32(at + 24, true),
      offset: v.getUint32(at + 42, true),
    });
    at += 46 + nameLength + v.getUint16(at + 30, true) + v.getUint16(at + 32, true);
  }
  return out;
}

/** A package as ExcelJS hands it over: [Content_Types].xml first, one part deflated, one stored. */
async function source(): Promise<{ zip: JSZip; parts: Map<string, Uint8Array> }> {
  const parts = new Map<string, Uint8Array>([
    ["[Content_Types].xml", enc.encode(`<?xml version="1.0"?><Types>${"<Default/>".repeat(40)}</Types>`)],
    ["xl/deflated.xml", enc.encode(`<a>${"<b>deflated</b>".repeat(500)}</a>`)],
    ["xl/stored.bin", Uint8Array.from({ length: 300 }, (_, i) => (i * 7919) & 255)],
    ["docProps/empty.txt", new Uint8Array(0)],
  ]);
  const first = new JSZip();
  for (const [name, data] of parts)
    first.file(name, data, { compression: name === "xl/stored.bin" ? "STORE" : "DEFLATE" });
  const bytes = await first.generateAsync({ type: "uint8array" });
  // The stored part really is stored, the deflated one deflated, in the package read back.
  const methods = new Map(centralDirectory(bytes).map((e) => [e.name, e.method]));
  expect([methods.get("xl/stored.bin"), methods.get("xl/deflated.xml")]).toEqual([0, 8]);
  return { zip: await JSZip.loadAsync(bytes), parts };
}

describe.each(CODECS)("writePackage with %s", (_label, codec) => {
  beforeEach(() => useNativeZip(codec));

  test("every part comes back byte for byte, with the CRC-32 and sizes of its bytes, deflated", async () => {
    const { zip, parts } = await source();
    // A sheet part replaced in chunks, and a new part given as several chunks.
    const sheet = enc.encode(`<worksheet>${'<row><c t="n"><v>1.5</v></c></row>'.repeat(2000)}</worksheet>`);
    // Over 2 MB: the native codec deflates it in pieces joined by sync flushes.
    const added = Uint8Array.from({ length: 2_500_000 }, (_, i) => (i * i) & 255);
    const replaced = enc.encode("<replaced/>");
    const chunksOf = (b: Uint8Array, n: number) =>
      Array.from({ length: Math.ceil(b.length / n) }, (_, i) => b.subarray(i * n, (i + 1) * n));
    const expected = new Map(parts);
    expected.set("xl/deflated.xml", replaced);
    expected.set("xl/worksheets/sheet1.xml", sheet);
    expected.set("xl/media/added.bin", added);
    const out = await writePackage(
      zip,
      new Map([
        ["xl/deflated.xml", [replaced]],
        ["xl/worksheets/sheet1.xml", chunksOf(sheet, 4096)],
        ["xl/media/added.bin", chunksOf(added, 65_536)],
      ]),
    );

    const central = centralDirectory(out);
    expect(central.map((e) => e.name)).toEqual([
      "[Content_Types].xml",
      "xl/stored.bin",
      "docProps/empty.txt",
      "xl/deflated.xml",
      "xl/worksheets/sheet1.xml",
      "xl/media/added.bin",
    ]);
    const v = new DataView(out.buffer, out.byteOffset, out.byteLength);
    for (const e of central) {
      const bytes = expected.get(e.name)!;
      expect([e.name, e.method, e.size, e.crc]).toEqual([e.name, 8, bytes.length, zlib.crc32(bytes)]);
      // The local header sits where the directory says; its data inflates to the part; the data
      // descriptor that follows repeats the CRC and sizes.
      expect(v.getUint32(e.offset, true)).toBe(0x04034b50);
      expect(v.getUint16(e.offset + 8, true)).toBe(8);
      const data = e.offset + 30 + v.getUint16(e.offset + 26, true) + v.getUint16(e.offset + 28, true);
      expect([e.name, differ(zlib.inflateRawSync(out.subarray(data, data + e.packed)), bytes)]).toEqual([e.name, null]);
      if (e.flags & 8) {
        const d = data + e.packed;
        expect([0, 4, 8, 12].map((k) => v.getUint32(d + k, true))).toEqual([0x08074b50, e.crc, e.packed, e.size]);
      }
    }
    // Two readers agree: JSZip checking every CRC-32, and fflate.
    const back = await JSZip.loadAsync(out, { checkCRC32: true });
    const unzipped = unzipSync(out);
    for (const [name, bytes] of expected) {
      expect([name, differ(await back.file(name)!.async("uint8array"), bytes)]).toEqual([name, null]);
      expect([name, differ(unzipped[name], bytes)]).toEqual([name, null]);
    }
    expect(Object.keys(unzipped).length).toBe(expected.size);
    // Nothing but the parts (and their chunks) decides the bytes, no clock: the same package again.
    const { zip: again } = await source();
    const twice = await writePackage(
      again,
      new Map([
        ["xl/deflated.xml", [replaced]],
        ["xl/worksheets/sheet1.xml", chunksOf(sheet, 4096)],
        ["xl/media/added.bin", chunksOf(added, 65_536)],
      ]),
    );
    expect(differ(twice, out)).toBeNull();
  });

  test("the package's bytes are the same whether its pieces are deflated at once or one by one", async () => {
    const big = Uint8Array.from({ length: 3_000_000 }, (_, i) => (i * 7) & 127);
    const write = async (c: typeof nodeZip | typeof nodeZipSync) => {
      useNativeZip(c);
      const { zip } = await source();
      return writePackage(
        zip,
        new Map([["xl/worksheets/sheet1.xml", [big.subarray(0, 1_200_000), big.subarray(1_200_000)]]]),
      );
    };
    const pooled = await write(nodeZip);
    const inline = await write(nodeZipSync);
    expect(pooled.length).toBeGreaterThan(1000);
    expect(differ(pooled, inline)).toBeNull();
    expect(differ(unzipSync(pooled)["xl/worksheets/sheet1.xml"], big)).toBeNull();
  });

  test("a sample workbook exported in bulk re-imports with the same value in every cell", async () => {
    const { emu } = await sampleEmulator("en");
    const model = emu.model;
    // Every sheet with a uniform block goes through the bulk writer (its part given in chunks).
    const file = await exportXlsx(model, { bulkMinCells: 1 });
    const sizes = partSizes(file);
    expect([...sizes.keys()][0]).toBe("[Content_Types].xml");
    // The bulk writer wrote rows (inline strings: ExcelJS writes shared ones).
    const bulkParts = [...sizes.keys()].filter(
      (p) =>
        p.startsWith("xl/worksheets/sheet") && new TextDecoder().decode(readPart(file, p)!).includes('t="inlineStr"'),
    );
    expect(bulkParts.length).toBeGreaterThan(0);
    for (const e of centralDirectory(file)) expect([e.name, e.method]).toEqual([e.name, 8]);
    const back = await importXlsx(file, { bulk: false });
    expect(back.sheets.map((s) => s.name)).toEqual(model.sheets.map((s) => s.name));
    let cells = 0;
    for (const sheet of model.sheets) {
      const other = back.sheetByName(sheet.name)!;
      const a = model.usedRect(sheet);
      const b = back.usedRect(other);
      // ExcelJS may read styled empty cells into the used range: the values are compared over both.
      if (!a || !b) {
        expect([
          sheet.name,
          a &&
            model
              .values(sheet, a)
              .flat()
              .filter((x) => x !== null),
        ]).toEqual([sheet.name, null]);
        continue;
      }
      const rect = {
        r0: Math.min(a.r0, b.r0),
        r1: Math.max(a.r1, b.r1),
        c0: Math.min(a.c0, b.c0),
        c1: Math.max(a.c1, b.c1),
      };
      expect([sheet.name, back.values(other, rect)]).toEqual([sheet.name, model.values(sheet, rect)]);
      cells += (rect.r1 - rect.r0 + 1) * (rect.c1 - rect.c0 + 1);
    }
    expect(cells).toBeGreaterThan(1000);
  });
});

test("partSizes and readPart read the central directory and one part", async () => {
  const { parts } = await source();
  const zipped = await (async () => {
    const z = new JSZip();
    for (const [name, data] of parts) z.file(name, data, { compression: "DEFLATE" });
    return z.generateAsync({ type: "uint8array" });
  })();
  // JSZip writes an entry for each folder too.
  const sizes = partSizes(zipped);
  expect([sizes.get("xl/"), sizes.get("docProps/")]).toEqual([0, 0]);
  for (const folder of ["xl/", "docProps/"]) sizes.delete(folder);
  expect(sizes).toEqual(new Map([...parts].map(([n, b]) => [n, b.length])));
  for (const [name, bytes] of parts) expect([name, differ(readPart(zipped, name)!, bytes)]).toEqual([name, null]);
  expect(readPart(zipped, "xl/missing.xml")).toBeNull();
});

test("the CRC-32 used where Node lacks zlib.crc32 equals zlib's, whole and continued", () => {
  const data = new Uint8Array(100_003);
  for (let i = 0; i < data.length; i++) data[i] = (i * 7919) % 251;
  expect(crc32(new TextEncoder().encode("123456789"))).toBe(0xcbf43926); // the check value of CRC-32/ISO-HDLC
  expect(crc32(data)).toBe(zlib.crc32(data));
  expect(crc32(data.subarray(40_000), crc32(data.subarray(0, 40_000)))).toBe(zlib.crc32(data));
});
