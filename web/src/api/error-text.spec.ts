import { describe, expect, it } from 'vitest';
import { en } from '../i18n/en.js';
import { translator } from '../i18n/test-translator.js';
import { zh } from '../i18n/zh.js';
import { auditDetailText, errorText, issueText } from './error-text.js';
import { ApiError } from './errors.js';

const tZh = translator(zh);
const tEn = translator(en);

const refusal = (code: string, reason: string, params: Record<string, unknown>, more: Record<string, unknown> = {}) =>
  new ApiError('server', 'English words for the logs', code, { reason, params, ...more });

describe('issueText', () => {
  it('names grids as people count them, in either language', () => {
    const issue = { code: 'HOUSEHOLDS_OUT_OF_RANGE', params: { grid: 2, households: 511, min: 200, max: 500 } };
    expect(issueText(issue, tZh)).toBe('第2网格有 511 户，不在 200–500 户范围内');
    expect(issueText(issue, tEn)).toBe('Grid 2 has 511 households, outside 200–500');
  });

  it('picks the words of the cause a code with several names', () => {
    const issue = { code: 'INVALID_GEOMETRY', params: { grid: 1, problem: 'self_intersection' } };
    expect(issueText(issue, tZh)).toBe('第1网格的边界自相交');
    expect(issueText({ code: 'INVALID_GEOMETRY', params: { grid: 1, problem: 'new' } }, tZh)).toBe(
      '第1网格的边界不是有效的多边形',
    );
  });

  it('says a code it has no words for as a broken rule naming the code', () => {
    expect(issueText({ code: 'NEW_RULE', params: {} }, tZh)).toBe('规划规则 NEW_RULE 未通过');
  });
});

describe('errorText', () => {
  it('says a refusal from its reason and params, never the English message', () => {
    const stale = refusal('CONFLICT', 'stale_version', { author: 'demo-admin', changeId: '7' });
    expect(errorText(stale, tZh)).toBe('该村/社区已被 demo-admin 调整（第 7 号调整），请重新加载后再编辑');
    const missing = refusal('NOT_FOUND', 'not_found', { thing: 'village', id: '371702001001' });
    expect(errorText(missing, tZh)).toBe('未找到村/社区 371702001001');
    expect(errorText(missing, tEn)).toBe('Village 371702001001 not found');
  });

  it('names the field at fault by its label and a role by its title', () => {
    expect(errorText(refusal('BAD_USER_INPUT', 'too_long', { field: 'note', max: 2000 }), tZh)).toBe(
      '“备注”太长，最多 2000 个字符',
    );
    expect(errorText(refusal('BAD_USER_INPUT', 'invalid', { field: 'updates[2].whatever' }), tZh)).toBe(
      '“输入项”填写有误',
    );
    expect(errorText(refusal('FORBIDDEN', 'role_may_not', { role: 'leader', permission: 'edit_grids' }), tZh)).toBe(
      '当前角色（领导）无权进行此操作',
    );
  });

  it('says the first broken planning rule of a refused commit', () => {
    const issues = [{ code: 'OVERLAP', params: { grid: 1, otherGrid: 3, squareMeters: 12 } }];
    expect(errorText(refusal('BAD_USER_INPUT', 'breaks_rules', { field: 'input', count: 1 }, { issues }), tZh)).toBe(
      '调整未通过 1 项规划规则：第1网格与第3网格重叠 12 平方米',
    );
  });

  it('falls back to a generic text naming the error code, and tells an unreachable server apart', () => {
    expect(errorText(refusal('BAD_REQUEST', 'brand_new', {}), tZh)).toBe('服务器未能完成请求（错误代码 BAD_REQUEST）');
    expect(errorText(new ApiError('server', 'no reason at all', 'INTERNAL_SERVER_ERROR'), tEn)).toBe(
      'The server could not do this (error code INTERNAL_SERVER_ERROR)',
    );
    expect(errorText(new ApiError('network', 'fetch failed'), tZh)).toBe('无法连接服务器，请检查网络后重试');
  });
});

describe('auditDetailText', () => {
  it('says a coded refusal in the viewer’s words and keeps older records as stored, marked English', () => {
    const coded = JSON.stringify({
      reason: 'outside_jurisdiction',
      params: { field: 'jurisdiction', unit: '110101000000' },
      message: 'jurisdiction: unit 110101000000 is not a unit of your jurisdiction',
    });
    expect(auditDetailText(coded, tZh)).toEqual({ text: '单位 110101000000 不在您的辖区内' });
    expect(auditDetailText('account locked', tZh)).toEqual({ text: 'account locked', lang: 'en' });
    // Sign-in records are coded too, and read in either language.
    const signIn = JSON.stringify({
      reason: 'sign_in_wrong_password_locked',
      params: {},
      message: 'wrong password; locked',
    });
    expect(auditDetailText(signIn, tZh)).toEqual({ text: '密码错误，账号已被锁定' });
    expect(auditDetailText(signIn, tEn)).toEqual({ text: 'Wrong password; the account is now locked' });
    expect(auditDetailText('{"removed":2}', tZh)).toEqual({ text: '{"removed":2}', lang: 'en' });
    expect(auditDetailText(null, tZh)).toEqual({ text: '' });
  });
});
