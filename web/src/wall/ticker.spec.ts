import { describe, expect, it } from 'vitest';
import { itemFromCase, itemFromEvent, pushItem, tickerItems } from './ticker.js';

const event = (code: string, at: string, from: string | null = 'registered', to = 'mediating') => ({
  caseCode: code,
  at,
  fromStatus: from,
  toStatus: to,
  case: { category: 'land', severity: 'high', villageCode: code.slice(0, 12), overdue: false },
});

describe('the ticker', () => {
  it('turns a case event into an item, and ignores events about cases it may not see', () => {
    expect(itemFromEvent(event('371702005001202606300001', '2026-06-30T02:00:00Z'))).toMatchObject({
      code: '371702005001202606300001',
      category: 'land',
      fromStatus: 'registered',
      toStatus: 'mediating',
      villageCode: '371702005001',
      live: true,
    });
    expect(itemFromEvent({ ...event('x', 't'), case: null })).toBeNull();
  });

  it('puts the newest on top and keeps a screenful', () => {
    let items = [itemFromEvent(event('a', '1'))!];
    for (let i = 2; i <= 10; i++) items = pushItem(items, itemFromEvent(event(`c${i}`, String(i)))!);
    expect(items).toHaveLength(8);
    expect(items[0]!.code).toBe('c10');
  });

  it('does not show the same event twice', () => {
    const item = itemFromEvent(event('a', '1'))!;
    expect(pushItem([item], item)).toHaveLength(1);
  });

  it('tops live events up with the latest cases, each case once', () => {
    const live = [itemFromEvent(event('a', '2'))!];
    const latest = [
      itemFromCase({ code: 'a', category: 'land', villageCode: 'v', reportedAt: '1', status: 'registered' }),
      itemFromCase({ code: 'b', category: 'family', villageCode: 'v', reportedAt: '0', status: 'resolved' }),
    ];
    expect(tickerItems(live, latest).map((i) => [i.code, i.live])).toEqual([
      ['a', true],
      ['b', false],
    ]);
  });
});
