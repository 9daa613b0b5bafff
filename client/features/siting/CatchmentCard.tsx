/** The answer for one candidate: three groups by labour capacity, target households, villages, projects, PV stations, overlap. */
import { Tag } from 'antd';
import type { Catchment } from '../../api/siting-api.ts';
import { formatHouseholdCount, formatPct } from '../../../server/domain/format.ts';
import type { SitingLang, SitingT } from './siting-i18n.ts';

export function CatchmentCard({ c, t, lang }: { c: Catchment; t: SitingT; lang: SitingLang }) {
  const h = c.households;
  const n = (v: number | null) => formatHouseholdCount(v, lang).replace(/ ?(户|households?)$/, '');
  return (
    <div className="siting-card" data-testid="siting-card">
      <div className="siting-card__site">{c.site.label}</div>
      <div className="siting-card__title">
        {t('households')} {h.exact ? <Tag color="blue">{t('households.exact')}</Tag> : null}
      </div>
      <table className="siting-table">
        <thead>
          <tr>
            <th>{t('col.category')}</th>
            <th>{t('lab.none')}</th>
            <th>{t('lab.weak')}</th>
            <th>{t('lab.full')}</th>
            <th>{t('total')}</th>
          </tr>
        </thead>
        <tbody>
          {h.byCategory.map((cat) => (
            <tr key={cat.category}>
              <th>{t(`cat.${cat.category}`)}</th>
              {h.cells
                .filter((x) => x.category === cat.category)
                .map((x) => (
                  <td key={x.labour}>
                    {n(x.total)}
                    <small> / {n(x.fewerThanTwo)}</small>
                  </td>
                ))}
              <td>{n(cat.total)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <div className="siting-note">
        {t('col.total')} / <small>{t('col.fewer')}</small>
        {h.exact ? '' : ` · ${t('households.suppressed')}`}
      </div>
      <div className="siting-figure" data-testid="siting-target">
        {t('target')}: <b>{formatHouseholdCount(h.target, lang)}</b>
        <div className="siting-note">
          {t('target.served')}: {formatHouseholdCount(h.targetServed, lang)}
        </div>
      </div>
      <div>{t('villages', { n: c.villages.length, poor: c.villages.filter((v) => v.poorVillage).length })}</div>
      <div className="siting-chips">
        {c.villages.slice(0, 12).map((v) => (
          <Tag key={v.code} color={v.poorVillage ? 'red' : undefined}>
            {v.name.replace(/(村委会|居委会)$/, '')}
            {v.poorVillage ? ` · ${t('poor')}` : ''}
          </Tag>
        ))}
        {c.villages.length > 12 ? <span>…</span> : null}
      </div>
      <div>{t('projects', { n: c.projects.length })}</div>
      <ul className="siting-list">
        {c.projects.slice(0, 5).map((p) => (
          <li key={p.code}>
            {p.name} — {t('km', { km: p.distanceKm.toFixed(1) })}
          </li>
        ))}
      </ul>
      <div>{t('pv', { n: c.pvStations.length })}</div>
      <ul className="siting-list">
        {c.pvStations.slice(0, 3).map((p) => (
          <li key={p.code}>
            {p.name} — {t('km', { km: p.distanceKm.toFixed(1) })}
          </li>
        ))}
      </ul>
      <div>{t('overlap', { pct: formatPct(c.overlap.areaSharePct, lang), n: c.overlap.projects.length })}</div>
    </div>
  );
}
