// Writes the panel's PNG icons (192, 512, and a maskable 512) with nothing but zlib: a bell-like
// mark on the theme colour. Run once: `node pwa/scripts/make-icons.mjs`; the PNGs are committed.
import { writeFileSync } from "node:fs";
import { deflateSync } from "node:zlib";

const THEME = [0x0d, 0x1b, 0x2a];
const MARK = [0xff, 0x9f, 0x00];
const WHITE = [0xff, 0xff, 0xff];

const crcTable = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(bytes) {
  let c = 0xffffffff;
  for (const b of bytes) c = crcTable[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
function chunk(type, data) {
  const out = Buffer.alloc(12 + data.length);
  out.writeUInt32BE(data.length, 0);
  out.write(type, 4, "ascii");
  data.copy(out, 8);
  out.writeUInt32BE(crc32(out.subarray(4, 8 + data.length)), 8 + data.length);
  return out;
}

// Pixel colour at (x, y) of a size×size icon; `inset` shrinks the mark into the maskable safe zone.
function pixel(x, y, size, inset) {
  const u = (x + 0.5) / size - 0.5;
  const v = (y + 0.5) / size - 0.5;
  const s = inset ? 0.62 : 0.8;
  const r = Math.hypot(u, v + 0.04 * s) / s;
  if (!inset && Math.max(Math.abs(u), Math.abs(v)) > 0.5 - 0.0001) return THEME;
  if (r < 0.3 && v < 0.12 * s) return MARK; // the bell's dome
  if (Math.abs(u) < 0.36 * s && v >= 0.08 * s && v < 0.16 * s) return MARK; // its rim
  if (Math.hypot(u, v - 0.23 * s) < 0.06 * s) return WHITE; // the clapper
  return THEME;
}

function png(size, inset) {
  const raw = Buffer.alloc(size * (size * 3 + 1));
  for (let y = 0; y < size; y++) {
    raw[y * (size * 3 + 1)] = 0;
    for (let x = 0; x < size; x++) raw.set(pixel(x, y, size, inset), y * (size * 3 + 1) + 1 + x * 3);
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header.set([8, 2, 0, 0, 0], 8);
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  return Buffer.concat([
    signature,
    chunk("IHDR", header),
    chunk("IDAT", deflateSync(raw)),
    chunk("IEND", Buffer.alloc(0)),
  ]);
}

const dir = new URL("../public/", import.meta.url);
writeFileSync(new URL("icon-192.png", dir), png(192, false));
writeFileSync(new URL("icon-512.png", dir), png(512, false));
writeFileSync(new URL("icon-maskable-512.png", dir), png(512, true));
