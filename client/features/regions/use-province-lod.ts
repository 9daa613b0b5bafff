/** The province view's level of detail, following the map's viewport (re-renders only when it changes). */
import { useEffect, useMemo, useState } from 'react';
import type { RegionFeature } from '../../api/client.ts';
import type { ViewportStore } from '../../map/viewport-store.ts';
import { provinceLod, sameLod, type ChunkExtent, type Lod } from './level-of-detail.ts';
import { regionBounds } from './region-geometry.ts';

const countyLevel: Lod = { level: 'county', chunks: [] };

export function useProvinceLod(enabled: boolean, store: ViewportStore, counties: readonly RegionFeature[] | null): Lod {
  const extents = useMemo<ChunkExtent[]>(
    () =>
      (counties ?? []).flatMap((f) => {
        const bounds = regionBounds([f]);
        return bounds ? [{ code: f.properties.code, bounds }] : [];
      }),
    [counties],
  );
  const [lod, setLod] = useState<Lod>(countyLevel);
  // Turned off: back to the county level, so that turning on again starts there.
  if (!enabled && lod !== countyLevel) setLod(countyLevel);
  useEffect(() => {
    if (!enabled) return;
    const update = () => {
      const v = store.get();
      if (!v) return;
      const next = provinceLod(v, extents);
      setLod((prev) => (sameLod(prev, next) ? prev : next));
    };
    update();
    return store.subscribe(update);
  }, [enabled, store, extents]);
  return enabled ? lod : countyLevel;
}
