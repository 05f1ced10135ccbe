/**
 * The wall runs unattended all day, often on software rendering, where the page's styles cost
 * CPU that the map needs:
 * - every frame the page produces costs a full-screen readback of the composited page, and one
 *   pulsing "live" dot made most of the frames before the map's first. So no style may animate
 *   without end;
 * - the page is rastered in software, all of it again whenever a web-font file arrives (a CJK
 *   font comes as many files, so that happens several times in a load). Blurred box-shadows over
 *   the panels and the map's frame make each such repaint several times dearer than gradients
 *   painted over the boxes' own edges. So the wall's big boxes have no blurred shadow.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';

const WEB_SRC = join(import.meta.dirname, '..');

const files = readdirSync(WEB_SRC, { recursive: true, encoding: 'utf8' })
  .filter((name) => name.endsWith('.css'))
  .map((name) => join(WEB_SRC, name));

it('no stylesheet of the web app animates forever', () => {
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

/** The declarations of every rule whose selector names `className` (nested rules included). */
function declarationsFor(css: string, className: string): string[] {
  const name = new RegExp(`\\.${className}(?![\\w-])`);
  return [...css.replace(/\/\*[\s\S]*?\*\//g, '').matchAll(/([^{}]+)\{([^{}]*)\}/g)]
    .filter(([, selector]) => name.test(selector!))
    .map(([, , body]) => body!);
}

/** Whether a box-shadow value has a shadow with a blur radius (its third length) over zero. */
function hasBlur(value: string): boolean {
  return value.split(/,(?![^(]*\))/).some((shadow) => {
    const lengths = shadow.replace(/rgba?\([^)]*\)|hsla?\([^)]*\)|\binset\b/g, '').match(/-?[\d.]+[a-z%]*/g) ?? [];
    return lengths.length >= 3 && parseFloat(lengths[2]!) > 0;
  });
}

it('tells a blurred shadow from a sharp one', () => {
  expect(hasBlur('inset 0 0 2rem rgb(56 189 248 / 0.06)')).toBe(true);
  expect(hasBlur('0 0.3rem 1.5rem rgb(0 0 0 / 0.45)')).toBe(true);
  expect(hasBlur('inset 2px 0 0 rgb(56 189 248 / 0.35)')).toBe(false);
  expect(hasBlur('none')).toBe(false);
});

it("the wall's panels, map frame and page have no blurred box-shadow", () => {
  const css = files.map((file) => readFileSync(file, 'utf8')).join('\n');
  const blurred = ['wall', 'panel', 'map-frame'].flatMap((className) =>
    declarationsFor(css, className)
      .flatMap((body) => [...body.matchAll(/box-shadow\s*:([^;]+)/g)].map((m) => m[1]!.trim()))
      .filter(hasBlur)
      .map((value) => `.${className}: ${value}`),
  );
  expect(declarationsFor(css, 'panel').length).toBeGreaterThan(0);
  expect(blurred).toEqual([]);
});
