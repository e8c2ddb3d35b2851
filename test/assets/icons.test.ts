import * as fs from "fs";
import * as path from "path";
import * as zlib from "zlib";

// Decodes our own (unfiltered RGBA) PNGs to count colours: a designed icon, not a blank placeholder.
function decode(file: string) {
  const buf = fs.readFileSync(file);
  const width = buf.readUInt32BE(16);
  const height = buf.readUInt32BE(20);
  let off = 8;
  const idat: Buffer[] = [];
  while (off < buf.length) {
    const len = buf.readUInt32BE(off);
    const type = buf.toString("ascii", off + 4, off + 8);
    if (type === "IDAT") idat.push(buf.subarray(off + 8, off + 8 + len));
    off += 12 + len;
  }
  const raw = zlib.inflateSync(Buffer.concat(idat));
  return { width, height, raw };
}

test.each([16, 32, 64, 80])("icon-%i.png is a %i px square with the six step colours", (size) => {
  const { width, height, raw } = decode(path.join(__dirname, "..", "..", "assets", `icon-${size}.png`));
  expect([width, height]).toEqual([size, size]);
  const opaque = new Set<string>();
  let transparent = 0;
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const o = y * (size * 4 + 1) + 1 + x * 4;
      if (raw[o + 3] === 255) opaque.add(`${raw[o]},${raw[o + 1]},${raw[o + 2]}`);
      if (raw[o + 3] === 0) transparent++;
    }
  }
  // The ring's six pure hues each appear fully opaque.
  for (const hue of ["15,108,189", "0,140,168", "16,158,110", "140,184,46", "242,169,0", "224,90,40"]) {
    expect(opaque.has(hue)).toBe(true);
  }
  expect(transparent).toBeGreaterThan(0); // the corners are see-through
});
