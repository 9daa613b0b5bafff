/**
 * (b) Ours with GeoJSON: a ScatterplotLayer over the features with accessor functions, coloured and
 * sized by the project layer's own functions, the largest investment scanned as ProjectsLayer does.
 */
import { ScatterplotLayer, type Color } from 'deck.gl';
import type { ProjectFeature } from '../../../client/features/layers/layers-api.ts';
import { investmentRadiusPx, investmentScaleMax, projectColor, projectOutline } from '../../../client/layers/project-layers.ts';
import { fail, fetchJson, mark, pointCount } from './common.ts';
import { createDeckMap } from './deck-common.ts';

async function main() {
  const { loaded, show } = createDeckMap();
  const [data] = await Promise.all([fetchJson<{ features: ProjectFeature[] }>(`/data/points-${pointCount}.geojson`), loaded]);
  mark('ready');
  const features = data.features;
  const maxWan = investmentScaleMax(features.map((f) => f.properties.totalWan));
  const layer = new ScatterplotLayer<ProjectFeature>({
    id: 'points',
    data: features,
    getPosition: (f) => (f.geometry as GeoJSON.Point).coordinates as [number, number],
    getFillColor: (f): Color => [...projectColor(f.properties, 'category'), 255],
    getRadius: (f) => investmentRadiusPx(f.properties.totalWan, maxWan),
    radiusUnits: 'pixels',
    stroked: true,
    getLineColor: [...projectOutline, 255],
    getLineWidth: 1.5,
    lineWidthUnits: 'pixels',
    pickable: true,
  });
  show(layer, features.length);
}

main().catch(fail);
