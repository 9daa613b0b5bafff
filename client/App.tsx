/**
 * The page layout: header, left panel (measure, legend, ranking), map with time bar, right panel (area card). State lives in the URL (view state).
 * The account provider around it knows who is logged in; with anonymous read off, nobody logged in sees the login screen instead of the map.
 */
import { ConfigProvider, Layout, Spin } from 'antd';
import enUS from 'antd/locale/en_US';
import zhCN from 'antd/locale/zh_CN';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { fetchDates, fetchMeasureValues, type DatesInfo, type MeasureValues } from './api/client.ts';
import { useViewState, type UpdateViewState } from './app-state/use-view-state.ts';
import type { Camera, ClassMethod, Language, ViewState } from './app-state/view-state.ts';
import { AccountProvider } from './features/account/AccountProvider.tsx';
import { AccountGate } from './features/account/AccountGate.tsx';
import { AreaCard } from './features/area-card/AreaCard.tsx';
import { AreaBreadcrumb } from './features/choropleth/Breadcrumb.tsx';
import { ChoroplethMap } from './features/choropleth/ChoroplethMap.tsx';
import { breadcrumbPath, childLevelOf, classifyRows, fillColors } from './features/choropleth/choropleth.ts';
import { MeasurePanel } from './features/choropleth/MeasurePanel.tsx';
import { HouseholdLedgerButton } from './features/households/HouseholdLedger.tsx';
import { useAsync } from './features/choropleth/use-async.ts';
import { Ranking } from './features/ranking/Ranking.tsx';
import { useOperationalLayers } from './features/layers/use-operational-layers.ts';
import type { LayersState } from './features/layers/layers-state.ts';
import { MapStatus } from './features/regions/MapStatus.tsx';
import { findRegion, regionBounds } from './features/regions/region-geometry.ts';
import { loadedRegionNames, useRegions } from './features/regions/use-regions.ts';
import { TimeBar } from './features/timeline/TimeBar.tsx';
import { translate } from './i18n/messages.ts';
import { I18nProvider } from './i18n/use-i18n.tsx';
import type { MapViewHandle } from './map/MapView.tsx';
import { AppHeader } from './ui/AppHeader.tsx';
import { appTheme } from './ui/theme.ts';
import type { MeasureId } from '../server/domain/measures.ts';

const antdLocales = { zh: zhCN, en: enUS } as const;

/** Side panels: roomy on a 1920-px projector, narrower on a 1366-px laptop so the map keeps its width. */
const siderWidth = typeof window !== 'undefined' && window.innerWidth >= 1600 ? 360 : 300;

export function App() {
  const [view, updateView] = useViewState();
  useEffect(() => {
    document.documentElement.lang = translate(view.lang, 'app.lang');
    document.title = `${translate(view.lang, 'app.title')} · ${translate(view.lang, 'app.city')}`;
  }, [view.lang]);
  const setLanguage = useCallback((lang: Language) => updateView({ lang }, { history: 'push' }), [updateView]);
  return (
    <ConfigProvider locale={antdLocales[view.lang]} theme={appTheme}>
      <I18nProvider lang={view.lang}>
        <AccountProvider>
          <AccountGate header={<AppHeader demo onLanguageChange={setLanguage} />}>
            <MapScreen view={view} updateView={updateView} />
          </AccountGate>
        </AccountProvider>
      </I18nProvider>
    </ConfigProvider>
  );
}

