// The screenshot decoder of the end-to-end tests, checked against a PNG made here by hand.
import zlib from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { countColor, decodePng } from '../e2e/pixels.ts';

function crc32(buf: Buffer): number {
  let c = ~0;
  for (const byte of buf) {
    c ^= byte;
    for (let k = 0; k < 8; k++) c = c & 1 ? (c >>> 1) ^ 0xedb88320 : c >>> 1;
  }
  return ~c >>> 0;
}
function chunk(type: string, body: Buffer): Buffer {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(body.length);
  const tb = Buffer.concat([Buffer.from(type, 'ascii'), body]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(tb));
  return Buffer.concat([len, tb, crc]);
}
/** A 3×2 RGB PNG, one filter type per row. */
function makePng(filters: number[], rows: number[][]): Buffer {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(3, 0);
  ihdr.writeUInt32BE(rows.length, 4);
  ihdr[8] = 8;
  ihdr[9] = 2;
  const raw = Buffer.concat(rows.map((r, i) => Buffer.from([filters[i], ...r])));
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', zlib.deflateSync(raw)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

describe('decodePng', () => {
  it('decodes unfiltered and Sub/Up-filtered rows to RGBA', () => {
    // Row 0 unfiltered: red, green, blue. Row 1 "Up" (filter 2) with zero deltas: the same pixels.
    const img = decodePng(
      makePng(
        [0, 2],
        [
          [255, 0, 0, 0, 255, 0, 0, 0, 255],
          [0, 0, 0, 0, 0, 0, 0, 0, 0],
        ],
      ),
    );
    expect([img.width, img.height]).toEqual([3, 2]);
    expect(Array.from(img.data.subarray(0, 12))).toEqual([255, 0, 0, 255, 0, 255, 0, 255, 0, 0, 255, 255]);
    expect(Array.from(img.data.subarray(12, 24))).toEqual([255, 0, 0, 255, 0, 255, 0, 255, 0, 0, 255, 255]);
    expect(countColor(img, [255, 0, 0])).toBe(2);
  });
  it('applies Sub, Average and Paeth filters', () => {
    // Sub: each byte adds the pixel to its left. 10,20,30 then +1 → 11,21,31 then +1 → 12,22,32.
    const img = decodePng(
      makePng(
        [1, 3],
        [
          [10, 20, 30, 1, 1, 1, 1, 1, 1],
          [0, 0, 0, 0, 0, 0, 0, 0, 0],
        ],
      ),
    );
    expect(Array.from(img.data.subarray(0, 12))).toEqual([10, 20, 30, 255, 11, 21, 31, 255, 12, 22, 32, 255]);
    // Average, zero deltas: x = floor((left + up) / 2): 5,10,15 ; (5+11)/2=8,(10+21)/2=15,(15+31)/2=23 ; (8+12)/2=10, …
    expect(Array.from(img.data.subarray(12, 24))).toEqual([5, 10, 15, 255, 8, 15, 23, 255, 10, 18, 27, 255]);
    const paeth = decodePng(
      makePng(
        [0, 4],
        [
          [10, 20, 30, 40, 50, 60, 70, 80, 90],
          [0, 0, 0, 0, 0, 0, 0, 0, 0],
        ],
      ),
    );
    // Paeth with zero deltas copies the row above in this case (up is the best predictor).
    expect(Array.from(paeth.data.subarray(12, 24))).toEqual([10, 20, 30, 255, 40, 50, 60, 255, 70, 80, 90, 255]);
  });
  it('rejects what is not a PNG', () => {
    expect(() => decodePng(Buffer.from('GIF89a........'))).toThrow(/not a PNG/);
  });
});
