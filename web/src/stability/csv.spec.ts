import { describe, expect, it } from 'vitest';
import { BOM, csvField, safeFileName, toCsv } from './csv.js';

describe('CSV for Excel', () => {
  it('starts with a byte-order mark and ends lines with CRLF', () => {
    const text = toCsv(['指标', '得分'], [['案件率', 12.5]]);
    expect(text.startsWith(BOM)).toBe(true);
    expect(text.slice(1)).toBe('指标,得分\r\n案件率,12.5\r\n');
    expect(new TextEncoder().encode(text).slice(0, 3)).toEqual(new Uint8Array([0xef, 0xbb, 0xbf]));
  });

  it('quotes commas, quotes and line breaks', () => {
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('two\nlines')).toBe('"two\nlines"');
  });

  it('leaves empty what is missing and defuses formulas in text, not negative numbers', () => {
    expect(csvField(null)).toBe('');
    expect(csvField(Number.NaN)).toBe('');
    expect(csvField('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`);
    expect(csvField('-3')).toBe("'-3");
    expect(csvField(-3)).toBe('-3');
  });

  it('makes names safe for Windows', () => {
    expect(safeFileName('牡丹区 2026年5月: 指标/得分')).toBe('牡丹区_2026年5月_指标_得分');
  });
});