function MapScreen({ view, updateView }: { view: ViewState; updateView: UpdateViewState }) {
  const level = childLevelOf(view.area) ?? view.level;
  const regions = useRegions(level, view.area);
  // The county list names the breadcrumb's middle step when a link opens deep down (cached: one fetch).
  const countyList = useRegions('county', '4114');
  const mapRef = useRef<MapViewHandle>(null);
  const features = regions.status === 'ready' ? regions.data.features : null;
  const [hoveredCode, setHoveredCode] = useState<string | null>(null);
  const t = useCallback((k: Parameters<typeof translate>[1], p?: Parameters<typeof translate>[2]) => translate(view.lang, k, p), [view.lang]);

  const dates = useAsync<DatesInfo>('dates', fetchDates);
  const valuesKey = `values/${view.measure}/${level}/${view.area}/${view.asOf ?? ''}/${view.compareTo ?? ''}`;
  const values = useAsync<MeasureValues>(valuesKey, () => fetchMeasureValues(view.measure, { level, parent: view.area, asOf: view.asOf, compareTo: view.compareTo }));

  // While a new measure or date loads, the map keeps the last colours of the same area (no flash).
  const lastValues = useRef<MeasureValues | null>(null);
  if (values.status === 'ready') lastValues.current = values.data;
  const shown = values.status === 'ready' ? values.data : lastValues.current && lastValues.current.parent.code === view.area && lastValues.current.level === level ? lastValues.current : null;

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
  const colors = useMemo(() => (features && shown && classification ? fillColors(features.map((f) => f.properties.code), shown.rows, classification) : null), [features, shown, classification]);

  // Drill-down moves the camera to the new area once its boundaries are in.
  const fittedArea = useRef(view.area);
  useEffect(() => {
    if (!features || fittedArea.current === view.area) return;
    fittedArea.current = view.area;
    const bounds = regionBounds(features);
    if (bounds) mapRef.current?.fitBounds(bounds, { userIntent: true });
  }, [features, view.area]);

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
  const setMethod = useCallback((method: ClassMethod, breaks?: number[]) => updateView(breaks ? { method, breaks } : { method }, { history: 'push' }), [updateView]);
  const setAsOf = useCallback((asOf: string) => updateView((s) => ({ asOf, compareTo: s.compareTo !== null && s.compareTo >= asOf ? null : s.compareTo })), [updateView]);
  const setCompare = useCallback((compareTo: string | null) => updateView({ compareTo }, { history: 'push' }), [updateView]);

  const householdActions = useCallback((a: { code: string; name: string }) => <HouseholdLedgerButton villageCode={a.code} villageName={a.name} />, []);

  const setLayers = useCallback((layers: LayersState) => updateView({ layers }), [updateView]);
  const ops = useOperationalLayers({ lang: view.lang, asOf: view.asOf, area: view.area, state: view.layers, onStateChange: setLayers, mapRef });

  const names = useMemo(() => {
    const n = loadedRegionNames();
    if (shown) n.set(shown.parent.code, shown.parent.name);
    return n;
    // features: new boundaries bring new names
  }, [features, shown, countyList.status]); // eslint-disable-line react-hooks/exhaustive-deps
  const path = breadcrumbPath(view.area, names, t('app.city'));
  // Township and village boundaries are synthesized in the demo: say so wherever they are drawn.
  const synthesized = level !== 'county';

  return (
    <Layout className="app-layout">
      <AppHeader demo onLanguageChange={setLanguage} />
      <Layout className="app-body">
        <Layout.Sider className="app-sider" theme="light" width={siderWidth} collapsible collapsedWidth={0} breakpoint="lg">
          <MeasurePanel
            measure={view.measure}
            method={view.method}
            customBreaks={view.breaks}
            values={shown}
            loading={values.status === 'loading' && !shown}
            error={values.status === 'error' ? values.message : null}
            onRetry={values.retry}
            classification={classification}
            synthesized={level !== 'county'}
            onMeasureChange={setMeasure}
            onMethodChange={setMethod}
            ranking={
              shown && classification ? (
                <Ranking values={shown} classification={classification} selectedCode={view.selected} hoveredCode={hoveredCode} onHover={setHoveredCode} onSelect={selectAndFly} />
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
              fillOpacity={ops.choroplethOpacity}
              overlayLayers={ops.layers}
              onOverlayPick={ops.onPick}
              overlayTooltip={ops.getTooltip}
            />
            {ops.detail && <div className="layer-detail-float">{ops.detail}</div>}
            <AreaBreadcrumb path={path} onGo={goTo} note={synthesized ? t('legend.synthesized') : null} />
            {values.status === 'loading' && regions.status === 'ready' && (
              <div className="map-busy" data-testid="values-loading" aria-live="polite">
                <Spin size="small" /> {t('loading.values')}
              </div>
            )}
            <MapStatus regions={regions} onRetry={regions.retry} />
          </div>
          <TimeBar dates={dates.status === 'ready' ? dates.data : null} asOf={view.asOf ?? shown?.asOf ?? null} compareTo={view.compareTo} onAsOfChange={setAsOf} onCompareChange={setCompare} />
        </Layout.Content>
        <Layout.Sider className="app-sider app-sider--right" theme="light" width={siderWidth} collapsible collapsedWidth={0} reverseArrow breakpoint="xl">
          {shown ? (
            <AreaCard values={shown} selectedCode={view.selected} onClear={() => select(null)} layersSlot={ops.panel} areaActions={householdActions} />
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
