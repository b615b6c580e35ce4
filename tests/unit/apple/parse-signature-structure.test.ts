import forge from 'node-forge';
import { describe, expect, it } from 'vitest';
import { verifyMdmSignature } from '../../../src/mdm/apple/signature.js';
import { opensslBody, opensslVectors, type OpensslVector } from './device-identity.js';

/**
 * A hostile Mdm-Signature can put a primitive (non-constructed) node wherever the CMS structure has a SEQUENCE or
 * SET. Each is refused, and the refusal (audited as the reason a request was rejected) names the part that is
 * malformed. Built by editing one node of an OpenSSL-made signature with node-forge's asn1 and re-encoding it.
 */
const { Class, Type } = forge.asn1;
type Node = forge.asn1.Asn1;

const vector = (criteria: Partial<OpensslVector>) =>
  opensslVectors.find((v) => Object.entries(criteria).every(([key, value]) => v[key as keyof OpensslVector] === value))!;
const plain = vector({ key: 'rsa', digest: 'sha256', signedAttributes: false, signerId: 'issuerAndSerialNumber' }).header;
const withAttributes = vector({ key: 'rsa', digest: 'sha256', signedAttributes: true, signerId: 'issuerAndSerialNumber' }).header;

const parse = (b64: string) => forge.asn1.fromDer(forge.util.createBuffer(Buffer.from(b64, 'base64').toString('binary')));
const encode = (node: Node) => Buffer.from(forge.asn1.toDer(node).getBytes(), 'binary').toString('base64');
const kids = (node: Node) => node.value as Node[];
/** The same tag, but primitive: its contents are the DER of what it held. */
const flatten = (node: Node) =>
  forge.asn1.create(node.tagClass, node.type, false, kids(node).map((k) => forge.asn1.toDer(k).getBytes()).join(''));

function open(b64: string) {
  const contentInfo = parse(b64);
  const explicit = kids(contentInfo)[1]!;
  const parts = kids(kids(explicit)[0]!);
  const certificatesIndex = parts.findIndex((p) => p.tagClass === Class.CONTEXT_SPECIFIC && p.type === 0);
  const signerInfosIndex = parts.findIndex((p, i) => i > 2 && p.tagClass === Class.UNIVERSAL && p.type === Type.SET);
  const signerInfos = parts[signerInfosIndex]!;
  const signer = kids(kids(signerInfos)[0]!);
  return { contentInfo, explicit, parts, certificatesIndex, signerInfosIndex, signerInfos, signer };
}
const refusal = (b64: string) => {
  try {
    verifyMdmSignature(b64, opensslBody);
    return 'accepted';
  } catch (error) {
    return (error as Error).message;
  }
};

describe('Mdm-Signature: a primitive node where a structure belongs is refused, naming the part', () => {
  it('the unedited signatures verify', () => {
    expect(refusal(plain)).toBe('accepted');
    expect(refusal(withAttributes)).toBe('accepted');
  });

  it('ContentInfo', () => {
    const { contentInfo } = open(plain);
    expect(refusal(encode(flatten(contentInfo)))).toBe('malformed ContentInfo');
  });

  it('the [0] content of ContentInfo', () => {
    const edit = open(plain);
    kids(edit.contentInfo)[1] = flatten(edit.explicit);
    expect(refusal(encode(edit.contentInfo))).toBe('malformed content');
  });

  it('SignedData', () => {
    const edit = open(plain);
    kids(edit.explicit)[0] = flatten(kids(edit.explicit)[0]!);
    expect(refusal(encode(edit.contentInfo))).toBe('malformed SignedData');
  });

  it('encapContentInfo', () => {
    const edit = open(plain);
    edit.parts[2] = flatten(edit.parts[2]!);
    expect(refusal(encode(edit.contentInfo))).toBe('malformed encapContentInfo');
  });

  it('the certificate set', () => {
    const edit = open(plain);
    edit.parts[edit.certificatesIndex] = flatten(edit.parts[edit.certificatesIndex]!);
    expect(refusal(encode(edit.contentInfo))).toBe('malformed certificates');
  });

  it('the signerInfos set', () => {
    const edit = open(plain);
    edit.parts[edit.signerInfosIndex] = flatten(edit.signerInfos);
    expect(refusal(encode(edit.contentInfo))).toBe('malformed signerInfos');
  });

  it('the one SignerInfo', () => {
    const edit = open(plain);
    kids(edit.signerInfos)[0] = flatten(kids(edit.signerInfos)[0]!);
    expect(refusal(encode(edit.contentInfo))).toBe('malformed SignerInfo');
  });

  it('the issuer-and-serial signer identifier', () => {
    const edit = open(plain);
    edit.signer[1] = flatten(edit.signer[1]!);
    expect(refusal(encode(edit.contentInfo))).toBe('malformed IssuerAndSerialNumber');
  });

  it('the digest and signature AlgorithmIdentifiers', () => {
    const digest = open(plain);
    digest.signer[2] = flatten(digest.signer[2]!);
    expect(refusal(encode(digest.contentInfo))).toBe('malformed AlgorithmIdentifier');
    const signature = open(plain);
    signature.signer[3] = flatten(signature.signer[3]!);
    expect(refusal(encode(signature.contentInfo))).toBe('malformed AlgorithmIdentifier');
  });

  it('the signed attributes, one attribute, and its value set', () => {
    const all = open(withAttributes);
    all.signer[3] = flatten(all.signer[3]!);
    expect(refusal(encode(all.contentInfo))).toBe('malformed signedAttrs');
    const one = open(withAttributes);
    kids(one.signer[3]!)[0] = flatten(kids(one.signer[3]!)[0]!);
    expect(refusal(encode(one.contentInfo))).toBe('malformed Attribute');
    const values = open(withAttributes);
    const attribute = kids(kids(values.signer[3]!)[0]!);
    attribute[1] = flatten(attribute[1]!);
    expect(refusal(encode(values.contentInfo))).toBe('malformed AttributeValues');
  });
});
