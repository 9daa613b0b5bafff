/**
 * A MapLibre style that needs no network: no sources, no sprite, no glyphs — just a background.
 * The divisions are added as GeoJSON sources (map-regions.ts); without a `glyphs` URL MapLibre draws
 * every label glyph in the browser from local fonts, so Chinese labels need no glyph server.
 */
import type { StyleSpecification } from 'maplibre-gl';

export function offlineStyle(backgroundColor = '#e9edf2'): StyleSpecification {
  return {
    version: 8,
    name: 'offline-blank',
    sources: {},
    layers: [{ id: 'background', type: 'background', paint: { 'background-color': backgroundColor } }],
  };
}
