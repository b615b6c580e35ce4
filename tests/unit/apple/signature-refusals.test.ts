import forge from 'node-forge';
import { describe, expect, it } from 'vitest';
import { signDetached } from '../../../src/mdm/apple/pki.js';
import { verifyMdmSignature } from '../../../src/mdm/apple/signature.js';
import { rsaIdentity } from './device-identity.js';

/**
 * Each refusal path of the Mdm-Signature verifier, reached by editing one part of a valid CMS structure, so that a
 * deleted or weakened check fails here: signer matching by issuer + serial, the subject-key-id signer, algorithm
 * agreement, detached content, signed attributes.
 */
const { Class, Type } = forge.asn1;
type Node = forge.asn1.Asn1;

const identity = rsaIdentity;
const body = Buffer.from('<plist><dict><key>Status</key><string>Idle</string></dict></plist>');

const signed = new Map<string, string>();
/** Signed once per shape (forge signs in JavaScript); each test edits its own parse of it. */
const header = (signedAttributes: boolean, digest: 'sha1' | 'sha256' = 'sha1') => {
  const key = `${signedAttributes}/${digest}`;
  if (!signed.has(key)) signed.set(key, signDetached(body, identity, { digest, signedAttributes }).toString('base64'));
  return signed.get(key)!;
};
const parse = (b64: string) => forge.asn1.fromDer(forge.util.createBuffer(Buffer.from(b64, 'base64').toString('binary')));
const encode = (node: Node) => Buffer.from(forge.asn1.toDer(node).getBytes(), 'binary').toString('base64');
const kids = (node: Node) => node.value as Node[];
const oid = (value: string) => forge.asn1.create(Class.UNIVERSAL, Type.OID, false, forge.asn1.oidToDer(value).getBytes());

/** ContentInfo → SignedData's parts, and the one SignerInfo's parts, for editing in place. */
function open(b64: string) {
  const contentInfo = parse(b64);
  const signedData = kids(kids(contentInfo)[1]!)[0]!;
  const parts = kids(signedData);
  const signerInfos = parts.slice(3).find((p) => p.tagClass === Class.UNIVERSAL && p.type === Type.SET)!;
  const signer = kids(kids(signerInfos)[0]!);
  const certificates = parts.find((p) => p.tagClass === Class.CONTEXT_SPECIFIC && p.type === 0)!;
  const hasAttributes = signer[3]!.tagClass === Class.CONTEXT_SPECIFIC;
  return { contentInfo, signedData, parts, signerInfos, signer, certificates, sigAlgIndex: hasAttributes ? 4 : 3 };
}
const refusal = (b64: string) => {
  try {
    verifyMdmSignature(b64, body);
    return 'accepted';
  } catch (error) {
    return (error as Error).message;
  }
};

