/**
 * The wall runs unattended all day, often on software rendering: there, every frame the page
 * produces costs a full-screen readback of the composited page (a Chromium trace of the city
 * wall counted 141 of them, most from one pulsing "live" dot, before the map's first frame;
 * without it, 25). So no style the wall loads may animate without end.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';

const WEB_SRC = join(import.meta.dirname, '..');

function cssFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return cssFiles(path);
    return entry.name.endsWith('.css') ? [path] : [];
  });
}

it('no stylesheet of the web app animates forever', () => {
  const files = cssFiles(WEB_SRC);
  expect(files.length).toBeGreaterThan(3);
  const endless = files.flatMap((file) =>
    readFileSync(file, 'utf8')
      .split('\n')
      .map((line, i) => ({ where: `${file}:${i + 1}`, line }))
      .filter(({ line }) => /animation(-iteration-count)?\s*:[^;]*\binfinite\b/.test(line))
      .map(({ where, line }) => `${where}: ${line.trim()}`),
  );
  expect(endless).toEqual([]);
});
