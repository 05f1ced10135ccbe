import { describe, expect, it } from 'vitest';
import { rootFontSize } from './scale.js';

describe('rootFontSize', () => {
  it('is 18 px at 1080p and doubles at 4K', () => {
    expect(rootFontSize(1920, 1080)).toBe(18);
    expect(rootFontSize(3840, 2160)).toBe(36);
  });

  it('fits the narrower side of screens with another shape', () => {
    expect(rootFontSize(3840, 1080)).toBe(18);
    expect(rootFontSize(1920, 1200)).toBe(18);
  });

  it('keeps text readable on small windows', () => {
    expect(rootFontSize(800, 450)).toBe(11);
  });
});
