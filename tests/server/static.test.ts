/**
 * Static files: every text asset of a build is sent precompressed to a client that accepts brotli or
 * gzip (chosen by Accept-Encoding with q-values), raw only to one that accepts neither, with the
 * long-lived cache header on hashed assets. The folder is precompressed by the same step the Vite build
 * runs (server/build/precompress.ts).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compressibleFile, precompressDir } from '../../server/build/precompress.ts';
import { mountClient, pickEncoding } from '../../server/static.ts';

describe('pickEncoding', () => {
  const both = ['br', 'gzip'] as const;
  it.each([
    ['gzip, deflate, br, zstd', both, 'br'],
    ['gzip, deflate', both, 'gzip'],
    ['br', ['gzip'], null],
    ['br;q=0.5, gzip;q=0.9', both, 'gzip'],
    ['br;q=0, gzip', both, 'gzip'],
    ['GZIP', both, 'gzip'],
    ['*', both, 'br'],
    ['*;q=0.3, br;q=0', both, 'gzip'],
    ['identity', both, null],
    ['', both, null],
    [undefined, both, null],
    ['deflate', both, null],
  ] as const)('%j with %j → %s', (accept, available, expected) => {
    expect(pickEncoding(accept, available)).toBe(expected);
  });
});

describe('mountClient', () => {
  let dir: string;
  let app: Hono;
  const js = `export const data = ${JSON.stringify(Array.from({ length: 2000 }, (_, i) => ({ i, name: `区划${i}` })))};\n`;

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fupin-static-'));
    fs.mkdirSync(path.join(dir, 'assets'));
    fs.writeFileSync(
      path.join(dir, 'index.html'),
      '<!doctype html><html><head><script type="module" src="/assets/index-abc.js"></script></head></html>',
    );
    fs.writeFileSync(path.join(dir, 'assets', 'index-abc.js'), js);
    fs.writeFileSync(path.join(dir, 'assets', 'worker-abc.mjs'), js.replace('data', 'worker'));
    fs.writeFileSync(path.join(dir, 'assets', 'index-abc.css'), 'body{margin:0}'.repeat(200));
    fs.writeFileSync(path.join(dir, 'assets', 'logo.png'), Buffer.from([0x89, 0x50, 0x4e, 0x47]));
    await precompressDir(dir);
    app = new Hono();
    app.get('/api/health', (c) => c.json({ ok: true }));
    mountClient(app, dir);
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  const decode = (body: Buffer, encoding: string | null) =>
    encoding === 'br' ? zlib.brotliDecompressSync(body) : encoding === 'gzip' ? zlib.gunzipSync(body) : body;

  it('sends every compressible file of the build compressed to a browser, identical once decoded', async () => {
    const files = fs.readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((f) => compressibleFile.test(f));
    expect(files.length).toBe(4);
    for (const f of files) {
      const url = '/' + f.split(path.sep).join('/');
      const raw = fs.readFileSync(path.join(dir, f));
      for (const [accept, encoding] of [
        ['gzip, deflate, br, zstd', 'br'],
        ['gzip, deflate', 'gzip'],
        ['br;q=0.1, gzip;q=1.0', 'gzip'],
      ] as const) {
        const res = await app.request(url, { headers: { 'Accept-Encoding': accept } });
        expect(res.status, url).toBe(200);
        expect(res.headers.get('Content-Encoding'), `${url} for ${accept}`).toBe(encoding);
        expect(res.headers.get('Vary')).toBe('Accept-Encoding');
        const body = Buffer.from(await res.arrayBuffer());
        expect(body.length).toBeLessThan(raw.length);
        expect(decode(body, encoding).equals(raw), url).toBe(true);
      }
      // A client that accepts no compression gets the file itself.
      const plain = await app.request(url);
      expect(plain.headers.get('Content-Encoding')).toBeNull();
      expect(Buffer.from(await plain.arrayBuffer()).equals(raw)).toBe(true);
    }
  });

  it('keeps the long-lived cache header on hashed assets and the right types; the page is revalidated', async () => {
    const asset = await app.request('/assets/index-abc.js', { headers: { 'Accept-Encoding': 'br' } });
    expect(asset.headers.get('Cache-Control')).toBe('public, max-age=31536000, immutable');
    expect(asset.headers.get('Content-Type')).toMatch(/javascript/);
    expect((await app.request('/assets/worker-abc.mjs')).headers.get('Content-Type')).toMatch(/javascript/);
    expect((await app.request('/assets/index-abc.css')).headers.get('Content-Type')).toMatch(/text\/css/);
    const png = await app.request('/assets/logo.png', { headers: { 'Accept-Encoding': 'br, gzip' } });
    expect(png.headers.get('Content-Encoding')).toBeNull();
    const page = await app.request('/', { headers: { 'Accept-Encoding': 'gzip' } });
    expect(page.headers.get('Content-Encoding')).toBe('gzip');
    expect(page.headers.get('Cache-Control')).toBe('no-cache');
    expect(page.headers.get('Content-Type')).toMatch(/text\/html/);
  });

  it('falls back to the page for app paths, 404 for a missing asset, never serves outside the folder or the API', async () => {
    const spa = await app.request('/some/view?m=spend_rate');
    expect(spa.status).toBe(200);
    expect(await spa.text()).toContain('<script');
    expect((await app.request('/assets/missing-123.js')).status).toBe(404);
    expect((await app.request('/assets/..%2f..%2fetc%2fpasswd')).status).toBe(404);
    expect((await app.request('/api/health')).status).toBe(200);
    expect((await app.request('/api/nothing-here')).status).toBe(404);
  });
});
