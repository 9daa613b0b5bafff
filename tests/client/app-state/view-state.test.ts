import { describe, expect, it } from 'vitest';
import { defaultViewState, formatViewState, parseViewState, sameViewState, type ViewState } from '../../../client/app-state/view-state.ts';

const d = defaultViewState;

describe('parseViewState', () => {
  const cases: { title: string; search: string; expected: ViewState }[] = [
    { title: 'empty', search: '', expected: d },
    { title: 'only a question mark', search: '?', expected: d },
    { title: 'English', search: '?lang=en', expected: { ...d, lang: 'en' } },
    { title: 'without leading ?', search: 'lang=en', expected: { ...d, lang: 'en' } },
    { title: 'unknown language falls back', search: '?lang=fr', expected: d },
    { title: 'level and area', search: '?level=township&area=411421', expected: { ...d, level: 'township', area: '411421' } },
    { title: 'bad level', search: '?level=province', expected: d },
    { title: 'area must be a division code', search: '?area=41142', expected: d },
    { title: 'selected county', search: '?sel=411421', expected: { ...d, selected: '411421' } },
    { title: 'selected village (12 digits)', search: '?sel=411421100201', expected: { ...d, selected: '411421100201' } },
    { title: 'selected not a code', search: '?sel=abc', expected: d },
    { title: 'empty selection', search: '?sel=', expected: d },
    { title: 'camera', search: '?cam=115.65,34.35,8.2', expected: { ...d, camera: { lng: 115.65, lat: 34.35, zoom: 8.2 } } },
    {
      title: 'camera with escaped commas',
      search: '?cam=115.65%2C34.35%2C8.2',
      expected: { ...d, camera: { lng: 115.65, lat: 34.35, zoom: 8.2 } },
    },
    { title: 'camera with two numbers', search: '?cam=115.65,34.35', expected: d },
    { title: 'camera with an empty part', search: '?cam=115.65,,8', expected: d },
    { title: 'camera not numbers', search: '?cam=a,b,c', expected: d },
    { title: 'camera latitude out of range', search: '?cam=115,91,8', expected: d },
    { title: 'camera NaN', search: '?cam=NaN,34,8', expected: d },
    { title: 'camera Infinity', search: '?cam=Infinity,34,8', expected: d },
    { title: 'unknown parameters are ignored', search: '?foo=bar&lang=en', expected: { ...d, lang: 'en' } },
    { title: 'first of repeated parameters wins', search: '?lang=en&lang=zh', expected: { ...d, lang: 'en' } },
    {
      title: 'everything',
      search: '?lang=en&level=village&area=411421101&sel=411421101201&cam=115.2,34.6,11.5',
      expected: {
        ...d,
        lang: 'en',
        level: 'village',
        area: '411421101',
        selected: '411421101201',
        camera: { lng: 115.2, lat: 34.6, zoom: 11.5 },
      },
    },
    { title: 'measure', search: '?m=pv_registration', expected: { ...d, measure: 'pv_registration' } },
    { title: 'unknown measure', search: '?m=nope', expected: d },
    { title: 'classification', search: '?cls=jenks', expected: { ...d, method: 'jenks' } },
    { title: 'bad classification', search: '?cls=magic', expected: d },
    {
      title: 'custom breaks sorted, deduplicated',
      search: '?cls=custom&brk=60,40,40,80',
      expected: { ...d, method: 'custom', breaks: [40, 60, 80] },
    },
    { title: 'bad breaks', search: '?brk=40,x', expected: d },
    { title: 'dates', search: '?asOf=2020-05-31&cmp=2020-03-20', expected: { ...d, asOf: '2020-05-31', compareTo: '2020-03-20' } },
    { title: 'bad date', search: '?asOf=2020-13-45&cmp=yesterday', expected: d },
  ];
  it.each(cases)('$title', ({ search, expected }) => {
    expect(parseViewState(search)).toEqual(expected);
  });
});

