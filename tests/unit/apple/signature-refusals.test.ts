import forge from 'node-forge';
import { describe, expect, it } from 'vitest';
import { createCa, issueCertificate, newRsaKeyPem, publicKeyPemOf, signDetached } from '../../../src/mdm/apple/pki.js';
import { verifyMdmSignature } from '../../../src/mdm/apple/signature.js';

/**
 * Each refusal path of the Mdm-Signature verifier, reached by editing one part of a valid CMS structure, so that a
 * deleted or weakened check fails here: signer matching by issuer + serial, the subject-key-id signer, algorithm
 * agreement, detached content, signed attributes.
 */
const { Class, Type } = forge.asn1;
type Node = forge.asn1.Asn1;

const ca = createCa('Test CA', 'Test', new Date());
const keyPem = newRsaKeyPem();
const identity = { keyPem, certPem: issueCertificate(ca, { commonName: 'dev', organization: 'Test', publicKeyPem: publicKeyPemOf(keyPem), purpose: 'device-identity', now: new Date(), days: 30 }).certPem };
const body = Buffer.from('<plist><dict><key>Status</key><string>Idle</string></dict></plist>');

const header = (signedAttributes: boolean, digest: 'sha1' | 'sha256' = 'sha1') => signDetached(body, identity, { digest, signedAttributes }).toString('base64');
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
    // The issuer Name of a different CA, same serial.
    const otherCa = createCa('Other CA', 'Other', new Date());
    const otherName = forge.pki.distinguishedNameToAsn1(forge.pki.certificateFromPem(otherCa.certPem).subject);
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
