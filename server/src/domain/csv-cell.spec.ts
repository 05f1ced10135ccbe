import fc from 'fast-check';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { csvCell, unguardCsvCell } from './csv-cell.js';

/** What a CSV reader (the importer's) makes of the cell, guard dropped. */
const readBack = (cell: string) => {
  const parsed = Papa.parse<string[]>(`${cell},end\r\n`, { delimiter: ',', transform: unguardCsvCell });
  return parsed.data[0]![0];
};

describe('a CSV cell', () => {
  it('quotes commas, quotes and line breaks as RFC 4180 says', () => {
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('two\nlines')).toBe('"two\nlines"');
    expect(csvCell('东安社区')).toBe('东安社区');
  });

  it('leaves empty what is missing and numbers that are not finite', () => {
    expect(csvCell(null)).toBe('');
    expect(csvCell(undefined)).toBe('');
    expect(csvCell(Number.NaN)).toBe('');
    expect(csvCell(Number.POSITIVE_INFINITY)).toBe('');
  });

  it('defuses text a spreadsheet would run as a formula, and leaves numbers as numbers', () => {
    expect(csvCell('=HYPERLINK("http://evil","x")')).toBe(`"'=HYPERLINK(""http://evil"",""x"")"`);
    expect(csvCell('+86 530 123')).toBe("'+86 530 123");
    expect(csvCell('-3')).toBe("'-3");
    expect(csvCell('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvCell('\t=1')).toBe("'\t=1");
    expect(csvCell('\r=1')).toBe(`"'\r=1"`);
    expect(csvCell(-3)).toBe('-3');
    expect(csvCell('a=b')).toBe('a=b');
  });

  it('adds one more quote to text already starting with quotes before a formula character', () => {
    expect(csvCell("'=1")).toBe("''=1");
    expect(csvCell("'plain")).toBe("'plain");
    expect(unguardCsvCell("''=1")).toBe("'=1");
    expect(unguardCsvCell("'plain")).toBe("'plain");
  });

  it('reads back exactly the text that was written, whatever it holds', () => {
    const text = fc.string({ unit: fc.constantFrom("'", '=', '+', '-', '@', '\t', '\r', '\n', ',', '"', 'a', '名') });
    fc.assert(fc.property(text, (s) => readBack(csvCell(s)) === s));
    fc.assert(fc.property(fc.string({ unit: 'binary' }), (s) => readBack(csvCell(s)) === s));
  });
});
