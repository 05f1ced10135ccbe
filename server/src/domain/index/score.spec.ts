import { describe, expect, it } from 'vitest';
import {
  aggregate,
  bandOf,
  emptyCounts,
  indicatorValues,
  normaliseGoalposts,
  normaliseMinMax,
  rollUp,
  scoreCounts,
  type RawCounts,
} from './score.js';
import { CURRENT_WEIGHTS, type IndicatorKey, type IndicatorSpec } from './weights.js';

const counts = (over: Partial<RawCounts>): RawCounts => ({ ...emptyCounts(), ...over });

describe('indicator values', () => {
  it('gives rates per 10,000 residents per 30 days whatever the period length', () => {
    const week = indicatorValues(counts({ population: 5000, cases: 7 }), 7);
    // 7 cases / 5,000 residents × 10,000 × 30/7 = 60
    expect(week.case_rate).toBeCloseTo(60, 10);
    expect(indicatorValues(counts({ population: 5000, cases: 30 }), 30).case_rate).toBeCloseTo(60, 10);
  });

  it('gives shares, and null where there is nothing to divide by', () => {
    const v = indicatorValues(
      counts({ population: 100, closed: 4, closedOnTime: 3, closedInVillage: 2, closedInTownship: 4 }),
      30,
    );
    expect([v.on_time_closure, v.village_settled_share, v.township_settled_share]).toEqual([0.75, 0.5, 1]);
    expect(v.overdue_share).toBeNull();
    expect(v.camera_online_rate).toBeNull();
    expect(v.year_on_year_change).toBeNull();
    expect(indicatorValues(counts({ population: 0, cases: 3 }), 30).case_rate).toBeNull();
  });

  it('weights risk points by level and measures the change on a year before', () => {
    const v = indicatorValues(
      counts({ population: 10_000, riskPoints1: 1, riskPoints4: 2, cases: 15, casesYearBefore: 10 }),
      30,
    );
    expect(v.risk_point_rate).toBeCloseTo(6, 10);
    expect(v.year_on_year_change).toBeCloseTo(0.5, 12);
  });
});

describe('normalisation', () => {
  it('maps goalposts to 0 and 1 with the direction in their order, clamped', () => {
    expect(normaliseGoalposts(15, { worst: 30, best: 0 })).toBe(0.5);
    expect(normaliseGoalposts(45, { worst: 30, best: 0 })).toBe(0);
    expect(normaliseGoalposts(0.9, { worst: 0.5, best: 1 })).toBeCloseTo(0.8, 12);
    expect(normaliseGoalposts(1.2, { worst: 0.5, best: 1 })).toBe(1);
  });

  it('min–max normalises with direction and keeps missing values missing', () => {
    expect(normaliseMinMax([2, 4, null, 6], 'negative')).toEqual([1, 0.5, null, 0]);
    expect(normaliseMinMax([2, 4, 6], 'positive')).toEqual([0, 0.5, 1]);
    expect(normaliseMinMax([3, 3], 'positive')).toEqual([1, 1]);
  });
});

describe('aggregation and bands', () => {
  const specs: IndicatorSpec[] = [
    {
      key: 'case_rate',
      label: '',
      labelEn: '',
      unit: '',
      direction: 'negative',
      weight: 0.5,
      goalposts: { worst: 1, best: 0 },
    },
    {
      key: 'on_time_closure',
      label: '',
      labelEn: '',
      unit: '',
      direction: 'positive',
      weight: 0.3,
      goalposts: { worst: 0, best: 1 },
    },
    {
      key: 'overdue_share',
      label: '',
      labelEn: '',
      unit: '',
      direction: 'negative',
      weight: 0.2,
      goalposts: { worst: 1, best: 0 },
    },
  ];
  const bands = { red: 40, orange: 60, yellow: 75 };

  it('takes the weighted mean on 0..100 and contributions that sum to the score', () => {
    const n = new Map<IndicatorKey, number | null>([
      ['case_rate', 0.8],
      ['on_time_closure', 0.5],
      ['overdue_share', 1],
    ]);
    const r = aggregate(n, specs, bands)!;
    // 100 × (0.5·0.8 + 0.3·0.5 + 0.2·1) = 75
    expect(r.score).toBeCloseTo(75, 10);
    expect(r.band).toBe('blue');
    expect([...r.contributions.values()].reduce((a, b) => a + b, 0)).toBeCloseTo(r.score, 10);
  });

  it('rescales the weights of the indicators present when some are missing', () => {
    const n = new Map<IndicatorKey, number | null>([
      ['case_rate', 0.8],
      ['on_time_closure', null],
      ['overdue_share', 0.3],
    ]);
    // (0.5·0.8 + 0.2·0.3) / 0.7 × 100 = 65.714…
    expect(aggregate(n, specs, bands)!.score).toBeCloseTo(65.7142857, 6);
    expect(aggregate(new Map(), specs, bands)).toBeNull();
  });

  it('puts band boundaries in the higher band', () => {
    expect([39.99, 40, 59.9, 60, 74.9, 75, 100].map((s) => bandOf(s, bands))).toEqual([
      'red',
      'orange',
      'orange',
      'yellow',
      'yellow',
      'blue',
      'blue',
    ]);
  });

  it('scores a quiet, well-run grid high and a troubled one low with the current weights', () => {
    const quiet = scoreCounts(
      counts({
        population: 1000,
        cases: 1,
        severityPoints: 1,
        closed: 1,
        closedOnTime: 1,
        closedInVillage: 1,
        closedInTownship: 1,
        cameras: 10,
        camerasOnline: 10,
      }),
      30,
      CURRENT_WEIGHTS,
    )!;
    const troubled = scoreCounts(
      counts({
        population: 1000,
        cases: 5,
        severityPoints: 20,
        due: 4,
        dueMissed: 3,
        closed: 4,
        closedOnTime: 1,
        closedInVillage: 0,
        closedInTownship: 2,
        repeatCases: 3,
        cameras: 10,
        camerasOnline: 6,
      }),
      30,
      CURRENT_WEIGHTS,
    )!;
    expect(quiet.band).toBe('blue');
    expect(troubled.band).toBe('red');
    expect(troubled.indicators.map((i) => i.key)).toEqual(CURRENT_WEIGHTS.indicators.map((s) => s.key));
  });
});

describe('rolling grid counts up the hierarchy', () => {
  it('sums counts into village, township, county and city, so rates come from the sums', () => {
    const grids = new Map([
      ['371702005001001', counts({ population: 1000, cases: 10 })],
      ['371702005001002', counts({ population: 9000, cases: 10 })],
      ['371702005002001', counts({ population: 10_000, cases: 0 })],
    ]);
    const units = rollUp(grids);
    expect(units.get('371702005001')!.cases).toBe(20);
    expect(units.get('371702005000')!.population).toBe(20_000);
    expect(units.get('371702000000')!.cases).toBe(20);
    expect(units.get('371700000000')!.population).toBe(20_000);
    // The village's rate is 20 per 10,000; the mean of its grids' rates would be (100 + 11.1)/2.
    expect(indicatorValues(units.get('371702005001')!, 30).case_rate).toBeCloseTo(20, 10);
  });
});
