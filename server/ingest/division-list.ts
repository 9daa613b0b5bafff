/**
 * The division list (区划名录) import, pure part: read code, name, parent code and level from a sheet
 * (.xlsx or .csv, the header found among the first rows by an alias table), infer the level from the
 * code length (4 city, 6 county, 9 township, 12 village — NBS codes) unless a level column says it,
 * check every parent against the file and the stored list, and plan the change (add / change /
 * unchanged). The database holds one city: a second top division is refused.
 */
import type { RegionLevel } from '../contracts/enums.ts';
import { columnLetter, type Issue, type Notice } from './ledger-parse.ts';
import { cellText, type Cell } from './normalize.ts';
import type { Sheet } from './sheet.ts';

export interface DivisionRecord {
  row: number;
  code: string;
  name: string;
  level: RegionLevel;
  parentCode: string | null;
}

export interface StoredDivision {
  code: string;
  name: string;
  level: RegionLevel;
  parentCode: string | null;
}

export interface DivisionChange {
  field: string;
  label: string;
  before: string | null;
  after: string | null;
}

export interface DivisionPlanItem {
  record: DivisionRecord;
  action: 'add' | 'change' | 'unchanged';
  changes: DivisionChange[];
}

// 'province' (the province dataset's root, npm run demo:province) is not imported from a list.
export const levelDepth: Record<RegionLevel, number> = { province: -1, city: 0, county: 1, township: 2, village: 3 };
const levels: RegionLevel[] = ['city', 'county', 'township', 'village'];
/** Code length per level (NBS division codes). */
export const codeLength: Record<RegionLevel, number> = { province: 2, city: 4, county: 6, township: 9, village: 12 };
const levelOfLength: Record<number, RegionLevel> = { 4: 'city', 6: 'county', 9: 'township', 12: 'village' };
export const levelNames: Record<RegionLevel, string> = { province: '省', city: '市', county: '县级', township: '乡级', village: '村级' };

const headerKey = (s: string) =>
  cellText(s)
    .toLowerCase()
    .replace(/[\s()（）*_\-:：]/g, '');

const aliases: Record<'code' | 'name' | 'parent' | 'level', string[]> = {
  code: [
    '代码',
    '区划代码',
    '行政区划代码',
    '统计用区划代码',
    '编码',
    '区划编码',
    '行政代码',
    'code',
    'adcode',
    'divisioncode',
    'xzqdm',
    'qhdm',
  ],
  name: ['名称', '区划名称', '行政区划名称', '单位名称', '地名', 'name', 'xzqmc', 'qhmc'],
  parent: ['上级代码', '上级区划代码', '上级编码', '父级代码', '所属上级代码', '上级', 'parentcode', 'parent', 'sjdm', 'pcode'],
  level: ['级别', '层级', '区划级别', '行政级别', 'level'],
};

const levelWords: Record<string, RegionLevel> = {
  city: 'city',
  county: 'county',
  township: 'township',
  village: 'village',
  市: 'city',
  市级: 'city',
  地级: 'city',
  地级市: 'city',
  县: 'county',
  县级: 'county',
  区县: 'county',
  县区: 'county',
  乡: 'township',
  乡级: 'township',
  乡镇: 'township',
  镇: 'township',
  街道: 'township',
  乡镇街道: 'township',
  村: 'village',
  村级: 'village',
  社区: 'village',
  村社区: 'village',
  '1': 'city',
  '2': 'county',
  '3': 'township',
  '4': 'village',
};

export interface DivisionParse {
  records: DivisionRecord[];
  issues: Issue[];
  notices: Notice[];
  columns: { index: number; letter: string; header: string; field: string | null }[];
  skipped: number;
  fileError?: string;
}

