import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  CASE_ACTIONS,
  allowedActions,
  applyCaseAction,
  isCaseAction,
  isOverdue,
  type CaseAction,
  type CaseState,
} from './case-lifecycle.js';
import { CASE_STATUSES, HANDLED_LEVELS, type CaseStatus } from './vocabulary.js';

const REPORTED = new Date('2026-03-02T08:00:00Z');
const NOW = new Date('2026-03-05T10:30:00Z');

function buildCase(overrides: Partial<CaseState> = {}): CaseState {
  const status = overrides.status ?? 'registered';
  const closed = status === 'resolved' || status === 'reviewed';
  return {
    status,
    handledLevel: 'village',
    category: 'neighbour',
    severity: 'high',
    reportedAt: REPORTED,
    deadline: new Date('2026-03-09T08:00:00Z'),
    closedAt: closed ? new Date('2026-03-04T12:00:00Z') : null,
    // A lead that has accepted, so that the dispatch gates stay open unless a test closes them.
    lead: 'taken',
    ...overrides,
  };
}

function apply(state: CaseState, action: CaseAction, now = NOW) {
  const result = applyCaseAction(state, action, now);
  if (!result.ok) throw new Error(`expected ${action} to be allowed: ${result.error.message}`);
  return result.value;
}

function reject(state: CaseState, action: CaseAction) {
  const result = applyCaseAction(state, action, NOW);
  if (result.ok) throw new Error(`expected ${action} from ${state.status} to be refused`);
  return result.error;
}

describe('allowedActions', () => {
  it.each<[CaseStatus, CaseAction[]]>([
    ['registered', ['advance', 'escalate']],
    ['mediating', ['advance', 'escalate', 'close']],
    ['assessing', ['advance', 'return_to_mediation', 'escalate', 'close']],
    ['dispatched', ['advance', 'return_to_mediation', 'escalate', 'close']],
    ['supervising', ['advance', 'return_to_mediation', 'escalate', 'close']],
    ['resolved', ['advance']],
    ['reviewed', []],
  ])('allows a village case that is %s to %j', (status, expected) => {
    expect(allowedActions(buildCase({ status }))).toEqual(expected);
  });

  it('no longer offers escalation once a case is handled by the city', () => {
    expect(allowedActions(buildCase({ status: 'dispatched', handledLevel: 'city' }))).toEqual([
      'advance',
      'return_to_mediation',
      'close',
    ]);
  });
});

describe('the gates of dispatch', () => {
  it('keeps a case in 风险研判 until a lead department is named', () => {
    for (const lead of ['none', 'returned'] as const) {
      const state = buildCase({ status: 'assessing', lead });
      expect(allowedActions(state)).toEqual(['return_to_mediation', 'escalate', 'close']);
      expect(reject(state, 'advance')).toMatchObject({
        gate: 'needs_lead',
        message:
          'cannot advance a case that is assessing: no lead department has been named; allowed: return to mediation, escalate, close',
      });
    }
    expect(apply(buildCase({ status: 'assessing', lead: 'offered' }), 'advance').state.status).toBe('dispatched');
  });

  it('keeps a case in 分类流转 until the lead department has taken it', () => {
    for (const lead of ['none', 'offered', 'returned'] as const) {
      expect(reject(buildCase({ status: 'dispatched', lead }), 'advance')).toMatchObject({
        gate: 'needs_lead_accept',
        allowed: ['return_to_mediation', 'escalate', 'close'],
      });
    }
    expect(apply(buildCase({ status: 'dispatched', lead: 'taken' }), 'advance').state.status).toBe('supervising');
  });

  it('leaves the other stages to their own rules', () => {
    expect(apply(buildCase({ status: 'mediating', lead: 'none' }), 'advance').state.status).toBe('assessing');
    expect(apply(buildCase({ status: 'supervising', lead: 'none' }), 'advance').state.status).toBe('resolved');
    expect(reject(buildCase({ status: 'reviewed' }), 'advance').gate).toBeUndefined();
  });
});

