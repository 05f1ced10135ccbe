import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { textProblem } from './text-safety.js';

// The forbidden code points as the rule states them, written out apart from the implementation.
const FORBIDDEN_RANGES: readonly [number, number][] = [
  [0x0000, 0x001f],
  [0x007f, 0x009f],
  [0x061c, 0x061c],
  [0x200e, 0x200f],
  [0x202a, 0x202e],
  [0x2066, 0x2069],
];
const isForbidden = (cp: number) => FORBIDDEN_RANGES.some(([a, b]) => cp >= a && cp <= b);
const MULTILINE_EXTRAS = [0x09, 0x0a, 0x0d];

const hex = (cp: number) => `U+${cp.toString(16).toUpperCase().padStart(4, '0')}`;

/** Any character outside the forbidden set: Chinese, ASCII, astral (emoji), other scripts. */
const allowedChar = fc
  .oneof(
    fc.integer({ min: 0x20, max: 0x7e }),
    fc.integer({ min: 0x4e00, max: 0x9fff }),
    fc.integer({ min: 0xa0, max: 0xd7ff }),
    fc.integer({ min: 0xe000, max: 0x10ffff }),
  )
  .filter((cp) => !isForbidden(cp))
  .map((cp) => String.fromCodePoint(cp));
const allowedText = fc.array(allowedChar, { maxLength: 40 }).map((cs) => cs.join(''));

const forbiddenCodePoint = fc.oneof(...FORBIDDEN_RANGES.map(([min, max]) => fc.integer({ min, max })));

describe('textProblem', () => {
  it('passes Chinese names, punctuation, full-width forms and emoji', () => {
    for (const v of ['东安社区第一网格', '牡丹区公安分局（治安大队）', 'Ｒ-01 “学校”', 'a\u00a0b', '🏫 实验小学', '']) {
      expect(textProblem(v), v).toBeNull();
    }
  });

  it('names the control character and its position counted in characters from 1', () => {
    expect(textProblem('name\u0007x')).toBe('contains the control character U+0007 at position 5');
    expect(textProblem('🏫\u0000')).toBe('contains the control character U+0000 (NUL) at position 2');
    expect(textProblem('a\u007f')).toBe('contains the control character U+007F at position 2');
    expect(textProblem('a\u0085')).toBe('contains the control character U+0085 at position 2');
  });

  it('tells a bidirectional override to be removed, by its Unicode name', () => {
    expect(textProblem('ab\u202Egpj.exe')).toBe(
      'contains the bidirectional override U+202E (RIGHT-TO-LEFT OVERRIDE) at position 3; remove it',
    );
    expect(textProblem('\u2066x')).toBe(
      'contains the bidirectional control U+2066 (LEFT-TO-RIGHT ISOLATE) at position 1; remove it',
    );
    expect(textProblem('x\u200f')).toContain('U+200F (RIGHT-TO-LEFT MARK) at position 2');
    expect(textProblem('x\u061c')).toContain('U+061C (ARABIC LETTER MARK)');
  });

  it('reports the first forbidden character when there are several', () => {
    expect(textProblem('a\u202Eb\u0007')).toContain('U+202E');
  });

  it('refuses line breaks and tabs in a single-line field and allows them in a multi-line one', () => {
    expect(textProblem('一行\n两行')).toBe('contains the control character U+000A (a line feed) at position 3');
    expect(textProblem('a\tb')).toBe('contains the control character U+0009 (a tab) at position 2');
    expect(textProblem('a\r\nb')).toBe('contains the control character U+000D (a carriage return) at position 2');
    expect(textProblem('第一条\n\t第二条\r\n第三条', { multiline: true })).toBeNull();
  });

  it('refuses a carriage return that does not end a line, and every other control, even in multi-line text', () => {
    expect(textProblem('a\rb', { multiline: true })).toBe(
      'contains the control character U+000D (a carriage return) at position 2',
    );
    expect(textProblem('a\r\r\nb', { multiline: true })).toContain('at position 2');
    expect(textProblem('a\n\u000bb', { multiline: true })).toBe('contains the control character U+000B at position 3');
    expect(textProblem('a\n\u202Db', { multiline: true })).toContain('U+202D');
  });

  it('passes any text built from allowed characters, single-line or multi-line', () => {
    fc.assert(fc.property(allowedText, (v) => textProblem(v) === null));
    const line = fc.oneof(allowedChar, fc.constantFrom('\n', '\t', '\r\n'));
    fc.assert(
      fc.property(fc.array(line, { maxLength: 40 }), (cs) => textProblem(cs.join(''), { multiline: true }) === null),
    );
  });

  it('fails any text holding one forbidden character, naming its code point and position', () => {
    fc.assert(
      fc.property(allowedText, forbiddenCodePoint, allowedText, (before, cp, after) => {
        const problem = textProblem(before + String.fromCodePoint(cp) + after);
        expect(problem).toContain(hex(cp));
        expect(problem).toContain(`at position ${[...before].length + 1}`);
      }),
    );
    const multilineForbidden = forbiddenCodePoint.filter((cp) => !MULTILINE_EXTRAS.includes(cp));
    fc.assert(
      fc.property(allowedText, multilineForbidden, allowedText, (before, cp, after) => {
        const problem = textProblem(`${before}\n${String.fromCodePoint(cp)}${after}`, { multiline: true });
        expect(problem).toContain(hex(cp));
        expect(problem).toContain(`at position ${[...before].length + 2}`);
      }),
    );
  });
});
