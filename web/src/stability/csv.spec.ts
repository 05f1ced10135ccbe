import { describe, expect, it } from 'vitest';
import { BOM, safeFileName, toCsv } from './csv.js';

describe('CSV for Excel', () => {
  it('starts with a byte-order mark and ends lines with CRLF', () => {
    const text = toCsv(['指标', '得分'], [['案件率', 12.5]]);
    expect(text.startsWith(BOM)).toBe(true);
    expect(text.slice(1)).toBe('指标,得分\r\n案件率,12.5\r\n');
    expect(new TextEncoder().encode(text).slice(0, 3)).toEqual(new Uint8Array([0xef, 0xbb, 0xbf]));
  });

  it('writes cells by the shared rule: quoted, formulas in text defused, numbers left alone', () => {
    expect(toCsv(['名称', '变化'], [['=HYPERLINK("x")', -3]]).slice(1)).toBe(
      `名称,变化\r\n"'=HYPERLINK(""x"")",-3\r\n`,
    );
  });

  it('makes names safe for Windows', () => {
    expect(safeFileName('牡丹区 2026年5月: 指标/得分')).toBe('牡丹区_2026年5月_指标_得分');
  });
});
