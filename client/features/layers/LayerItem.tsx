import { Alert, Button, Slider, Space, Spin, Switch, Tooltip } from 'antd';
import type { ReactNode } from 'react';
import { FilterRow } from './FilterRow.tsx';
import type { LayersT } from './layers-i18n.ts';
import { moveLayer, setLayerVisible, type LayersState, type OperationalLayerId } from './layers-state.ts';
import { layerTitles } from './panel-options.ts';
import type { Loaded } from '../../api/use-load.ts';

interface LayerItemProps {
  id: OperationalLayerId;
  state: LayersState;
  onStateChange(next: LayersState): void;
  t: LayersT;
  status: Loaded<unknown>;
  /** Place in the panel's list (0 = top, drawn on top) and the list's length: the order buttons. */
  index: number;
  count: number;
  /** The layer's own controls, shown under its opacity while it is on. */
  children: ReactNode;
}

/** One layer of the panel: its switch, name, spinner and order buttons; when on, its error, opacity and controls. */
export function LayerItem({ id, state, onStateChange, t, status: s, index: i, count, children }: LayerItemProps) {
  const visible = state.visible.includes(id);
  return (
    <li className={`op-layer${visible ? ' op-layer--on' : ''}`} data-testid={`layer-${id}`}>
      <div className="op-layer__head">
        <Switch
          size="small"
          checked={visible}
          onChange={(v) => onStateChange(setLayerVisible(state, id, v))}
          aria-label={t(layerTitles[id])}
          data-testid={`layer-toggle-${id}`}
        />
        <span className="op-layer__name">{t(layerTitles[id])}</span>
        {s.status === 'loading' && <Spin size="small" aria-label={t('layer.loading')} data-testid={`layer-loading-${id}`} />}
        <Space.Compact className="op-layer__order">
          <Tooltip title={t('layer.up')}>
            <Button size="small" disabled={i === 0} onClick={() => onStateChange(moveLayer(state, id, 'up'))} aria-label={t('layer.up')}>
              ▲
            </Button>
          </Tooltip>
          <Tooltip title={t('layer.down')}>
            <Button
              size="small"
              disabled={i === count - 1}
              onClick={() => onStateChange(moveLayer(state, id, 'down'))}
              aria-label={t('layer.down')}
            >
              ▼
            </Button>
          </Tooltip>
        </Space.Compact>
      </div>
      {visible && s.status === 'error' && (
        <Alert
          type="error"
          showIcon
          className="op-layer__error"
          data-testid={`layer-error-${id}`}
          title={t('layer.error', { message: s.error.message })}
          action={
            <Button size="small" onClick={s.retry}>
              {t('layer.retry')}
            </Button>
          }
        />
      )}
      {visible && (
        <div className="op-layer__body">
          <FilterRow label={t('layer.opacity')}>
            <Slider
              min={0}
              max={100}
              step={5}
              value={state.opacity[id]}
              onChange={(v: number) => onStateChange({ ...state, opacity: { ...state.opacity, [id]: v } })}
              tooltip={{ formatter: (v) => `${v}%` }}
            />
          </FilterRow>
          {children}
        </div>
      )}
    </li>
  );
}
