import { describe, expect, it } from 'vitest';
import { CASE_STATUSES, CASE_SEVERITIES, type CaseSeverity } from '../../domain/vocabulary.js';
import { dayNumberOf, instantAt } from './calendar.js';
import { simulateCaseTimeline, type CaseTimelineInput } from './case-lifecycle.js';
import { createRng } from './prng.js';

const now = instantAt(dayNumberOf('2026-11-22'), 86_399);
const DAY = 86_400_000;

function buildInput(overrides: Partial<CaseTimelineInput> = {}): CaseTimelineInput {
  return {
    reportedMs: now - 200 * DAY,
    category: 'neighbour',
    severity: 'medium',
    source: 'patrol',
    nowMs: now,
    units: {
      gridCode: '371702005001001',
      villageCode: '371702005001',
      townshipCode: '371702005000',
      countyCode: '371702000000',
      cityCode: '371700000000',
    },
    rng: createRng(1),
    ...overrides,
  };
}

describe('case lifecycle', () => {
  it('walks the seven stages in order from a null start, each event later than the last', () => {
    const timeline = simulateCaseTimeline(buildInput());
    expect(timeline.events.map((e) => e.to_status)).toEqual([...CASE_STATUSES]);
    expect(timeline.events[0]!.from_status).toBeNull();
    timeline.events.forEach((e, i) => {
      if (i > 0) {
        expect(e.from_status).toBe(timeline.events[i - 1]!.to_status);
        expect(Date.parse(e.at)).toBeGreaterThan(Date.parse(timeline.events[i - 1]!.at));
      }
      expect(e.at).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+08:00$/);
      expect(e.actor).toMatch(/（(\d{12}|\d{15})）$/);
    });
    expect(timeline.status).toBe('reviewed');
    expect(timeline.closedAtMs).toBe(Date.parse(timeline.events[5]!.at));
  });

  it('stops at "now": a case reported an hour ago is open and has no close time', () => {
    const timeline = simulateCaseTimeline(buildInput({ reportedMs: now - 3_600_000, severity: 'low' }));
    expect(timeline.events.length).toBeLessThan(6);
    expect(timeline.closedAtMs).toBeNull();
    for (const e of timeline.events) expect(Date.parse(e.at)).toBeLessThanOrEqual(now);
  });

  it('escalates serious cases more often than minor ones', () => {
    const escalated = (severity: CaseSeverity) => {
      const rng = createRng(9);
      let n = 0;
      for (let i = 0; i < 2000; i++)
        if (simulateCaseTimeline(buildInput({ severity, rng })).handledLevel !== 'village') n++;
      return n / 2000;
    };
    const shares = CASE_SEVERITIES.map(escalated);
    expect(shares[0]).toBeLessThan(0.15);
    expect(shares[3]).toBeGreaterThan(0.6);
    expect(shares).toEqual([...shares].sort((a, b) => a - b));
  });
});
