import { describe, expect, it } from 'vitest';
import { checkTexts, failureDetail, mutationFieldsOf } from './mutation-guard.js';
import { parse } from 'graphql';
import { badInput, notFound, type AppError } from '../errors.js';
import { graphQLErrorOf } from './errors.js';

const refusal = (values: unknown) => {
  try {
    checkTexts(values);
    return null;
  } catch (error) {
    return {
      message: (error as Error).message,
      field: (error as AppError).field,
    };
  }
};

describe('checkTexts', () => {
  it('lets plain Chinese and English text through, and line breaks in notes', () => {
    expect(refusal({ input: { name: '牡丹街道农贸市场', note: '第一行\n第二行' }, code: '371702005001' })).toBeNull();
  });

  it('names the path of the first text holding a bidirectional override', () => {
    expect(refusal({ input: { name: 'ok', responsibleUnit: '市场\u202E所' } })).toEqual({
      message: expect.stringMatching(/^input\.responsibleUnit: contains the bidirectional override U\+202E/),
      field: 'input.responsibleUnit',
    });
  });

  it('walks lists in order and names the index', () => {
    expect(refusal({ updates: [{ id: 'a' }, { id: 'b\u0007' }, { id: 'c\u0008' }] })?.field).toBe('updates[1].id');
  });

  it('refuses a line break in a single-line field but not in a note', () => {
    expect(refusal({ input: { name: 'a\nb' } })?.field).toBe('input.name');
    expect(refusal({ reason: 'a\nb' })).toBeNull();
  });

  it('leaves passwords alone: they are compared, never shown', () => {
    expect(refusal({ password: 'x\u0007y', newPassword: '\u202Eabc' })).toBeNull();
  });
});

describe('mutationFieldsOf', () => {
  it('lists the fields of mutation operations only', () => {
    const document = parse(
      'query { me { username } } mutation A { logout login(username: "a", password: "b") { token } }',
    );
    expect(mutationFieldsOf(document)).toEqual(['logout', 'login']);
  });
});

describe('failureDetail', () => {
  it('keeps a coded refusal as its reason, params and English message, mapped or not', () => {
    const error = notFound('village', '371702001001');
    const expected = {
      reason: 'not_found',
      params: { thing: 'village', id: '371702001001' },
      message: 'village 371702001001 not found',
    };
    expect(JSON.parse(failureDetail(error))).toEqual(expected);
    expect(JSON.parse(failureDetail(graphQLErrorOf(error)))).toEqual(expected);
  });

  it('cuts a long message so that the JSON still fits in 500 characters', () => {
    const detail = failureDetail(badInput('note', '"'.repeat(2000), {}, { reason: 'too_long', params: { max: 5 } }));
    expect(detail.length).toBeLessThanOrEqual(500);
    expect(JSON.parse(detail)).toMatchObject({ reason: 'too_long', params: { field: 'note', max: 5 } });
  });

  it('keeps any other failure as its message', () => {
    expect(failureDetail(new Error('boom'))).toBe('boom');
  });
});
