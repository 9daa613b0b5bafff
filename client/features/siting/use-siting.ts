/**
 * The siting tool as one hook for the page: reads and writes its state in the view (URL), loads the
 * catchment of each candidate, the suggested villages and the before → after, turns map clicks into
 * sites, and returns the overlay layers, the panel and the click handler.
 */
import type { LayersList, PickingInfo } from 'deck.gl';
import { Spin } from 'antd';
import { createElement, useCallback, useEffect, useMemo, useState, type ReactNode } from 'react';
import { toApiError, type Loadable } from '../../api/load-state.ts';
import { useLoad } from '../../api/use-load.ts';
import { rootCode } from '../../app-state/root-area.ts';
import { fetchCatchment, fetchSitingEffect, fetchSuggestions, type Catchment } from '../../api/siting-api.ts';
import type { SitingSite } from '../../../server/contracts/siting.ts';
import type { SitingRing } from '../../layers/siting-layers.ts';
import type { MapClick } from '../../map/types.ts';
import { addCandidate, candidateLetters, defaultSitingState, sitingClick, type SitingState } from './siting-state.ts';
import { sitingTranslator, type SitingLang } from './siting-i18n.ts';

export interface UseSitingArgs {
  lang: SitingLang;
  state: SitingState | null;
  onChange(next: SitingState | null): void;
  /** The area the map shows (a county narrows the suggestions by default). */
  area: string;
}

export interface Siting {
  open: boolean;
  layers: LayersList;
  panel: ReactNode;
  /** A map click, before the map's own (drill down): true when the tool took it. */
  onMapClick(hit: MapClick<PickingInfo>): boolean;
  /** The divisions' tooltip line for a click while the tool has it; undefined: the map's own. */
  clickHint: string | undefined;
}

/** The tool's layers, geometry and panel: fetched when the tool first opens (see siting-visuals.ts). */
type Visuals = typeof import('./siting-visuals.ts');
let visuals: Visuals | null = null;
let visualsLoading: Promise<Visuals> | null = null;
const loadVisuals = () => (visualsLoading ??= import('./siting-visuals.ts').then((m) => (visuals = m)));

/** The visuals module once loaded; loads it on the first render with the tool open. */
function useVisuals(open: boolean): Visuals | null {
  const [loaded, setLoaded] = useState<Visuals | null>(visuals);
  useEffect(() => {
    if (open && !loaded) void loadVisuals().then(setLoaded);
  }, [open, loaded]);
  return loaded;
}

const siteKey = (s: SitingSite, r: number) => `${JSON.stringify(s)}@${r}`;

/** The catchments of up to three candidates, cached by site and radius. */
function useCatchments(sites: SitingSite[], radiusKm: number): Loadable<Catchment>[] {
  const [cache, setCache] = useState<Record<string, Loadable<Catchment>>>({});
  const keys = sites.map((s) => siteKey(s, radiusKm));
  useEffect(() => {
    sites.forEach((site, i) => {
      const k = keys[i];
      if (cache[k]) return;
      setCache((c) => ({ ...c, [k]: { status: 'loading', data: null } }));
      fetchCatchment({ site, radiusKm }).then(
        (data) => setCache((c) => ({ ...c, [k]: { status: 'ready', data } })),
        (err: unknown) => setCache((c) => ({ ...c, [k]: { status: 'error', data: null, error: toApiError(err) } })),
      );
    });
  }, [keys.join('\n')]); // eslint-disable-line react-hooks/exhaustive-deps
  return keys.map((k) => cache[k] ?? { status: 'loading', data: null });
}

