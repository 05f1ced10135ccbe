/** Chinese place-name helpers for generated labels ("东安社区" → "东安", "沙土镇" → "沙土"). */

export function villageBaseName(name: string): string {
  const base = name.replace(/(社区|村)$/, '');
  return base.length > 0 ? base : name;
}

export function townshipBaseName(name: string): string {
  const base = name.replace(/(街道|镇|乡)$/, '');
  return base.length > 0 ? base : name;
}

/** Chinese ordinal numerals for up to 99 ("第三", "第十二"), for names like "第三中学". */
export function chineseNumber(n: number): string {
  const digits = '零一二三四五六七八九';
  if (!Number.isInteger(n) || n < 1 || n > 99) throw new Error(`chineseNumber supports 1..99, got ${n}`);
  if (n < 10) return digits[n]!;
  const tens = Math.floor(n / 10);
  const ones = n % 10;
  return `${tens === 1 ? '' : digits[tens]}十${ones === 0 ? '' : digits[ones]}`;
}
