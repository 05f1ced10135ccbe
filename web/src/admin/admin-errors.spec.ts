import { describe, expect, it } from 'vitest';
import { ApiError } from '../api/errors.js';
import { en } from '../i18n/en.js';
import { translator } from '../i18n/test-translator.js';
import { zh } from '../i18n/zh.js';
import { adminErrorText } from './admin-errors.js';

const t = translator(zh);

const outside = new ApiError(
  'server',
  'jurisdiction: unit 371701000000 is not a unit of your jurisdiction',
  'BAD_USER_INPUT',
  { field: 'jurisdiction', reason: 'outside_jurisdiction', params: { field: 'jurisdiction', unit: '371701000000' } },
);

describe('a refused administration request', () => {
  it('is told from its code, field and reason in the viewer’s language, never the server’s sentence', () => {
    expect(adminErrorText(outside, t)).toBe('辖区不符合要求：单位 371701000000 不在您的辖区内');
    expect(adminErrorText(outside, translator(en))).toBe(
      'Jurisdiction not accepted: Unit 371701000000 is outside your jurisdiction',
    );
    expect(
      adminErrorText(new ApiError('server', 'account x exists already', 'CONFLICT', { field: 'username' }), t),
    ).toBe('该账号已存在。');
  });

  it('says a refusal by role as such, with its reason', () => {
    const refused = new ApiError('server', 'roles are granted by the security administrator', 'FORBIDDEN', {
      reason: 'role_by_security_admin',
    });
    expect(adminErrorText(refused, t)).toBe('您的角色不能进行此操作（角色由安全管理员授予）');
  });

  it('names the security setting at fault as the policy form labels it', () => {
    const refused = new ApiError('server', 'policy.minLength: must be 8 to 64', 'BAD_USER_INPUT', {
      field: 'policy.minLength',
      reason: 'invalid',
    });
    expect(adminErrorText(refused, t)).toBe(`安全策略不符合等保要求：${zh.admin.policy.minLength}`);
  });
});
