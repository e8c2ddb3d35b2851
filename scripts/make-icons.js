#!/usr/bin/env node
// Draws the product icon at 16, 32, 64 and 80 px: the six steps as a ring of six coloured
// segments (the method is drawn as a cycle), around a dark disc holding a rising bar chart
// (revenue growth, the plan's goal). Drawn at 8× and box-filtered down for anti-aliasing.
const fs = require("fs");
const path = require("path");
const { encodePng } = require("./png");

// One hue per step, cool to warm, in the order of the method.
const STEP_COLOURS = [
  [0x0f, 0x6c, 0xbd], // 1 industry: Office blue
  [0x00, 0x8c, 0xa8], // 2 competition: teal
  [0x10, 0x9e, 0x6e], // 3 needs: green
  [0x8c, 0xb8, 0x2e], // 4 solutions: lime
  [0xf2, 0xa9, 0x00], // 5 support: amber
  [0xe0, 0x5a, 0x28], // 6 planning: orange
];
const DISC = [0x1b, 0x2a, 0x41];
const BAR = [0xff, 0xff, 0xff];

function drawIcon(size) {
  const ss = 8;
  const n = size * ss;
  const c = n / 2;
  const rOuter = n * 0.49;
  const rInner = n * (size <= 16 ? 0.3 : 0.34);
  const rDisc = n * (size <= 16 ? 0.26 : 0.3);
  const gap = size <= 16 ? 0.2 : 0.12; // radians between segments
  const hi = new Float32Array(n * n * 4);
  const bars = size >= 32 ? [0.35, 0.6, 0.85] : [0.45, 0.9];
  const barW = (rDisc * 1.1) / (bars.length * 1.6);
  const barBase = c + rDisc * 0.5;
  const barSpan = rDisc * 1.05;
  for (let y = 0; y < n; y++) {
    for (let x = 0; x < n; x++) {
      const dx = x + 0.5 - c;
      const dy = y + 0.5 - c;
      const r = Math.hypot(dx, dy);
      let col = null;
      if (r <= rOuter && r >= rInner) {
        // angle clockwise from 12 o'clock
        let a = Math.atan2(dx, -dy);
        if (a < 0) a += 2 * Math.PI;
        const seg = Math.floor(a / (Math.PI / 3));
        const within = a - seg * (Math.PI / 3);
        if (within > gap / 2 && within < Math.PI / 3 - gap / 2) col = STEP_COLOURS[seg];
      } else if (r <= rDisc) {
        col = DISC;
        const left = c - (bars.length * barW * 1.6 - barW * 0.6) / 2;
        for (let i = 0; i < bars.length; i++) {
          const x0 = left + i * barW * 1.6;
          const top = barBase - bars[i] * barSpan;
          if (x >= x0 && x < x0 + barW && y >= top && y < barBase) col = BAR;
        }
      }
      if (col) {
        const o = (y * n + x) * 4;
        hi[o] = col[0];
        hi[o + 1] = col[1];
        hi[o + 2] = col[2];
        hi[o + 3] = 255;
      }
    }
  }
  const out = new Uint8Array(size * size * 4);
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      let r = 0,
        g = 0,
        b = 0,
        a = 0;
      for (let sy = 0; sy < ss; sy++) {
        for (let sx = 0; sx < ss; sx++) {
          const o = ((y * ss + sy) * n + x * ss + sx) * 4;
          const w = hi[o + 3];
          r += hi[o] * w;
          g += hi[o + 1] * w;
          b += hi[o + 2] * w;
          a += w;
        }
      }
      const o = (y * size + x) * 4;
      if (a > 0) {
        out[o] = Math.round(r / a);
        out[o + 1] = Math.round(g / a);
        out[o + 2] = Math.round(b / a);
      }
      out[o + 3] = Math.round(a / (ss * ss));
    }
  }
  return encodePng(size, size, out);
}

if (require.main === module) {
  const dir = path.join(__dirname, "..", "assets");
  fs.mkdirSync(dir, { recursive: true });
  for (const size of [16, 32, 64, 80]) {
    fs.writeFileSync(path.join(dir, `icon-${size}.png`), drawIcon(size));
    console.log(`assets/icon-${size}.png`);
  }
}

module.exports = { drawIcon };
