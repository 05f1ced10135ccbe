/**
 * The indicator breakdown as rows for the table, the chart and the CSV: period A, and period B
 * with the change when comparing. Pure.
 */
import type { Cell } from '../stability/csv.js';
import type { IndexIndicator, RankingEntry, StabilityIndex } from '../stability/queries.js';

export interface BreakdownRow {
  key: string;
  label: string;
  unit: string;
  direction: 'positive' | 'negative';
  raw: number | null;
  normalised: number | null;
  weight: number;
  contribution: number;
  /** Period B, when comparing (null: B has no such indicator or is not published). */
  compare: { raw: number | null; contribution: number } | null;
  /** Points A minus points B. */
  change: number | null;
}

export function breakdownRows(a: StabilityIndex, b: StabilityIndex | null, language: 'zh' | 'en'): BreakdownRow[] {
  const before = new Map<string, IndexIndicator>((b?.indicators ?? []).map((i) => [i.key, i]));
  return a.indicators.map((i) => {
    const other = before.get(i.key);
    return {
      key: i.key,
      label: language === 'en' ? i.labelEn : i.label,
      unit: i.unit,
      direction: i.direction,
      raw: i.rawValue,
      normalised: i.normalised,
      weight: i.weight,
      contribution: i.contribution,
      compare: other ? { raw: other.rawValue, contribution: other.contribution } : null,
      change: other ? round(i.contribution - other.contribution) : null,
    };
  });
}

/** Rounds away floating-point dust (0.1 + 0.2) without hiding real digits. */
export const round = (x: number, digits = 6) => Math.round(x * 10 ** digits) / 10 ** digits;

export interface CsvTexts {
  indicator: string;
  raw: string;
  normalised: string;
  weight: string;
  contribution: string;
  change: string;
  total: string;
  periodA: string;
  periodB: string;
}

/** The breakdown as a CSV table, with the score as its last row; B's columns when comparing. */
export function breakdownTable(
  rows: readonly BreakdownRow[],
  score: { a: number; b: number | null },
  t: CsvTexts,
  comparing: boolean,
): { header: string[]; rows: Cell[][] } {
  const header = [t.indicator, t.raw, t.normalised, t.weight, t.contribution];
  if (comparing) header.push(`${t.periodB} ${t.raw}`, `${t.periodB} ${t.contribution}`, t.change);
  const body: Cell[][] = rows.map((r) => {
    const line: Cell[] = [r.label, r.raw, r.normalised, r.weight, r.contribution];
    if (comparing) line.push(r.compare?.raw ?? null, r.compare?.contribution ?? null, r.change);
    return line;
  });
  const total: Cell[] = [t.total, null, null, round(rows.reduce((s, r) => s + r.weight, 0)), score.a];
  if (comparing) total.push(null, score.b, score.b === null ? null : round(score.a - score.b));
  return { header, rows: [...body, total] };
}

export function rankingTable(
  entries: readonly RankingEntry[],
  t: { rank: string; code: string; name: string; score: string; band: string; previous: string },
  bandName: (band: string) => string,
): { header: string[]; rows: Cell[][] } {
  return {
    header: [t.rank, t.code, t.name, t.score, t.band, t.previous],
    rows: entries.map((e) => [e.rank, e.unitCode, e.unitName, e.score, bandName(e.band), e.previousScore]),
  };
}
