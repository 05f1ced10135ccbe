import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { textFileRefusal } from './text-file.js';

const gbk = Uint8Array.from([0xb1, 0xe0, 0xc2, 0xeb, 0x2c, 0xc3, 0xfb, 0xb3, 0xc6, 0x0a]); // 编码,名称

describe('telling text files from others before parsing', () => {
  it('refuses ten megabytes of random bytes as a CSV within a second, with one reason', () => {
    const started = performance.now();
    const refusal = textFileRefusal('csv', randomBytes(10 * 1024 * 1024));
    expect(performance.now() - started).toBeLessThan(1000);
    expect(refusal).toMatchObject({ reason: 'binary_file', params: { format: 'CSV' } });
  });

  it('refuses UTF-16 text, whose every other byte is a NUL, but leaves a stray control character to its row', () => {
    const utf16 = Buffer.from('\uFEFF编码,名称,经度,纬度\r\n1,a,115,35\r\n', 'utf16le');
    expect(textFileRefusal('csv', utf16)).toMatchObject({ reason: 'binary_file' });
    expect(textFileRefusal('csv', new TextEncoder().encode('编码,名称\n1,a\u0000b\n'))).toBeNull();
  });

  it('accepts UTF-8 with or without a BOM and GBK when no encoding is stated', () => {
    expect(textFileRefusal('csv', new TextEncoder().encode('\uFEFF编码,名称\r\n1,a\r\n'))).toBeNull();
    expect(textFileRefusal('csv', new TextEncoder().encode('编码,名称\n'))).toBeNull();
    expect(textFileRefusal('csv', gbk)).toBeNull();
  });

  it('refuses text that is not in the stated encoding, and a GeoJSON that is not UTF-8', () => {
    expect(textFileRefusal('csv', gbk, 'utf-8')).toMatchObject({
      reason: 'not_encoding',
      params: { encoding: 'UTF-8' },
    });
    expect(textFileRefusal('geojson', gbk)).toMatchObject({ reason: 'not_encoding' });
  });

  it('refuses bytes that are neither UTF-8 nor GBK', () => {
    expect(textFileRefusal('csv', Uint8Array.from([0x61, 0x2c, 0x62, 0x0a, 0xc3, 0x28, 0xa1, 0x0a]))).toMatchObject({
      reason: 'bad_encoding',
    });
  });
});
