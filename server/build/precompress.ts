/**
 * Build step: every compressible file of the client build gets a brotli (.br) and a gzip (.gz) copy
 * beside it, so the server sends static assets compressed without compressing per request
 * (server/static.ts picks the copy by Accept-Encoding). Used by vite.config.ts as a plugin.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import zlib from 'node:zlib';
import type { Plugin } from 'vite';

/** Files worth compressing (text and wasm); images and fonts are compressed already. */
export const compressibleFile = /\.(?:js|mjs|css|html|svg|json|txt|wasm|map)$/;

const brotli = promisify(zlib.brotliCompress);
const gzip = promisify(zlib.gzip);

/** Write `<file>.br` and `<file>.gz` for `file`; returns the three sizes in bytes. */
export async function precompressFile(file: string): Promise<{ raw: number; br: number; gzip: number }> {
  const data = await fs.readFile(file);
  const [br, gz] = await Promise.all([
    brotli(data, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11, [zlib.constants.BROTLI_PARAM_SIZE_HINT]: data.length } }),
    gzip(data, { level: 9 }),
  ]);
  await Promise.all([fs.writeFile(`${file}.br`, br), fs.writeFile(`${file}.gz`, gz)]);
  return { raw: data.length, br: br.length, gzip: gz.length };
}

/** Precompress every compressible file under `dir` (recursively). */
export async function precompressDir(dir: string): Promise<void> {
  const entries = await fs.readdir(dir, { withFileTypes: true, recursive: true });
  const files = entries.filter((e) => e.isFile() && compressibleFile.test(e.name)).map((e) => path.join(e.parentPath, e.name));
  await Promise.all(files.map((f) => precompressFile(f)));
}

/** Vite plugin: precompress the build output once it is written. */
export function precompressPlugin(): Plugin {
  let outDir = '';
  let write = true;
  return {
    name: 'fupin-precompress',
    apply: 'build',
    configResolved(config) {
      outDir = path.resolve(config.root, config.build.outDir);
      write = config.build.write;
    },
    async closeBundle() {
      // A build kept in memory (`write: false`, e.g. the bundle test) leaves nothing to compress.
      if (write) await precompressDir(outDir);
    },
  };
}
