/**
 * (c′) Binary attributes built in the browser: the GeoJSON is fetched as in (b), then one loop with the
 * project layer's functions fills the typed arrays, and the ScatterplotLayer gets binary attributes.
 * This is what client/layers/project-layers.ts alone could do, without a new endpoint.
 */
import { ScatterplotLayer } from 'deck.gl';
import type { ProjectFeature } from '../../../client/features/layers/layers-api.ts';
import { investmentScaleMax, projectOutline } from '../../../client/layers/project-layers.ts';
import { buildPointAttributes, deckBinaryData } from '../attributes.ts';
import { fail, fetchJson, mark, pointCount } from './common.ts';
import { createDeckMap } from './deck-common.ts';

async function main() {
  const { loaded, show } = createDeckMap();
  const [data] = await Promise.all([fetchJson<{ features: ProjectFeature[] }>(`/data/points-${pointCount}.geojson`), loaded]);
  mark('ready');
  const features = data.features;
  const maxWan = investmentScaleMax(features.map((f) => f.properties.totalWan));
  const attributes = buildPointAttributes(features, maxWan, 'category');
  const layer = new ScatterplotLayer({
    id: 'points',
    data: deckBinaryData(attributes) as never,
    radiusUnits: 'pixels',
    stroked: true,
    getLineColor: [...projectOutline, 255],
    getLineWidth: 1.5,
    lineWidthUnits: 'pixels',
    pickable: true,
  });
  show(layer, attributes.length);
}

main().catch(fail);
