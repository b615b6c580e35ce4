import { createHash, X509Certificate } from 'node:crypto';
import forge from 'node-forge';
import { describe, expect, it } from 'vitest';
import { verifyMdmSignature } from '../../../src/mdm/apple/signature.js';
import { certificatePem, opensslBody, opensslVectors, testCaCertPem, type OpensslVector } from './device-identity.js';

/**
 * Signatures made by another implementation (OpenSSL's `cms -sign`) in every shape the verifier claims to support:
 * RSA and ECDSA keys, SHA-1/256/384/512, with and without signed attributes, signer named by issuer + serial or by
 * subject key id, a version-1 certificate. The verifier must accept each over its body, name the right certificate,
 * and refuse each over any other body.
 */
const { Class, Type } = forge.asn1;
type Node = forge.asn1.Asn1;

const derOfPem = (pem: string) => Buffer.from(new X509Certificate(pem).raw);
const name = (v: OpensslVector) => `${v.certificate} ${v.digest} ${v.signedAttributes ? 'signed attributes' : 'no attributes'} ${v.signerId}`;
const parse = (b64: string) => forge.asn1.fromDer(forge.util.createBuffer(Buffer.from(b64, 'base64').toString('binary')));
const encode = (node: Node) => Buffer.from(forge.asn1.toDer(node).getBytes(), 'binary').toString('base64');
const kids = (node: Node) => node.value as Node[];
const certNode = (pem: string) => forge.asn1.fromDer(forge.util.createBuffer(derOfPem(pem).toString('binary')));
const oid = (value: string) => forge.asn1.create(Class.UNIVERSAL, Type.OID, false, forge.asn1.oidToDer(value).getBytes());
const refusal = (b64: string) => {
  try {
    verifyMdmSignature(b64, opensslBody);
    return 'accepted';
  } catch (error) {
    return (error as Error).message;
  }
};

/** The SignedData's certificate set and the signer's algorithm identifier, for editing in place. */
function open(header: string) {
  const contentInfo = parse(header);
  const parts = kids(kids(kids(contentInfo)[1]!)[0]!);
  const certificates = parts.find((p) => p.tagClass === Class.CONTEXT_SPECIFIC && p.type === 0)!;
  const signer = kids(kids(parts.slice(3).find((p) => p.tagClass === Class.UNIVERSAL && p.type === Type.SET)!)[0]!);
  const sigAlg = signer.find((p, i) => i > 2 && p.tagClass === Class.UNIVERSAL && p.type === Type.SEQUENCE)!;
  return { contentInfo, certificates, sigAlg };
}

const vector = (criteria: Partial<OpensslVector>) =>
  opensslVectors.find((v) => Object.entries(criteria).every(([key, value]) => v[key as keyof OpensslVector] === value))!;

describe('Mdm-Signature: OpenSSL-made signatures', () => {
  it.each(opensslVectors.map((v) => [name(v), v] as const))('accepts %s and returns the signer certificate', (_, v) => {
    const verified = verifyMdmSignature(v.header, opensslBody);
    const der = derOfPem(certificatePem(v.certificate));
    expect(verified.digest).toBe(v.digest);
    expect(verified.signedAttributes).toBe(v.signedAttributes);
    expect(verified.certificateDer.equals(der)).toBe(true);
    expect(verified.certificateSha256).toBe(createHash('sha256').update(der).digest('hex'));
    expect(verified.certificate.subject).toBe(new X509Certificate(der).subject);
  });

  it.each(opensslVectors.map((v) => [name(v), v] as const))('refuses %s over a body it did not sign', (_, v) => {
    const other = Buffer.from(opensslBody);
    other[other.length - 20] = other[other.length - 20]! ^ 1;
    expect(() => verifyMdmSignature(v.header, other)).toThrow(v.signedAttributes ? 'message digest does not match the body' : 'signature does not verify');
  });

  it('finds the signer among other certificates, by issuer + serial and by subject key id', () => {
    for (const v of [vector({ signerId: 'issuerAndSerialNumber', key: 'rsa' }), vector({ signerId: 'subjectKeyIdentifier', key: 'ec' })]) {
      const edited = open(v.header);
      // The CA (which has its own subject key id) and a v1 certificate (no extensions at all) listed before the signer.
      kids(edited.certificates).unshift(certNode(testCaCertPem), certNode(certificatePem('device_v1')));
      const verified = verifyMdmSignature(encode(edited.contentInfo), opensslBody);
      expect(verified.certificateDer.equals(derOfPem(certificatePem(v.certificate)))).toBe(true);
    }
  });

  it('a certificate of the same issuer with another serial, or without a subject key id, is not the signer', () => {
    for (const v of [vector({ signerId: 'issuerAndSerialNumber', key: 'rsa' }), vector({ signerId: 'subjectKeyIdentifier', key: 'ec' })]) {
      const swapped = open(v.header);
      swapped.certificates.value = [certNode(certificatePem('device_v1')), certNode(testCaCertPem)];
      expect(refusal(encode(swapped.contentInfo))).toBe('signer certificate not included');
    }
  });

  it('the signature algorithm must fit the key, and a digest-specific algorithm must name the SignerInfo digest', () => {
    const ec = open(vector({ key: 'ec', digest: 'sha256', signedAttributes: false }).header);
    kids(ec.sigAlg)[0] = oid('1.2.840.113549.1.1.11'); // sha256WithRSAEncryption claimed for an EC key
    expect(refusal(encode(ec.contentInfo))).toBe('signature algorithm does not match the certificate key');

    const rsaByDigest = { sha1: '1.2.840.113549.1.1.5', sha256: '1.2.840.113549.1.1.11', sha384: '1.2.840.113549.1.1.12', sha512: '1.2.840.113549.1.1.13' };
    const ecByDigest = { sha1: '1.2.840.10045.4.1', sha256: '1.2.840.10045.4.3.2', sha384: '1.2.840.10045.4.3.3', sha512: '1.2.840.10045.4.3.4' };
    for (const digest of ['sha1', 'sha256', 'sha384', 'sha512'] as const) {
      for (const [key, table] of [['rsa', rsaByDigest], ['ec', ecByDigest]] as const) {
        const v = vector({ key, digest, signedAttributes: false });
        const same = open(v.header);
        kids(same.sigAlg)[0] = oid(table[digest]);
        expect(refusal(encode(same.contentInfo)), `${key} ${digest}`).toBe('accepted');
        for (const other of (['sha1', 'sha256', 'sha384', 'sha512'] as const).filter((d) => d !== digest)) {
          const disagree = open(v.header);
          kids(disagree.sigAlg)[0] = oid(table[other]);
          expect(refusal(encode(disagree.contentInfo)), `${key} ${digest} signed, ${other} claimed`).toBe('digest and signature algorithms disagree');
        }
      }
    }
  });
});
