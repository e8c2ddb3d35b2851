/** Node's zlib for the .xlsx package (src/emulator/zip.ts): native deflate, many times fflate's speed. */
import * as zlib from "zlib";
import type { ZipCodec } from "../emulator/zip";

export const nodeZip: ZipCodec = {
  deflateRaw: (data, level, last) =>
    zlib.deflateRawSync(data, { level, finishFlush: last ? zlib.constants.Z_FINISH : zlib.constants.Z_SYNC_FLUSH }),
  crc32: (data, initial) => zlib.crc32(data, initial),
};
