import { describe, expect, it } from 'vitest';
import { badInput, conflict, notFound, outsideJurisdiction, unauthenticated } from '../errors.js';
import { auditOutcomeOf, graphQLErrorOf } from './errors.js';

describe('graphQLErrorOf', () => {
  it('names a bad input by its field and keeps the details after it', () => {
    const error = graphQLErrorOf(badInput('input.lon', 'must be a number', { limit: 180 }));
    expect(error.message).toBe('input.lon: must be a number');
    expect(error.extensions).toEqual({
      code: 'BAD_USER_INPUT',
      field: 'input.lon',
      limit: 180,
      reason: 'invalid',
      params: { field: 'input.lon' },
    });
  });

  it('carries the stable reason and the facts of its sentence beside the English message', () => {
    const error = graphQLErrorOf(
      badInput('note', 'is 2001 characters; at most 2000', {}, { reason: 'too_long', params: { max: 2000 } }),
    );
    expect(error.extensions).toMatchObject({ reason: 'too_long', params: { field: 'note', max: 2000 } });
  });

  it('answers an unauthenticated request with HTTP 401 and the reason', () => {
    expect(graphQLErrorOf(unauthenticated('wrong code', { reason: 'code' })).extensions).toEqual({
      code: 'UNAUTHENTICATED',
      reason: 'code',
      params: {},
      http: { status: 401 },
    });
  });

  it('tells a target outside the jurisdiction as not found, naming what and which', () => {
    const error = graphQLErrorOf(outsideJurisdiction('case', 'X'));
    expect([error.message, error.extensions.code]).toEqual(['case X not found', 'NOT_FOUND']);
    expect(error.extensions).toMatchObject({ reason: 'not_found', params: { thing: 'case', id: 'X' } });
  });
});

describe('auditOutcomeOf', () => {
  it('audits an outside target as refused by jurisdiction, whether mapped yet or not', () => {
    expect(auditOutcomeOf(outsideJurisdiction('case', 'X'))).toBe('denied_jurisdiction');
    expect(auditOutcomeOf(graphQLErrorOf(outsideJurisdiction('case', 'X')))).toBe('denied_jurisdiction');
  });

  it('audits each kind by its code, and anything else as an error', () => {
    expect(auditOutcomeOf(notFound('case', 'X'))).toBe('not_found');
    expect(auditOutcomeOf(conflict('taken'))).toBe('conflict');
    expect(auditOutcomeOf(new Error('boom'))).toBe('error');
  });
});
