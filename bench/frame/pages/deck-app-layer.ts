/**
 * (d) The app's own point layer: createProjectFeatureLayer (a GeoJsonLayer of circles with the
 * outline, selection and radius accessors) over the features — what the map draws when zoomed in
 * past the clustering zoom.
 */
import type { ProjectFeature } from '../../../client/features/layers/layers-api.ts';
import { createProjectFeatureLayer, investmentScaleMax } from '../../../client/layers/project-layers.ts';
import { fail, fetchJson, mark, pointCount } from './common.ts';
import { createDeckMap } from './deck-common.ts';

async function main() {
  const { loaded, show } = createDeckMap();
  const [data] = await Promise.all([fetchJson<{ features: ProjectFeature[] }>(`/data/points-${pointCount}.geojson`), loaded]);
  mark('ready');
  const features = data.features;
  const maxWan = investmentScaleMax(features.map((f) => f.properties.totalWan));
  show(createProjectFeatureLayer(features, { colorMode: 'category', selectedCode: null, maxWan }), features.length);
}

main().catch(fail);