describe('advance', () => {
  it('walks a case through all seven stages in order and then stops', () => {
    let state = buildCase();
    const visited: CaseStatus[] = [state.status];
    while (allowedActions(state).includes('advance')) {
      const { state: next, event } = apply(state, 'advance');
      expect(event).toEqual({ from: state.status, to: next.status });
      visited.push(next.status);
      state = next;
    }
    expect(visited).toEqual([...CASE_STATUSES]);
  });

  it('sets the closing time when the case reaches 案结事了', () => {
    const { state } = apply(buildCase({ status: 'supervising' }), 'advance');
    expect(state.status).toBe('resolved');
    expect(state.closedAt?.toISOString()).toBe(NOW.toISOString());
  });

  it('keeps the closing time when a resolved case is reviewed', () => {
    const resolved = buildCase({ status: 'resolved', closedAt: new Date('2026-03-04T12:00:00Z') });
    const { state } = apply(resolved, 'advance');
    expect(state.status).toBe('reviewed');
    expect(state.closedAt?.toISOString()).toBe('2026-03-04T12:00:00.000Z');
  });

  it('leaves an open case open while it moves between open stages', () => {
    const { state } = apply(buildCase({ status: 'mediating' }), 'advance');
    expect(state).toMatchObject({ status: 'assessing', closedAt: null, handledLevel: 'village' });
  });

  it('refuses to advance a reviewed case and says nothing is allowed', () => {
    expect(reject(buildCase({ status: 'reviewed' }), 'advance')).toEqual({
      code: 'ILLEGAL_MOVE',
      message: 'cannot advance a case that is reviewed; allowed: none',
      allowed: [],
    });
  });
});

describe('return to mediation', () => {
  it.each<CaseStatus>(['assessing', 'dispatched', 'supervising'])(
    'brings a case that is %s back to mediation',
    (status) => {
      const { state, event } = apply(buildCase({ status }), 'return_to_mediation');
      expect(state.status).toBe('mediating');
      expect(event).toEqual({ from: status, to: 'mediating' });
    },
  );

  it.each<CaseStatus>(['registered', 'mediating', 'resolved', 'reviewed'])('refuses a case that is %s', (status) => {
    expect(reject(buildCase({ status }), 'return_to_mediation').code).toBe('ILLEGAL_MOVE');
  });

  it('names the allowed actions in words', () => {
    expect(reject(buildCase({ status: 'registered' }), 'return_to_mediation').message).toBe(
      'cannot return to mediation a case that is registered; allowed: advance, escalate',
    );
  });
});

describe('escalate (分级督办)', () => {
  it('moves the case one level up and reports the change of level', () => {
    const { state, event } = apply(buildCase({ status: 'supervising', handledLevel: 'township' }), 'escalate');
    expect(state.handledLevel).toBe('county');
    expect(event).toEqual({
      from: 'supervising',
      to: 'supervising',
      handledLevel: { from: 'township', to: 'county' },
    });
  });

  it('climbs village, township, county, city and no further', () => {
    let state = buildCase({ status: 'mediating' });
    const levels = [state.handledLevel];
    while (allowedActions(state).includes('escalate')) {
      state = apply(state, 'escalate').state;
      levels.push(state.handledLevel);
    }
    expect(levels).toEqual([...HANDLED_LEVELS]);
  });

  it('gives a fresh deadline counted from the escalation, by category and severity', () => {
    // high severity = 7 days; land disputes take twice as long.
    const neighbour = apply(buildCase({ status: 'dispatched' }), 'escalate').state;
    expect(neighbour.deadline.toISOString()).toBe('2026-03-12T10:30:00.000Z');
    const land = apply(buildCase({ status: 'dispatched', category: 'land' }), 'escalate').state;
    expect(land.deadline.toISOString()).toBe('2026-03-19T10:30:00.000Z');
  });

  it.each<CaseStatus>(['registered', 'mediating', 'assessing', 'dispatched'])(
    'puts a case that is %s under supervision',
    (status) => {
      const { state, event } = apply(buildCase({ status }), 'escalate');
      expect(state.status).toBe('supervising');
      expect(event.to).toBe('supervising');
      expect(state.closedAt).toBeNull();
    },
  );

  it('refuses a resolved case and lists what is allowed instead', () => {
    expect(reject(buildCase({ status: 'resolved' }), 'escalate')).toEqual({
      code: 'ILLEGAL_MOVE',
      message: 'cannot escalate a case that is resolved; allowed: advance',
      allowed: ['advance'],
    });
  });

  it('refuses a case already handled by the city and says why', () => {
    expect(reject(buildCase({ status: 'supervising', handledLevel: 'city' }), 'escalate').message).toBe(
      'cannot escalate a case handled at city level; allowed: advance, return to mediation, close',
    );
  });
});

