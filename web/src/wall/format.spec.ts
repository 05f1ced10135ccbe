import { describe, expect, it } from 'vitest';
import { formatCount, formatPercent, formatRate, widthInEms } from './format.js';

describe('wall number formats', () => {
  it('groups digits', () => {
    expect(formatCount(250000, 'zh')).toBe('250,000');
    expect(formatCount(12864, 'en')).toBe('12,864');
  });

  it('writes rates as percentages with one decimal, and nothing as a dash', () => {
    expect(formatPercent(0.8885, 'zh')).toBe('88.9%');
    expect(formatPercent(1, 'en')).toBe('100.0%');
    expect(formatPercent(null, 'zh')).toBe('—');
    expect(formatPercent(Number.NaN, 'zh')).toBe('—');
  });

  it('writes case rates with one decimal', () => {
    expect(formatRate(12.345, 'zh')).toBe('12.3');
    expect(formatRate(1234.5, 'en')).toBe('1,234.5');
  });

  it('estimates how wide a number is, separators narrower than digits', () => {
    expect(widthInEms('4,848')).toBeCloseTo(4 * 0.56 + 0.28);
    expect(widthInEms('161,250')).toBeGreaterThan(widthInEms('61,250'));
    expect(widthInEms('—')).toBe(1);
  });
});
