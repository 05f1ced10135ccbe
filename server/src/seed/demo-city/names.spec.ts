import { describe, expect, it } from 'vitest';
import { chineseNumber, townshipBaseName, villageBaseName } from './names.js';

describe('place-name helpers', () => {
  it('strips the unit suffix but never to nothing', () => {
    expect(villageBaseName('东安社区')).toBe('东安');
    expect(villageBaseName('大高桥村')).toBe('大高桥');
    expect(villageBaseName('村')).toBe('村');
    expect(townshipBaseName('牡丹街道')).toBe('牡丹');
    expect(townshipBaseName('沙土镇')).toBe('沙土');
  });

  it('writes Chinese numerals', () => {
    expect([1, 3, 10, 12, 20, 35].map(chineseNumber)).toEqual(['一', '三', '十', '十二', '二十', '三十五']);
  });
});
