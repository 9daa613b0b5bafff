/**
 * (a) Bare MapLibre: the offline style plus a native circle layer over a GeoJSON source of the points,
 * coloured and sized by expressions equivalent to our layer's (see bench/frame/bare-style.ts).
 * First frame: the first 'idle' after the source was added (its tiles loaded and drawn), plus one frame;
 * also the first 'render' after which the source is loaded (drawnFrame), which can come earlier.
 */
import type { ExpressionSpecification } from 'maplibre-gl';
import type { BareStyle } from '../bare-style.ts';
import { createMap, drawn, fail, fetchJson, mark, params, pointCount } from './common.ts';

declare const __BARE_STYLE__: BareStyle;

async function main() {
  const { map, loaded } = createMap();
  const url = `/data/points-${pointCount}.geojson`;
  // ?source=url: MapLibre fetches and parses the GeoJSON in its worker (no data-in-hand mark then).
  const byUrl = params.get('source') === 'url';
  const data = byUrl ? url : (await Promise.all([fetchJson<GeoJSON.FeatureCollection>(url), loaded]))[0];
  if (byUrl) {
    await loaded;
    mark('fetchStart');
    mark('dataInHand');
  }
  mark('ready');
  const style = __BARE_STYLE__;
  const maxWan = Number(params.get('maxWan'));
  const wan = ['coalesce', ['get', 'totalWan'], 0];
  const radius = [
    'case',
    ['>', wan, 0],
    ['+', style.minPx, ['*', style.maxPx - style.minPx, ['min', 1, ['sqrt', ['/', wan, maxWan]]]]],
    style.minPx,
  ];
  map.addSource('points', { type: 'geojson', data });
  map.addLayer({
    id: 'points',
    type: 'circle',
    source: 'points',
    paint: {
      'circle-color': style.color as ExpressionSpecification,
      'circle-radius': radius as ExpressionSpecification,
      'circle-stroke-color': style.outline,
      'circle-stroke-width': 1.5,
    },
  });
  mark('layerAdded');
  const onRender = () => {
    if (!map.isSourceLoaded('points')) return;
    map.off('render', onRender);
    requestAnimationFrame(() => mark('drawnFrame'));
  };
  map.on('render', onRender);
  const onIdle = () => {
    if (!map.isSourceLoaded('points')) return;
    map.off('idle', onIdle);
    drawn(typeof data === 'string' ? pointCount : data.features.length);
  };
  map.on('idle', onIdle);
}

main().catch(fail);
