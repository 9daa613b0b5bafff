/**
 * Division names → codes (pure): county, township and village names as offices write them (with or
 * without 县/镇/乡/街道/村/社区 suffixes, NFKC) or a division code, resolved against the region list.
 * Unknown names and names that match more than one division are reported with the candidates.
 */
import { normText } from './normalize.ts';

export interface DivisionRow {
  code: string;
  level: 'province' | 'city' | 'county' | 'township' | 'village';
  name: string;
  parentCode: string | null;
}

export interface Resolved {
  countyCode: string;
  townshipCode: string | null;
  villageCode: string | null;
}

export type Resolution =
  { ok: true; value: Resolved } | { ok: false; field: 'county' | 'township' | 'village' | 'divisionCode'; value: string; reason: string };

const suffixes = /(自治县|县|市|区|镇|乡|街道办事处|街道|办事处|村民委员会|村委会|村|社区居委会|社区|居委会)$/;

/** A name for comparison: NFKC, no spaces or brackets, without the administrative suffix. */
export function nameKey(name: string): string {
  let t = normText(name).replace(/[\s()（）]/g, '');
  // Twice: 东村村委会 → 东村 → 东.
  for (let i = 0; i < 2; i++) {
    const stripped = t.replace(suffixes, '');
    if (stripped.length === 0 || stripped === t) break;
    t = stripped;
  }
  return t;
}

export class DivisionIndex {
  readonly byCode = new Map<string, DivisionRow>();
  private children = new Map<string | null, DivisionRow[]>();
  private byLevelName = new Map<string, DivisionRow[]>();

  constructor(rows: DivisionRow[]) {
    for (const r of rows) {
      this.byCode.set(r.code, r);
      const list = this.children.get(r.parentCode) ?? [];
      list.push(r);
      this.children.set(r.parentCode, list);
      const key = `${r.level}:${nameKey(r.name)}`;
      const l = this.byLevelName.get(key) ?? [];
      l.push(r);
      this.byLevelName.set(key, l);
    }
  }

  /** The county-level ancestor of a code (itself for a county). */
  countyOf(code: string): DivisionRow | null {
    let r = this.byCode.get(code) ?? null;
    while (r && r.level !== 'county') r = r.parentCode ? (this.byCode.get(r.parentCode) ?? null) : null;
    return r;
  }

  private isUnder(row: DivisionRow, ancestor: string): boolean {
    let r: DivisionRow | undefined = row;
    while (r) {
      if (r.code === ancestor) return true;
      r = r.parentCode ? this.byCode.get(r.parentCode) : undefined;
    }
    return false;
  }

  /**
   * Divisions of a level whose name matches with or without suffix, under `ancestor` if given; when
   * exactly one of them has the name as written, that one.
   */
  find(level: DivisionRow['level'], name: string, ancestor: string | null): DivisionRow[] {
    const hits = (this.byLevelName.get(`${level}:${nameKey(name)}`) ?? []).filter((r) => !ancestor || this.isUnder(r, ancestor));
    const unique = [...new Map(hits.map((r) => [r.code, r])).values()];
    const exact = unique.filter((r) => normText(r.name) === normText(name));
    return exact.length === 1 ? exact : unique;
  }

  label(code: string): string {
    const names: string[] = [];
    let r = this.byCode.get(code);
    while (r && r.level !== 'city' && r.level !== 'province') {
      names.unshift(r.name);
      r = r.parentCode ? this.byCode.get(r.parentCode) : undefined;
    }
    return `${names.join('')}（${code}）`;
  }

  /** Resolve the division columns of one row. */
  resolve(input: { county?: string | null; township?: string | null; village?: string | null; divisionCode?: string | null }): Resolution {
    if (input.divisionCode) {
      const r = this.byCode.get(input.divisionCode);
      if (!r || r.level === 'city' || r.level === 'province')
        return { ok: false, field: 'divisionCode', value: input.divisionCode, reason: '区划代码不在区划表中（未知或已撤销）' };
      const county = this.countyOf(r.code);
      if (!county) return { ok: false, field: 'divisionCode', value: input.divisionCode, reason: '区划代码不属于任何县' };
      const township = r.level === 'village' ? r.parentCode : r.level === 'township' ? r.code : null;
      return { ok: true, value: { countyCode: county.code, townshipCode: township, villageCode: r.level === 'village' ? r.code : null } };
    }
    const many = (field: 'county' | 'township' | 'village', value: string, rows: DivisionRow[], hint: string): Resolution => ({
      ok: false,
      field,
      value,
      reason: `名称对应多个区划：${rows
        .slice(0, 5)
        .map((r) => this.label(r.code))
        .join('、')}${rows.length > 5 ? ' 等' : ''}。${hint}`,
    });
    let county: DivisionRow | null = null;
    if (input.county) {
      const hits = this.find('county', input.county, null);
      if (hits.length === 0)
        return { ok: false, field: 'county', value: input.county, reason: '未找到该县（市、区），请检查名称或填写区划代码' };
      if (hits.length > 1) return many('county', input.county, hits, '请填写区划代码。');
      county = hits[0];
    }
    let township: DivisionRow | null = null;
    if (input.township) {
      const hits = this.find('township', input.township, county?.code ?? null);
      if (hits.length === 0)
        return {
          ok: false,
          field: 'township',
          value: input.township,
          reason: county ? `${county.name}没有这个乡镇（街道）` : '未找到该乡镇（街道）',
        };
      if (hits.length > 1) return many('township', input.township, hits, '请同时填写县（市、区），或填写区划代码。');
      township = hits[0];
    }
    let village: DivisionRow | null = null;
    if (input.village) {
      const within = township?.code ?? county?.code ?? null;
      const hits = this.find('village', input.village, within);
      if (hits.length === 0) {
        const where = township ? township.name : county ? county.name : '';
        return {
          ok: false,
          field: 'village',
          value: input.village,
          reason: `未找到该村（社区）${where ? `：${where}没有这个村` : ''}，请检查名称或填写区划代码`,
        };
      }
      if (hits.length > 1) return many('village', input.village, hits, '请同时填写乡镇（街道），或填写区划代码。');
      village = hits[0];
      township ??= village.parentCode ? (this.byCode.get(village.parentCode) ?? null) : null;
    }
    county ??= township ? this.countyOf(township.code) : null;
    if (!county) return { ok: false, field: 'county', value: '', reason: '须填写县（市、区）、乡镇、村名称或区划代码之一' };
    return { ok: true, value: { countyCode: county.code, townshipCode: township?.code ?? null, villageCode: village?.code ?? null } };
  }
}
