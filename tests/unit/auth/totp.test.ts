import { describe, expect, it } from 'vitest';
import { checkTotp, newTotpSecret, totpCode, totpUri } from '../../../src/domain/auth/totp.js';

// RFC 6238 appendix B: the SHA-1 seed "12345678901234567890" in base32; the 6-digit codes are the last six of the RFC's.
const rfcSecret = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ';
const at = (seconds: number) => new Date(seconds * 1000);
const stepOf = (date: Date) => Math.floor(date.getTime() / 30_000);

describe('TOTP codes', () => {
  it('computes the codes of the RFC 6238 test vectors', async () => {
    expect(await totpCode(rfcSecret, at(59))).toBe('287082');
    expect(await totpCode(rfcSecret, at(1111111109))).toBe('081804');
    expect(await totpCode(rfcSecret, new Date(1234567890_999))).toBe('005924');
    expect(await totpCode(rfcSecret, at(2000000000))).toBe('279037');
  });

  it('gives authenticator apps a URI naming the issuer, the account and the secret', () => {
    const uri = new URL(totpUri(rfcSecret, 'Ward MDM', 'nurse@example.test'));
    expect(uri.protocol).toBe('otpauth:');
    expect(uri.host).toBe('totp');
    expect(decodeURIComponent(uri.pathname)).toBe('/Ward MDM:nurse@example.test');
    expect(uri.searchParams.get('secret')).toBe(rfcSecret);
    expect(uri.searchParams.get('issuer')).toBe('Ward MDM');
  });

  it('makes a different base32 secret of at least 80 bits for each enrolment', () => {
    const first = newTotpSecret();
    expect(first).toMatch(/^[A-Z2-7]{16,}=*$/);
    expect(newTotpSecret()).not.toBe(first);
  });
});

describe('checking a TOTP code at sign-in', () => {
  const now = new Date('2026-03-01T12:00:10Z');

  it('accepts the current code and answers its time step', async () => {
    const code = await totpCode(rfcSecret, now);
    expect(await checkTotp(rfcSecret, code, now, null)).toBe(stepOf(now));
  });

  it('accepts the code of the step before and after (clock drift), answering that step', async () => {
    const before = new Date(now.getTime() - 30_000);
    const after = new Date(now.getTime() + 30_000);
    expect(await checkTotp(rfcSecret, await totpCode(rfcSecret, before), now, null)).toBe(stepOf(now) - 1);
    expect(await checkTotp(rfcSecret, await totpCode(rfcSecret, after), now, null)).toBe(stepOf(now) + 1);
  });

  it('refuses a code two steps away', async () => {
    expect(await checkTotp(rfcSecret, await totpCode(rfcSecret, new Date(now.getTime() - 60_000)), now, null)).toBeNull();
    expect(await checkTotp(rfcSecret, await totpCode(rfcSecret, new Date(now.getTime() + 60_000)), now, null)).toBeNull();
  });

  it('refuses a replayed code: nothing at or before the last used step', async () => {
    const code = await totpCode(rfcSecret, now);
    const step = stepOf(now);
    expect(await checkTotp(rfcSecret, code, now, step)).toBeNull();
    expect(await checkTotp(rfcSecret, code, now, step + 1)).toBeNull();
    expect(await checkTotp(rfcSecret, code, now, step - 1)).toBe(step);
  });

  it('refuses the previous step once the current one was used, but still accepts the next one', async () => {
    const step = stepOf(now);
    const previous = await totpCode(rfcSecret, new Date(now.getTime() - 30_000));
    const next = await totpCode(rfcSecret, new Date(now.getTime() + 30_000));
    expect(await checkTotp(rfcSecret, previous, now, step)).toBeNull();
    expect(await checkTotp(rfcSecret, next, now, step)).toBe(step + 1);
  });

  it('refuses a code made with another secret', async () => {
    const other = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';
    const code = await totpCode(other, now);
    expect(code).not.toBe(await totpCode(rfcSecret, now));
    expect(await checkTotp(rfcSecret, code, now, null)).toBeNull();
  });

  it('answers null, without an error, for anything but exactly six digits', async () => {
    const code = await totpCode(rfcSecret, now);
    for (const input of [`${code}1`, `1${code}`, `x${code}`, `${code}x`, ` ${code}`, `${code}\n`, code.slice(1), '', 'abcdef', '12 456', '１２３４５６']) {
      await expect(checkTotp(rfcSecret, input, now, null)).resolves.toBeNull();
    }
  });
});
