/**
 * deck.gl binary attributes of project points, built with the project layer's own colour and radius
 * functions (client/layers/project-layers.ts), and a small container to ship them as one file:
 * "FPB1", uint32 header length, JSON header, then 8-byte-aligned typed arrays.
 * Used both by the node runner (to write the file) and in the browser (to build or read them).
 */
import type { ProjectFeature } from '../../client/features/layers/layers-api.ts';
import { investmentRadiusPx, projectColor, type ProjectColorMode } from '../../client/layers/project-layers.ts';

export interface PointAttributes {
  length: number;
  /** [lng, lat] per point. Float32 is enough on screen (≈ 1 m at these longitudes). */
  positions: Float32Array;
  /** RGBA 0–255 per point. */
  colors: Uint8Array;
  /** Radius, CSS px, per point. */
  radii: Float32Array;
}

/** The typed arrays of the points, coloured and sized exactly as the project layer's accessors would. */
export function buildPointAttributes(
  features: readonly ProjectFeature[],
  maxWan: number,
  colorMode: ProjectColorMode = 'category',
): PointAttributes {
  const length = features.length;
  const positions = new Float32Array(length * 2);
  const colors = new Uint8Array(length * 4);
  const radii = new Float32Array(length);
  for (let i = 0; i < length; i++) {
    const f = features[i];
    const c = (f.geometry as GeoJSON.Point).coordinates;
    positions[2 * i] = c[0];
    positions[2 * i + 1] = c[1];
    const rgb = projectColor(f.properties, colorMode);
    colors[4 * i] = rgb[0];
    colors[4 * i + 1] = rgb[1];
    colors[4 * i + 2] = rgb[2];
    colors[4 * i + 3] = 255;
    radii[i] = investmentRadiusPx(f.properties.totalWan, maxWan);
  }
  return { length, positions, colors, radii };
}

/** deck.gl's `data` for binary attributes (accessor names as keys). */
export function deckBinaryData(a: PointAttributes) {
  return {
    length: a.length,
    attributes: {
      getPosition: { value: a.positions, size: 2 },
      getFillColor: { value: a.colors, size: 4 },
      getRadius: { value: a.radii, size: 1 },
    },
  };
}

const MAGIC = 0x31425046; // "FPB1" little-endian
const align8 = (n: number) => (n + 7) & ~7;

interface Header {
  length: number;
  maxWan: number;
  arrays: { name: 'positions' | 'colors' | 'radii'; offset: number; byteLength: number }[];
}

/** One buffer holding the attributes (what a binary endpoint would send). */
export function encodePointAttributes(a: PointAttributes, maxWan: number): Uint8Array {
  const parts = [
    { name: 'positions' as const, bytes: new Uint8Array(a.positions.buffer, a.positions.byteOffset, a.positions.byteLength) },
    { name: 'colors' as const, bytes: new Uint8Array(a.colors.buffer, a.colors.byteOffset, a.colors.byteLength) },
    { name: 'radii' as const, bytes: new Uint8Array(a.radii.buffer, a.radii.byteOffset, a.radii.byteLength) },
  ];
  // The header's size depends on the offsets, which depend on the header's size: fix the header at a
  // generous size by padding the JSON with spaces.
  const headerSpace = 512;
  let offset = align8(8 + headerSpace);
  const arrays = parts.map((p) => {
    const entry = { name: p.name, offset, byteLength: p.bytes.byteLength };
    offset = align8(offset + p.bytes.byteLength);
    return entry;
  });
  const header: Header = { length: a.length, maxWan, arrays };
  const json = new TextEncoder().encode(JSON.stringify(header).padEnd(headerSpace, ' '));
  if (json.byteLength !== headerSpace) throw new Error('binary header too long');
  const out = new Uint8Array(offset);
  const view = new DataView(out.buffer);
  view.setUint32(0, MAGIC, true);
  view.setUint32(4, headerSpace, true);
  out.set(json, 8);
  for (let i = 0; i < parts.length; i++) out.set(parts[i].bytes, arrays[i].offset);
  return out;
}

/** Views onto a buffer written by encodePointAttributes (no copy). */
export function decodePointAttributes(buffer: ArrayBuffer): PointAttributes & { maxWan: number } {
  const view = new DataView(buffer);
  if (view.getUint32(0, true) !== MAGIC) throw new Error('not a point-attribute buffer');
  const header = JSON.parse(new TextDecoder().decode(new Uint8Array(buffer, 8, view.getUint32(4, true)))) as Header;
  const at = (name: Header['arrays'][number]['name']) => header.arrays.find((x) => x.name === name)!;
  const pos = at('positions');
  const col = at('colors');
  const rad = at('radii');
  return {
    length: header.length,
    maxWan: header.maxWan,
    positions: new Float32Array(buffer, pos.offset, pos.byteLength / 4),
    colors: new Uint8Array(buffer, col.offset, col.byteLength),
    radii: new Float32Array(buffer, rad.offset, rad.byteLength / 4),
  };
}
