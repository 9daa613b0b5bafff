import { describe, expect, it } from 'vitest';
import { dictionaries, translate } from '../../../client/i18n/messages.ts';
import { zh } from '../../../client/i18n/zh.ts';

describe('dictionaries', () => {
  it('English has exactly the keys of the Chinese source, none empty', () => {
    expect(Object.keys(dictionaries.en).sort()).toEqual(Object.keys(zh).sort());
    for (const [k, v] of Object.entries(dictionaries.en)) expect(v.trim(), k).not.toBe('');
  });
  it('placeholders match between languages', () => {
    const names = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
    for (const key of Object.keys(zh) as (keyof typeof zh)[]) expect(names(dictionaries.en[key]), key).toEqual(names(zh[key]));
  });
});

describe('translate', () => {
  const cases: { title: string; lang: 'zh' | 'en'; key: 'demo.badge' | 'panel.regions.count' | 'map.tooltip.code'; params?: Record<string, number>; expected: string }[] = [
    { title: 'zh default text', lang: 'zh', key: 'demo.badge', params: undefined, expected: '演示数据' },
    { title: 'en text', lang: 'en', key: 'demo.badge', params: undefined, expected: 'Demo data' },
    { title: 'placeholder', lang: 'zh', key: 'panel.regions.count', params: { count: 11 }, expected: '共 11 个' },
    { title: 'missing parameter left visible', lang: 'en', key: 'map.tooltip.code', params: {}, expected: 'Code: {code}' },
  ];
  it.each(cases)('$title', ({ lang, key, params, expected }) => {
    expect(translate(lang, key, params)).toBe(expected);
  });
});
