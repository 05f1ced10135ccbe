/**
 * Gzipped copies of the built web app's text assets (`name.js` → `name.js.gz`, at the highest
 * level), written once at build time so the server sends them as they are (server/src/http/
 * web-app.ts) instead of compressing every script again on every load. Files that gzip does not
 * shrink by a tenth (fonts, images) get no copy.
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { constants, gzipSync } from 'node:zlib';
import type { Plugin } from 'vite';

const TEXT = /\.(js|mjs|css|json|svg|html|txt|map)$/;

/** Writes the copies beside the files in `dir`; returns how many it wrote. */
export function precompress(dir: string): number {
  let written = 0;
  for (const name of readdirSync(dir)) {
    if (!TEXT.test(name)) continue;
    const body = readFileSync(join(dir, name));
    const gzipped = gzipSync(body, { level: constants.Z_BEST_COMPRESSION });
    if (gzipped.length > body.length * 0.9) continue;
    writeFileSync(join(dir, `${name}.gz`), gzipped);
    written++;
  }
  return written;
}

/** The Vite plugin: precompresses the build's assets folder once the bundle is written. */
export function precompressPlugin(): Plugin {
  let assets = '';
  return {
    name: 'zongzhi-precompress',
    apply: 'build',
    configResolved(config) {
      assets = resolve(config.root, config.build.outDir, config.build.assetsDir);
    },
    closeBundle() {
      precompress(assets);
    },
  };
}
