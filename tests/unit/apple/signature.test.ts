import { X509Certificate } from 'node:crypto';
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { describe, expect, it } from 'vitest';
import { signDetached } from '../../../src/mdm/apple/pki.js';
import { SignatureError, verifyMdmSignature } from '../../../src/mdm/apple/signature.js';
import { fixtureBytes } from '../../../tools/fixtures.js';
import { rsaIdentity } from './device-identity.js';

const fixture = (name: string) => fixtureBytes('apple', name);
const realHeader = fixture('mdm_signature_vector1.header.b64').toString('utf8').trim();
const realBody = Buffer.from(fixture('mdm_signature_vector1.body.b64').toString('utf8').trim(), 'base64');
const attrsHeader = fixture('generated/mdm_signature_generated_sha256_signedattrs.header.b64').toString('utf8').trim();
const attrsBody = fixture('generated/mdm_signature_generated_sha256_signedattrs.body.plist');

const identity = rsaIdentity;

function flipBit(buffer: Buffer, index = 20): Buffer {
  const copy = Buffer.from(buffer);
  copy[index] = copy[index]! ^ 1;
  return copy;
}

/** The reference: pkijs' complete CMS verifier. Our narrow verifier must agree with it on every case here. */
async function pkijsVerdict(header: string, body: Buffer): Promise<boolean> {
  try {
    const parsed = asn1js.fromBER(new Uint8Array(Buffer.from(header, 'base64')));
    const signed = new pkijs.SignedData({ schema: new pkijs.ContentInfo({ schema: parsed.result }).content });
    return (await signed.verify({ signer: 0, data: new Uint8Array(body).buffer, checkChain: false })) === true;
  } catch {
    return false;
  }
}

function ourVerdict(header: string, body: Buffer): boolean {
  try {
    verifyMdmSignature(header, body);
    return true;
  } catch (error) {
    expect(error).toBeInstanceOf(SignatureError);
    return false;
  }
}

describe('Mdm-Signature verification', () => {
  it('accepts the real device capture: BER indefinite length, SHA-1, no signed attributes', () => {
    const verified = verifyMdmSignature(realHeader, realBody);
    expect(verified.digest).toBe('sha1');
    expect(verified.signedAttributes).toBe(false);
    expect(verified.certificate.issuer).toContain('CN=ca');
    expect(verified.certificateSha256).toMatch(/^[0-9a-f]{64}$/);
  });

  it('accepts SHA-256 with signed attributes (contentType, messageDigest, signingTime)', () => {
    const verified = verifyMdmSignature(attrsHeader, attrsBody);
    expect(verified).toMatchObject({ digest: 'sha256', signedAttributes: true });
  });

  it("checks the body against the caller's parsed certificate when it knows the signer's fingerprint, and only then", () => {
    const { certificateSha256, certificate } = verifyMdmSignature(realHeader, realBody);
    const parsed = new X509Certificate(certificate.raw);
    const lookups: string[] = [];
    const known = (sha256: string) => {
      lookups.push(sha256);
      return sha256 === certificateSha256 ? { certificate: parsed, publicKey: parsed.publicKey } : undefined;
    };
    expect(verifyMdmSignature(realHeader, realBody, known).certificate).toBe(parsed);
    expect(lookups).toEqual([certificateSha256]);
    // The key checked is the one the caller holds for that fingerprint: another key fails the same signature.
    const other = new X509Certificate(rsaIdentity.certPem);
    expect(() => verifyMdmSignature(realHeader, realBody, () => ({ certificate: other, publicKey: other.publicKey }))).toThrow('signature does not verify');
    // An unknown fingerprint is parsed from the header as before.
    expect(verifyMdmSignature(realHeader, realBody, () => undefined).certificate).not.toBe(parsed);
  });

  it('refuses a body changed by one bit, with and without signed attributes', () => {
    expect(() => verifyMdmSignature(realHeader, flipBit(realBody))).toThrow('signature does not verify');
    expect(() => verifyMdmSignature(attrsHeader, flipBit(attrsBody))).toThrow('message digest does not match');
  });

  it('refuses a signature whose own bytes were altered', () => {
    const der = Buffer.from(realHeader, 'base64');
    const altered = flipBit(der, der.length - 40).toString('base64');
    expect(() => verifyMdmSignature(altered, realBody)).toThrow(SignatureError);
  });

  it('refuses a missing, non-base64 or non-CMS header', () => {
    expect(() => verifyMdmSignature(undefined, realBody)).toThrow('missing');
    expect(() => verifyMdmSignature('not base64!!', realBody)).toThrow('not base64');
    expect(() => verifyMdmSignature(Buffer.from('hello').toString('base64'), realBody)).toThrow(SignatureError);
  });

  it('refuses the second real header over a body it did not sign (BER parse regression)', () => {
    expect(() => verifyMdmSignature(fixture('mdm_signature_vector2_ber_header_only.b64').toString('utf8').trim(), realBody)).toThrow('signature does not verify');
  });

  it('verifies what our device simulator signs in each supported shape', () => {
    const body = Buffer.from('<plist version="1.0"><dict/></plist>');
    for (const options of [
      { digest: 'sha1' as const, signedAttributes: false },
      { digest: 'sha256' as const, signedAttributes: false },
      { digest: 'sha256' as const, signedAttributes: true },
      { digest: 'sha1' as const, signedAttributes: true },
    ]) {
      const header = signDetached(body, identity, options).toString('base64');
      expect(verifyMdmSignature(header, body)).toMatchObject({ digest: options.digest, signedAttributes: options.signedAttributes });
      expect(() => verifyMdmSignature(header, Buffer.concat([body, Buffer.from(' ')]))).toThrow(SignatureError);
    }
  });

  it('agrees with pkijs on every valid and tampered case', async () => {
    const body = Buffer.from('<plist version="1.0"><dict><key>a</key><string>b</string></dict></plist>');
    const ours = signDetached(body, identity, { digest: 'sha256', signedAttributes: true }).toString('base64');
    const cases: [string, Buffer][] = [
      [realHeader, realBody],
      [realHeader, flipBit(realBody)],
      [attrsHeader, attrsBody],
      [attrsHeader, flipBit(attrsBody)],
      [ours, body],
      [ours, flipBit(body)],
      [attrsHeader, realBody],
    ];
    for (const [header, data] of cases) expect(ourVerdict(header, data)).toBe(await pkijsVerdict(header, data));
  });
});
