/**
 * The ledger (台账) docked over the map's lower part, the map staying live above it: 区域台账 (the map's
 * divisions with their measures), 项目台账 (the project list) and 层层签字 (sign-off per county), with the
 * project page and the edit form. Linked with the map both ways: a row selects and shows its division or
 * project; a click on the map selects the row. While open, counties still to sign carry a mark on the map.
 */
import { CloseOutlined } from '@ant-design/icons';
import { Button, Tabs, Tooltip } from 'antd';
import { useCallback, useLayoutEffect, useRef, useState, type RefObject } from 'react';
import { useChanged } from '../../ui/use-changed.ts';
import type { RegionFeature } from '../../api/client.ts';
import { fetchSignoffs, ledgerLoad, type ProjectListItem } from '../../api/ledger-api.ts';
import type { UpdateViewState } from '../../app-state/use-view-state.ts';
import type { MapLevel, ViewState } from '../../app-state/view-state.ts';
import type { MapViewHandle } from '../../map/MapView.tsx';
import type { ViewportStore } from '../../map/viewport-store.ts';
import { useAccount } from '../account/account-context.ts';
import { childLevelOf } from '../choropleth/choropleth.ts';
import { findRegion, regionBounds } from '../regions/region-geometry.ts';
import { AreaLedger } from './AreaLedger.tsx';
import { CreateDrawer, type CreateTarget } from './CreateDrawer.tsx';
import { EditDrawer } from './EditDrawer.tsx';
import { canEditCounty } from './ledger-access.ts';
import { useLedgerI18n } from './ledger-i18n.ts';
import { anchorBounds, dockPadding, isCountyCode, selectProjectLayers } from './map-link.ts';
import { ProjectLedger } from './ProjectLedger.tsx';
import { ProjectPage } from './ProjectPage.tsx';
import { periodOf } from './signoff.ts';
import { SignoffMarks } from './SignoffMarks.tsx';
import { SignoffTable } from './SignoffTable.tsx';
import { useLoad } from '../../api/use-load.ts';
import type { EditTarget } from '../../api/ledger-api.ts';
import './ledger.css';

export interface LedgerDockProps {
  open: boolean;
  onClose: () => void;
  view: ViewState;
  /** The level drawn on the map (the area ledger's rows). */
  level: MapLevel;
  /** The as-of date shown (the view's, or the server's default once known). */
  asOf: string | null;
  updateView: UpdateViewState;
  mapRef: RefObject<MapViewHandle | null>;
  /** The divisions on the map (to fit a selected one). */
  features: readonly RegionFeature[] | null;
  /** Breadcrumb of the map's area: its name is the last step. */
  path: readonly { code: string; name: string }[];
  viewport: ViewportStore;
  counties: readonly RegionFeature[] | null;
}

type Tab = 'areas' | 'projects' | 'signoff';

