import { describe, expect, it } from 'vitest';
import { SignatureError, verifyMdmSignature } from '../../../src/mdm/apple/signature.js';
import { fixtureBytes } from '../../../tools/fixtures.js';
import { opensslBody, opensslVectors } from './device-identity.js';

/**
 * Whatever bytes arrive in Mdm-Signature, the verifier answers with a SignatureError (which the caller turns into a
 * 401 with the reason audited), never another exception (a 500) and never acceptance of damaged input.
 */
const realHeader = fixtureBytes('apple', 'mdm_signature_vector1.header.b64').toString('utf8').trim();
const realBody = Buffer.from(fixtureBytes('apple', 'mdm_signature_vector1.body.b64').toString('utf8').trim(), 'base64');
const opensslHeader = opensslVectors.find((v) => v.key === 'ec' && v.signedAttributes && v.signerId === 'subjectKeyIdentifier')!.header;

const outcome = (der: Buffer, body: Buffer) => {
  try {
    verifyMdmSignature(der.toString('base64'), body);
    return 'accepted';
  } catch (error) {
    return error instanceof SignatureError ? 'refused' : `${(error as Error).name}: ${(error as Error).message}`;
  }
};

describe.each([
  ['the real device capture (BER, indefinite lengths)', realHeader, realBody],
  ['an OpenSSL EC signature with signed attributes and a key id', opensslHeader, opensslBody],
])('Mdm-Signature damaged: %s', (_, header, body) => {
  const der = Buffer.from(header, 'base64');

  it('verifies undamaged', () => {
    expect(outcome(der, body)).toBe('accepted');
  });

  it('truncated anywhere, it is refused as a SignatureError', () => {
    for (let length = 0; length < der.length; length += Math.max(1, Math.floor(der.length / 97))) {
      expect(outcome(der.subarray(0, length), body), `first ${length} bytes`).toBe('refused');
    }
    expect(outcome(der.subarray(0, der.length - 1), body)).toBe('refused');
  });

  it('with one byte changed anywhere, it is refused or (where the byte is not signed or parsed) still the same signature', () => {
    for (let index = 0; index < der.length; index += 11) {
      for (const mask of [0x01, 0x80]) {
        const damaged = Buffer.from(der);
        damaged[index] = damaged[index]! ^ mask;
        expect(outcome(damaged, body), `byte ${index} ^ ${mask}`).toMatch(/^(refused|accepted)$/);
      }
    }
  });

  it('with bytes appended after the structure it is refused', () => {
    for (const tail of [Buffer.from([0]), Buffer.from([0x30]), Buffer.from([0x30, 0x80]), Buffer.from([0x04, 0x82, 0xff, 0xff])]) {
      expect(outcome(Buffer.concat([der, tail]), body), tail.toString('hex')).toBe('refused');
    }
  });
});

describe('Mdm-Signature that is not ASN.1', () => {
  it('is refused as not valid ASN.1', () => {
    for (const bytes of [[0x30], [0x30, 0x82, 0x01], [0x30, 0x84, 0xff, 0xff, 0xff, 0xff], [0x1f, 0xff, 0xff, 0xff, 0xff, 0xff]]) {
      expect(() => verifyMdmSignature(Buffer.from(bytes).toString('base64'), realBody), bytes.join(' ')).toThrow('Mdm-Signature is not valid ASN.1');
    }
  });
});
