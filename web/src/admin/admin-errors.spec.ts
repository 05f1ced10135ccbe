import { describe, expect, it } from 'vitest';
import { ApiError } from '../api/errors.js';
import { translator } from '../i18n/test-translator.js';
import { zh } from '../i18n/zh.js';
import { adminErrorText } from './admin-errors.js';

const t = translator(zh);

describe('a refused administration request', () => {
  it('is told from its code and field, with the server’s sentence of what was wrong', () => {
    const outside = new ApiError(
      'server',
      'jurisdiction: unit 371701000000 is not a unit of your jurisdiction',
      'BAD_USER_INPUT',
      {
        field: 'jurisdiction',
      },
    );
    expect(adminErrorText(outside, t)).toBe(
      '辖区不符合要求：jurisdiction: unit 371701000000 is not a unit of your jurisdiction',
    );
    expect(
      adminErrorText(new ApiError('server', 'account x exists already', 'CONFLICT', { field: 'username' }), t),
    ).toBe('该账号已存在。');
  });

  it('says a refusal by role as such', () => {
    const refused = new ApiError('server', 'roles are granted by the security administrator', 'FORBIDDEN');
    expect(adminErrorText(refused, t)).toBe(
      '您的角色不能进行此操作（roles are granted by the security administrator）',
    );
  });
});
