import { describe, expect, it } from 'vitest';
import {
  afterPayload,
  afterRefusal,
  codesSaved,
  normaliseCode,
  START,
  toggleRecovery,
  type AuthPayload,
} from './sign-in-steps.js';

const user = {
  username: 'demo-sysadmin',
  displayName: '系统管理员',
  role: 'sysadmin',
  jurisdiction: '371700000000',
  permissions: ['manage_accounts'],
  idleSeconds: 900,
};

function payload(overrides: Partial<AuthPayload>): AuthPayload {
  return {
    step: 'done',
    token: null,
    expiresAt: null,
    challenge: null,
    user: null,
    enrolment: null,
    recoveryCodes: null,
    passwordRules: null,
    ...overrides,
  };
}

describe('the sign-in steps', () => {
  it('asks for a code when the server answers the password with second_factor', () => {
    expect(afterPayload(payload({ step: 'second_factor', challenge: 'c1' }))).toEqual({
      screen: 'second_factor',
      challenge: 'c1',
      recovery: false,
    });
  });

  it('carries the password rules into the new-password step', () => {
    const rules = { minLength: 10, minClasses: 3, forbidUsername: true, historyCount: 5, maxAgeDays: 90 };
    expect(afterPayload(payload({ step: 'change_password', challenge: 'c2', passwordRules: rules }))).toEqual({
      screen: 'change_password',
      challenge: 'c2',
      rules,
    });
  });

  it('shows the enrolment, and refuses an enrolment step that came without one', () => {
    const enrolment = { secret: 'JBSWY3DPEHPK3PXP', uri: 'otpauth://totp/x', qrSvg: '<svg/>' };
    expect(afterPayload(payload({ step: 'enrol_second_factor', challenge: 'c3', enrolment }))).toMatchObject({
      screen: 'enrol',
      enrolment,
    });
    expect(() => afterPayload(payload({ step: 'enrol_second_factor', challenge: 'c3' }))).toThrow(/enrolment/);
  });

  it('keeps the recovery codes on screen until they are said to be saved, then is done', () => {
    const shown = afterPayload(payload({ token: 't', user, recoveryCodes: ['AAAAA-BBBBB'] }));
    expect(shown).toMatchObject({ screen: 'recovery_codes', codes: ['AAAAA-BBBBB'] });
    expect(codesSaved(shown)).toEqual({ screen: 'done', signedIn: { token: 't', user } });
  });

  it('is done at once when the sign-in brings no recovery codes', () => {
    expect(afterPayload(payload({ token: 't', user }))).toEqual({ screen: 'done', signedIn: { token: 't', user } });
  });

  it('starts over after an expired challenge and stays on the step after a wrong code', () => {
    const step = afterPayload(payload({ step: 'second_factor', challenge: 'c1' }));
    expect(afterRefusal(step, 'challenge')).toBe(START);
    expect(afterRefusal(step, 'code')).toBe(step);
  });

  it('switches between the app code and a recovery code only on the code step', () => {
    const step = afterPayload(payload({ step: 'second_factor', challenge: 'c1' }));
    expect(toggleRecovery(step)).toMatchObject({ recovery: true });
    expect(toggleRecovery(START)).toBe(START);
  });

  it('drops the spaces and dashes people type into a code', () => {
    expect(normaliseCode(' 123 456 ')).toBe('123456');
    expect(normaliseCode('abcde-fghij')).toBe('abcdefghij');
  });
});
