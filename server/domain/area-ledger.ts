/**
 * The area ledger's rows: one row per division of a level with the values of several measures side by
 * side (each measure answered by GET /api/measures/{id} for the same level and parent), and a total row
 * for the parent. Pure: the panel (client/features/ledger/AreaLedger.tsx), the export
 * (server/routes/ledger-export.ts) and the tests read the same rows.
 */
import type { AreaStatus, MeasureValues } from '../contracts/measures.ts';
import type { MeasureId } from './measures.ts';

/** The measures of the area ledger, in column order. */
export const areaMeasureIds = [
  'spend_rate',
  'start_rate',
  'completion_rate',
  'overdue',
  'pv_registration',
] as const satisfies readonly MeasureId[];
export type AreaMeasureId = (typeof areaMeasureIds)[number];

export interface AreaCell {
  value: number | null;
  /** 序时进度 (the expected value on the date); null when the measure has no target. */
  expected: number | null;
  /** Value − 序时进度 in points; null when the measure has no target or no data. */
  lag: number | null;
  status: AreaStatus;
  /** null: a household count of 1–4, withheld ("<5"). */
  numerator: number | null;
  denominator: number | null;
  /** A household count of 1–4 withheld: the value reads "<5". */
  suppressed?: true;
}

export interface AreaRow {
  code: string;
  name: string;
  /** Σ total investment and Σ spent, 万元 (the spending measure's denominator and numerator). */
  totalWan: number | null;
  spentWan: number | null;
  cells: Partial<Record<MeasureId, AreaCell>>;
}

const round1 = (n: number) => Math.round(n * 10) / 10;

/**
 * Rows per division (in code order) and the parent's total row, from the answers of the measures.
 * A division missing from one answer gets no cell for it (shown as 无数据), never a 0.
 */
export function mergeAreaRows(answers: readonly MeasureValues[]): { rows: AreaRow[]; total: AreaRow | null } {
  if (answers.length === 0) return { rows: [], total: null };
  const byCode = new Map<string, AreaRow>();
  for (const answer of answers) {
    const id = answer.measure.id;
    for (const r of answer.rows) {
      const row = byCode.get(r.code) ?? { code: r.code, name: r.name, totalWan: null, spentWan: null, cells: {} };
      row.cells[id] = {
        value: r.value,
        expected: r.expected,
        lag: r.lag,
        status: r.status,
        numerator: r.numerator,
        denominator: r.denominator,
        ...(r.suppressed ? { suppressed: true as const } : {}),
      };
      if (id === 'spend_rate') {
        row.totalWan = r.denominator;
        row.spentWan = r.numerator;
      }
      byCode.set(r.code, row);
    }
  }
  const parent = answers[0].parent;
  const total: AreaRow = { code: parent.code, name: parent.name, totalWan: null, spentWan: null, cells: {} };
  for (const answer of answers) {
    const id = answer.measure.id;
    const { value, numerator, denominator } = answer.total;
    const lag = value !== null && answer.expected !== null && answer.measure.hasTarget ? round1(value - answer.expected) : null;
    total.cells[id] = {
      value,
      expected: answer.measure.hasTarget ? answer.expected : null,
      lag,
      status: 'none',
      numerator,
      denominator,
      ...(numerator === null ? { suppressed: true as const } : {}),
    };
    if (id === 'spend_rate') {
      total.totalWan = denominator;
      total.spentWan = numerator;
    }
  }
  const rows = [...byCode.values()].sort((a, b) => a.code.localeCompare(b.code));
  return { rows, total };
}

/** Arrow and sign of a lag for the table (never colour alone): ▲ ahead, ▼ behind. */
export function lagMark(lag: number | null): '▲' | '▼' | '' {
  if (lag === null || lag === 0) return '';
  return lag > 0 ? '▲' : '▼';
}
