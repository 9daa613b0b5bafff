/**
 * (c) Ours with binary attributes: the same ScatterplotLayer fed typed arrays (positions, colours,
 * radii) fetched as one buffer — what a binary endpoint would send — instead of GeoJSON.
 */
import { ScatterplotLayer } from 'deck.gl';
import { projectOutline } from '../../../client/layers/project-layers.ts';
import { decodePointAttributes, deckBinaryData } from '../attributes.ts';
import { fail, fetchBuffer, mark, pointCount } from './common.ts';
import { createDeckMap } from './deck-common.ts';

async function main() {
  const { loaded, show } = createDeckMap();
  const [attributes] = await Promise.all([
    fetchBuffer(`/data/points-${pointCount}.bin`).then((buffer) => {
      const a = decodePointAttributes(buffer);
      mark('dataInHand');
      return a;
    }),
    loaded,
  ]);
  mark('ready');
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
