/**
 * Sign-off on the map (层层签字): beside each county's name that still needs a signature, a small mark —
 * 未签 grey (unsigned), 待签 teal (one of two), 改后未签 purple (changed after signing); signed counties
 * carry none. HTML over MapLibre placed with the map's viewport, left of the name (督办 badges sit right).
 */
import type { RegionFeature } from '../../api/client.ts';
import { mercatorProjector } from '../../map/types.ts';
import { useViewport, type ViewportStore } from '../../map/viewport-store.ts';
import type { CountySignoff } from '../../api/ledger-api.ts';
import { useLedgerI18n } from './ledger-i18n.ts';
import { markOf, placeMarks, type MarkBox } from './signoff.ts';
import './ledger.css';

export interface SignoffMarksProps {
  viewport: ViewportStore;
  counties: readonly RegionFeature[] | null;
  items: readonly CountySignoff[] | null;
  period: string;
  onClick?: (countyCode: string) => void;
}

export function SignoffMarks({ viewport: store, counties, items, period, onClick }: SignoffMarksProps) {
  const { t } = useLedgerI18n();
  const viewport = useViewport(store);
  if (!viewport || !items || !counties) return null;
  const labels = new Map(counties.flatMap((f) => (f.properties.label ? [[f.properties.code, f.properties] as const] : [])));
  const project = mercatorProjector(viewport);
  const boxes: (MarkBox & { name: string; text: string })[] = [];
  // The counties' labels (name over value, centred on the label point): marks never cover them.
  const obstacles: Pick<MarkBox, 'x' | 'y' | 'width' | 'height'>[] = [];
  for (const f of counties) {
    if (!f.properties.label) continue;
    const [x, y] = project(f.properties.label);
    const w = Math.max(Math.min([...f.properties.name].length, 6) * 20, 56);
    obstacles.push({ x: x - w / 2, y: y - 24, width: w, height: 48 });
  }
  for (const c of items) {
    const mark = markOf(c.state);
    const label = labels.get(c.countyCode);
    if (!mark || !label?.label) continue;
    const [x, y] = project(label.label);
    if (x < 0 || y < 0 || x > viewport.width || y > viewport.height) continue;
    const text = t(mark.label);
    const width = [...text].length * 14 + 18;
    const nameWidth = Math.max(Math.min([...label.name].length, 6) * 20, 56);
    // Left of the name, on its line (the 督办 badges sit right of it).
    boxes.push({
      code: c.countyCode,
      state: c.state,
      x: Math.round(x - nameWidth / 2 - 6 - width),
      y: Math.round(y - 11),
      width,
      height: 24,
      name: c.countyName,
      text,
    });
  }
  return (
    <div className="lg-marks" data-testid="signoff-marks">
      {placeMarks(boxes, obstacles).map((b) => {
        const box = b as (typeof boxes)[number];
        return (
          <button
            key={box.code}
            type="button"
            className={`lg-mark lg-mark--${box.state}`}
            style={{ left: box.x, top: box.y }}
            data-testid="signoff-mark"
            data-county={box.code}
            data-state={box.state}
            title={t('mark.title', { county: box.name, period, state: t(`state.${box.state}`) })}
            onClick={() => onClick?.(box.code)}
          >
            {box.text}
          </button>
        );
      })}
    </div>
  );
}
