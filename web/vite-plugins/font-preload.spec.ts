import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { zh } from '../src/i18n/zh.js';
import { filesCovering, parseFontFaces } from './font-preload.js';
import { uiText } from '../src/i18n/ui-text.js';

const CSS = `
/* noto-sans-sc-[4]-wght-normal */
@font-face {
  font-family: 'Noto Sans SC Variable';
  font-weight: 100 900;
  src: url(./files/noto-sans-sc-4-wght-normal.woff2) format('woff2-variations');
  unicode-range: U+1f1e9-1f1f5,U+1f21a;
}
@font-face {
  font-family: 'Noto Sans SC Variable';
  src: url("./files/noto-sans-sc-119-wght-normal.woff2") format('woff2-variations');
  unicode-range: U+4e2d, U+5fc3-5fc5;
}
@font-face {
  font-family: 'Noto Sans SC Variable';
  src: url(./files/noto-sans-sc-latin-wght-normal.woff2) format('woff2-variations');
  unicode-range: U+0000-00FF,U+2000-206F;
}
@font-face { font-family: 'No range'; src: url(./files/other.woff2); }
`;

describe('the font files preloaded', () => {
  it('reads each face’s file and code point ranges', () => {
    expect(parseFontFaces(CSS)).toEqual([
      {
        file: 'noto-sans-sc-4-wght-normal.woff2',
        ranges: [
          [0x1f1e9, 0x1f1f5],
          [0x1f21a, 0x1f21a],
        ],
      },
      {
        file: 'noto-sans-sc-119-wght-normal.woff2',
        ranges: [
          [0x4e2d, 0x4e2d],
          [0x5fc3, 0x5fc5],
        ],
      },
      {
        file: 'noto-sans-sc-latin-wght-normal.woff2',
        ranges: [
          [0, 0xff],
          [0x2000, 0x206f],
        ],
      },
    ]);
  });

  it('picks the files that hold a character of the text, at either end of a range', () => {
    const faces = parseFontFaces(CSS);
    expect(filesCovering(faces, '中心')).toEqual(['noto-sans-sc-119-wght-normal.woff2']);
    expect(filesCovering(faces, '必')).toEqual(['noto-sans-sc-119-wght-normal.woff2']); // U+5FC5, a range's end
    expect(filesCovering(faces, '中 1')).toEqual([
      'noto-sans-sc-119-wght-normal.woff2',
      'noto-sans-sc-latin-wght-normal.woff2',
    ]);
    expect(filesCovering(faces, '🈚')).toEqual(['noto-sans-sc-4-wght-normal.woff2']); // beyond the BMP
    expect(filesCovering(faces, '')).toEqual([]);
  });

  it('covers every character of the UI’s Chinese texts and symbols with the bundled font’s files', () => {
    const require = createRequire(import.meta.url);
    const faces = parseFontFaces(readFileSync(require.resolve('@fontsource-variable/noto-sans-sc'), 'utf8'));
    const chosen = filesCovering(faces, uiText(zh));
    // Checked against the package's own table of subsets (unicode.json: "[115]" → its ranges),
    // not against the CSS the plugin parsed: every character of zh.ts that some subset holds
    // is in a subset whose file is preloaded.
    const table = JSON.parse(readFileSync(require.resolve('@fontsource-variable/noto-sans-sc/unicode.json'), 'utf8'));
    const subsets = Object.entries(table as Record<string, string>).map(([key, ranges]) => ({
      file: `noto-sans-sc-${key.replace(/[[\]]/g, '')}-wght-normal.woff2`,
      ranges: ranges.split(',').map((r) =>
        r
          .trim()
          .slice(2)
          .split('-')
          .map((h) => parseInt(h, 16)),
      ),
    }));
    const holds = (s: (typeof subsets)[number], cp: number) => s.ranges.some(([a, b]) => cp >= a! && cp <= (b ?? a)!);
    const missing = [...uiText(zh)].filter((c) => {
      const owners = subsets.filter((s) => holds(s, c.codePointAt(0)!));
      return owners.length > 0 && !owners.some((s) => chosen.includes(s.file));
    });
    expect(missing).toEqual([]);
    // A handful of files, not the font's hundred: the texts use common characters.
    expect(chosen.length).toBeGreaterThan(5);
    expect(chosen.length).toBeLessThan(30);
  });
});
