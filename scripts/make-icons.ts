/** Draws the toolbar icons (a speech bubble on a rounded square) as PNGs into public/icons. */
import { mkdirSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { deflateSync } from 'node:zlib';

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(bytes: Buffer): number {
  let c = 0xffffffff;
  for (const b of bytes) c = (CRC_TABLE[(c ^ b) & 0xff] as number) ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
function chunk(type: string, data: Buffer): Buffer {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
}
function png(
  size: number,
  pixel: (x: number, y: number) => [number, number, number, number],
): Buffer {
  const raw = Buffer.alloc(size * (size * 4 + 1));
  for (let y = 0; y < size; y++) {
    raw[y * (size * 4 + 1)] = 0;
    for (let x = 0; x < size; x++) raw.set(pixel(x, y), y * (size * 4 + 1) + 1 + x * 4);
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0);
  ihdr.writeUInt32BE(size, 4);
  ihdr.set([8, 6, 0, 0, 0], 8);
  return Buffer.concat([
    Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(raw)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}
/** Signed distance to a rounded box centred at (cx, cy). */
function roundedBox(
  x: number,
  y: number,
  cx: number,
  cy: number,
  hw: number,
  hh: number,
  r: number,
): number {
  const qx = Math.abs(x - cx) - hw + r;
  const qy = Math.abs(y - cy) - hh + r;
  return Math.hypot(Math.max(qx, 0), Math.max(qy, 0)) + Math.min(Math.max(qx, qy), 0) - r;
}
const cover = (d: number, px: number) => Math.min(1, Math.max(0, 0.5 - d / px));

function icon(size: number): Buffer {
  const s = 1 / size;
  return png(size, (ix, iy) => {
    const x = (ix + 0.5) * s;
    const y = (iy + 0.5) * s;
    const bg = cover(roundedBox(x, y, 0.5, 0.5, 0.47, 0.47, 0.2), s);
    // bubble body plus a small tail at bottom-left
    const body = roundedBox(x, y, 0.5, 0.45, 0.3, 0.22, 0.12);
    const tail = Math.max(Math.abs(x - 0.36) + (y - 0.72) * 1.4 - 0.06, 0.6 - y);
    const bubble = cover(Math.min(body, tail), s);
    const dots = [0.38, 0.5, 0.62].reduce(
      (acc, dx) => Math.min(acc, Math.hypot(x - dx, y - 0.45) - 0.045),
      1,
    );
    const dot = cover(dots, s) * bubble;
    const t = (x + y) / 2;
    const base: [number, number, number] = [
      Math.round(16 + 40 * t),
      Math.round(163 - 60 * t),
      Math.round(127 + 90 * t),
    ];
    const mix = (a: number, b: number, k: number) => Math.round(a * (1 - k) + b * k);
    const white = bubble - dot;
    const rgb = base.map((c) => mix(c, 255, white)) as [number, number, number];
    return [rgb[0], rgb[1], rgb[2], Math.round(255 * bg)];
  });
}

const out = resolve(import.meta.dirname, '../public/icons');
mkdirSync(out, { recursive: true });
for (const size of [16, 32, 48, 128]) writeFileSync(resolve(out, `icon-${size}.png`), icon(size));
console.log(`icons written to ${out}`);
