/** The page layout: header, left panel, map, right panel. State lives in the URL (view state). */
import { ConfigProvider, Layout } from 'antd';
import enUS from 'antd/locale/en_US';
import zhCN from 'antd/locale/zh_CN';
import { useCallback, useEffect, useRef } from 'react';
import type { RegionFeature } from './api/client.ts';
import { useViewState } from './app-state/use-view-state.ts';
import type { Camera, Language } from './app-state/view-state.ts';
import { MapStatus } from './features/regions/MapStatus.tsx';
import { RegionCard } from './features/regions/RegionCard.tsx';
import { RegionListPanel } from './features/regions/RegionListPanel.tsx';
import { RegionMap } from './features/regions/RegionMap.tsx';
import { findRegion, regionBounds } from './features/regions/region-geometry.ts';
import { useRegions } from './features/regions/use-regions.ts';
import { translate } from './i18n/messages.ts';
import { I18nProvider } from './i18n/use-i18n.tsx';
import type { MapViewHandle } from './map/MapView.tsx';
import { AppHeader } from './ui/AppHeader.tsx';
import { appTheme } from './ui/theme.ts';

const antdLocales = { zh: zhCN, en: enUS } as const;

export function App() {
  const [view, updateView] = useViewState();
  const regions = useRegions(view.level, view.area);
  const mapRef = useRef<MapViewHandle>(null);
  const features = regions.status === 'ready' ? regions.data.features : null;

  useEffect(() => {
    document.documentElement.lang = translate(view.lang, 'app.lang');
    document.title = `${translate(view.lang, 'app.title')} · ${translate(view.lang, 'app.city')}`;
  }, [view.lang]);

  const setLanguage = useCallback((lang: Language) => updateView({ lang }, { history: 'push' }), [updateView]);
  const select = useCallback((code: string | null) => updateView({ selected: code }, { history: 'push' }), [updateView]);
  const setCamera = useCallback((camera: Camera) => updateView({ camera }), [updateView]);
  const selectAndFly = useCallback(
    (f: RegionFeature) => {
      select(f.properties.code);
      const bounds = regionBounds([f]);
      if (bounds) mapRef.current?.fitBounds(bounds, { userIntent: true });
    },
    [select],
  );

  return (
    <ConfigProvider locale={antdLocales[view.lang]} theme={appTheme}>
      <I18nProvider lang={view.lang}>
        <Layout className="app-layout">
          <AppHeader demo onLanguageChange={setLanguage} />
          <Layout className="app-body">
            <Layout.Sider className="app-sider" theme="light" width={272} collapsible collapsedWidth={0} breakpoint="lg">
              <RegionListPanel level={view.level} regions={regions} selectedCode={view.selected} onSelect={selectAndFly} />
            </Layout.Sider>
            <Layout.Content className="app-map">
              <RegionMap
                mapRef={mapRef}
                area={view.area}
                data={regions.status === 'ready' ? regions.data : null}
                selectedCode={view.selected}
                initialCamera={view.camera}
                onSelect={select}
                onCameraChange={setCamera}
              />
              <MapStatus regions={regions} onRetry={regions.retry} />
            </Layout.Content>
            <Layout.Sider className="app-sider app-sider--right" theme="light" width={300} collapsible collapsedWidth={0} reverseArrow breakpoint="xl">
              <RegionCard region={features ? findRegion(features, view.selected) : undefined} onClear={() => select(null)} />
            </Layout.Sider>
          </Layout>
        </Layout>
      </I18nProvider>
    </ConfigProvider>
  );
}
