/** Numbers for the wall: grouped digits, percentages with one decimal, "—" for nothing. */
export type Language = 'zh' | 'en';

const locale = (language: Language) => (language === 'zh' ? 'zh-CN' : 'en-US');

export function formatCount(n: number, language: Language): string {
  return new Intl.NumberFormat(locale(language), { maximumFractionDigits: 0 }).format(n);
}

/** 0.8885 → 88.9%; null → —. */
export function formatPercent(rate: number | null | undefined, language: Language): string {
  if (rate === null || rate === undefined || !Number.isFinite(rate)) return '—';
  return new Intl.NumberFormat(locale(language), {
    style: 'percent',
    minimumFractionDigits: 1,
    maximumFractionDigits: 1,
  }).format(rate);
}

/** A rate with one decimal (cases per 10,000 residents). */
export function formatRate(value: number, language: Language): string {
  return new Intl.NumberFormat(locale(language), { minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(value);
}

/** Widths in ems of what formatted numbers are made of, in the wall's bold Noto Sans SC. */
const NARROW = new Set([',', '.']);

/**
 * About how wide a formatted number is, in ems: digits a little over half an em, separators a
 * quarter, anything else (a dash, a percent sign) a whole one. The headline tiles shrink a
 * number that would not fit by it.
 */
export function widthInEms(text: string): number {
  let ems = 0;
  for (const ch of text) ems += ch >= '0' && ch <= '9' ? 0.56 : NARROW.has(ch) ? 0.28 : 1;
  return ems;
}
