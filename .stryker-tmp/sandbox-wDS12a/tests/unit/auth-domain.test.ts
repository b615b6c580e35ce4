// @ts-nocheck
import { describe, expect, it } from 'vitest';
import { lockoutUntil } from '../../src/domain/auth/lockout.js';
import { hashPassword, passwordProblems, verifyPassword, DUMMY_PASSWORD_HASH } from '../../src/domain/auth/password.js';
import { createSecretBox } from '../../src/domain/auth/secret-box.js';
import { checkTotp, newTotpSecret, totpCode, totpUri } from '../../src/domain/auth/totp.js';
import { hashToken, newRefreshToken } from '../../src/domain/auth/tokens.js';
import { canSeeUser } from '../../src/domain/access.js';

describe('password hashing', () => {
  it('verifies the right password and rejects a wrong one', async () => {
    const hash = await hashPassword('correct horse battery staple');
    expect(hash).toMatch(/^scrypt\$/);
    expect(await verifyPassword('correct horse battery staple', hash)).toBe(true);
    expect(await verifyPassword('correct horse battery stapler', hash)).toBe(false);
    expect(await verifyPassword('anything', DUMMY_PASSWORD_HASH)).toBe(false);
    expect(await verifyPassword('anything', 'md5$abc')).toBe(false);
  });

  it('salts every hash', async () => {
    expect(await hashPassword('same password here')).not.toBe(await hashPassword('same password here'));
  });

  it('demands at least 12 characters', () => {
    expect(passwordProblems('short')).toEqual(['must be at least 12 characters']);
    expect(passwordProblems('long enough passphrase')).toEqual([]);
  });
});

describe('progressive lockout', () => {
  const now = new Date('2026-01-01T00:00:00Z');
  it('does not lock below the threshold', () => {
    expect(lockoutUntil(4, now, 5, 60)).toBeNull();
  });
  it('doubles the lock with each further failure, capped at a day', () => {
    expect(lockoutUntil(5, now, 5, 60)?.getTime()).toBe(now.getTime() + 60_000);
    expect(lockoutUntil(6, now, 5, 60)?.getTime()).toBe(now.getTime() + 120_000);
    expect(lockoutUntil(8, now, 5, 60)?.getTime()).toBe(now.getTime() + 480_000);
    expect(lockoutUntil(40, now, 5, 60)?.getTime()).toBe(now.getTime() + 86_400_000);
  });
});

describe('secret box', () => {
  const box = createSecretBox(Buffer.alloc(32, 9).toString('base64'));
  it('round-trips and never stores the plaintext', () => {
    const sealed = box.seal('JBSWY3DPEHPK3PXPJBSWY3DP');
    expect(sealed).not.toContain('JBSWY3DP');
    expect(box.open(sealed)).toBe('JBSWY3DPEHPK3PXPJBSWY3DP');
  });
  it('refuses tampered ciphertext and another key', () => {
    const sealed = box.seal('secret');
    const parts = sealed.split('.');
    parts[3] = Buffer.from('tampered').toString('base64url');
    expect(() => box.open(parts.join('.'))).toThrow();
    expect(() => createSecretBox(Buffer.alloc(32, 1).toString('base64')).open(sealed)).toThrow();
  });
});

describe('TOTP', () => {
  const secret = newTotpSecret();
  const now = new Date('2026-03-01T12:00:10Z');
  it('accepts the current code and one step of drift, and refuses replay of an accepted step', async () => {
    const code = await totpCode(secret, now);
    const step = await checkTotp(secret, code, now, null);
    expect(step).toBe(Math.floor(now.getTime() / 30_000));
    expect(await checkTotp(secret, code, new Date(now.getTime() + 30_000), null)).not.toBeNull();
    expect(await checkTotp(secret, code, now, step)).toBeNull();
  });
  it('refuses stale and malformed codes', async () => {
    const old = await totpCode(secret, new Date(now.getTime() - 5 * 60_000));
    expect(await checkTotp(secret, old, now, null)).toBeNull();
    expect(await checkTotp(secret, 'abcdef', now, null)).toBeNull();
  });
  it('builds an otpauth URI for authenticator apps', () => {
    expect(totpUri(secret, 'MDM', 'a@b.test')).toMatch(/^otpauth:\/\/totp\/MDM:a%40b\.test\?.*secret=/);
  });
});

describe('refresh tokens', () => {
  it('are random and stored only as a hash', () => {
    const token = newRefreshToken();
    expect(token).not.toBe(newRefreshToken());
    expect(hashToken(token)).toMatch(/^[0-9a-f]{64}$/);
  });
});

describe('who can see a user', () => {
  const alice = { id: 'alice', managerId: 'mia' };
  it('lets the user, their manager, IT and ADMIN see them', () => {
    expect(canSeeUser({ userId: 'alice', role: 'STAFF' }, alice)).toBe(true);
    expect(canSeeUser({ userId: 'mia', role: 'MANAGER' }, alice)).toBe(true);
    expect(canSeeUser({ userId: 'it', role: 'IT' }, alice)).toBe(true);
    expect(canSeeUser({ userId: 'root', role: 'ADMIN' }, alice)).toBe(true);
  });
  it('hides them from other managers and colleagues', () => {
    expect(canSeeUser({ userId: 'max', role: 'MANAGER' }, alice)).toBe(false);
    expect(canSeeUser({ userId: 'bob', role: 'STAFF' }, alice)).toBe(false);
  });
});
