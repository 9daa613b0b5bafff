/**
 * Pixels of a screenshot, for tests that look at what was drawn: a small PNG decoder (8-bit greyscale,
 * RGB or RGBA, non-interlaced — what Chromium writes) on node:zlib, and colour counting helpers.
 */
import zlib from 'node:zlib';

export interface Image {
  width: number;
  height: number;
  /** RGBA, 4 bytes per pixel, row by row. */
  data: Uint8Array;
}

export type Rgb = readonly [number, number, number] | readonly [number, number, number, number];

/** Decode a PNG buffer to RGBA. Throws on formats Chromium does not produce (palette, 16-bit, interlaced). */
export function decodePng(png: Uint8Array): Image {
  const buf = Buffer.from(png.buffer, png.byteOffset, png.byteLength);
  if (buf.readUInt32BE(0) !== 0x89504e47) throw new Error('not a PNG');
  let pos = 8;
  let width = 0,
    height = 0,
    bitDepth = 0,
    colorType = 0,
    interlace = 0;
  const idat: Buffer[] = [];
  while (pos < buf.length) {
    const len = buf.readUInt32BE(pos);
    const type = buf.toString('ascii', pos + 4, pos + 8);
    const body = buf.subarray(pos + 8, pos + 8 + len);
    if (type === 'IHDR') {
      width = body.readUInt32BE(0);
      height = body.readUInt32BE(4);
      bitDepth = body[8];
      colorType = body[9];
      interlace = body[12];
    } else if (type === 'IDAT') idat.push(body);
    else if (type === 'IEND') break;
    pos += 12 + len;
  }
  const channels = ({ 0: 1, 2: 3, 4: 2, 6: 4 } as Record<number, number>)[colorType];
  if (bitDepth !== 8 || !channels || interlace !== 0)
    throw new Error(`unsupported PNG: depth ${bitDepth}, colour type ${colorType}, interlace ${interlace}`);
  const raw = zlib.inflateSync(Buffer.concat(idat));
  const stride = width * channels;
  const pixels = new Uint8Array(stride * height);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)];
    const line = raw.subarray(y * (stride + 1) + 1, (y + 1) * (stride + 1));
    const out = pixels.subarray(y * stride, (y + 1) * stride);
    const prev = y > 0 ? pixels.subarray((y - 1) * stride, y * stride) : null;
    for (let i = 0; i < stride; i++) {
      const a = i >= channels ? out[i - channels] : 0;
      const b = prev ? prev[i] : 0;
      const c = prev && i >= channels ? prev[i - channels] : 0;
      let v = line[i];
      switch (filter) {
        case 0:
          break;
        case 1:
          v += a;
          break;
        case 2:
          v += b;
          break;
        case 3:
          v += (a + b) >> 1;
          break;
        case 4: {
          const p = a + b - c,
            pa = Math.abs(p - a),
            pb = Math.abs(p - b),
            pc = Math.abs(p - c);
          v += pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
          break;
        }
        default:
          throw new Error(`bad PNG filter ${filter}`);
      }
      out[i] = v & 0xff;
    }
  }
  const data = new Uint8Array(width * height * 4);
  for (let p = 0; p < width * height; p++) {
    const s = p * channels;
    const [r, g, b, al] =
      channels === 4
        ? [pixels[s], pixels[s + 1], pixels[s + 2], pixels[s + 3]]
        : channels === 3
          ? [pixels[s], pixels[s + 1], pixels[s + 2], 255]
          : channels === 2
            ? [pixels[s], pixels[s], pixels[s], pixels[s + 1]]
            : [pixels[s], pixels[s], pixels[s], 255];
    data.set([r, g, b, al], p * 4);
  }
  return { width, height, data };
}

export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** Number of pixels in `box` (default: the whole image) whose R, G and B are each within `tolerance` of `color`. */
export function countColor(img: Image, color: Rgb, tolerance = 6, box: Box = { x: 0, y: 0, width: img.width, height: img.height }): number {
  let n = 0;
  const x0 = Math.max(0, Math.floor(box.x)),
    y0 = Math.max(0, Math.floor(box.y));
  const x1 = Math.min(img.width, Math.ceil(box.x + box.width)),
    y1 = Math.min(img.height, Math.ceil(box.y + box.height));
  for (let y = y0; y < y1; y++) {
    for (let x = x0; x < x1; x++) {
      const i = (y * img.width + x) * 4;
      if (
        Math.abs(img.data[i] - color[0]) <= tolerance &&
        Math.abs(img.data[i + 1] - color[1]) <= tolerance &&
        Math.abs(img.data[i + 2] - color[2]) <= tolerance
      )
        n++;
    }
  }
  return n;
}

/** Number of pixels of `box` in the image (after clipping to it). */
export function boxArea(img: Image, box: Box): number {
  const w = Math.min(img.width, box.x + box.width) - Math.max(0, box.x);
  const h = Math.min(img.height, box.y + box.height) - Math.max(0, box.y);
  return Math.max(0, Math.round(w)) * Math.max(0, Math.round(h));
}

/** Blend `top` (its alpha 0–255 as strength) over an opaque `bottom`, as the GPU does for a highlight tint. */
export function mixColor(bottom: Rgb, top: Rgb): [number, number, number] {
  const a = (top[3] ?? 255) / 255;
  return [0, 1, 2].map((k) => Math.round(bottom[k] * (1 - a) + top[k] * a)) as [number, number, number];
}

/** Number of pixels of `color` that lie in at least one of `boxes` (each pixel counted once). */
export function countColorInBoxes(img: Image, color: Rgb, tolerance: number, boxes: readonly Box[]): number {
  const seen = new Uint8Array(img.width * img.height);
  let n = 0;
  for (const box of boxes) {
    const x0 = Math.max(0, Math.floor(box.x)),
      y0 = Math.max(0, Math.floor(box.y));
    const x1 = Math.min(img.width, Math.ceil(box.x + box.width)),
      y1 = Math.min(img.height, Math.ceil(box.y + box.height));
    for (let y = y0; y < y1; y++) {
      for (let x = x0; x < x1; x++) {
        const p = y * img.width + x;
        if (seen[p]) continue;
        seen[p] = 1;
        const i = p * 4;
        if (
          Math.abs(img.data[i] - color[0]) <= tolerance &&
          Math.abs(img.data[i + 1] - color[1]) <= tolerance &&
          Math.abs(img.data[i + 2] - color[2]) <= tolerance
        )
          n++;
      }
    }
  }
  return n;
}
