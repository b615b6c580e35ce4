import { createHash, timingSafeEqual, verify as cryptoVerify, X509Certificate, type KeyObject } from 'node:crypto';
import forge from 'node-forge';

/**
 * Verifies the `Mdm-Signature` header: a detached CMS SignedData (base64, DER or BER) over the exact request body.
 *
 * Deliberately narrow: one signer, digest SHA-1/256/384/512, RSA PKCS#1 v1.5
 * or ECDSA, with or without signed attributes. node-forge only parses the ASN.1 (its own PKCS#7 verify is a stub);
 * hashing and signature checks are node:crypto. Anything outside that shape is refused rather than guessed at.
 * Real devices send BER indefinite-length, SHA-1, no signed attributes (tests/fixtures/apple/mdm_signature_vector1.*).
 */
export class SignatureError extends Error {
  constructor(readonly reason: string) {
    super(reason);
    this.name = 'SignatureError';
  }
}

/** A signer certificate parsed once, with its public key (both cost more to build than the signature check). */
export interface SignerCertificate {
  certificate: X509Certificate;
  publicKey: KeyObject;
}

/**
 * Signer certificates already parsed (and trusted) by the caller, by lower-case hex SHA-256 of their DER: a device
 * signs every request with the same identity, so most requests need not parse it again.
 */
export type KnownCertificates = (certificateSha256: string) => SignerCertificate | undefined;

export interface VerifiedSignature extends SignerCertificate {
  /** The signer certificate exactly as embedded (DER). */
  certificateDer: Buffer;
  /** Lower-case hex SHA-256 of the certificate DER: what enrolments are bound to. */
  certificateSha256: string;
  digest: DigestName;
  signedAttributes: boolean;
}

type DigestName = 'sha1' | 'sha256' | 'sha384' | 'sha512';

const OID = {
  signedData: '1.2.840.113549.1.7.2',
  data: '1.2.840.113549.1.7.1',
  contentType: '1.2.840.113549.1.9.3',
  messageDigest: '1.2.840.113549.1.9.4',
};

const DIGESTS: Record<string, DigestName> = {
  '1.3.14.3.2.26': 'sha1',
  '2.16.840.1.101.3.4.2.1': 'sha256',
  '2.16.840.1.101.3.4.2.2': 'sha384',
  '2.16.840.1.101.3.4.2.3': 'sha512',
};

/** Signature algorithm → the digest it implies (undefined: take the SignerInfo's digestAlgorithm). */
const SIGNATURE_ALGORITHMS: Record<string, { key: 'rsa' | 'ec'; digest?: DigestName }> = {
  '1.2.840.113549.1.1.1': { key: 'rsa' },
  '1.2.840.113549.1.1.5': { key: 'rsa', digest: 'sha1' },
  '1.2.840.113549.1.1.11': { key: 'rsa', digest: 'sha256' },
  '1.2.840.113549.1.1.12': { key: 'rsa', digest: 'sha384' },
  '1.2.840.113549.1.1.13': { key: 'rsa', digest: 'sha512' },
  '1.2.840.10045.4.1': { key: 'ec', digest: 'sha1' },
  '1.2.840.10045.4.3.2': { key: 'ec', digest: 'sha256' },
  '1.2.840.10045.4.3.3': { key: 'ec', digest: 'sha384' },
  '1.2.840.10045.4.3.4': { key: 'ec', digest: 'sha512' },
};

const MAX_HEADER_CHARS = 16_384;

type Node = forge.asn1.Asn1;
const { Class, Type } = forge.asn1;