describe('close (settled early)', () => {
  it.each<CaseStatus>(['mediating', 'assessing', 'dispatched', 'supervising'])(
    'resolves a case that is %s at once',
    (status) => {
      const { state, event } = apply(buildCase({ status }), 'close');
      expect(state.status).toBe('resolved');
      expect(state.closedAt?.toISOString()).toBe(NOW.toISOString());
      expect(event).toEqual({ from: status, to: 'resolved' });
    },
  );

  it.each<CaseStatus>(['registered', 'resolved', 'reviewed'])('refuses a case that is %s', (status) => {
    expect(reject(buildCase({ status }), 'close').code).toBe('ILLEGAL_MOVE');
  });
});

describe('applyCaseAction', () => {
  it('does not change the state it is given', () => {
    const before = buildCase({ status: 'dispatched' });
    const snapshot = structuredClone(before);
    apply(before, 'escalate');
    apply(before, 'close');
    expect(before).toEqual(snapshot);
  });

  it('does not share the clock object with the new state', () => {
    const now = new Date(NOW);
    const { state } = apply(buildCase({ status: 'mediating' }), 'close', now);
    now.setTime(0);
    expect(state.closedAt?.toISOString()).toBe(NOW.toISOString());
  });

  it('allows exactly the actions allowedActions lists, and keeps closedAt in step with the status', () => {
    const status = fc.constantFrom(...CASE_STATUSES);
    const level = fc.constantFrom(...HANDLED_LEVELS);
    const actions = fc.array(fc.constantFrom(...CASE_ACTIONS), { maxLength: 20 });
    fc.assert(
      fc.property(status, level, actions, (start, handledLevel, sequence) => {
        let state = buildCase({ status: start, handledLevel });
        for (const action of sequence) {
          const result = applyCaseAction(state, action, NOW);
          expect(result.ok).toBe(allowedActions(state).includes(action));
          if (!result.ok) continue;
          const next = result.value.state;
          expect(CASE_STATUSES.indexOf(next.status) >= CASE_STATUSES.indexOf('resolved')).toBe(next.closedAt !== null);
          expect(HANDLED_LEVELS.indexOf(next.handledLevel)).toBeGreaterThanOrEqual(
            HANDLED_LEVELS.indexOf(state.handledLevel),
          );
          state = next;
        }
      }),
    );
  });
});

describe('isOverdue', () => {
  const deadline = new Date('2026-03-09T08:00:00Z');

  it('is true for an open case past its deadline', () => {
    expect(isOverdue(buildCase({ status: 'dispatched', deadline }), new Date('2026-03-09T08:00:01Z'))).toBe(true);
  });

  it('is false at the deadline itself', () => {
    expect(isOverdue(buildCase({ status: 'dispatched', deadline }), deadline)).toBe(false);
  });

  it.each<CaseStatus>(['resolved', 'reviewed'])('is false for a %s case, however late', (status) => {
    expect(isOverdue(buildCase({ status, deadline }), new Date('2027-01-01T00:00:00Z'))).toBe(false);
  });
});

describe('isCaseAction', () => {
  it('accepts the four actions and nothing else', () => {
    expect(CASE_ACTIONS.every(isCaseAction)).toBe(true);
    expect(isCaseAction('reopen')).toBe(false);
    expect(isCaseAction('Advance')).toBe(false);
  });
});
