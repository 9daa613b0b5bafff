/**
 * Chinese words of the file exports (spreadsheets, GeoJSON, GeoPackage): division levels, an area's
 * status against 序时进度, and a measure's unit as a header suffix ('（%）'). One place, so every export
 * names the same thing the same way.
 */
import type { Measure, QuantityUnit } from './measures.ts';

export const levelNames = { city: '市', county: '县（市、区）', township: '乡镇（街道）', village: '村（社区）' } as const;

export const statusWords = { ahead: '超前', on_track: '正常', lagging: '滞后', no_data: '无数据', none: '—' } as const;

/** The status of an area as a word ('滞后'); an unknown status as it is. */
export const statusWord = (status: string): string => statusWords[status as keyof typeof statusWords] ?? status;

const countWords: Partial<Record<QuantityUnit, string>> = { household: '户', project: '个', station: '座', wan: '万元', yuan: '元' };

/** A measure's value unit as a header suffix: '（%）', '（户/万元）', or the counted thing ('（个）'). */
export function unitSuffix(measure: Pick<Measure, 'unit' | 'numeratorUnit'>): string {
  if (measure.unit === 'pct') return '（%）';
  if (measure.unit === 'per_10k_yuan') return '（户/万元）';
  const word = countWords[measure.numeratorUnit];
  return word ? `（${word}）` : '';
}
