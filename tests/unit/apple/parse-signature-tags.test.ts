import { X509Certificate } from 'node:crypto';
import forge from 'node-forge';
import { describe, expect, it } from 'vitest';
import { verifyMdmSignature } from '../../../src/mdm/apple/signature.js';
import { certificatePem, opensslBody, opensslVectors, type OpensslVector } from './device-identity.js';

/**
 * ASN.1 tags carry a class as well as a number: [0] context-specific is not APPLICATION [0] or PRIVATE [0], and a
 * SET is not a [17]. A structure that only looks right by number is not the part the verifier expects, and an OID
 * must be typed as an OID. Each case edits one node of an OpenSSL-made signature; the unedited one verifies.
 */
const { Class, Type } = forge.asn1;
type Node = forge.asn1.Asn1;

const vector = (criteria: Partial<OpensslVector>) =>
  opensslVectors.find((v) => Object.entries(criteria).every(([key, value]) => v[key as keyof OpensslVector] === value))!;
const bySerial = vector({ key: 'rsa', digest: 'sha256', signedAttributes: false, signerId: 'issuerAndSerialNumber' }).header;
const bySerialWithAttributes = vector({ key: 'rsa', digest: 'sha256', signedAttributes: true, signerId: 'issuerAndSerialNumber' }).header;
const byKeyId = vector({ key: 'rsa', digest: 'sha256', signedAttributes: false, signerId: 'subjectKeyIdentifier' }).header;
const signerDer = Buffer.from(new X509Certificate(certificatePem('device_rsa')).raw);

const parse = (bytes: Buffer) => forge.asn1.fromDer(forge.util.createBuffer(bytes.toString('binary')));
const encode = (node: Node) => Buffer.from(forge.asn1.toDer(node).getBytes(), 'binary').toString('base64');
const kids = (node: Node) => node.value as Node[];
const retag = (node: Node, tagClass: forge.asn1.Class, type: number = node.type) => forge.asn1.create(tagClass, type, node.constructed, node.value);

function open(b64: string) {
  const contentInfo = parse(Buffer.from(b64, 'base64'));
  const parts = kids(kids(kids(contentInfo)[1]!)[0]!);
  const certificatesIndex = parts.findIndex((p) => p.tagClass === Class.CONTEXT_SPECIFIC && p.type === 0);
  const signerInfosIndex = parts.findIndex((p, i) => i > 2 && p.tagClass === Class.UNIVERSAL && p.type === Type.SET);
  const signer = kids(kids(parts[signerInfosIndex]!)[0]!);
  return { contentInfo, parts, certificatesIndex, signerInfosIndex, signer };
}
const verify = (b64: string) => verifyMdmSignature(b64, opensslBody);
const refusal = (b64: string) => {
  try {
    verify(b64);
    return 'accepted';
  } catch (error) {
    return (error as Error).message;
  }
};

describe('Mdm-Signature: tag classes and types are checked, not just tag numbers', () => {
  it('the unedited signatures verify', () => {
    for (const header of [bySerial, bySerialWithAttributes, byKeyId]) expect(refusal(header)).toBe('accepted');
  });

  it('certificates under APPLICATION [0] or PRIVATE [0] are not the certificate set', () => {
    for (const tagClass of [Class.APPLICATION, Class.PRIVATE]) {
      const edit = open(bySerial);
      edit.parts[edit.certificatesIndex] = retag(edit.parts[edit.certificatesIndex]!, tagClass);
      expect(refusal(encode(edit.contentInfo)), `class ${tagClass}`).toBe('signer certificate not included');
    }
  });

  it('signers under a context-specific or APPLICATION [17] are not the signerInfos SET', () => {
    for (const tagClass of [Class.CONTEXT_SPECIFIC, Class.APPLICATION]) {
      const edit = open(bySerial);
      edit.parts[edit.signerInfosIndex] = retag(edit.parts[edit.signerInfosIndex]!, tagClass);
      expect(refusal(encode(edit.contentInfo)), `class ${tagClass}`).toBe('no signerInfos');
    }
  });

  it('valid signed attributes under APPLICATION [0] or PRIVATE [0] are not signed attributes', () => {
    // The signature over them still verifies as a SET OF: only the class check refuses them.
    for (const tagClass of [Class.APPLICATION, Class.PRIVATE]) {
      const edit = open(bySerialWithAttributes);
      edit.signer[3] = retag(edit.signer[3]!, tagClass);
      expect(refusal(encode(edit.contentInfo)), `class ${tagClass}`).not.toBe('accepted');
    }
  });

  it('a subject key id under APPLICATION [0] is not a signer identifier', () => {
    const edit = open(byKeyId);
    expect(edit.signer[1]!.tagClass).toBe(Class.CONTEXT_SPECIFIC);
    edit.signer[1] = retag(edit.signer[1]!, Class.APPLICATION);
    expect(refusal(encode(edit.contentInfo))).toBe('malformed signer identifier');
  });

  it('an OID sent as an OCTET STRING of the same bytes is not an OID', () => {
    const contentType = open(bySerial);
    const oid = kids(contentType.contentInfo)[0]!;
    kids(contentType.contentInfo)[0] = forge.asn1.create(Class.UNIVERSAL, Type.OCTETSTRING, false, oid.value);
    expect(refusal(encode(contentType.contentInfo))).toBe('expected an OID');

    const digest = open(bySerial);
    const algorithm = kids(digest.signer[2]!);
    algorithm[0] = forge.asn1.create(Class.UNIVERSAL, Type.OCTETSTRING, false, algorithm[0]!.value);
    expect(refusal(encode(digest.contentInfo))).toBe('expected an OID');
  });

  it("a certificate carrying the signer's key id outside its [3] extensions is not the signer", () => {
    // A decoy listed first: the real certificate's TBS with the [3] extensions wrapper turned into a constructed BIT STRING.
    const decoy = parse(signerDer);
    const tbs = kids(kids(decoy)[0]!);
    const wrapperIndex = tbs.findIndex((f) => f.tagClass === Class.CONTEXT_SPECIFIC && f.type === 3);
    tbs[wrapperIndex] = forge.asn1.create(Class.UNIVERSAL, Type.BITSTRING, true, kids(tbs[wrapperIndex]!));
    const edit = open(byKeyId);
    kids(edit.parts[edit.certificatesIndex]!).unshift(decoy);
    const verified = verify(encode(edit.contentInfo));
    expect(verified.certificateDer.equals(signerDer)).toBe(true);
  });
});