/** Find the header (first 20 rows) and read the rows. */
export function parseDivisionSheet(sheet: Sheet): DivisionParse {
  const empty = { records: [], issues: [], notices: [], columns: [], skipped: 0 };
  let headerRow = -1;
  let fields: Record<string, number> = {};
  for (let r = 0; r < Math.min(20, sheet.rows.length) && headerRow < 0; r++) {
    const found: Record<string, number> = {};
    (sheet.rows[r] ?? []).forEach((cell, i) => {
      const key = headerKey(cellText(cell));
      for (const [field, list] of Object.entries(aliases)) if (!(field in found) && list.includes(key)) found[field] = i;
    });
    if ('code' in found && 'name' in found) {
      headerRow = r;
      fields = found;
    }
  }
  if (headerRow < 0) return { ...empty, fileError: '找不到表头：区划名录需要“代码”和“名称”两列（可另有“上级代码”“级别”）。' };
  const header = sheet.rows[headerRow];
  const columns = header.map((cell, index) => ({
    index,
    letter: columnLetter(index),
    header: cellText(cell),
    field: Object.entries(fields).find(([, i]) => i === index)?.[0] ?? null,
  }));
  const col = (field: string) => `${columnLetter(fields[field])}列「${cellText(header[fields[field]])}」`;
  const records: DivisionRecord[] = [];
  const issues: Issue[] = [];
  const notices: Notice[] = [];
  let skipped = 0;
  let provinceParents = 0;
  for (let r = headerRow + 1; r < sheet.rows.length; r++) {
    const cells = sheet.rows[r] ?? [];
    const row = r + 1;
    const get = (field: string): Cell => (field in fields ? (cells[fields[field]] ?? null) : null);
    if (cells.every((c) => cellText(c) === '')) {
      skipped++;
      continue;
    }
    const rawCode = cellText(get('code')).replace(/\s/g, '');
    const name = cellText(get('name'));
    if (/^(合计|小计|总计|填表|说明|注[:：])/.test(cellText(cells[0] ?? null)) && !/^\d/.test(rawCode)) {
      skipped++;
      notices.push({ row, message: `第 ${row} 行“${cellText(cells[0] ?? null).slice(0, 20)}”不是区划，已跳过。` });
      continue;
    }
    const problem = (field: string, value: string, reason: string) => issues.push({ row, column: col(field), value, reason });
    if (!/^\d+$/.test(rawCode)) {
      problem('code', rawCode, rawCode ? '区划代码只能是数字（4、6、9 或 12 位）' : '缺少区划代码');
      continue;
    }
    let level: RegionLevel | null = null;
    if ('level' in fields && cellText(get('level')) !== '') {
      const word = cellText(get('level')).toLowerCase();
      level = levelWords[word] ?? null;
      if (!level) {
        problem('level', cellText(get('level')), '级别应为 市、县、乡、村（或 city、county、township、village）');
        continue;
      }
    }
    let code = rawCode;
    if (level && code.length > codeLength[level] && /^0+$/.test(code.slice(codeLength[level]))) code = code.slice(0, codeLength[level]);
    if (!level && code.length === 12 && /0{3}$/.test(code)) {
      // A 12-digit code padded with zeros (411421000000): the shortest level whose code it pads.
      for (const l of levels)
        if (/^0+$/.test(code.slice(codeLength[l])) && codeLength[l] < 12) {
          level = l;
          code = code.slice(0, codeLength[l]);
          break;
        }
    }
    level ??= levelOfLength[code.length] ?? null;
    if (!level || code.length !== codeLength[level]) {
      problem(
        'code',
        rawCode,
        level ? `${levelNames[level]}区划代码应为 ${codeLength[level]} 位` : '区划代码应为 4（市）、6（县）、9（乡）或 12（村）位数字',
      );
      continue;
    }
    if (!name) {
      problem('name', '', '缺少名称');
      continue;
    }
    let parentCode: string | null = null;
    const rawParent = cellText(get('parent')).replace(/\s/g, '');
    if (rawParent !== '') {
      if (!/^\d+$/.test(rawParent)) {
        problem('parent', rawParent, '上级代码只能是数字');
        continue;
      }
      parentCode = rawParent;
      if (level !== 'city') {
        const want = codeLength[levels[levelDepth[level] - 1]];
        if (parentCode.length > want && /^0+$/.test(parentCode.slice(want))) parentCode = parentCode.slice(0, want);
      } else {
        // A city's parent is a province (2 digits, e.g. 41): not stored, the city is the top division.
        if (parentCode.length <= 2 || /^\d{2}0*$/.test(parentCode)) provinceParents++;
        else {
          problem('parent', rawParent, '市的上级应为省（2 位代码）或留空');
          continue;
        }
        parentCode = null;
      }
    } else if (level !== 'city') {
      parentCode = code.slice(0, codeLength[levels[levelDepth[level] - 1]]);
    }
    records.push({ row, code, name, level, parentCode });
  }
  if (provinceParents) notices.push({ message: `市的上级（省）代码不保存：本系统以市为最高一级（${provinceParents} 行）。` });
  if (records.length === 0 && issues.length === 0) return { ...empty, columns, skipped, fileError: '文件中没有数据行（只有表头）。' };
  return { records, issues, notices, columns, skipped };
}

