/** Node's zlib for the .xlsx package (src/emulator/zip.ts): native deflate, many times fflate's speed. */
import * as zlib from "zlib";
import type { ZipCodec } from "../emulator/zip";

export const nodeZip: ZipCodec = {
  deflateRaw: (data, level, last) =>
    zlib.deflateRawSync(data, { level, finishFlush: last ? zlib.constants.Z_FINISH : zlib.constants.Z_SYNC_FLUSH }),
  deflateRawAsync: (data, level, last) =>
    new Promise((resolve, reject) =>
      zlib.deflateRaw(
        data,
        { level, finishFlush: last ? zlib.constants.Z_FINISH : zlib.constants.Z_SYNC_FLUSH },
        (err, out) => (err ? reject(err) : resolve(out)),
      ),
    ),
  // zlib.crc32 is Node 20.15+ (and 22.2+); before it, the table-driven CRC-32 of the ZIP format.
  crc32: (data, initial) => (typeof zlib.crc32 === "function" ? zlib.crc32(data, initial) : crc32(data, initial)),
};

let table: Uint32Array | undefined;

/** CRC-32 (ISO 3309, polynomial 0xEDB88320), continuing from `initial`, as zlib.crc32 computes it. */
export function crc32(data: Uint8Array, initial = 0): number {
  if (!table) {
    table = new Uint32Array(256);
    for (let n = 0; n < 256; n++) {
      let c = n;
      for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
      table[n] = c >>> 0;
    }
  }
  let c = ~initial >>> 0;
  for (let i = 0; i < data.length; i++) c = table[(c ^ data[i]) & 0xff] ^ (c >>> 8);
  return ~c >>> 0;
}
