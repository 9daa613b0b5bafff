import { describe, expect, it } from 'vitest';
import type { HouseholdRecord } from '../../../client/api/auth-api.ts';
import {
  countByCategory,
  formatYuan,
  measureTags,
  reasonProblem,
  rowsWithUnmasked,
} from '../../../client/features/households/household-view.ts';
import { UnmaskBody } from '../../../server/contracts/auth.ts';

const base: HouseholdRecord = {
  id: 'H1',
  villageCode: '411421101201',
  category: 'edge',
  labour: 'weak',
  members: 3,
  industryMeasures: 0,
  wageEmployment: false,
  dividend: false,
  publicWelfareJob: false,
  socialAssistance: false,
  incomePerCapitaYuan: 5821.91,
  holderName: '张*明',
  idNumber: '4114**********1234',
  version: 1,
};

describe('measureTags', () => {
  it.each([
    { name: 'none', r: base, keys: [] },
    { name: 'industry with its count', r: { ...base, industryMeasures: 3 }, keys: ['measure.industry:3'] },
    {
      name: 'all, in a fixed order',
      r: { ...base, industryMeasures: 1, wageEmployment: true, dividend: true, publicWelfareJob: true, socialAssistance: true },
      keys: ['measure.industry:1', 'measure.wage', 'measure.dividend', 'measure.welfareJob', 'measure.assistance'],
    },
    {
      name: 'flags without industry',
      r: { ...base, dividend: true, socialAssistance: true },
      keys: ['measure.dividend', 'measure.assistance'],
    },
  ])('$name', ({ r, keys }) => {
    expect(measureTags(r).map((t) => (t.params ? `${t.key}:${t.params.count}` : t.key))).toEqual(keys);
  });
});

describe('formatYuan', () => {
  it.each([
    { v: 5821.91, lang: 'zh' as const, expected: '5,822' },
    { v: 13301.2, lang: 'en' as const, expected: '13,301' },
    { v: 0, lang: 'zh' as const, expected: '0' },
    { v: null, lang: 'zh' as const, expected: '—' },
    { v: Number.NaN, lang: 'en' as const, expected: '—' },
  ])('$v → $expected', ({ v, lang, expected }) => {
    expect(formatYuan(v, lang)).toBe(expected);
  });
});

describe('reasonProblem agrees with the server', () => {
  it.each([
    { text: '核对低保材料', problem: null },
    { text: '核对', problem: null },
    { text: '核', problem: 'households.reasonRequired' },
    { text: '   核  ', problem: 'households.reasonRequired' },
    { text: '', problem: 'households.reasonRequired' },
    { text: null, problem: 'households.reasonRequired' },
    { text: '理'.repeat(200), problem: null },
    { text: '理'.repeat(201), problem: 'households.reasonTooLong' },
  ])('$text → $problem', ({ text, problem }) => {
    expect(reasonProblem(text)).toBe(problem);
    expect(UnmaskBody.safeParse({ reason: text }).success).toBe(problem === null);
  });
});

describe('rowsWithUnmasked', () => {
  const records = [base, { ...base, id: 'H2', holderName: '欧**明', idNumber: '4114**********456X' }];
  it.each([
    {
      name: 'nothing unmasked',
      unmasked: new Map(),
      expected: [
        ['张*明', false],
        ['欧**明', false],
      ],
    },
    {
      name: 'one unmasked: that row only',
      unmasked: new Map([['H2', { id: 'H2', holderName: '欧阳小明', idNumber: '41142119850202456X' }]]),
      expected: [
        ['张*明', false],
        ['欧阳小明', true],
      ],
    },
    {
      name: 'an id not in the list changes nothing',
      unmasked: new Map([['H9', { id: 'H9', holderName: 'x', idNumber: 'y' }]]),
      expected: [
        ['张*明', false],
        ['欧**明', false],
      ],
    },
  ])('$name', ({ unmasked, expected }) => {
    expect(rowsWithUnmasked(records, unmasked).map((r) => [r.holderName, r.revealed])).toEqual(expected);
  });

  it('does not change the records it was given', () => {
    rowsWithUnmasked(records, new Map([['H1', { id: 'H1', holderName: '张三明', idNumber: '411421198001011234' }]]));
    expect(records[0].holderName).toBe('张*明');
  });

  it('counts per category', () => {
    expect(countByCategory([{ category: 'edge' }, { category: 'lifted' }, { category: 'edge' }])).toEqual({ edge: 2, lifted: 1 });
  });
});