export function verifyMdmSignature(headerValue: string | undefined, body: Buffer, known: KnownCertificates = () => undefined): VerifiedSignature {
  if (!headerValue) throw new SignatureError('Mdm-Signature header missing');
  const compact = headerValue.replace(/\s+/g, '');
  if (compact.length > MAX_HEADER_CHARS || !/^[A-Za-z0-9+/]+={0,2}$/.test(compact)) {
    throw new SignatureError('Mdm-Signature is not base64');
  }
  const der = Buffer.from(compact, 'base64');

  let contentInfo: Node;
  try {
    contentInfo = forge.asn1.fromDer(forge.util.createBuffer(der.toString('binary')), { strict: false, decodeBitStrings: false } as unknown as boolean);
  } catch {
    throw new SignatureError('Mdm-Signature is not valid ASN.1');
  }
  const signedData = parseSignedData(contentInfo);
  const signerInfo = single(signedData.signerInfos, 'exactly one signer is required');
  const signer = parseSignerInfo(signerInfo);

  const certNode = signedData.certificates.find((c) => certificateMatches(c, signer));
  if (!certNode) throw new SignatureError('signer certificate not included');
  const certificateDer = toBuffer(forge.asn1.toDer(certNode).getBytes());
  const certificateSha256 = createHash('sha256').update(certificateDer).digest('hex');
  const { certificate, publicKey } = known(certificateSha256) ?? parseCertificate(certificateDer);

  // Exactly the key type the algorithm names: an RSA-PSS or Ed25519 certificate is outside what we verify.
  if (signer.signatureAlgorithm.key !== publicKey.asymmetricKeyType) {
    throw new SignatureError('signature algorithm does not match the certificate key');
  }

  let signedBytes: Buffer = body;
  if (signer.signedAttributes) {
    const bodyDigest = createHash(signer.digest).update(body).digest();
    const attributes = parseAttributes(signer.signedAttributes);
    const messageDigest = attributes.get(OID.messageDigest);
    const contentType = attributes.get(OID.contentType);
    if (!messageDigest || !contentType) throw new SignatureError('signed attributes lack contentType or messageDigest');
    if (contentType.type !== Type.OID || forge.asn1.derToOid(contentType.value as string) !== OID.data) {
      throw new SignatureError('signed content type is not id-data');
    }
    const claimed = octets(messageDigest);
    if (claimed.length !== bodyDigest.length || !timingSafeEqual(claimed, bodyDigest)) {
      throw new SignatureError('message digest does not match the body');
    }
    // RFC 5652 §5.4: the signature covers the DER of the attributes with an explicit SET OF tag, not the [0] tag.
    const asSet = forge.asn1.create(Class.UNIVERSAL, Type.SET, true, signer.signedAttributes.value as Node[]);
    signedBytes = toBuffer(forge.asn1.toDer(asSet).getBytes());
  }

  let valid: boolean;
  try {
    valid = cryptoVerify(signer.digest, signedBytes, publicKey, signer.signature);
  } catch {
    valid = false;
  }
  if (!valid) throw new SignatureError('signature does not verify');

  return {
    certificate,
    publicKey,
    certificateDer,
    certificateSha256,
    digest: signer.digest,
    signedAttributes: Boolean(signer.signedAttributes),
  };
}

function parseCertificate(der: Buffer): SignerCertificate {
  try {
    const certificate = new X509Certificate(der);
    return { certificate, publicKey: certificate.publicKey };
  } catch {
    throw new SignatureError('signer certificate cannot be parsed');
  }
}

interface SignedDataParts {
  certificates: Node[];
  signerInfos: Node[];
}

function parseSignedData(contentInfo: Node): SignedDataParts {
  const [contentType, explicit] = children(contentInfo, 'ContentInfo');
  if (!contentType || oidOf(contentType) !== OID.signedData) throw new SignatureError('not a CMS SignedData');
  if (!explicit || explicit.tagClass !== Class.CONTEXT_SPECIFIC || explicit.type !== 0) throw new SignatureError('SignedData content missing');
  const signedData = single(children(explicit, 'content'), 'malformed SignedData');
  const parts = children(signedData, 'SignedData');
  const encap = parts[2];
  if (!encap || encap.type !== Type.SEQUENCE) throw new SignatureError('malformed encapsulated content');
  // The signature must be detached: the signed content is the HTTP body, never something carried inside.
  if (children(encap, 'encapContentInfo').length > 1) throw new SignatureError('signature is not detached');
  let certificates: Node[] = [];
  let signerInfos: Node[] | undefined;
  for (const part of parts.slice(3)) {
    if (part.tagClass === Class.CONTEXT_SPECIFIC && part.type === 0) certificates = children(part, 'certificates');
    else if (part.tagClass === Class.UNIVERSAL && part.type === Type.SET) signerInfos = children(part, 'signerInfos');
  }
  if (!signerInfos) throw new SignatureError('no signerInfos');
  return { certificates, signerInfos };
}

interface SignerParts {
  serial?: Buffer;
  issuer?: Buffer;
  subjectKeyId?: Buffer;
  digest: DigestName;
  signedAttributes?: Node;
  signatureAlgorithm: { key: 'rsa' | 'ec'; digest?: DigestName };
  signature: Buffer;
}

