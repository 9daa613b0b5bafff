/**
 * Pixels of a screenshot: a small PNG decoder on node:zlib (8-bit greyscale / RGB / RGBA,
 * non-interlaced — what Chromium writes) and colour counting, so a page that draws nothing fails.
 */
import zlib from 'node:zlib';

export interface Image {
  width: number;
  height: number;
  /** RGB, 3 bytes per pixel. */
  rgb: Uint8Array;
}

export function decodePng(png: Uint8Array): Image {
  const buf = Buffer.from(png.buffer, png.byteOffset, png.byteLength);
  if (buf.readUInt32BE(0) !== 0x89504e47) throw new Error('not a PNG');
  let pos = 8;
  let width = 0, height = 0, depth = 0, colorType = 0, interlace = 0;
  const idat: Buffer[] = [];
  while (pos < buf.length) {
    const len = buf.readUInt32BE(pos);
    const type = buf.toString('ascii', pos + 4, pos + 8);
    const body = buf.subarray(pos + 8, pos + 8 + len);
    if (type === 'IHDR') {
      width = body.readUInt32BE(0);
      height = body.readUInt32BE(4);
      depth = body[8];
      colorType = body[9];
      interlace = body[12];
    } else if (type === 'IDAT') idat.push(body);
    else if (type === 'IEND') break;
    pos += 12 + len;
  }
  const channels = ({ 0: 1, 2: 3, 4: 2, 6: 4 } as Record<number, number>)[colorType];
  if (depth !== 8 || !channels || interlace !== 0) throw new Error(`unsupported PNG (depth ${depth}, colour type ${colorType}, interlace ${interlace})`);
  const raw = zlib.inflateSync(Buffer.concat(idat));
  const stride = width * channels;
  const px = new Uint8Array(stride * height);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)];
    const line = raw.subarray(y * (stride + 1) + 1, (y + 1) * (stride + 1));
    const row = y * stride;
    for (let i = 0; i < stride; i++) {
      const a = i >= channels ? px[row + i - channels] : 0;
      const b = y > 0 ? px[row - stride + i] : 0;
      const c = y > 0 && i >= channels ? px[row - stride + i - channels] : 0;
      let v = line[i];
      if (filter === 1) v += a;
      else if (filter === 2) v += b;
      else if (filter === 3) v += (a + b) >> 1;
      else if (filter === 4) {
        const p = a + b - c, pa = Math.abs(p - a), pb = Math.abs(p - b), pc = Math.abs(p - c);
        v += pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
      } else if (filter !== 0) throw new Error(`bad PNG filter ${filter}`);
      px[row + i] = v & 0xff;
    }
  }
  const rgb = new Uint8Array(width * height * 3);
  for (let p = 0; p < width * height; p++) {
    const s = p * channels;
    if (channels >= 3) rgb.set([px[s], px[s + 1], px[s + 2]], p * 3);
    else rgb.fill(px[s], p * 3, p * 3 + 3);
  }
  return { width, height, rgb };
}

/** Pixels within `tolerance` (per channel) of each colour. */
export function countColors(img: Image, colors: Record<string, readonly [number, number, number]>, tolerance = 10): Record<string, number> {
  const out: Record<string, number> = Object.fromEntries(Object.keys(colors).map((k) => [k, 0]));
  const entries = Object.entries(colors);
  const d = img.rgb;
  for (let i = 0; i < d.length; i += 3) {
    for (const [name, c] of entries) {
      if (Math.abs(d[i] - c[0]) <= tolerance && Math.abs(d[i + 1] - c[1]) <= tolerance && Math.abs(d[i + 2] - c[2]) <= tolerance) out[name]++;
    }
  }
  return out;
}

/** Share of pixels that differ from the background by more than `tolerance` in some channel. */
export function coverage(img: Image, background: readonly [number, number, number], tolerance = 12): number {
  const d = img.rgb;
  let n = 0;
  for (let i = 0; i < d.length; i += 3) {
    if (Math.abs(d[i] - background[0]) > tolerance || Math.abs(d[i + 1] - background[1]) > tolerance || Math.abs(d[i + 2] - background[2]) > tolerance) n++;
  }
  return n / (d.length / 3);
}
