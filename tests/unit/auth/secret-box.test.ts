import { describe, expect, it } from 'vitest';
import { createSecretBox } from '../../../src/domain/auth/secret-box.js';

const keyA = Buffer.alloc(32, 7).toString('base64');
const keyB = Buffer.alloc(32, 8).toString('base64');
const seed = 'JBSWY3DPEHPK3PXPJBSWY3DP';

const withPart = (sealed: string, index: number, value: string) => {
  const parts = sealed.split('.');
  parts[index] = value;
  return parts.join('.');
};
const flipFirstByte = (part: string) => {
  const bytes = Buffer.from(part, 'base64url');
  bytes[0] = bytes[0]! ^ 1;
  return bytes.toString('base64url');
};

describe('secret box: sealing', () => {
  it('round-trips text, including non-ASCII and the empty string', () => {
    const box = createSecretBox(keyA);
    for (const text of [seed, 'Pässwörd 🔑 ünïcode', '']) expect(box.open(box.seal(text))).toBe(text);
  });

  it('writes v1.<iv>.<tag>.<ciphertext> in base64url, with a 12-byte IV and a 16-byte tag', () => {
    const sealed = createSecretBox(keyA).seal(seed);
    const [version, iv, tag, body] = sealed.split('.');
    expect(sealed.split('.')).toHaveLength(4);
    expect(version).toBe('v1');
    for (const part of [iv, tag, body]) expect(part).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(Buffer.from(iv!, 'base64url')).toHaveLength(12);
    expect(Buffer.from(tag!, 'base64url')).toHaveLength(16);
    expect(Buffer.from(body!, 'base64url')).toHaveLength(seed.length);
    expect(sealed).not.toContain(seed);
  });

  it('uses a fresh IV each time, so equal secrets do not look equal in the database', () => {
    const box = createSecretBox(keyA);
    const first = box.seal(seed);
    const second = box.seal(seed);
    expect(first).not.toBe(second);
    expect(first.split('.')[1]).not.toBe(second.split('.')[1]);
  });
});

describe('secret box: refusing what it did not seal', () => {
  it('refuses a ciphertext changed by one bit', () => {
    const box = createSecretBox(keyA);
    const sealed = box.seal(seed);
    expect(() => box.open(withPart(sealed, 3, flipFirstByte(sealed.split('.')[3]!)))).toThrow();
  });

  it('refuses a changed tag or IV', () => {
    const box = createSecretBox(keyA);
    const sealed = box.seal(seed);
    expect(() => box.open(withPart(sealed, 2, flipFirstByte(sealed.split('.')[2]!)))).toThrow();
    expect(() => box.open(withPart(sealed, 1, flipFirstByte(sealed.split('.')[1]!)))).toThrow();
  });

  it('refuses a secret sealed under another key', () => {
    const sealed = createSecretBox(keyB).seal(seed);
    expect(() => createSecretBox(keyA).open(sealed)).toThrow();
  });

  it('refuses a version it does not know, even with a valid sealed body', () => {
    const box = createSecretBox(keyA);
    const sealed = box.seal(seed);
    expect(() => box.open(withPart(sealed, 0, 'v2'))).toThrow('Unrecognised sealed secret');
    expect(() => box.open(withPart(sealed, 0, ''))).toThrow('Unrecognised sealed secret');
  });

  it.each([
    ['no IV', 1],
    ['no tag', 2],
  ])('refuses a sealed value with %s', (_why, index) => {
    const box = createSecretBox(keyA);
    expect(() => box.open(withPart(box.seal(seed), index, ''))).toThrow('Unrecognised sealed secret');
  });

  it('refuses a sealed value cut short before the ciphertext', () => {
    const box = createSecretBox(keyA);
    const [version, iv, tag] = box.seal(seed).split('.');
    expect(() => box.open(`${version}.${iv}.${tag}`)).toThrow('Unrecognised sealed secret');
    expect(() => box.open('')).toThrow('Unrecognised sealed secret');
    expect(() => box.open(seed)).toThrow('Unrecognised sealed secret');
  });
});

describe('secret box: the key', () => {
  it('demands exactly 32 bytes and says so', () => {
    for (const size of [0, 16, 31, 33, 64]) {
      expect(() => createSecretBox(Buffer.alloc(size, 1).toString('base64'))).toThrow('The data encryption key must be 32 bytes (base64)');
    }
  });
});
