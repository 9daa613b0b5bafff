import { describe, expect, it } from 'vitest';
import { accountEn } from '../../../client/i18n/account.en.ts';
import { accountZh } from '../../../client/i18n/account.zh.ts';
import { en } from '../../../client/i18n/en.ts';
import { followupsEn } from '../../../client/i18n/followups.en.ts';
import { followupsZh } from '../../../client/i18n/followups.zh.ts';
import { importsEn } from '../../../client/i18n/imports.en.ts';
import { importsZh } from '../../../client/i18n/imports.zh.ts';
import { ledgerEn } from '../../../client/i18n/ledger.en.ts';
import { ledgerZh } from '../../../client/i18n/ledger.zh.ts';
import { layersEn } from '../../../client/i18n/layers.en.ts';
import { layersZh } from '../../../client/i18n/layers.zh.ts';
import { meetingEn } from '../../../client/i18n/meeting.en.ts';
import { meetingZh } from '../../../client/i18n/meeting.zh.ts';
import { sitingEn } from '../../../client/i18n/siting.en.ts';
import { sitingZh } from '../../../client/i18n/siting.zh.ts';
import { translate } from '../../../client/i18n/messages.ts';
import { zh } from '../../../client/i18n/zh.ts';

// Every catalog of the one mechanism (client/i18n/catalog.ts): the interface, layers, accounts, meeting tools, siting, imports, follow-up.
const catalogs = [
  { name: 'interface', zh, en },
  { name: 'layers', zh: layersZh, en: layersEn },
  { name: 'accounts', zh: accountZh, en: accountEn },
  { name: 'meeting tools', zh: meetingZh, en: meetingEn },
  { name: 'siting', zh: sitingZh, en: sitingEn },
  { name: 'imports', zh: importsZh, en: importsEn },
  { name: 'follow-up', zh: followupsZh, en: followupsEn },
  { name: 'ledger', zh: ledgerZh, en: ledgerEn },
] as { name: string; zh: Record<string, string>; en: Record<string, string> }[];

describe.each(catalogs)('$name dictionaries', ({ zh: source, en: english }) => {
  it('English has exactly the keys of the Chinese source, none empty', () => {
    expect(Object.keys(english).sort()).toEqual(Object.keys(source).sort());
    for (const [k, v] of Object.entries(english)) expect(v.trim(), k).not.toBe('');
  });
  it('placeholders match between languages', () => {
    const names = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
    for (const key of Object.keys(source)) expect(names(english[key]), key).toEqual(names(source[key]));
  });
});

describe('translate', () => {
  const cases: {
    title: string;
    lang: 'zh' | 'en';
    key: 'demo.badge' | 'panel.regions.count' | 'map.tooltip.code';
    params?: Record<string, number>;
    expected: string;
  }[] = [
    { title: 'zh default text', lang: 'zh', key: 'demo.badge', params: undefined, expected: '演示数据' },
    { title: 'en text', lang: 'en', key: 'demo.badge', params: undefined, expected: 'Demo data' },
    { title: 'placeholder', lang: 'zh', key: 'panel.regions.count', params: { count: 11 }, expected: '共 11 个' },
    { title: 'missing parameter left visible', lang: 'en', key: 'map.tooltip.code', params: {}, expected: 'Code: {code}' },
  ];
  it.each(cases)('$title', ({ lang, key, params, expected }) => {
    expect(translate(lang, key, params)).toBe(expected);
  });
});
