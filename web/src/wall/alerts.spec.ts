import { describe, expect, it } from 'vitest';
import { fillDays } from '../charts/series.js';
import { deriveAlerts, type AlertInputs } from './alerts.js';
import type { Summary } from './queries.js';

const summary = (over: Partial<Summary> = {}): Summary => ({
  unitCode: '371700000000',
  unitName: '菏泽市',
  today: { newCases: 3, closedCases: 2 },
  inProgress: 10,
  overdue: 0,
  onTimeClosureRate: 0.9,
  cameras: { total: 100, online: 95, offline: 4, fault: 1, onlineRate: 0.95 },
  riskPointsByLevel: [
    { level: 1, count: 0 },
    { level: 2, count: 3 },
  ],
  ...over,
});

const inputs = (over: Partial<AlertInputs> = {}): AlertInputs => ({
  summary: summary(),
  overdueCases: [],
  supervision: [],
  cities: [],
  trend: fillDays([], '2026-06-01', 30),
  events: [],
  now: new Date('2026-06-30T10:00:00+08:00'),
  ...over,
});

describe('deriveAlerts', () => {
  it('raises nothing on a calm day', () => {
    expect(deriveAlerts(inputs())).toEqual([]);
  });

  it('warns about overdue cases first, naming the worst ones and how late they are', () => {
    const alerts = deriveAlerts(
      inputs({
        summary: summary({ overdue: 4, riskPointsByLevel: [{ level: 1, count: 2 }] }),
        overdueCases: [{ code: 'C1', category: 'land', villageCode: 'v', deadline: '2026-06-27T10:00:00+08:00' }],
      }),
    );
    expect(alerts.map((a) => a.key)).toEqual(['alerts.overdue', 'alerts.overdueCase', 'alerts.redRisk']);
    expect(alerts[1]!.values).toEqual({ code: 'C1', category: 'land', days: 3 });
  });

  it('shows an open supervision order first, with its demand and deadline; an overdue one as critical', () => {
    const alerts = deriveAlerts(
      inputs({
        summary: summary({ riskPointsByLevel: [{ level: 1, count: 2 }] }),
        supervision: [
          {
            code: '371702005000P000001',
            demand: '限期化解积案',
            deadline: '2026-07-07T10:00:00+08:00',
            overdue: false,
          },
          {
            code: '371702005000P000002',
            demand: '长'.repeat(60),
            deadline: '2026-06-29T10:00:00+08:00',
            overdue: true,
          },
        ],
      }),
    );
    expect(alerts.map((a) => a.key)).toEqual(['alerts.supervisionOverdue', 'alerts.supervision', 'alerts.redRisk']);
    expect(alerts[1]!.values).toEqual({
      code: '371702005000P000001',
      demand: '限期化解积案',
      deadline: '2026-07-07T10:00:00+08:00',
    });
    expect([...String(alerts[0]!.values.demand)]).toHaveLength(40);
    expect(String(alerts[0]!.values.demand).endsWith('…')).toBe(true);
  });

  it('says since when a stale city has not been heard from, and nothing for a current one', () => {
    const alerts = deriveAlerts(
      inputs({
        cities: [
          { code: '370100000000', name: '济南市', stale: false, staleSince: null },
          { code: '371700000000', name: '菏泽市', stale: true, staleSince: '2026-06-30T09:12:00+08:00' },
          { code: '370200000000', name: '青岛市', stale: true, staleSince: null },
        ],
      }),
    );
    expect(alerts).toEqual([
      {
        id: 'stale-371700000000',
        level: 'warning',
        key: 'alerts.cityStale',
        values: { name: '菏泽市', since: '2026-06-30T09:12:00+08:00' },
      },
      { id: 'stale-370200000000', level: 'warning', key: 'alerts.cityNeverHeard', values: { name: '青岛市' } },
    ]);
  });

  it('warns when cameras online fall below 90%', () => {
    const alerts = deriveAlerts(
      inputs({ summary: summary({ cameras: { total: 100, online: 80, offline: 20, fault: 0, onlineRate: 0.8 } }) }),
    );
    expect(alerts).toEqual([
      { id: 'camera-rate', level: 'warning', key: 'alerts.cameraRate', values: { rate: 0.8, threshold: 0.9 } },
    ]);
  });

  it('flags a surge when today is well above the usual day', () => {
    const trend = fillDays(
      Array.from({ length: 29 }, (_, i) => ({ key: `2026-06-${String(i + 1).padStart(2, '0')}`, count: 4 })),
      '2026-06-01',
      30,
    );
    const calm = deriveAlerts(inputs({ trend, summary: summary({ today: { newCases: 6, closedCases: 0 } }) }));
    expect(calm).toEqual([]);
    const surge = deriveAlerts(inputs({ trend, summary: summary({ today: { newCases: 7, closedCases: 0 } }) }));
    expect(surge[0]).toMatchObject({ key: 'alerts.surge', values: { today: 7, average: 4 } });
  });

  it('raises newly reported critical cases from the live events', () => {
    const alerts = deriveAlerts(
      inputs({
        events: [
          {
            id: 'x',
            code: 'C9',
            at: '',
            category: 'public_order',
            severity: 'critical',
            villageCode: 'v',
            fromStatus: null,
            toStatus: 'registered',
            live: true,
          },
        ],
      }),
    );
    expect(alerts[0]).toMatchObject({ level: 'critical', key: 'alerts.critical', values: { code: 'C9' } });
  });
});
