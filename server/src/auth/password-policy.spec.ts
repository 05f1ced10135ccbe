import { describe, expect, it } from 'vitest';
import {
  DEFAULT_PASSWORD_POLICY as POLICY,
  describePasswordProblems,
  parsePasswordPolicy,
  passwordExpired,
  passwordProblems,
} from './password-policy.js';

describe('passwordProblems', () => {
  it.each(['Heze2026Map', 'heze-2026-map', 'HEZE_MAP_2026', 'Longer Pass Phrase', '菏泽市综治中心Ab1'])(
    'accepts %s',
    (plain) => {
      expect(passwordProblems(plain, 'zhang.wei', POLICY)).toEqual([]);
    },
  );

  it('counts characters, not UTF-16 units', () => {
    expect(passwordProblems('Ab1😀😀😀', 'x', POLICY)).toEqual([{ rule: 'length', min: 10, actual: 6 }]);
  });

  it('names the character kinds that are missing', () => {
    expect(passwordProblems('onlylowercaseletters', 'x', POLICY)).toEqual([
      { rule: 'classes', min: 3, missing: ['uppercase', 'digit', 'symbol'] },
    ]);
  });

  it('refuses a password that contains the username, whatever its case', () => {
    expect(passwordProblems('Zhang.Wei-2026!', 'zhang.wei', POLICY)).toEqual([{ rule: 'username' }]);
    expect(passwordProblems('Zhang.Wei-2026!', 'zhang.wei', { ...POLICY, forbidUsername: false })).toEqual([]);
  });

  it('says every problem in one sentence', () => {
    expect(describePasswordProblems(passwordProblems('abc', 'x', POLICY))).toBe(
      'password needs at least 10 characters (has 3) and at least 3 of lowercase letter, uppercase letter, ' +
        'digit, symbol (has no uppercase letter, digit, symbol)',
    );
    expect(describePasswordProblems([{ rule: 'reused', count: 5 }])).toBe(
      'password needs to differ from the last 5 passwords',
    );
  });
});

describe('passwordExpired', () => {
  const changed = new Date('2026-01-01T00:00:00Z');
  it('expires a password older than the maximum age, and never with an age of 0', () => {
    expect(passwordExpired(changed, new Date('2026-03-31T00:00:00Z'), POLICY)).toBe(false);
    expect(passwordExpired(changed, new Date('2026-04-02T00:00:00Z'), POLICY)).toBe(true);
    expect(passwordExpired(changed, new Date('2036-01-01T00:00:00Z'), { ...POLICY, maxAgeDays: 0 })).toBe(false);
  });
});

describe('parsePasswordPolicy', () => {
  it('fills what is not given from the default', () => {
    expect(parsePasswordPolicy({ minLength: 12 })).toEqual({ ok: true, value: { ...POLICY, minLength: 12 } });
  });

  it('refuses a policy weaker than level 3 allows, naming the field', () => {
    expect(parsePasswordPolicy({ minLength: 6 })).toEqual({
      ok: false,
      error: { field: 'minLength', message: 'must be a whole number from 8 to 64' },
    });
    expect(parsePasswordPolicy({ minClasses: 2 })).toMatchObject({ ok: false, error: { field: 'minClasses' } });
    expect(parsePasswordPolicy({ forbidUsername: 'yes' })).toMatchObject({
      ok: false,
      error: { field: 'forbidUsername' },
    });
  });
});
