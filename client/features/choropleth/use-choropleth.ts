/**
 * The choropleth's state for the page: the values of the measure for the drawn level and area (the
 * last answer of the same area stays shown while a new measure or date loads, so colours never flash),
 * their classification and the fill colour of every division.
 */
import { useCallback, useMemo, useRef } from 'react';
import type { MeasureId } from '../../../server/domain/measures.ts';
import { fetchMeasureValues, type MeasureValues, type RegionFeature } from '../../api/client.ts';
import { LruCache, loadKey, type Loadable } from '../../api/load-state.ts';
import { ChunkPool, useChunks } from '../../api/use-chunks.ts';
import { useLoad, type LoadOptions } from '../../api/use-load.ts';
import type { MapLevel, ViewState } from '../../app-state/view-state.ts';
import type { MessageKey, MessageParams } from '../../i18n/messages.ts';
import { joinChunkValues } from './chunk-values.ts';
import { classifyRows, fillColors, type Classification, type Rgba } from './choropleth.ts';

export interface Choropleth {
  /** Values drawn now: the current answer, or the last one of the same area while it loads; null before any. */
  shown: MeasureValues | null;
  /** The current answer is on its way. */
  loading: boolean;
  /** The current answer failed, with the server's sentence. */
  error: string | null;
  retry: () => void;
  classification: Classification | null;
  /** Fill per division code, or null until both boundaries and values are in (the map then draws outlines). */
  colors: ReadonlyMap<string, Rgba> | null;
}

/**
 * Measure values by measure, level, area and dates: flipping between measures or dates asks the server
 * once. Room for the province view's village chunks (up to 16 counties in view) besides whole answers.
 */
const valuesCache = new LruCache<MeasureValues>(64);
/** The province view's village values, per county chunk, in the same cache. */
const valueChunks = new ChunkPool(valuesCache);

/** The arguments of `useLoad` for a measure's values (the map's and the area card's share one cache). */
export function measureValuesRequest(
  measure: MeasureId,
  q: { level: MapLevel; parent: string; asOf: string | null; compareTo: string | null },
): [string, (signal: AbortSignal) => Promise<MeasureValues>, LoadOptions<MeasureValues>] {
  return [
    loadKey('values', measure, q.level, q.parent, q.asOf, q.compareTo),
    (signal) => fetchMeasureValues(measure, q, { signal }),
    { cache: valuesCache },
  ];
}

export function useChoropleth(
  view: Pick<ViewState, 'measure' | 'area' | 'asOf' | 'compareTo' | 'method' | 'breaks' | 'lang'>,
  level: MapLevel,
  features: readonly RegionFeature[] | null,
  t: (key: MessageKey, params?: MessageParams) => string,
  /** County codes whose areas of `level` are drawn, each its own answer (the province view's villages); null: one answer. */
  chunks: readonly string[] | null = null,
): Choropleth {
  const dates = { asOf: view.asOf, compareTo: view.compareTo };
  // In chunks (the province view's villages): the area's own figures from its answer at county level
  // (small, already in from the province zoom), the villages' rows from the chunks in view.
  const whole = useLoad(...measureValuesRequest(view.measure, { level: chunks ? 'county' : level, parent: view.area, ...dates }));
  const chunkRequests = useMemo(
    () =>
      (chunks ?? []).map((county) => {
        const [key, load] = measureValuesRequest(view.measure, { level, parent: county, asOf: view.asOf, compareTo: view.compareTo });
        return [key, () => load(new AbortController().signal)] as const;
      }),
    [chunks, view.measure, level, view.asOf, view.compareTo],
  );
  const wholeData = whole.status === 'ready' ? whole.data : null;
  const joinRows = useCallback((parts: MeasureValues[]) => (wholeData ? joinChunkValues(parts, wholeData) : null), [wholeData]);
  const inChunks = useChunks(chunkRequests, valueChunks, joinRows, chunks !== null);
  const values: Loadable<MeasureValues> & { retry: () => void } = !chunks
    ? whole
    : whole.status !== 'ready'
      ? whole
      : inChunks.status === 'ready' && inChunks.data === null
        ? { status: 'loading', data: null, retry: inChunks.retry }
        : (inChunks as Loadable<MeasureValues> & { retry: () => void });

  // While a new measure or date loads, the map keeps the last colours of the same area (no flash).
  const lastValues = useRef<MeasureValues | null>(null);
  if (values.status === 'ready') lastValues.current = values.data;
  const last = lastValues.current;
  const shown = values.status === 'ready' ? values.data : last && last.parent.code === view.area && last.level === level ? last : null;

  const classification = useMemo(
    () =>
      shown
        ? classifyRows(shown.rows, {
            measure: shown.measure,
            method: view.method,
            customBreaks: view.breaks,
            compare: shown.compareTo !== null,
            lang: view.lang,
            statusLabels:
              shown.measure.statusRule === 'zero'
                ? { ahead: t('status.ahead'), on_track: t('status.zero.on_track'), lagging: t('status.zero.lagging') }
                : { ahead: t('status.ahead'), on_track: t('status.on_track'), lagging: t('status.lagging') },
          })
        : null,
    [shown, view.method, view.breaks, view.lang, t],
  );
  const colors = useMemo(
    () =>
      features && shown && classification
        ? fillColors(
            features.map((f) => f.properties.code),
            shown.rows,
            classification,
          )
        : null,
    [features, shown, classification],
  );

  return {
    shown,
    loading: values.status === 'loading',
    error: values.status === 'error' ? values.error.message : null,
    retry: values.retry,
    classification,
    colors,
  };
}
