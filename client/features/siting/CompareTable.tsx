/** Candidates side by side (A/B/C as columns), with exports. */
import { ExportButtons } from './ExportButtons.tsx';
import type { Table } from './siting-table.ts';
import type { SitingT } from './siting-i18n.ts';

export function CompareTable({ table, t, onExport }: { table: Table; t: SitingT; onExport(kind: 'xlsx' | 'csv'): void }) {
  return (
    <div data-testid="siting-compare">
      <table className="siting-table siting-table--compare">
        <thead>
          <tr>
            {table.headers.map((h, i) => (
              <th key={i}>{h}</th>
            ))}
          </tr>
        </thead>
        <tbody>
          {table.rows.map((r, i) => (
            <tr key={i}>{r.map((v, j) => (j === 0 ? <th key={j}>{v}</th> : <td key={j}>{v ?? '—'}</td>))}</tr>
          ))}
        </tbody>
      </table>
      <ExportButtons t={t} onExport={onExport} />
    </div>
  );
}
