import { describe, expect, it } from 'vitest';
import { csrfVerdict, type CsrfRequest } from '../../../server/auth/csrf.ts';
import { contentSecurityPolicy } from '../../../server/auth/headers.ts';

const base: CsrfRequest = {
  method: 'POST',
  contentType: 'application/json',
  hasBody: true,
  origin: undefined,
  secFetchSite: undefined,
  host: 'map.example.cn',
};

describe('CSRF verdict', () => {
  it.each([
    { title: 'GET is never checked', req: { method: 'GET', contentType: 'text/plain', origin: 'https://evil.example' }, status: 200 },
    { title: 'JSON from a non-browser client', req: {}, status: 200 },
    { title: 'JSON with charset', req: { contentType: 'application/json; charset=utf-8' }, status: 200 },
    { title: 'multipart upload', req: { contentType: 'multipart/form-data; boundary=x' }, status: 200 },
    { title: 'no body and no content type (logout)', req: { contentType: undefined, hasBody: false }, status: 200 },
    { title: 'same-origin browser request', req: { origin: 'https://map.example.cn', secFetchSite: 'same-origin' }, status: 200 },
    { title: 'typed by the user (Sec-Fetch-Site: none)', req: { secFetchSite: 'none' }, status: 200 },
    {
      title: 'cross-site urlencoded form',
      req: { contentType: 'application/x-www-form-urlencoded', origin: 'https://evil.example' },
      status: 415,
    },
    { title: 'text/plain (no-cors fetch)', req: { contentType: 'text/plain' }, status: 415 },
    { title: 'body without a content type', req: { contentType: undefined, hasBody: true }, status: 415 },
    {
      title: 'cross-site multipart form',
      req: { contentType: 'multipart/form-data; boundary=x', origin: 'https://evil.example', secFetchSite: 'cross-site' },
      status: 403,
    },
    { title: 'cross-site JSON (Origin of another host)', req: { origin: 'https://evil.example' }, status: 403 },
    { title: 'same-site subdomain', req: { secFetchSite: 'same-site', origin: 'https://x.example.cn' }, status: 403 },
    { title: 'opaque origin (sandboxed frame)', req: { origin: 'null' }, status: 403 },
    { title: 'Origin with another port', req: { origin: 'https://map.example.cn:8443' }, status: 403 },
    {
      title: 'DELETE cross-site',
      req: { method: 'DELETE', contentType: undefined, hasBody: false, secFetchSite: 'cross-site' },
      status: 403,
    },
    // Look-alike hosts without Sec-Fetch-Site (older browsers, some proxies strip it): only Origin decides.
    { title: 'look-alike: this host as a prefix', req: { origin: 'https://map.example.cn.evil.example' }, status: 403 },
    { title: 'look-alike: this host as a suffix', req: { origin: 'https://evilmap.example.cn' }, status: 403 },
    { title: 'look-alike: a subdomain of this host', req: { origin: 'https://x.map.example.cn' }, status: 403 },
    { title: 'look-alike: a parent domain', req: { origin: 'https://example.cn' }, status: 403 },
    { title: 'look-alike: this host as user info', req: { origin: 'https://map.example.cn@evil.example' }, status: 403 },
    { title: 'look-alike: trailing dot', req: { origin: 'https://map.example.cn.' }, status: 403 },
    { title: 'look-alike: Cyrillic а (IDN)', req: { origin: 'https://map.ex\u0430mple.cn' }, status: 403 },
    { title: 'look-alike: host in the path', req: { origin: 'https://evil.example/map.example.cn' }, status: 403 },
    {
      title: 'look-alike on a same-origin claim',
      req: { origin: 'https://map.example.cn.evil.example', secFetchSite: 'same-origin' },
      status: 403,
    },
    { title: 'Origin differs only in case', req: { origin: 'https://MAP.Example.CN' }, status: 200 },
    { title: 'Origin with the default port', req: { origin: 'https://map.example.cn:443' }, status: 200 },
    {
      title: 'PUT with a JSON suffix type from this origin',
      req: { method: 'put', contentType: 'application/merge-patch+json', origin: 'https://map.example.cn' },
      status: 200,
    },
  ])('$title → $status', ({ req, status }) => {
    const v = csrfVerdict({ ...base, ...req });
    expect(v.ok ? 200 : v.status).toBe(status);
  });
});

describe('Content-Security-Policy', () => {
  it('allows what MapLibre and deck.gl need and no external host', () => {
    expect(contentSecurityPolicy.scriptSrc).toEqual(["'self'"]);
    expect(contentSecurityPolicy.workerSrc).toEqual(expect.arrayContaining(["'self'", 'blob:']));
    expect(contentSecurityPolicy.imgSrc).toEqual(expect.arrayContaining(["'self'", 'data:', 'blob:']));
    expect(contentSecurityPolicy.styleSrc).toEqual(["'self'", "'unsafe-inline'"]);
    expect(contentSecurityPolicy.connectSrc).toContain("'self'");
    expect(contentSecurityPolicy.frameAncestors).toEqual(["'none'"]);
    for (const sources of Object.values(contentSecurityPolicy)) {
      for (const s of sources) expect(s).toMatch(/^('self'|'none'|'unsafe-inline'|blob:|data:)$/);
    }
  });
});
