/**
 * A MapLibre style that needs no network: no sources, no sprite, no glyphs — just a background.
 * Everything drawn on it comes from the API as deck.gl layers.
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
