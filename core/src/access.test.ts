import { describe, expect, it } from 'vitest';
import { can, grantableRoles, meetsPasswordPolicy, PERMISSIONS, ROLES, roleNeedsMemberUnit } from './access.js';
import { FIELD_ERRORS, fieldMessage, PROBLEMS, problemMessage } from './errors.js';
import { pickLang } from './i18n.js';
import { findRegion, type RegionNode, subtreeCodes } from './regions.js';

describe('password policy', () => {
  it.each([
    ['Abcdefgh1!', true],
    ['abcdefgh12', false], // 2 classes
    ['abcdefgh1!', true],
    ['ABCDEFGH1!', true],
    ['Abc1!', false], // too short
    ['Abcdefghi1', true],
    ['Abcdefghij', false],
    [`${'a'.repeat(120)}B1`, true],
    [`${'a'.repeat(127)}B1`, false], // over 128
  ])('%s -> %s', (pw, ok) => expect(meetsPasswordPolicy(pw)).toBe(ok));
});

describe('roles', () => {
  it('the province admin holds every staff permission; only enterprise users have an enterprise inbox', () => {
    for (const p of PERMISSIONS) expect(can('province_admin', p)).toBe(p !== 'enterprise:self');
    expect(can('enterprise_user', 'enterprise:self')).toBe(true);
    expect(can('enterprise_user', 'enterprises:read')).toBe(false);
    expect(can('region_staff', 'users:write')).toBe(false);
    expect(can('region_staff', 'enterprises:write')).toBe(true);
    expect(can('mediation_staff', 'personal:read')).toBe(false);
    expect(can('mediation_staff', 'mediation:write')).toBe(true);
    expect(can('region_staff', 'mediation:write')).toBe(false);
    // Key-enterprise monitoring: the region's staff follow the enterprises; mediation staff and enterprises do not.
    expect(can('region_staff', 'employment:write')).toBe(true);
    expect(can('region_admin', 'employment:write')).toBe(true);
    expect(can('mediation_staff', 'employment:read')).toBe(false);
    expect(can('enterprise_user', 'employment:read')).toBe(false);
    expect(can('enterprise_user', 'mediation:read')).toBe(false);
    expect(can('region_admin', 'targets:write')).toBe(false);
    expect(can('region_admin', 'users:write')).toBe(true);
    expect(can('enterprise_user', 'audit:read')).toBe(false);
  });
  it('only the province admin grants province admin; staff grant nothing', () => {
    expect(grantableRoles('province_admin')).toEqual([...ROLES]);
    expect(grantableRoles('region_admin')).not.toContain('province_admin');
    expect(grantableRoles('region_staff')).toEqual([]);
  });
  it('region roles need a member unit', () => {
    expect(roleNeedsMemberUnit('region_staff')).toBe(true);
    expect(roleNeedsMemberUnit('enterprise_user')).toBe(false);
  });
});

describe('languages and messages', () => {
  it('picks zh-CN by default and honours q-values', () => {
    expect(pickLang(undefined)).toBe('zh-CN');
    expect(pickLang('en-US,en;q=0.9')).toBe('en-US');
    expect(pickLang('fr, en;q=0.5, zh;q=0.8')).toBe('zh-CN');
    expect(pickLang('de')).toBe('zh-CN');
  });
  it('every problem and field code has both languages; messages name the field', () => {
    for (const m of [...Object.values(PROBLEMS), ...Object.values(FIELD_ERRORS)]) {
      expect(m['zh-CN']).toBeTruthy();
      expect(m['en-US']).toBeTruthy();
    }
    expect(fieldMessage('required', 'username', 'zh-CN')).toBe('用户名为必填项。');
    expect(fieldMessage('too_long', 'displayName', 'en-US', { max: 50 })).toBe('Name must have at most 50 characters.');
    expect(problemMessage('account_locked', 'zh-CN', { minutes: 15 })).toContain('15 分钟');
  });
  it("a form's own field names win over the shared ones, for nested fields too", () => {
    const labels = { name: { 'zh-CN': '姓名', 'en-US': 'Name' } };
    expect(fieldMessage('required', 'name', 'zh-CN')).toBe('企业名称为必填项。');
    expect(fieldMessage('required', 'name', 'zh-CN', {}, labels)).toBe('姓名为必填项。');
    expect(fieldMessage('required', 'applicant.name', 'zh-CN', {}, labels)).toBe('姓名为必填项。');
    expect(fieldMessage('required', 'username', 'zh-CN', {}, labels)).toBe('用户名为必填项。');
  });
});

describe('region helpers', () => {
  const tree: RegionNode = {
    code: '220000',
    name: '吉林省',
    level: 'province',
    children: [
      {
        code: '220100',
        name: '长春市',
        level: 'prefecture',
        children: [{ code: '220102', name: '南关区', level: 'county', children: [] }],
      },
      { code: '220200', name: '吉林市', level: 'prefecture', children: [] },
    ],
  };
  it('subtree and lookup', () => {
    expect(subtreeCodes(tree)).toEqual(['220000', '220100', '220102', '220200']);
    expect(subtreeCodes(findRegion(tree, '220100') as RegionNode)).toEqual(['220100', '220102']);
    expect(findRegion(tree, '999999')).toBeUndefined();
  });
});
