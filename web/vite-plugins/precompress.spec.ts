import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { precompress } from './precompress.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'precompress-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

it('writes a gzipped copy of each text asset that gzip shrinks, and none of fonts or tiny files', () => {
  const script = 'export function f() { return 1; }\n'.repeat(500);
  writeFileSync(join(dir, 'main-abc.js'), script);
  writeFileSync(join(dir, 'main-abc.css'), 'body { margin: 0 }\n'.repeat(100));
  writeFileSync(join(dir, 'font-abc.woff2'), Buffer.alloc(4000, 7));
  writeFileSync(join(dir, 'tiny-abc.js'), 'x');
  expect(precompress(dir)).toBe(2);
  expect(gunzipSync(readFileSync(join(dir, 'main-abc.js.gz'))).toString()).toBe(script);
  expect(existsSync(join(dir, 'main-abc.css.gz'))).toBe(true);
  expect(existsSync(join(dir, 'font-abc.woff2.gz'))).toBe(false);
  expect(existsSync(join(dir, 'tiny-abc.js.gz'))).toBe(false);
});
