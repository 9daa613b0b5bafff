/**
 * The download addresses of the ledger views' exports, built from the view state (the screen's level,
 * area and date; the project list's filters and sort, without paging: the file holds every page). Pure.
 */
import type { ListState } from './project-query.ts';
import { toQuery } from './project-query.ts';

export type ExportFormat = 'xlsx' | 'csv';

const withFormat = (path: string, q: Record<string, string>, format: ExportFormat) =>
  `${path}?${new URLSearchParams({ ...q, format }).toString()}`;

/** GET /api/ledger/export/areas for the area ledger of `level` under `area` on `asOf`. */
export function areaExportHref(
  v: { level: 'county' | 'township' | 'village'; area: string; asOf: string | null },
  format: ExportFormat,
): string {
  return withFormat('/api/ledger/export/areas', { level: v.level, parent: v.area, ...(v.asOf ? { asOf: v.asOf } : {}) }, format);
}

/** GET /api/ledger/export/projects with the list's search, filters and sort (paging left out). */
export function projectExportHref(s: ListState, format: ExportFormat): string {
  const { page: _page, pageSize: _pageSize, ...q } = toQuery(s) as Record<string, string>;
  return withFormat('/api/ledger/export/projects', q, format);
}

/** GET /api/ledger/export/signoffs for the sign-off of every county in `period` (YYYY-MM). */
export const signoffExportHref = (period: string, format: ExportFormat): string =>
  withFormat('/api/ledger/export/signoffs', { period }, format);
