import { describe, expect, it } from 'vitest';
import { assertsMfa, emailFrom, groupsFrom, parseGroupRoleMap, roleForGroups } from '../../src/domain/auth/sso.js';
import { loadConfig, type ConfigError } from '../../src/config/index.js';

describe('single sign-on rules', () => {
  it('maps groups to the most privileged mapped role, STAFF when none is mapped', () => {
    const map = parseGroupRoleMap('mdm-managers=MANAGER, mdm-admins = ADMIN,mdm-it=IT,broken,=IT,x=ROOT');
    expect([...map]).toEqual([['mdm-managers', 'MANAGER'], ['mdm-admins', 'ADMIN'], ['mdm-it', 'IT']]);
    expect(roleForGroups(map, ['mdm-it', 'mdm-managers'])).toBe('IT');
    expect(roleForGroups(map, ['mdm-managers'])).toBe('MANAGER');
    expect(roleForGroups(map, ['mdm-admins', 'mdm-it'])).toBe('ADMIN');
    expect(roleForGroups(map, ['other', 'x'])).toBe('STAFF');
    expect(roleForGroups(map, [])).toBe('STAFF');
    expect(parseGroupRoleMap('').size).toBe(0);
    // A group name may itself contain "=": the role is after the last one.
    expect(parseGroupRoleMap('a=b=IT').get('a=b')).toBe('IT');
  });

  it('counts MFA only when amr lists mfa', () => {
    expect(assertsMfa(['pwd', 'mfa'])).toBe(true);
    expect(assertsMfa(['pwd'])).toBe(false);
    expect(assertsMfa('mfa')).toBe(false);
    expect(assertsMfa(undefined)).toBe(false);
  });

  it('reads groups and emails defensively', () => {
    expect(groupsFrom(['a', 1, 'b', null])).toEqual(['a', 'b']);
    expect(groupsFrom('solo')).toEqual(['solo']);
    expect(groupsFrom({ a: 1 })).toEqual([]);
    expect(emailFrom('  Nurse@Example.TEST ')).toBe('nurse@example.test');
    expect(emailFrom('no-at-sign')).toBeNull();
    expect(emailFrom('a b@example.test')).toBeNull();
    expect(emailFrom('a\0@example.test')).toBeNull();
    expect(emailFrom(`${'a'.repeat(320)}@example.test`)).toBeNull();
    expect(emailFrom(42)).toBeNull();
  });
});

describe('single sign-on and audit stream settings', () => {
  const valid = {
    DATABASE_URL: 'postgresql://postgres@127.0.0.1:5432/mdm',
    REDIS_URL: 'redis://127.0.0.1:6379',
    JWT_SECRET: 'a'.repeat(32),
    DATA_ENCRYPTION_KEY: Buffer.alloc(32, 1).toString('base64'),
  };
  const problems = (env: Record<string, string>) => {
    try {
      loadConfig({ ...valid, ...env });
      return [];
    } catch (error) {
      return (error as ConfigError).problems;
    }
  };

  it('refuses settings that only make sense together', () => {
    expect(problems({ OIDC_ISSUER_URL: 'https://idp.example.test' })).toEqual(['OIDC_CLIENT_ID is required when OIDC_ISSUER_URL is set']);
    expect(problems({ OIDC_ISSUER_URL: 'http://idp.example.test', OIDC_CLIENT_ID: 'c' })[0]).toContain('must be https://');
    expect(problems({ OIDC_ISSUER_URL: 'http://idp.example.test', OIDC_CLIENT_ID: 'c', OIDC_ALLOW_HTTP: 'true' })).toEqual([]);
    expect(problems({ LOCAL_PASSWORD_SIGNIN: 'off' })[0]).toContain('needs single sign-on');
    expect(problems({ OIDC_SCOPES: 'email profile', OIDC_ISSUER_URL: 'https://idp.example.test', OIDC_CLIENT_ID: 'c' })[0]).toContain('OIDC_SCOPES');
    expect(problems({ OIDC_GROUP_ROLE_MAP: 'admins=ROOT' })[0]).toContain('OIDC_GROUP_ROLE_MAP');
    expect(problems({ AUDIT_WEBHOOK_URL: 'https://siem.example.test/in' })).toEqual(['AUDIT_WEBHOOK_SECRET is required when AUDIT_WEBHOOK_URL is set']);
    expect(problems({ AUDIT_WEBHOOK_URL: 'http://siem.example.test/in', AUDIT_WEBHOOK_SECRET: 's'.repeat(32) })[0]).toContain('must be https://');
  });
});
