import { describe, expect, it } from 'vitest';
import { addressAllowed, formatApiKey, looksLikeApiKey, parseApiKey, parseCidr } from '../../../src/domain/service-accounts/api-keys.js';

// A key as issue-api-key.ts makes one: 6 random bytes in hex, then 32 random bytes in base64url (43 characters).
const prefix = '0a1b2c3d4e5f';
const secret = 'Zm9vYmFyLWJhei1xdXV4X2NvcnJlY3QtaG9yc2UtYmE';

describe('API key format', () => {
  it('reads back the prefix and secret of a key it formatted', () => {
    const key = formatApiKey(prefix, secret);
    expect(key).toBe(`mdmk_${prefix}_${secret}`);
    expect(parseApiKey(key)).toEqual({ prefix, secret });
  });

  it('accepts the dash and underscore of base64url in the secret', () => {
    const dashed = `${'-_'.repeat(21)}A`;
    expect(parseApiKey(`mdmk_${prefix}_${dashed}`)).toEqual({ prefix, secret: dashed });
  });

  it.each([
    ['another vendor prefix', `mdmx_${prefix}_${secret}`],
    ['an upper-case prefix', `mdmk_${prefix.toUpperCase()}_${secret}`],
    ['a prefix one character short', `mdmk_${prefix.slice(1)}_${secret}`],
    ['a prefix one character long', `mdmk_${prefix}0_${secret}`],
    ['a secret one character short', `mdmk_${prefix}_${secret.slice(1)}`],
    ['a secret one character long', `mdmk_${prefix}_${secret}A`],
    ['standard base64 characters in the secret', `mdmk_${prefix}_${secret.slice(2)}+/`],
    ['a trailing newline', `mdmk_${prefix}_${secret}\n`],
    ['leading text', `Bearer mdmk_${prefix}_${secret}`],
    ['an empty value', ''],
  ])('refuses %s', (_why, value) => {
    expect(parseApiKey(value)).toBeNull();
  });

  it('recognises a key by its mdmk_ marker only', () => {
    expect(looksLikeApiKey(`mdmk_${prefix}_${secret}`)).toBe(true);
    expect(looksLikeApiKey('mdmk_')).toBe(true);
    expect(looksLikeApiKey('eyJhbGciOiJIUzI1NiJ9.e30.sig')).toBe(false);
    expect(looksLikeApiKey('xmdmk_')).toBe(false);
  });
});

describe('allowed address ranges', () => {
  it('reads IPv4 and IPv6 ranges, and a single address as a range of one', () => {
    expect(parseCidr('10.0.0.0/8')).toEqual({ address: '10.0.0.0', prefix: 8, family: 'ipv4' });
    expect(parseCidr('2001:db8::/32')).toEqual({ address: '2001:db8::', prefix: 32, family: 'ipv6' });
    expect(parseCidr('192.0.2.7')).toEqual({ address: '192.0.2.7', prefix: 32, family: 'ipv4' });
    expect(parseCidr('2001:db8::7')).toEqual({ address: '2001:db8::7', prefix: 128, family: 'ipv6' });
  });

  it('accepts prefix lengths from 0 to the full address length', () => {
    expect(parseCidr('0.0.0.0/0')?.prefix).toBe(0);
    expect(parseCidr('192.0.2.7/32')?.prefix).toBe(32);
    expect(parseCidr('::/0')?.prefix).toBe(0);
    expect(parseCidr('2001:db8::7/128')?.prefix).toBe(128);
  });

  it.each([
    ['an IPv4 prefix over 32', '10.0.0.0/33'],
    ['an IPv6 prefix over 128', '2001:db8::/129'],
    ['a negative prefix', '10.0.0.0/-1'],
    ['an empty prefix', '10.0.0.0/'],
    ['a padded prefix', '10.0.0.0/ 8'],
    ['a four-digit prefix', '10.0.0.0/0008'],
    ['a prefix in exponent notation', '10.0.0.0/1e1'],
    ['a hex prefix', '10.0.0.0/0x8'],
    ['two slashes', '10.0.0.0/8/8'],
    ['a missing address', '/8'],
    ['a host name', 'intranet.example.test/24'],
    ['an address out of range', '10.0.0.256/24'],
    ['an empty string', ''],
  ])('refuses %s', (_why, text) => {
    expect(parseCidr(text)).toBeNull();
  });

  it('lets every address in when the key has no range', () => {
    expect(addressAllowed('203.0.113.9', [])).toBe(true);
    expect(addressAllowed('2001:db8::1', [])).toBe(true);
  });

  it('admits an address inside a listed IPv4 range and refuses one outside', () => {
    expect(addressAllowed('10.200.3.4', ['10.0.0.0/8'])).toBe(true);
    expect(addressAllowed('11.0.0.1', ['10.0.0.0/8'])).toBe(false);
    expect(addressAllowed('192.0.2.7', ['192.0.2.7'])).toBe(true);
    expect(addressAllowed('192.0.2.8', ['192.0.2.7'])).toBe(false);
  });

  it('admits an address inside a listed IPv6 range and refuses one outside', () => {
    expect(addressAllowed('2001:db8:ffff::1', ['2001:db8::/32'])).toBe(true);
    expect(addressAllowed('2001:db9::1', ['2001:db8::/32'])).toBe(false);
    expect(addressAllowed('2001:db8::1', ['10.0.0.0/8'])).toBe(false);
  });

  it('matches any of several ranges', () => {
    const ranges = ['10.0.0.0/8', '2001:db8::/32', '198.51.100.0/24'];
    expect(addressAllowed('198.51.100.200', ranges)).toBe(true);
    expect(addressAllowed('2001:db8::5', ranges)).toBe(true);
    expect(addressAllowed('198.51.101.1', ranges)).toBe(false);
  });

  it('treats an IPv4-mapped IPv6 address as the IPv4 address it carries', () => {
    expect(addressAllowed('::ffff:10.1.2.3', ['10.0.0.0/8'])).toBe(true);
    expect(addressAllowed('::ffff:11.1.2.3', ['10.0.0.0/8'])).toBe(false);
  });

  it('checks a ::ffff: address that carries no IPv4 address as the IPv6 address it is', () => {
    expect(addressAllowed('::ffff:abcd', ['::/0'])).toBe(true);
    expect(addressAllowed('::ffff:abcd', ['10.0.0.0/8'])).toBe(false);
  });

  it('ignores a malformed range without letting everyone in', () => {
    expect(addressAllowed('203.0.113.9', ['not-a-range'])).toBe(false);
    expect(addressAllowed('10.1.1.1', ['not-a-range', '10.0.0.0/8'])).toBe(true);
    expect(addressAllowed('203.0.113.9', ['10.0.0.0/99', '10.0.0.0/8'])).toBe(false);
  });

  it('refuses a caller whose address cannot be read', () => {
    expect(addressAllowed('', ['0.0.0.0/0'])).toBe(false);
    expect(addressAllowed('localhost', ['0.0.0.0/0', '::/0'])).toBe(false);
    expect(addressAllowed('10.0.0.1, 10.0.0.2', ['10.0.0.0/8'])).toBe(false);
  });
});
