import { describe, expect, it } from 'vitest';
import { emailFrom, groupsFrom, parseGroupRoleMap, roleForGroups } from '../../../src/domain/auth/sso.js';

describe('mapping identity-provider groups to roles', () => {
  it('ignores entries without a group name or with an unknown role', () => {
    const map = parseGroupRoleMap('=ADMIN,noequals,mdm-root=ROOT,mdm-admin=admin,mdm-it=IT');
    expect([...map]).toEqual([['mdm-it', 'IT']]);
  });

  it('does not let a group that is not mapped lower the role another group gives', () => {
    const map = parseGroupRoleMap('mdm-it=IT');
    expect(roleForGroups(map, ['mdm-it', 'unmapped', 'another'])).toBe('IT');
    expect(roleForGroups(map, ['unmapped', 'mdm-it'])).toBe('IT');
  });

  it('matches group names exactly', () => {
    const map = parseGroupRoleMap('mdm-admins=ADMIN');
    expect(roleForGroups(map, ['MDM-ADMINS', 'mdm-admins-old', ' mdm-admins'])).toBe('STAFF');
    expect(groupsFrom('mdm-admins')).toEqual(['mdm-admins']);
  });
});

describe('reading the email claim', () => {
  it('accepts an address of up to 320 characters and refuses a longer one', () => {
    const local = 'a'.repeat(320 - '@example.test'.length);
    expect(emailFrom(`${local}@example.test`)).toBe(`${local}@example.test`);
    expect(emailFrom(`${local}a@example.test`)).toBeNull();
  });

  it('refuses an address with a second @ or trailing junk after the domain', () => {
    expect(emailFrom('nurse@example.test@evil.test')).toBeNull();
    expect(emailFrom('nurse@example.test evil')).toBeNull();
    expect(emailFrom('nurse@example.test\0')).toBeNull();
    expect(emailFrom('evil nurse@example.test')).toBeNull();
    expect(emailFrom('@example.test')).toBeNull();
    expect(emailFrom('nurse@')).toBeNull();
  });
});
