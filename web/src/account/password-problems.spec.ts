import { describe, expect, it } from 'vitest';
import { ApiError } from '../api/errors.js';
import { en } from '../i18n/en.js';
import { translator } from '../i18n/test-translator.js';
import { zh } from '../i18n/zh.js';
import { refusalLines, ruleLines } from './password-problems.js';

const weak = new ApiError('server', 'newPassword: does not meet the password rules', 'BAD_USER_INPUT', {
  field: 'newPassword',
  problems: [
    { rule: 'length', min: 10, actual: 3 },
    { rule: 'classes', min: 3, missing: ['uppercase', 'digit', 'symbol'] },
  ],
});

describe('password rules and refusals', () => {
  it('says each broken rule with its numbers in Chinese', () => {
    expect(refusalLines(weak, translator(zh))).toEqual([
      '密码太短：至少 10 个字符，当前 3 个。',
      '字符种类不足：至少需要 3 类，还缺少大写字母、数字、符号。',
    ]);
  });

  it('says them in English with the switch', () => {
    expect(refusalLines(weak, translator(en))[1]).toBe(
      'Not enough kinds of characters: 3 needed, missing uppercase letters, digits, symbols.',
    );
  });

  it('falls back to the refusal in the viewer’s words for a rule it does not know', () => {
    const odd = new ApiError('server', 'newPassword: is on a list of leaked passwords', 'BAD_USER_INPUT', {
      problems: [{ rule: 'leaked' }],
      reason: 'password_rules',
    });
    expect(refusalLines(odd, translator(zh))).toEqual(['新密码不符合密码规则']);
  });

  it('lists only the rules the policy has', () => {
    const rules = { minLength: 12, minClasses: 3, forbidUsername: false, historyCount: 0, maxAgeDays: 0 };
    expect(ruleLines(rules, translator(zh))).toEqual([
      '至少 12 个字符',
      '包含小写字母、大写字母、数字、符号中的至少 3 类',
    ]);
  });
});
