/**
 * The jurisdiction cases of every Subscription field: subscribed as the level's account, an
 * event outside and then one inside are raised; only the inside one arrives. A unitCode outside
 * is refused.
 */
import { expect } from 'vitest';
import type { EventBus, LiveEvents, Topic } from '../../src/events/bus.js';
import { collect, connect, until } from '../live.js';
import type { MatrixCase, MatrixEnv } from './cases.js';
import { expectAllInside } from './inside.js';
import type { Place } from './levels.js';

const AT = new Date('2026-06-30T09:00:00+08:00');

/** The topics whose events belong to a place (the index's publications belong to every unit). */
const EVENTS: {
  [T in Exclude<Topic, 'sessionsEnded' | 'indexPublished'>]: { selection: string; event: (p: Place) => LiveEvents[T] };
} = {
  caseChanged: {
    selection: 'caseCode case { code villageCode }',
    event: (p) => ({
      caseCode: p.caseCode,
      villageCode: p.village,
      at: AT,
      fromStatus: 'registered',
      toStatus: 'mediating',
      actor: 'demo-city',
      note: null,
    }),
  },
  cameraStatusChanged: {
    selection: 'id gridCode',
    event: (p) => ({ id: p.cameraId, gridCode: p.grid, status: 'offline', at: AT }),
  },
  gridsChanged: {
    selection: 'villageCode changeId',
    event: (p) => ({ villageCode: p.village, changeId: '1', kind: 'reshape', author: 'demo-planner', at: AT }),
  },
  warningRaised: {
    selection: 'gridCode day',
    event: (p) => ({
      id: '1',
      gridCode: p.grid,
      gridName: null,
      day: '2026-06-20',
      measure: 'daily_cases',
      observed: 9,
      expected: 2,
      upperLimit: 6,
      pValue: 0.001,
      raisedAt: AT,
    }),
  },
};

type LiveTopic = keyof typeof EVENTS;

/** Subscribed with a unitCode outside the level's jurisdiction: refused, and nothing arrives. */
async function refusesOutside({ api, level }: MatrixEnv, query: string, publish: () => void): Promise<void> {
  const client = connect(api, level.token);
  try {
    const live = collect(client, query, { u: level.outside.village });
    await until(() => live.received.length > 0 || live.errors.length > 0);
    publish();
    expect(live.received.filter((r) => r.data)).toEqual([]);
    expect(JSON.stringify(live.received) + JSON.stringify(live.errors)).toContain('not a unit inside');
  } finally {
    await client.dispose();
  }
}

function liveCase(topic: LiveTopic, events: () => EventBus): MatrixCase {
  const { selection, event } = EVENTS[topic];
  const query = `subscription ($u: ID) { ${topic}(unitCode: $u) { ${selection} } }`;
  const publish = (p: Place) => (events().publish as (t: Topic, e: unknown) => void)(topic, event(p));
  return {
    name: `Subscription.${topic}`,
    probes: {
      plain: async ({ api, level }: MatrixEnv) => {
        const client = connect(api, level.token);
        try {
          const live = collect(client, query, {});
          await live.started;
          publish(level.outside);
          publish(level.inside);
          await until(() => live.received.length > 0 || live.errors.length > 0);
          expect(live.errors).toEqual([]);
          expect(live.received).toHaveLength(1);
          expectAllInside(live.received, level.prefix);
          live.stop();
        } finally {
          await client.dispose();
        }
      },
      unitCode: (env: MatrixEnv) => refusesOutside(env, query, () => publish(env.level.outside)),
    },
  };
}

/**
 * The index's publications name no unit: every level hears each one, and what arrives carries
 * nothing of any place; a unitCode outside is refused like every subscription's.
 */
function indexPublishedCase(events: () => EventBus): MatrixCase {
  const query = 'subscription ($u: ID) { indexPublished(unitCode: $u) { period periodStart revision } }';
  const publish = () =>
    events().publish('indexPublished', { period: 'week', periodStart: '2026-06-22', revision: 1, publishedAt: AT });
  return {
    name: 'Subscription.indexPublished',
    probes: {
      plain: async ({ api, level }: MatrixEnv) => {
        const client = connect(api, level.token);
        try {
          const live = collect(client, query, { u: level.inside.village });
          await live.started;
          publish();
          await until(() => live.received.length > 0 || live.errors.length > 0);
          expect(live.errors).toEqual([]);
          expect(live.received).toEqual([
            { data: { indexPublished: { period: 'week', periodStart: '2026-06-22', revision: 1 } } },
          ]);
          live.stop();
        } finally {
          await client.dispose();
        }
      },
      unitCode: (env: MatrixEnv) => refusesOutside(env, query, publish),
    },
  };
}

/** The cases of every live topic, raising events on the suite's bus. */
export function liveCases(events: () => EventBus): MatrixCase[] {
  return [...(Object.keys(EVENTS) as LiveTopic[]).map((topic) => liveCase(topic, events)), indexPublishedCase(events)];
}