describe('Mdm-Signature refusals', () => {
  it('baseline: the unedited structure verifies, with and without signed attributes', () => {
    expect(refusal(encode(open(header(false)).contentInfo))).toBe('accepted');
    expect(refusal(encode(open(header(true, 'sha256')).contentInfo))).toBe('accepted');
  });

  it('header shape: missing, not base64, too long, whitespace-tolerant, not ASN.1', () => {
    expect(refusal('')).toBe('Mdm-Signature header missing');
    expect(refusal('not base64!')).toBe('Mdm-Signature is not base64');
    expect(refusal('A'.repeat(16_388))).toBe('Mdm-Signature is not base64');
    const valid = header(false);
    expect(refusal(valid.replace(/(.{64})/g, '$1\n'))).toBe('accepted');
    expect(refusal('AAAA')).toMatch(/ASN\.1|malformed|OID|SignedData/);
  });

  it('the signer is matched by issuer AND serial: another serial or another issuer is not the signer', () => {
    const serial = open(header(false));
    const sid = kids(serial.signer[1]!);
    const bytes = sid[1]!.value as string;
    sid[1]!.value = String.fromCharCode(bytes.charCodeAt(0) ^ 1) + bytes.slice(1);
    expect(refusal(encode(serial.contentInfo))).toBe('signer certificate not included');

    const issuer = open(header(false));
    const issuerSid = kids(issuer.signer[1]!);
    // Another issuer Name (the device's own subject), same serial.
    const otherName = forge.pki.distinguishedNameToAsn1(forge.pki.certificateFromPem(identity.certPem).subject);
    issuerSid[0] = otherName;
    expect(refusal(encode(issuer.contentInfo))).toBe('signer certificate not included');
  });

  it('a signer identified by subject key id verifies; a wrong key id is not the signer', () => {
    const cert = forge.pki.certificateFromPem(identity.certPem);
    const skiExtension = cert.getExtension('subjectKeyIdentifier') as { subjectKeyIdentifier: string };
    const ski = forge.util.hexToBytes(skiExtension.subjectKeyIdentifier);
    const bySki = open(header(false));
    bySki.signer[1] = forge.asn1.create(Class.CONTEXT_SPECIFIC, 0, false, ski);
    expect(refusal(encode(bySki.contentInfo))).toBe('accepted');
    const constructed = open(header(false));
    constructed.signer[1] = forge.asn1.create(Class.CONTEXT_SPECIFIC, 0, true, [forge.asn1.create(Class.UNIVERSAL, Type.OCTETSTRING, false, ski)]);
    expect(refusal(encode(constructed.contentInfo))).toBe('accepted');
    const wrong = open(header(false));
    wrong.signer[1] = forge.asn1.create(Class.CONTEXT_SPECIFIC, 0, false, 'x'.repeat(20));
    expect(refusal(encode(wrong.contentInfo))).toBe('signer certificate not included');
    const neither = open(header(false));
    neither.signer[1] = forge.asn1.create(Class.CONTEXT_SPECIFIC, 1, false, ski);
    expect(refusal(encode(neither.contentInfo))).toBe('malformed signer identifier');
  });

  it('without the certificates, or with two signers, or none, it is refused', () => {
    const noCerts = open(header(false));
    noCerts.parts.splice(noCerts.parts.indexOf(noCerts.certificates), 1);
    expect(refusal(encode(noCerts.contentInfo))).toBe('signer certificate not included');
    const two = open(header(false));
    kids(two.signerInfos).push(kids(two.signerInfos)[0]!);
    expect(refusal(encode(two.contentInfo))).toBe('exactly one signer is required');
    const none = open(header(false));
    none.parts.splice(none.parts.indexOf(none.signerInfos), 1);
    expect(refusal(encode(none.contentInfo))).toBe('no signerInfos');
  });

  it('content carried inside (not detached) or another content type is refused', () => {
    const attached = open(header(false));
    kids(attached.parts[2]!).push(forge.asn1.create(Class.CONTEXT_SPECIFIC, 0, true, [forge.asn1.create(Class.UNIVERSAL, Type.OCTETSTRING, false, 'other body')]));
    expect(refusal(encode(attached.contentInfo))).toBe('signature is not detached');
    const envelope = open(header(false));
    kids(envelope.contentInfo)[0] = oid('1.2.840.113549.1.7.3');
    expect(refusal(encode(envelope.contentInfo))).toBe('not a CMS SignedData');
  });

  it('algorithms: unsupported digest, unsupported signature, disagreeing pair, key type mismatch', () => {
    const md5 = open(header(false));
    kids(md5.signer[2]!)[0] = oid('1.2.840.113549.2.5');
    expect(refusal(encode(md5.contentInfo))).toBe('unsupported digest algorithm');
    const dsa = open(header(false));
    kids(dsa.signer[dsa.sigAlgIndex]!)[0] = oid('1.2.840.10040.4.3');
    expect(refusal(encode(dsa.contentInfo))).toBe('unsupported signature algorithm');
    const disagree = open(header(false));
    kids(disagree.signer[disagree.sigAlgIndex]!)[0] = oid('1.2.840.113549.1.1.11'); // sha256WithRSA over a SHA-1 digest
    expect(refusal(encode(disagree.contentInfo))).toBe('digest and signature algorithms disagree');
    const ec = open(header(false));
    kids(ec.signer[ec.sigAlgIndex]!)[0] = oid('1.2.840.10045.4.1'); // ecdsa-with-SHA1 claimed for an RSA key
    expect(refusal(encode(ec.contentInfo))).toBe('signature algorithm does not match the certificate key');
    const plainRsa = open(header(false));
    kids(plainRsa.signer[plainRsa.sigAlgIndex]!)[0] = oid('1.2.840.113549.1.1.1'); // rsaEncryption: digest from SignerInfo
    expect(refusal(encode(plainRsa.contentInfo))).toBe('accepted');
  });

  it('signed attributes: both required, content type must be id-data, no duplicates, digest must match', () => {
    const attributes = (s: ReturnType<typeof open>) => kids(s.signer[3]!);
    const typeOf = (attribute: Node) => forge.asn1.derToOid(kids(attribute)[0]!.value as string);

    const noDigest = open(header(true, 'sha256'));
    noDigest.signer[3]!.value = attributes(noDigest).filter((a) => typeOf(a) !== '1.2.840.113549.1.9.4');
    expect(refusal(encode(noDigest.contentInfo))).toBe('signed attributes lack contentType or messageDigest');
    const noType = open(header(true, 'sha256'));
    noType.signer[3]!.value = attributes(noType).filter((a) => typeOf(a) !== '1.2.840.113549.1.9.3');
    expect(refusal(encode(noType.contentInfo))).toBe('signed attributes lack contentType or messageDigest');

    const wrongType = open(header(true, 'sha256'));
    const contentType = attributes(wrongType).find((a) => typeOf(a) === '1.2.840.113549.1.9.3')!;
    kids(kids(contentType)[1]!)[0] = oid('1.2.840.113549.1.7.2');
    expect(refusal(encode(wrongType.contentInfo))).toBe('signed content type is not id-data');

    const duplicate = open(header(true, 'sha256'));
    attributes(duplicate).push(attributes(duplicate)[0]!);
    expect(refusal(encode(duplicate.contentInfo))).toBe('duplicate signed attribute');

    const twoValues = open(header(true, 'sha256'));
    const digestAttr = attributes(twoValues).find((a) => typeOf(a) === '1.2.840.113549.1.9.4')!;
    kids(kids(digestAttr)[1]!).push(kids(kids(digestAttr)[1]!)[0]!);
    expect(refusal(encode(twoValues.contentInfo))).toBe('signed attribute must have one value');

    const shortDigest = open(header(true, 'sha256'));
    const claimed = kids(kids(attributes(shortDigest).find((a) => typeOf(a) === '1.2.840.113549.1.9.4')!)[1]!)[0]!;
    claimed.value = (claimed.value as string).slice(1);
    expect(refusal(encode(shortDigest.contentInfo))).toBe('message digest does not match the body');

    // Attributes left intact but the signature over them altered.
    const forged = open(header(true, 'sha256'));
    const signature = forged.signer[forged.sigAlgIndex + 1]!;
    const bytes = signature.value as string;
    signature.value = String.fromCharCode(bytes.charCodeAt(0) ^ 1) + bytes.slice(1);
    expect(refusal(encode(forged.contentInfo))).toBe('signature does not verify');
  });
});