export default function LedgerDock(props: LedgerDockProps) {
  const { open, onClose, view, level, asOf, updateView, mapRef, features, path, viewport, counties } = props;
  const { t } = useLedgerI18n();
  const { me } = useAccount();
  const [tab, setTab] = useState<Tab>('areas');
  const [projectArea, setProjectArea] = useState(view.area);
  const [projectAreaName, setProjectAreaName] = useState<string | null>(null);
  const [page, setPage] = useState<string | null>(null);
  const [edit, setEdit] = useState<EditTarget | null>(null);
  const [create, setCreate] = useState<CreateTarget | null>(null);
  const [period, setPeriod] = useState(() => periodOf(asOf));
  const dock = useRef<HTMLDivElement>(null);
  const signoffs = useLoad(open ? period : null, (signal) => fetchSignoffs(period, { signal }), ledgerLoad);
  const areaName = path.at(-1)?.name ?? view.area;

  // The map's area and date lead: a new one resets the projects' area and the sign-off period.
  const areaChanged = useChanged(view.area);
  if (areaChanged) {
    setProjectArea(view.area);
    setProjectAreaName(null);
  }
  const asOfChanged = useChanged(asOf);
  if (asOfChanged && asOf) setPeriod(periodOf(asOf));

  const padding = useCallback(() => {
    const h = dock.current?.offsetHeight ?? 0;
    const mapH = dock.current?.parentElement?.offsetHeight ?? 800;
    return dockPadding(h, mapH);
  }, []);

  // Opening the dock: fit the map's divisions into the part above it.
  useLayoutEffect(() => {
    if (!open || !features) return;
    const bounds = regionBounds(features);
    if (bounds) mapRef.current?.fitBounds(bounds, { userIntent: true, padding: padding() });
    // only when opened (and when the first boundaries arrive while open)
  }, [open, features === null]); // eslint-disable-line react-hooks/exhaustive-deps

  const selectArea = useCallback(
    (code: string) => {
      updateView({ selected: code }, { history: 'push' });
      const f = features ? findRegion(features, code) : undefined;
      const bounds = f ? regionBounds([f]) : null;
      if (bounds) mapRef.current?.fitBounds(bounds, { userIntent: true, padding: padding() });
    },
    [updateView, features, mapRef, padding],
  );
  const drill = useCallback(
    (code: string) => {
      const next = childLevelOf(code);
      if (next) updateView({ area: code, level: next, selected: null }, { history: 'push' });
    },
    [updateView],
  );
  const selectProject = useCallback(
    (p: Pick<ProjectListItem, 'code' | 'anchor'>) => {
      updateView((s) => ({ layers: selectProjectLayers(s.layers, p.code) }), { history: 'push' });
      if (p.anchor) mapRef.current?.fitBounds(anchorBounds(p.anchor), { userIntent: true, padding: padding() });
    },
    [updateView, mapRef, padding],
  );
  const selectCounty = useCallback(
    (code: string) => {
      if (!isCountyCode(code)) return;
      if (view.area.length === 4) selectArea(code);
    },
    [view.area, selectArea],
  );

  const selectedProject = view.layers.selected?.kind === 'project' ? view.layers.selected.code : null;
  // 新增项目 goes to the county of the list's area (a county editor's own county whatever the area).
  const createCounty = me?.user?.countyCode ?? (projectArea.length >= 6 ? projectArea.slice(0, 6) : null);
  const createCountyName =
    (createCounty && counties?.find((f) => f.properties.code === createCounty)?.properties.name) ||
    (projectArea === createCounty ? (projectAreaName ?? areaName) : createCounty);
  const mayCreate = createCounty !== null && canEditCounty(me, createCounty);
  const showMarks = open && view.area.length === 4 && level === 'county';

  return (
    <>
      {showMarks && (
        <SignoffMarks
          viewport={viewport}
          counties={counties}
          items={signoffs.data?.period === period ? signoffs.data.items : null}
          period={period}
          onClick={(code) => {
            setTab('signoff');
            selectCounty(code);
          }}
        />
      )}
      {open && (
        <section ref={dock} className="lg-dock" data-testid="ledger-dock" aria-label={t('title')}>
          <div className="lg-dock__head">
            <h2 className="lg-dock__title">{t('title')}</h2>
            <Tabs
              className="lg-dock__tabs"
              activeKey={tab}
              onChange={(k) => setTab(k as Tab)}
              items={[
                { key: 'areas', label: <span data-testid="ledger-tab-areas">{t('tab.areas')}</span> },
                { key: 'projects', label: <span data-testid="ledger-tab-projects">{t('tab.projects')}</span> },
                { key: 'signoff', label: <span data-testid="ledger-tab-signoff">{t('tab.signoff')}</span> },
              ]}
            />
            {asOf && <span className="lg-toolbar__note">{t('asOf', { date: asOf })}</span>}
            <Tooltip title={t('close')}>
              <Button type="text" icon={<CloseOutlined />} onClick={onClose} aria-label={t('close')} data-testid="ledger-close" />
            </Tooltip>
          </div>
          <div className="lg-dock__body">
            {tab === 'areas' && (
              <AreaLedger
                area={view.area}
                level={level}
                asOf={asOf}
                selected={view.selected}
                period={period}
                signoffs={signoffs.data?.period === period ? signoffs.data.items : null}
                onSelect={selectArea}
                onDrill={drill}
                onProjects={(code, name) => {
                  setProjectArea(code);
                  setProjectAreaName(name);
                  setTab('projects');
                }}
              />
            )}
            {tab === 'projects' && (
              <ProjectLedger
                area={projectArea}
                areaName={projectAreaName ?? areaName}
                asOf={asOf}
                selectedProject={selectedProject}
                canEdit={(county) => canEditCounty(me, county)}
                onSelect={selectProject}
                onOpen={setPage}
                onEdit={(code) => setEdit({ kind: 'projects', code })}
                onCreate={
                  mayCreate
                    ? () => setCreate({ kind: 'projects', countyCode: createCounty, countyName: createCountyName ?? createCounty })
                    : null
                }
              />
            )}
            {tab === 'signoff' && (
              <SignoffTable
                period={period}
                onPeriodChange={setPeriod}
                signoffs={signoffs}
                selectedCounty={view.selected && isCountyCode(view.selected) ? view.selected : null}
                onSelect={selectCounty}
              />
            )}
          </div>
        </section>
      )}
      <ProjectPage
        code={page}
        onClose={() => setPage(null)}
        onEdit={(code) => setEdit({ kind: 'projects', code })}
        onAddReport={(p) => setCreate({ kind: 'progress', code: p.code, name: p.name, year: p.year, history: p.history })}
        onEditReport={(code, asOf) => setEdit({ kind: 'progress', code, asOf })}
        onShowOnMap={(code) => {
          setPage(null);
          selectProject({ code, anchor: null });
        }}
      />
      <EditDrawer target={edit} onClose={() => setEdit(null)} />
      <CreateDrawer
        target={create}
        onClose={() => setCreate(null)}
        onEditExisting={(target) => {
          setCreate(null);
          setEdit(target);
        }}
      />
    </>
  );
}
