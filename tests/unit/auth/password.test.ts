import { scryptSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { passwordProblems, verifyPassword } from '../../../src/domain/auth/password.js';

// Stored hashes carry their own cost parameters, so these use tiny ones (N=16): the same checks, without the cost of
// a real hash (tests/unit/auth-domain.test.ts covers hashPassword itself).
const password = 'correct horse battery staple';
const salt = Buffer.from('0123456789abcdef');
const b64 = (bytes: Buffer) => bytes.toString('base64');
const stored = (fields: { scheme?: string; n?: string; r?: string; p?: string; salt?: string; hash?: string }) => {
  const hash = b64(scryptSync(password, Buffer.from(fields.salt ?? b64(salt), 'base64'), 32, { N: 16, r: 1, p: 1 }));
  return [fields.scheme ?? 'scrypt', fields.n ?? '16', fields.r ?? '1', fields.p ?? '1', fields.salt ?? b64(salt), fields.hash ?? hash].join('$');
};

describe('verifying a stored password hash', () => {
  it('accepts the right password under the parameters stored with the hash', async () => {
    expect(await verifyPassword(password, stored({}))).toBe(true);
    expect(await verifyPassword(`${password}!`, stored({}))).toBe(false);
    expect(await verifyPassword('', stored({}))).toBe(false);
  });

  it('refuses a hash of another scheme even when its bytes would match', async () => {
    expect(await verifyPassword(password, stored({ scheme: 'bcrypt' }))).toBe(false);
    expect(await verifyPassword(password, stored({ scheme: 'SCRYPT' }))).toBe(false);
  });

  it('refuses a hash stored without a salt, even when its bytes are the unsalted hash', async () => {
    expect(await verifyPassword(password, stored({ salt: '' }))).toBe(false);
  });

  it.each([
    ['no cost parameter N', { n: '' }],
    ['no block size r', { r: '' }],
    ['no parallelism p', { p: '' }],
    ['no hash', { hash: '' }],
  ])('answers false, without an error, for a stored value with %s', async (_why, fields) => {
    await expect(verifyPassword(password, stored(fields))).resolves.toBe(false);
  });

  it('answers false for a truncated or empty stored value', async () => {
    await expect(verifyPassword(password, 'scrypt$16$1$1')).resolves.toBe(false);
    await expect(verifyPassword(password, '')).resolves.toBe(false);
  });
});

describe('password strength rules', () => {
  it('accepts 12 to 256 characters', () => {
    expect(passwordProblems('a'.repeat(12))).toEqual([]);
    expect(passwordProblems('a'.repeat(256))).toEqual([]);
  });

  it('refuses 11 characters and says how many are needed', () => {
    expect(passwordProblems('a'.repeat(11))).toEqual(['must be at least 12 characters']);
    expect(passwordProblems('')).toEqual(['must be at least 12 characters']);
  });

  it('refuses more than 256 characters and says the limit', () => {
    expect(passwordProblems('a'.repeat(257))).toEqual(['must be at most 256 characters']);
  });
});
