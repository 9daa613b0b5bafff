/**
 * The project list's state (search, filters, sort, page) and the query string it asks the server with;
 * the table's sort (a column key and antd's 'ascend' / 'descend') mapped to the server's sort keys. Pure.
 */
import type { ProjectListQuery } from '../../api/ledger-api.ts';

export type SortKey = NonNullable<ProjectListQuery['sort']>;

export interface ListState {
  /** Division the list is limited to (the map's area); null: every project. */
  area: string | null;
  q: string;
  status: string | null;
  category: string | null;
  overdue: boolean;
  asOf: string | null;
  sort: SortKey;
  order: 'asc' | 'desc';
  page: number;
  pageSize: number;
}

export const initialListState: ListState = {
  area: null,
  q: '',
  status: null,
  category: null,
  overdue: false,
  asOf: null,
  sort: 'code',
  order: 'asc',
  page: 1,
  pageSize: 20,
};

/** The query the server reads: only what is set, all as strings. */
export function toQuery(s: ListState): ProjectListQuery {
  const q: Record<string, string> = { sort: s.sort, order: s.order, page: String(s.page), pageSize: String(s.pageSize) };
  if (s.area && s.area.length > 4) q.area = s.area;
  if (s.q.trim()) q.q = s.q.trim();
  if (s.status) q.status = s.status;
  if (s.category) q.category = s.category;
  if (s.overdue) q.overdue = 'true';
  if (s.asOf) q.asOf = s.asOf;
  return q as ProjectListQuery;
}

/** Table columns that sort, by the column key the table uses. */
export const sortableColumns: Record<string, SortKey> = {
  code: 'code',
  name: 'name',
  status: 'status',
  total: 'total',
  spent: 'spent',
  rate: 'spendRate',
  planned: 'plannedCompletion',
};

/** The list state after the table's sorter changed (back to page 1); no order: the ledger order (code). */
export function withSorter(s: ListState, columnKey: unknown, order: 'ascend' | 'descend' | null | undefined): ListState {
  const key = typeof columnKey === 'string' ? sortableColumns[columnKey] : undefined;
  if (!key || !order) return { ...s, sort: 'code', order: 'asc', page: 1 };
  return { ...s, sort: key, order: order === 'descend' ? 'desc' : 'asc', page: 1 };
}

/** A filter changed: back to page 1. */
export const withFilter = (s: ListState, patch: Partial<Omit<ListState, 'page' | 'sort' | 'order'>>): ListState => ({
  ...s,
  ...patch,
  page: 1,
});

/** antd's sortOrder of a column in state `s`. */
export function sortOrderOf(s: ListState, columnKey: string): 'ascend' | 'descend' | null {
  if (sortableColumns[columnKey] !== s.sort) return null;
  return s.order === 'desc' ? 'descend' : 'ascend';
}
