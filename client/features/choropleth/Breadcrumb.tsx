/** The drill-down path over the map (商丘市 › 民权县 › 野岗镇); every step but the last goes back up. */
import { useI18n } from '../../i18n/use-i18n.tsx';

export function AreaBreadcrumb({
  path,
  onGo,
  note,
}: {
  path: { code: string; name: string }[];
  onGo: (code: string) => void;
  note: string | null;
}) {
  const { t } = useI18n();
  return (
    <nav className="area-crumb" aria-label={t('crumb.aria')} data-testid="breadcrumb">
      <ol>
        {path.map((p, i) => (
          <li key={p.code}>
            {i > 0 && (
              <span className="area-crumb__sep" aria-hidden="true">
                ›
              </span>
            )}
            {i < path.length - 1 ? (
              <button type="button" onClick={() => onGo(p.code)}>
                {p.name}
              </button>
            ) : (
              <span aria-current="page">{p.name}</span>
            )}
          </li>
        ))}
      </ol>
      {note && <div className="area-crumb__note">{note}</div>}
    </nav>
  );
}