describe('formatViewState', () => {
  const cases: { title: string; state: ViewState; expected: string }[] = [
    { title: 'defaults give the plain address', state: d, expected: '' },
    { title: 'English', state: { ...d, lang: 'en' }, expected: '?lang=en' },
    { title: 'selection', state: { ...d, selected: '411421' }, expected: '?sel=411421' },
    {
      title: 'camera rounded, commas readable',
      state: { ...d, camera: { lng: 115.6543219876, lat: 34.3512345678, zoom: 8.123456 } },
      expected: '?cam=115.65432,34.35123,8.12',
    },
    { title: 'negative camera', state: { ...d, camera: { lng: -0.5, lat: -10.25, zoom: 0 } }, expected: '?cam=-0.5,-10.25,0' },
    {
      title: 'fields in a fixed order',
      state: { ...d, camera: { lng: 116, lat: 34, zoom: 9 }, selected: '411402', area: '411421', level: 'township', lang: 'en' },
      expected: '?lang=en&level=township&area=411421&sel=411402&cam=116,34,9',
    },
    {
      title: 'measure, classification, breaks and dates',
      state: { ...d, measure: 'start_rate', method: 'custom', breaks: [40, 60.5], asOf: '2020-05-31', compareTo: '2020-03-20' },
      expected: '?m=start_rate&cls=custom&brk=40,60.5&asOf=2020-05-31&cmp=2020-03-20',
    },
  ];
  it.each(cases)('$title', ({ state, expected }) => {
    expect(formatViewState(state)).toBe(expected);
  });

  it('keeps parameters that are not view state, after it', () => {
    expect(formatViewState({ ...d, lang: 'en' }, d, new URLSearchParams('?debug=1&lang=zh'))).toBe('?lang=en&debug=1');
  });
  it('keeps unknown parameters and writes the layers through their own codec', () => {
    const layers = parseViewState('?ly=projects').layers;
    expect(layers).not.toEqual(d.layers);
    const url = formatViewState({ ...d, measure: 'pv_registration', layers }, d, new URLSearchParams('?debug=1&m=spend_rate&foo=a%20b'));
    const params = new URLSearchParams(url);
    expect(params.get('debug')).toBe('1');
    expect(params.get('foo')).toBe('a b');
    expect(params.get('m')).toBe('pv_registration');
    expect(params.get('ly')).toBe('projects');
    expect(parseViewState(url).layers).toEqual(layers);
  });
  it('drops stale layer parameters when the layers are back to default', () => {
    expect(formatViewState(d, d, new URLSearchParams('?ly=projects&x=1'))).toBe('?x=1');
  });
  it('drops a default field that the old URL had', () => {
    expect(formatViewState(d, d, new URLSearchParams('?lang=en&sel=411421'))).toBe('');
  });
});

describe('round trip', () => {
  const states: ViewState[] = [
    d,
    { ...d, lang: 'en' },
    { ...d, selected: '411481', camera: { lng: 116.44, lat: 33.93, zoom: 9.5 } },
    { ...d, lang: 'en', level: 'village', area: '411421101', selected: '411421101201', camera: { lng: 115.2, lat: 34.6, zoom: 11.5 } },
    { ...d, measure: 'overdue', method: 'quantile', asOf: '2020-04-30', compareTo: '2020-01-31' },
    { ...d, method: 'custom', breaks: [10, 20.25, 90] },
  ];
  it.each(states.map((s, i) => ({ i, s })))('state $i survives format → parse', ({ s }) => {
    expect(parseViewState(formatViewState(s))).toEqual(s);
    expect(sameViewState(parseViewState(formatViewState(s)), s)).toBe(true);
  });
  it('a formatted URL is stable (format ∘ parse ∘ format = format)', () => {
    const once = formatViewState({ ...d, camera: { lng: 115.123456789, lat: 34.987654321, zoom: 8.55555 } });
    expect(formatViewState(parseViewState(once))).toBe(once);
  });
});