describe('Mdm-Signature: malformed structure is refused, never mistaken for a valid one', () => {
  const universal = (type: number, value: Node[] | string, constructed = Array.isArray(value)) => forge.asn1.create(Class.UNIVERSAL, type, constructed, value);
  const context = (type: number, value: Node[]) => forge.asn1.create(Class.CONTEXT_SPECIFIC, type, true, value);

  it('header: exactly the size cap is still read, padding beyond "==" or text around the base64 is not', () => {
    // 16,384 characters pass the size check and fail later as ASN.1; one more is refused up front.
    expect(refusal('A'.repeat(16_384))).not.toBe('Mdm-Signature is not base64');
    expect(refusal('A'.repeat(16_385))).toBe('Mdm-Signature is not base64');
    const valid = header(false);
    expect(refusal(`${valid.replace(/=+$/, '')}===`)).toBe('Mdm-Signature is not base64');
    expect(refusal(`!${valid}`)).toBe('Mdm-Signature is not base64');
    expect(refusal(`${valid}!`)).toBe('Mdm-Signature is not base64');
  });

  it('ContentInfo and SignedData shape', () => {
    const empty = open(header(false));
    empty.contentInfo.value = [];
    expect(refusal(encode(empty.contentInfo))).toBe('not a CMS SignedData');
    const noContent = open(header(false));
    kids(noContent.contentInfo).splice(1);
    expect(refusal(encode(noContent.contentInfo))).toBe('SignedData content missing');
    const wrongTag = open(header(false));
    kids(wrongTag.contentInfo)[1] = context(1, kids(kids(wrongTag.contentInfo)[1]!));
    expect(refusal(encode(wrongTag.contentInfo))).toBe('SignedData content missing');
    const wrongClass = open(header(false));
    kids(wrongClass.contentInfo)[1] = forge.asn1.create(Class.APPLICATION, 0, true, kids(kids(wrongClass.contentInfo)[1]!));
    expect(refusal(encode(wrongClass.contentInfo))).toBe('SignedData content missing');
    const twoContents = open(header(false));
    kids(kids(twoContents.contentInfo)[1]!).push(twoContents.signedData);
    expect(refusal(encode(twoContents.contentInfo))).toBe('malformed SignedData');
    const constructedOid = open(header(false));
    kids(constructedOid.contentInfo)[0] = universal(Type.OID, [oid('1.2.840.113549.1.7.2')]);
    expect(refusal(encode(constructedOid.contentInfo))).toBe('expected an OID');
    const primitive = open(header(false));
    kids(primitive.contentInfo)[1] = context(0, [universal(Type.OCTETSTRING, 'x')]);
    expect(refusal(encode(primitive.contentInfo))).toBe('malformed SignedData');

    const noEncap = open(header(false));
    noEncap.parts.splice(2);
    expect(refusal(encode(noEncap.contentInfo))).toBe('malformed encapsulated content');
    const encapAsSet = open(header(false));
    encapAsSet.parts[2] = universal(Type.SET, kids(encapAsSet.parts[2]!));
    expect(refusal(encode(encapAsSet.contentInfo))).toBe('malformed encapsulated content');
  });

  it('optional parts: CRLs are skipped, certificates need not come first', () => {
    const withCrls = open(header(false));
    withCrls.parts.splice(withCrls.parts.indexOf(withCrls.signerInfos), 0, context(1, []));
    expect(refusal(encode(withCrls.contentInfo))).toBe('accepted');
    // A stray [1] or SEQUENCE in the optional area is neither the certificates nor the signers.
    const straySequence = open(header(false));
    straySequence.parts.splice(straySequence.parts.indexOf(straySequence.signerInfos), 1, universal(Type.SEQUENCE, kids(straySequence.signerInfos)));
    expect(refusal(encode(straySequence.contentInfo))).toBe('no signerInfos');
    const certsAsSet = open(header(false));
    certsAsSet.parts.splice(certsAsSet.parts.indexOf(certsAsSet.certificates), 1, context(2, kids(certsAsSet.certificates)));
    expect(refusal(encode(certsAsSet.contentInfo))).toBe('signer certificate not included');
  });

  it('SignerInfo shape: too short, signer identifier tags, OCTET STRING and INTEGER types', () => {
    const short = open(header(false));
    short.signer.splice(2);
    expect(refusal(encode(short.contentInfo))).toBe('malformed SignerInfo');
    const noSignature = open(header(false));
    noSignature.signer.splice(noSignature.sigAlgIndex + 1);
    expect(refusal(encode(noSignature.contentInfo))).toBe('malformed SignerInfo');
    const emptyAlgorithm = open(header(false));
    emptyAlgorithm.signer[2] = universal(Type.SEQUENCE, []);
    expect(refusal(encode(emptyAlgorithm.contentInfo))).toBe('malformed AlgorithmIdentifier');

    // issuerAndSerialNumber must be a SEQUENCE of both; a SET or a [16] of the same is not a signer identifier.
    const asSet = open(header(false));
    asSet.signer[1] = universal(Type.SET, kids(asSet.signer[1]!));
    expect(refusal(encode(asSet.contentInfo))).toBe('malformed signer identifier');
    const asContext = open(header(false));
    asContext.signer[1] = context(Type.SEQUENCE, kids(asContext.signer[1]!));
    expect(refusal(encode(asContext.contentInfo))).toBe('malformed signer identifier');
    const issuerOnly = open(header(false));
    kids(issuerOnly.signer[1]!).splice(1);
    expect(refusal(encode(issuerOnly.contentInfo))).toBe('malformed signer identifier');
    const serialAsOctets = open(header(false));
    const serial = kids(serialAsOctets.signer[1]!)[1]!;
    kids(serialAsOctets.signer[1]!)[1] = universal(Type.OCTETSTRING, serial.value as string);
    expect(refusal(encode(serialAsOctets.contentInfo))).toBe('expected an INTEGER');
    const twoKeyIds = open(header(false));
    twoKeyIds.signer[1] = context(0, [universal(Type.OCTETSTRING, 'a'), universal(Type.OCTETSTRING, 'b')]);
    expect(refusal(encode(twoKeyIds.contentInfo))).toBe('malformed sid');

    const signatureAsBits = open(header(false));
    const signature = signatureAsBits.signer[signatureAsBits.sigAlgIndex + 1]!;
    signatureAsBits.signer[signatureAsBits.sigAlgIndex + 1] = universal(Type.BITSTRING, signature.value as string);
    expect(refusal(encode(signatureAsBits.contentInfo))).toBe('expected an OCTET STRING');
    // BER lets an OCTET STRING arrive in segments; the signature is their concatenation.
    const segmented = open(header(false));
    const bytes = segmented.signer[segmented.sigAlgIndex + 1]!.value as string;
    segmented.signer[segmented.sigAlgIndex + 1] = universal(Type.OCTETSTRING, [universal(Type.OCTETSTRING, bytes.slice(0, 100)), universal(Type.OCTETSTRING, bytes.slice(100))]);
    expect(refusal(encode(segmented.contentInfo))).toBe('accepted');
  });

  it('serial numbers compare as integers: a redundant leading zero still names the signer, another leading byte does not', () => {
    const padded = open(header(false));
    const serial = kids(padded.signer[1]!)[1]!;
    serial.value = `\u0000\u0000${serial.value as string}`;
    expect(refusal(encode(padded.contentInfo))).toBe('accepted');
    const middle = open(header(false)); // the fixture's serial is 00 ab 12: change a byte that is neither first nor last
    const bytes = kids(middle.signer[1]!)[1]!;
    const value = bytes.value as string;
    bytes.value = value.slice(0, value.length - 2) + String.fromCharCode(value.charCodeAt(value.length - 2) ^ 1) + value.slice(-1);
    expect(refusal(encode(middle.contentInfo))).toBe('signer certificate not included');
    const longer = open(header(false));
    const other = kids(longer.signer[1]!)[1]!;
    other.value = `\u0001${other.value as string}`;
    expect(refusal(encode(longer.contentInfo))).toBe('signer certificate not included');
  });

  it('signed attributes only under [0] and before the signature algorithm; each attribute is a type and a value set', () => {
    // Valid attributes moved under another tag: the signature over them still verifies, so only the tag check refuses.
    const asOne = open(header(true, 'sha256'));
    asOne.signer[3] = forge.asn1.create(Class.CONTEXT_SPECIFIC, 1, true, kids(asOne.signer[3]!));
    expect(refusal(encode(asOne.contentInfo))).not.toBe('accepted');
    const asUniversal = open(header(true, 'sha256'));
    asUniversal.signer[3] = universal(Type.SET, kids(asUniversal.signer[3]!));
    expect(refusal(encode(asUniversal.contentInfo))).not.toBe('accepted');

    const typeOnly = open(header(true, 'sha256'));
    kids(kids(typeOnly.signer[3]!)[0]!).splice(1);
    expect(refusal(encode(typeOnly.contentInfo))).toBe('malformed signed attribute');
    const notAnOid = open(header(true, 'sha256'));
    const contentType = kids(notAnOid.signer[3]!).find((a) => forge.asn1.derToOid(kids(a)[0]!.value as string) === '1.2.840.113549.1.9.3')!;
    kids(kids(contentType)[1]!)[0] = universal(Type.OCTETSTRING, forge.asn1.oidToDer('1.2.840.113549.1.7.1').getBytes());
    expect(refusal(encode(notAnOid.contentInfo))).toBe('signed content type is not id-data');
  });

  it('certificates that cannot be read are skipped, not taken for the signer', () => {
    const garbage = open(header(false));
    kids(garbage.certificates).unshift(universal(Type.SEQUENCE, []), universal(Type.OCTETSTRING, 'x'), universal(Type.SEQUENCE, [universal(Type.OCTETSTRING, 'x')]));
    expect(refusal(encode(garbage.contentInfo))).toBe('accepted');
    const only = open(header(false));
    only.certificates.value = [universal(Type.SEQUENCE, []), universal(Type.OCTETSTRING, 'x')];
    expect(refusal(encode(only.contentInfo))).toBe('signer certificate not included');
  });

  it('a SignerInfo of version, signer and digest algorithm only is refused', () => {
    const three = open(header(false));
    three.signer.splice(3);
    expect(refusal(encode(three.contentInfo))).toBe('malformed SignerInfo');
  });

  it('a signer that matches but whose certificate is not X.509 is refused', () => {
    const broken = open(header(false));
    const certificate = kids(broken.certificates)[0]!;
    const tbs = kids(certificate)[0]!;
    kids(tbs).splice(kids(tbs).length - 3); // serial and issuer stay where they were; subject, key and extensions go
    expect(refusal(encode(broken.contentInfo))).toBe('signer certificate cannot be parsed');
  });
});
