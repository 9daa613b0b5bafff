/**
 * The reference page of the first-screen benchmark: MapLibre alone drawing the same divisions from a
 * static GeoJSON file (fill colour precomputed per feature, boundaries, the city outline and the labels
 * name + value, local CJK fonts, no glyph server), fitted like the app. It stamps the same mark as the
 * app (`fupin:choropleth-frame`) at the first `idle` with the source loaded, then one frame.
 */
import * as maplibregl from 'maplibre-gl';
import 'maplibre-gl/dist/maplibre-gl.css';
import maplibreWorkerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?url';
import { offlineStyle } from '../../client/map/offline-style.ts';
import { labelFontStack } from '../../client/map/region-style-layers.ts';

maplibregl.setWorkerUrl(maplibreWorkerUrl);
const params = new URLSearchParams(location.search);
const data = params.get('data')!;
const bounds = JSON.parse(params.get('bounds')!) as [[number, number], [number, number]];

const map = new maplibregl.Map({
  container: 'map',
  style: offlineStyle(),
  bounds,
  fitBoundsOptions: { padding: 48 },
  attributionControl: false,
});
const geojson = fetch(data).then((r) => r.json());
map.on('load', async () => {
  const fc = (await geojson) as {
    polygons: GeoJSON.FeatureCollection;
    labels: GeoJSON.FeatureCollection;
    outline: GeoJSON.FeatureCollection;
  };
  map.addSource('regions', { type: 'geojson', data: fc.polygons });
  map.addSource('outline', { type: 'geojson', data: fc.outline });
  map.addSource('labels', { type: 'geojson', data: fc.labels });
  map.addLayer({ id: 'fill', type: 'fill', source: 'regions', paint: { 'fill-color': ['get', 'color'] } });
  map.addLayer({ id: 'line', type: 'line', source: 'regions', paint: { 'line-color': '#708096', 'line-width': 2 } });
  map.addLayer({ id: 'outline', type: 'line', source: 'outline', paint: { 'line-color': '#142d5a', 'line-width': 3.5 } });
  map.addLayer({
    id: 'labels',
    type: 'symbol',
    source: 'labels',
    layout: { 'text-field': ['get', 'text'], 'text-font': labelFontStack, 'text-size': 20, 'text-max-width': 40, 'text-line-height': 1.15 },
    paint: { 'text-color': '#19202d', 'text-halo-color': 'rgba(255,255,255,0.92)', 'text-halo-width': 2.5 },
  });
  const done = () => {
    if (!map.isSourceLoaded('regions') || !map.isSourceLoaded('labels')) return;
    map.off('idle', done);
    requestAnimationFrame(() => performance.mark('fupin:choropleth-frame'));
  };
  map.on('idle', done);
});