export function useSiting({ lang, state, onChange, area }: UseSitingArgs): Siting {
  const s = state;
  const v = useVisuals(!!s);
  const [draft, setDraft] = useState<[number, number][]>([]);
  const catchments = useCatchments(s?.candidates ?? [], s?.radiusKm ?? 5);
  const sugKey = s?.suggestArea ? `${s.suggestArea}/${s.radiusKm}/${s.top}/${JSON.stringify(s.weights)}` : null;
  const suggestions = useLoad(sugKey, (signal) =>
    fetchSuggestions({ area: s!.suggestArea!, radiusKm: s!.radiusKm, top: s!.top, weights: s!.weights }, { signal }),
  );
  const active = s ? catchments[s.active] : undefined;
  const county = active?.status === 'ready' ? active.data.site.countyCode : null;
  const effKey = s && county ? `${county}/${s.households}/${s.investmentWan}` : null;
  const effect = useLoad(effKey, (signal) =>
    fetchSitingEffect({ county: county!, households: s!.households, investmentWan: s!.investmentWan }, { signal }),
  );

  const update = useCallback((patch: Partial<SitingState>) => s && onChange({ ...s, ...patch }), [s, onChange]);
  const pickSite = useCallback((site: SitingSite) => s && onChange(addCandidate(s, site)), [s, onChange]);

  const onMapClick = useCallback(
    (hit: MapClick<PickingInfo>): boolean => {
      if (!s) return false;
      const suggestion =
        hit.deck?.layer?.id === 'siting-suggestions' && hit.deck.object ? (hit.deck.object as { code: string }).code : null;
      const click = sitingClick(s.mode, { suggestion, code: hit.code, lngLat: hit.lngLat });
      if (click.kind === 'site') pickSite(click.site);
      else if (click.kind === 'corner') setDraft((d) => [...d, click.point]);
      return click.kind !== 'pass';
    },
    [s, pickSite],
  );
  const t = sitingTranslator(lang);
  // The divisions' tooltip says what a click does while the tool has the click.
  const clickHint = !s ? undefined : s.mode === 'village' ? undefined : t(s.mode === 'point' ? 'hint.point' : 'hint.polygon');

  const finishRange = useCallback(() => {
    if (draft.length >= 3) pickSite({ kind: 'polygon', ring: draft });
    setDraft([]);
  }, [draft, pickSite]);

  const layers = useMemo<LayersList>(() => {
    if (!s || !v) return [];
    const rings: SitingRing[] = [];
    s.candidates.forEach((site, i) => {
      const c = catchments[i];
      const centre = c?.status === 'ready' ? c.data.site.centre : null;
      // The ring at once (turf); the server's outline replaces it when the answer is in.
      const geometry =
        c?.status === 'ready' ? (c.data.catchment.geometry as SitingRing['geometry']) : v.catchmentPreview(site, s.radiusKm, centre);
      if (geometry)
        rings.push({ letter: candidateLetters[i], index: i, geometry, anchor: centre ?? v.siteAnchor(site), active: i === s.active });
    });
    const top =
      suggestions.status === 'ready'
        ? suggestions.data.items.map((v) => ({ rank: v.rank, code: v.code, name: v.name, location: v.location as [number, number] }))
        : [];
    return v.createSitingLayers({ rings, draft, suggestions: top });
  }, [s, v, catchments, suggestions, draft]);

  const panel = !s
    ? null
    : !v
      ? createElement(
          'div',
          { className: 'siting-panel', 'aria-busy': true, style: { padding: 24, textAlign: 'center' } },
          createElement(Spin),
        )
      : createElement(v.SitingPanel, {
          lang,
          state: s,
          catchments,
          suggestions,
          effect,
          draftCorners: draft.length,
          defaultArea: area !== rootCode() && /^\d{6}$/.test(area.slice(0, 6)) ? area.slice(0, 6) : rootCode(),
          onUpdate: update,
          onPickSite: pickSite,
          onFinishRange: finishRange,
          onClearRange: () => setDraft([]),
          onChange,
        });

  return { open: !!s, layers, panel, onMapClick, clickHint };
}

export const openSiting = (): SitingState => ({ ...defaultSitingState });
