/**
 * The page layout: header, left panel (measure, legend, ranking), map with time bar, right panel (area card). State lives in the URL (view state).
 * The account provider around it knows who is logged in; with anonymous read off, nobody logged in sees the login screen instead of the map.
 */
import { Button, ConfigProvider, Layout, Result, Spin } from 'antd';
import enUS from 'antd/locale/en_US';
import zhCN from 'antd/locale/zh_CN';
import { lazy, Suspense, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { fetchDates, type DatesInfo } from './api/client.ts';
import { LruCache } from './api/load-state.ts';
import { fetchMeta, type AppMeta } from './api/meta-api.ts';
import { useLoad } from './api/use-load.ts';
import { rootCode, rootName, setRootArea } from './app-state/root-area.ts';
import { EmptyDatabase } from './features/imports/EmptyDatabase.tsx';
import { useViewState, type UpdateViewState } from './app-state/use-view-state.ts';
import { parseViewState, type Camera, type ClassMethod, type Language, type ViewState } from './app-state/view-state.ts';
import { AccountProvider } from './features/account/AccountProvider.tsx';
import { AccountGate } from './features/account/AccountGate.tsx';
import { AreaCard } from './features/area-card/AreaCard.tsx';
import { AreaBreadcrumb } from './features/choropleth/Breadcrumb.tsx';
import { ChoroplethMap } from './features/choropleth/ChoroplethMap.tsx';
import { Legend } from './features/choropleth/Legend.tsx';
import { breadcrumbPath, childLevelOf } from './features/choropleth/choropleth.ts';
import { useChoropleth } from './features/choropleth/use-choropleth.ts';
import { MeasurePanel } from './features/choropleth/MeasurePanel.tsx';
import { MeetingOverlay } from './features/meeting/MeetingOverlay.tsx';
import { FollowupBadges } from './features/followups/FollowupBadges.tsx';
import { LedgerButton } from './features/ledger/LedgerButton.tsx';
import { createViewportStore } from './map/viewport-store.ts';
import { Ranking } from './features/ranking/Ranking.tsx';
import { useOperationalLayers } from './features/layers/use-operational-layers.ts';
import { SitingLauncher } from './features/siting/SitingLauncher.tsx';
import { useSiting, type Siting } from './features/siting/use-siting.ts';
import type { SitingState } from './features/siting/siting-state.ts';
import type { LayersState } from './features/layers/layers-state.ts';
import { MapStatus } from './features/regions/MapStatus.tsx';
import { findRegion, regionBounds } from './features/regions/region-geometry.ts';
import { loadedRegionNames, regionsRequest, useRegionChunks } from './features/regions/regions-load.ts';
import { useProvinceLod } from './features/regions/use-province-lod.ts';
import { TimeBar } from './features/timeline/TimeBar.tsx';
import { translate } from './i18n/messages.ts';
import { I18nProvider } from './i18n/use-i18n.tsx';
import type { MapViewHandle } from './map/MapView.tsx';
import type { ScreenPadding } from './map/types.ts';
import { AppHeader } from './ui/AppHeader.tsx';
import { appTheme } from './ui/theme.ts';
import type { MeasureId } from '../server/domain/measures.ts';

type SitingClickHit = Parameters<Siting['onMapClick']>[0];

const antdLocales = { zh: zhCN, en: enUS } as const;

// The household ledger (a table and dialogs) loads when a county editor first opens a village.
const HouseholdLedgerButton = lazy(() =>
  import('./features/households/HouseholdLedger.tsx').then((m) => ({ default: m.HouseholdLedgerButton })),
);

// The ledger (台账: tables, project page, editing, sign-off) loads when first opened.
const LedgerDock = lazy(() => import('./features/ledger/LedgerDock.tsx'));

/** Side panels: roomy on a 1920-px projector, narrower on a 1366-px laptop so the map keeps its width. */
const siderWidth = typeof window !== 'undefined' && window.innerWidth >= 1600 ? 360 : 300;

/** GET /api/meta once; the root area it names becomes the default area before the view state is read. */
function loadMeta(signal: AbortSignal): Promise<AppMeta> {
  return fetchMeta({ signal }).then((meta) => {
    setRootArea(meta.root);
    return meta;
  });
}

/** The answers read once per page: meta and the dates of the data. */
const metaCache = new LruCache<AppMeta>(1);
const datesCache = new LruCache<DatesInfo>(1);

export function App() {
  const meta = useLoad('meta', loadMeta, { cache: metaCache });
  if (meta.status !== 'ready') {
    const lang = new URLSearchParams(window.location.search).get('lang') === 'en' ? 'en' : 'zh';
    return (
      <ConfigProvider locale={antdLocales[lang]} theme={appTheme}>
        <div className="app-boot" aria-busy={meta.status !== 'error'} data-testid="app-boot">
          {meta.status !== 'error' ? (
            <Spin size="large" />
          ) : (
            <Result
              status="warning"
              title={translate(lang, 'boot.failed')}
              subTitle={meta.error.message}
              extra={<Button onClick={meta.retry}>{translate(lang, 'boot.retry')}</Button>}
            />
          )}
        </div>
      </ConfigProvider>
    );
  }
  return <AppWithView meta={meta.data} />;
}

function AppWithView({ meta }: { meta: AppMeta }) {
  const [view, updateView] = useViewState();
  useEffect(() => {
    document.documentElement.lang = translate(view.lang, 'app.lang');
    const city = rootName(view.lang);
    document.title = city ? `${translate(view.lang, 'app.title')} · ${city}` : translate(view.lang, 'app.title');
  }, [view.lang]);
  const setLanguage = useCallback((lang: Language) => updateView({ lang }, { history: 'push' }), [updateView]);
  return (
    <ConfigProvider locale={antdLocales[view.lang]} theme={appTheme}>
      <I18nProvider lang={view.lang}>
        <AccountProvider>
          <AccountGate header={<AppHeader demo={meta.demo} onLanguageChange={setLanguage} />}>
            {meta.root ? (
              <MapScreen view={view} updateView={updateView} demo={meta.demo} />
            ) : (
              <Layout className="app-layout">
                <AppHeader demo={meta.demo} onLanguageChange={setLanguage} />
                <EmptyDatabase />
              </Layout>
            )}
          </AccountGate>
        </AccountProvider>
      </I18nProvider>
    </ConfigProvider>
  );
}

function MapScreen({ view, updateView, demo }: { view: ViewState; updateView: UpdateViewState; demo: boolean }) {
  // The city's divisions of one level (`level=village`: all 4,834 villages); below the city, the children of the area.
  // A city shows any level below it; a county its townships or (level=village) all its villages, one chunk.
  const baseLevel =
    (view.area.length === 4 && view.level !== 'county') || (view.area.length === 6 && view.level === 'village')
      ? view.level
      : (childLevelOf(view.area) ?? view.level);
  // The province view (area '41', `npm run demo:province`): counties at province zoom, then townships and
  // villages of the counties in view, fetched per county (level of detail, features/regions/level-of-detail.ts).
  const provinceView = view.area.length === 2;
  const baseRegions = useLoad(...regionsRequest(baseLevel, view.area));
  // The county list names the breadcrumb's middle step when a link opens deep down (cached: one fetch).
  const countyList = useLoad(...regionsRequest('county', rootCode()));
  const mapRef = useRef<MapViewHandle>(null);
  const [viewportStore] = useState(createViewportStore);
  const lod = useProvinceLod(
    provinceView,
    viewportStore,
    provinceView && baseRegions.status === 'ready' ? baseRegions.data.features : null,
  );
  const chunked = provinceView && lod.level !== 'county';
  const chunks = useRegionChunks(lod.level === 'village' ? 'village' : 'township', lod.chunks, chunked);
  const level = provinceView ? lod.level : baseLevel;
  const regions = chunked ? chunks : baseRegions;
  const features = regions.status === 'ready' ? regions.data.features : null;
  // The values of the province's villages come per county chunk like their boundaries (52,378 villages in one
  // answer would be 1.6 MB gzip); the townships' (2,586) stay one small answer.
  const valueChunks = provinceView && lod.level === 'village' ? lod.chunks : null;
  const [hoveredCode, setHoveredCode] = useState<string | null>(null);
  const [ledgerOpen, setLedgerOpen] = useState(false);
  const t = useCallback(
    (k: Parameters<typeof translate>[1], p?: Parameters<typeof translate>[2]) => translate(view.lang, k, p),
    [view.lang],
  );

  const dates = useLoad('dates', (signal) => fetchDates({ signal }), { cache: datesCache });
  const {
    shown,
    loading: valuesLoading,
    error: valuesError,
    retry: retryValues,
    classification,
    colors,
  } = useChoropleth(view, level, features, t, valueChunks);

  // While presenting: the screen space the title bar, legend and briefing cover; the map fits each slide's
  // area into the rest (null when not presenting).
  const [presentFrame, setPresentFrame] = useState<ScreenPadding | null>(null);
  // Drill-down moves the camera to the new area once its boundaries are in.
  const fittedArea = useRef(view.area);
  useEffect(() => {
    if (!features || fittedArea.current === view.area) return;
    fittedArea.current = view.area;
    const bounds = regionBounds(features);
    if (bounds) mapRef.current?.fitBounds(bounds, { userIntent: true, padding: presentFrame ?? undefined });
  }, [features, view.area, presentFrame]);

  useEffect(() => {
    const bounds = presentFrame && features ? regionBounds(features) : null;
    if (bounds) mapRef.current?.fitBounds(bounds, { userIntent: true, padding: presentFrame! });
  }, [presentFrame, features]);

  const setLanguage = useCallback((lang: Language) => updateView({ lang }, { history: 'push' }), [updateView]);
  const select = useCallback((code: string | null) => updateView({ selected: code }, { history: 'push' }), [updateView]);
  const setCamera = useCallback((camera: Camera) => updateView({ camera }), [updateView]);
  const goTo = useCallback(
    (area: string) => {
      const next = childLevelOf(area);
      if (next) updateView({ area, level: next, selected: null }, { history: 'push' });
    },
    [updateView],
  );
  const onAreaClick = useCallback((code: string) => (childLevelOf(code) ? goTo(code) : select(code)), [goTo, select]);
  const selectAndFly = useCallback(
    (code: string) => {
      select(code);
      const f = features ? findRegion(features, code) : undefined;
      const bounds = f ? regionBounds([f]) : null;
      if (bounds) mapRef.current?.fitBounds(bounds, { userIntent: true });
    },
    [select, features],
  );
  const setMeasure = useCallback((measure: MeasureId) => updateView({ measure }, { history: 'push' }), [updateView]);
  const setMethod = useCallback(
    (method: ClassMethod, breaks?: number[]) => updateView(breaks ? { method, breaks } : { method }, { history: 'push' }),
    [updateView],
  );
  const setAsOf = useCallback(
    (asOf: string) => updateView((s) => ({ asOf, compareTo: s.compareTo !== null && s.compareTo >= asOf ? null : s.compareTo })),
    [updateView],
  );
  const setCompare = useCallback((compareTo: string | null) => updateView({ compareTo }, { history: 'push' }), [updateView]);

  // A saved view (slide) replaces the whole view state; the camera then glides to its area.
  const applyView = useCallback((search: string) => updateView(parseViewState(search), { history: 'push' }), [updateView]);

  const householdActions = useCallback(
    (a: { code: string; name: string }) => (
      <Suspense fallback={null}>
        <HouseholdLedgerButton villageCode={a.code} villageName={a.name} />
      </Suspense>
    ),
    [],
  );

  const setLayers = useCallback((layers: LayersState) => updateView({ layers }), [updateView]);
  const ops = useOperationalLayers({
    lang: view.lang,
    asOf: view.asOf,
    area: view.area,
    state: view.layers,
    onStateChange: setLayers,
    mapRef,
  });
  const setSiting = useCallback((siting: SitingState | null) => updateView({ siting }, { history: 'push' }), [updateView]);
  const siting = useSiting({ lang: view.lang, state: view.siting, onChange: setSiting, area: view.area });
  const overlayLayers = useMemo(() => [...ops.layers, ...siting.layers], [ops.layers, siting.layers]);
  // The siting tool takes a click first (it places candidates), then the operational layers (select, zoom into a cluster).
  const onMapClick = useCallback(
    (hit: SitingClickHit) => siting.onMapClick(hit) || (hit.deck !== null && ops.onPick(hit.deck)),
    [siting, ops],
  );

  const names = useMemo(() => {
    const n = loadedRegionNames();
    if (shown) n.set(shown.parent.code, shown.parent.name);
    return n;
    // features: new boundaries bring new names
  }, [features, shown, countyList.status]); // eslint-disable-line react-hooks/exhaustive-deps
  const path = breadcrumbPath(view.area, names, rootName(view.lang), rootCode());
  // Township and village boundaries are synthesized in the demo: say so wherever they are drawn.
  const synthesized = level !== 'county';

  return (
    <Layout className="app-layout">
      <AppHeader demo={demo} onLanguageChange={setLanguage}>
        <LedgerButton open={ledgerOpen} onToggle={() => setLedgerOpen((o) => !o)} />
      </AppHeader>
      <Layout className="app-body">
        <Layout.Sider className="app-sider" theme="light" width={siderWidth} collapsible collapsedWidth={0} breakpoint="lg">
          <MeasurePanel
            measure={view.measure}
            method={view.method}
            customBreaks={view.breaks}
            values={shown}
            loading={valuesLoading && !shown}
            error={valuesError}
            onRetry={retryValues}
            classification={classification}
            synthesized={level !== 'county'}
            onMeasureChange={setMeasure}
            onMethodChange={setMethod}
            ranking={
              shown && classification ? (
                <Ranking
                  values={shown}
                  classification={classification}
                  selectedCode={view.selected}
                  hoveredCode={hoveredCode}
                  onHover={setHoveredCode}
                  onSelect={selectAndFly}
                />
              ) : null
            }
          />
        </Layout.Sider>
        <Layout.Content className="app-main">
          <div className="app-map">
            <ChoroplethMap
              mapRef={mapRef}
              area={view.area}
              data={regions.status === 'ready' ? regions.data : null}
              values={shown}
              fillColors={colors}
              selectedCode={view.selected}
              hoveredCode={hoveredCode}
              initialCamera={view.camera}
              onHoverCode={setHoveredCode}
              onAreaClick={onAreaClick}
              onCameraChange={setCamera}
              onViewportChange={viewportStore.set}
              fillOpacity={siting.open ? Math.min(0.3, ops.choroplethOpacity) : ops.choroplethOpacity}
              overlayLayers={overlayLayers}
              onMapClick={onMapClick}
              clickHint={siting.clickHint}
              overlayTooltip={ops.getTooltip}
            />
            <FollowupBadges
              viewport={viewportStore}
              counties={countyList.status === 'ready' ? countyList.data.features : null}
              hidden={view.area !== rootCode() || level !== 'county'}
            />
            {ledgerOpen && (
              <Suspense fallback={null}>
                <LedgerDock
                  open
                  onClose={() => setLedgerOpen(false)}
                  view={view}
                  level={level}
                  asOf={view.asOf ?? shown?.asOf ?? null}
                  updateView={updateView}
                  mapRef={mapRef}
                  features={features}
                  path={path}
                  viewport={viewportStore}
                  counties={countyList.status === 'ready' ? countyList.data.features : null}
                />
              </Suspense>
            )}
            {ops.detail && <div className="layer-detail-float">{ops.detail}</div>}
            <AreaBreadcrumb path={path} onGo={goTo} note={synthesized ? t('legend.synthesized') : null} />
            {valuesLoading && regions.status === 'ready' && (
              <div className="map-busy" data-testid="values-loading" aria-live="polite">
                <Spin size="small" /> {t('loading.values')}
              </div>
            )}
            <MapStatus regions={regions} onRetry={regions.retry} />
            <MeetingOverlay
              measure={view.measure}
              level={level}
              area={view.area}
              asOf={view.asOf ?? shown?.asOf ?? null}
              compareTo={view.compareTo}
              viewTitle={
                path.map((p) => p.name).join(' · ') +
                (shown ? ` · ${view.lang === 'zh' ? shown.measure.nameZh : shown.measure.nameEn}` : '')
              }
              onApplyView={applyView}
              onPresentFrame={setPresentFrame}
              legend={shown && classification ? <Legend values={shown} classification={classification} synthesized={synthesized} /> : null}
            />
          </div>
          <TimeBar
            dates={dates.status === 'ready' ? dates.data : null}
            asOf={view.asOf ?? shown?.asOf ?? null}
            compareTo={view.compareTo}
            onAsOfChange={setAsOf}
            onCompareChange={setCompare}
          />
        </Layout.Content>
        <Layout.Sider
          className="app-sider app-sider--right"
          theme="light"
          width={siderWidth}
          collapsible
          collapsedWidth={0}
          reverseArrow
          breakpoint="xl"
        >
          {siting.panel ?? <SitingLauncher lang={view.lang} onOpen={setSiting} />}
          {siting.open ? null : shown ? (
            <AreaCard
              values={shown}
              selectedCode={view.selected}
              onClear={() => select(null)}
              layersSlot={ops.panel}
              areaActions={householdActions}
            />
          ) : (
            <section className="panel" data-testid="region-card">
              <div className="panel__body panel__body--padded">
                <Spin />
              </div>
            </section>
          )}
        </Layout.Sider>
      </Layout>
    </Layout>
  );
}