function parseSignerInfo(node: Node): SignerParts {
  const parts = children(node, 'SignerInfo');
  const [, sid, digestAlgorithm] = parts;
  if (!sid || !digestAlgorithm) throw new SignatureError('malformed SignerInfo');
  const digest = DIGESTS[algorithmOid(digestAlgorithm)];
  if (!digest) throw new SignatureError('unsupported digest algorithm');
  let index = 3;
  let signedAttributes: Node | undefined;
  const maybeAttrs = parts[index];
  if (maybeAttrs && maybeAttrs.tagClass === Class.CONTEXT_SPECIFIC && maybeAttrs.type === 0) {
    signedAttributes = maybeAttrs;
    index += 1;
  }
  const signatureAlgorithmNode = parts[index];
  const signatureNode = parts[index + 1];
  if (!signatureAlgorithmNode || !signatureNode) throw new SignatureError('malformed SignerInfo');
  const signatureAlgorithm = SIGNATURE_ALGORITHMS[algorithmOid(signatureAlgorithmNode)];
  if (!signatureAlgorithm) throw new SignatureError('unsupported signature algorithm');
  if (signatureAlgorithm.digest && signatureAlgorithm.digest !== digest) throw new SignatureError('digest and signature algorithms disagree');

  const result: SignerParts = { digest, signatureAlgorithm, signature: octets(signatureNode), signedAttributes };
  if (sid.tagClass === Class.UNIVERSAL && sid.type === Type.SEQUENCE) {
    const [issuer, serial] = children(sid, 'IssuerAndSerialNumber');
    if (!issuer || !serial) throw new SignatureError('malformed signer identifier');
    result.issuer = derOf(issuer);
    result.serial = integerBytes(serial);
  } else if (sid.tagClass === Class.CONTEXT_SPECIFIC && sid.type === 0) {
    result.subjectKeyId = sid.constructed ? octets(single(children(sid, 'sid'), 'malformed sid')) : toBuffer(sid.value as string);
  } else {
    throw new SignatureError('malformed signer identifier');
  }
  return result;
}

function certificateMatches(cert: Node, signer: SignerParts): boolean {
  try {
    const tbs = children(cert, 'Certificate')[0];
    if (!tbs) return false;
    const fields = children(tbs, 'TBSCertificate');
    const offset = fields[0]?.tagClass === Class.CONTEXT_SPECIFIC ? 1 : 0;
    if (signer.serial && signer.issuer) {
      const serial = fields[offset];
      const issuer = fields[offset + 2];
      return !!serial && !!issuer && integerBytes(serial).equals(signer.serial) && derOf(issuer).equals(signer.issuer);
    }
    if (signer.subjectKeyId) {
      const ski = subjectKeyIdentifier(fields);
      return !!ski && ski.equals(signer.subjectKeyId);
    }
  } catch {
    return false;
  }
  return false;
}

function subjectKeyIdentifier(tbsFields: Node[]): Buffer | undefined {
  const wrapper = tbsFields.find((f) => f.tagClass === Class.CONTEXT_SPECIFIC && f.type === 3);
  if (!wrapper) return undefined;
  for (const extension of children(single(children(wrapper, 'extensions'), 'malformed extensions'), 'Extensions')) {
    const parts = children(extension, 'Extension');
    if (parts[0] && oidOf(parts[0]) === '2.5.29.14') {
      const value = octets(parts[parts.length - 1]!);
      const inner = forge.asn1.fromDer(forge.util.createBuffer(value.toString('binary')));
      return octets(inner);
    }
  }
  return undefined;
}

function parseAttributes(node: Node): Map<string, Node> {
  const byType = new Map<string, Node>();
  for (const attribute of children(node, 'signedAttrs')) {
    const [type, values] = children(attribute, 'Attribute');
    if (!type || !values) throw new SignatureError('malformed signed attribute');
    const oid = oidOf(type);
    if (byType.has(oid)) throw new SignatureError('duplicate signed attribute');
    byType.set(oid, single(children(values, 'AttributeValues'), 'signed attribute must have one value'));
  }
  return byType;
}

function children(node: Node, what: string): Node[] {
  if (!node.constructed || !Array.isArray(node.value)) throw new SignatureError(`malformed ${what}`);
  return node.value as Node[];
}

function single(nodes: Node[], message: string): Node {
  if (nodes.length !== 1) throw new SignatureError(message);
  return nodes[0]!;
}

function oidOf(node: Node): string {
  if (node.type !== Type.OID || node.constructed) throw new SignatureError('expected an OID');
  return forge.asn1.derToOid(node.value as string);
}

function algorithmOid(node: Node): string {
  const [oid] = children(node, 'AlgorithmIdentifier');
  if (!oid) throw new SignatureError('malformed AlgorithmIdentifier');
  return oidOf(oid);
}

/** OCTET STRING contents; BER allows them constructed from segments. */
function octets(node: Node): Buffer {
  if (node.type !== Type.OCTETSTRING) throw new SignatureError('expected an OCTET STRING');
  if (!node.constructed) return toBuffer(node.value as string);
  return Buffer.concat((node.value as Node[]).map(octets));
}

function integerBytes(node: Node): Buffer {
  if (node.type !== Type.INTEGER) throw new SignatureError('expected an INTEGER');
  const bytes = toBuffer(node.value as string);
  let start = 0;
  // Stryker disable next-line EqualityOperator,ArithmeticOperator,ConditionalExpression: both serials compared pass through here, so stripping one zero more (only an all-zero serial differs) changes neither side's equality
  while (start < bytes.length - 1 && bytes[start] === 0) start += 1;
  return bytes.subarray(start);
}

function derOf(node: Node): Buffer {
  return toBuffer(forge.asn1.toDer(node).getBytes());
}

function toBuffer(binary: string): Buffer {
  return Buffer.from(binary, 'binary');
}