/**
 * Check the records against each other and the stored list (parents exist one level up, codes once,
 * one top division) and plan the change.
 */
export function planDivisions(records: DivisionRecord[], stored: StoredDivision[]): { plan: DivisionPlanItem[]; issues: Issue[] } {
  const issues: Issue[] = [];
  const byCode = new Map<string, StoredDivision>(stored.map((s) => [s.code, s]));
  const storedByCode = new Map(byCode);
  const firstRow = new Map<string, number>();
  const unique: DivisionRecord[] = [];
  for (const r of records) {
    const seen = firstRow.get(r.code);
    if (seen !== undefined) {
      issues.push({ row: r.row, column: '', value: r.code, reason: `区划代码 ${r.code} 与第 ${seen} 行重复` });
      continue;
    }
    firstRow.set(r.code, r.row);
    unique.push(r);
    byCode.set(r.code, r);
  }
  for (const r of unique) {
    if (r.parentCode === null) continue;
    const parent = byCode.get(r.parentCode);
    const expected = levels[levelDepth[r.level] - 1];
    if (!parent) {
      issues.push({
        row: r.row,
        column: '',
        value: r.parentCode,
        reason: `上级代码 ${r.parentCode} 不在区划名录中（文件和已有数据中都没有）：请先导入上级，或放在同一文件里`,
      });
    } else if (parent.level !== expected) {
      issues.push({
        row: r.row,
        column: '',
        value: r.parentCode,
        reason: `上级 ${r.parentCode}（${parent.name}）是${levelNames[parent.level]}，${levelNames[r.level]}区划的上级应为${levelNames[expected]}`,
      });
    }
  }
  const roots = [...byCode.values()].filter((d) => d.parentCode === null);
  if (roots.length > 1) {
    const storedRoot = roots.find((d) => storedByCode.has(d.code) && !unique.some((u) => u.code === d.code));
    for (const r of unique.filter((u) => u.parentCode === null && u.code !== storedRoot?.code).slice(storedRoot ? 0 : 1)) {
      issues.push({
        row: r.row,
        column: '',
        value: `${r.code} ${r.name}`,
        reason: storedRoot
          ? `数据库中已有 ${storedRoot.code}（${storedRoot.name}）：本系统一次只服务一个市，另一个市请用新的空数据库导入`
          : '文件中有多个市：本系统一次只服务一个市，请只保留一个市及其下级区划',
      });
    }
  }
  const plan: DivisionPlanItem[] = unique.map((record) => {
    const old = storedByCode.get(record.code);
    if (!old) return { record, action: 'add' as const, changes: [] };
    const changes: DivisionChange[] = [];
    if (old.name !== record.name) changes.push({ field: 'name', label: '名称', before: old.name, after: record.name });
    if ((old.parentCode ?? null) !== record.parentCode)
      changes.push({ field: 'parentCode', label: '上级代码', before: old.parentCode, after: record.parentCode });
    return { record, action: changes.length ? ('change' as const) : ('unchanged' as const), changes };
  });
  return { plan, issues };
}

/** The county-level ancestor of every division (itself for a county, null for the city). */
export function countyCodes(divisions: Iterable<StoredDivision>): Map<string, string | null> {
  const byCode = new Map<string, StoredDivision>();
  for (const d of divisions) byCode.set(d.code, d);
  const out = new Map<string, string | null>();
  for (const d of byCode.values()) {
    let cur: StoredDivision | undefined = d;
    for (let i = 0; cur && cur.level !== 'county' && i < 4; i++) cur = cur.parentCode ? byCode.get(cur.parentCode) : undefined;
    out.set(d.code, cur?.level === 'county' ? cur.code : null);
  }
  return out;
}
