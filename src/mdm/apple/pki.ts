import { createHash, createPublicKey, generateKeyPairSync, randomBytes, X509Certificate } from 'node:crypto';
import forge from 'node-forge';

/**
 * Certificates of the Apple area, built with node-forge (keys from node:crypto, which is far faster than forge's
 * pure-JS generator). No storage here: src/mdm/apple/services.ts decides where keys live.
 */
export interface KeyPairPem {
  certPem: string;
  keyPem: string;
}

export interface IssuedCertificate {
  certPem: string;
  serial: string;
  sha256: string;
  notBefore: Date;
  notAfter: Date;
}

export function newRsaKeyPem(bits = 2048): string {
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: bits });
  return privateKey.export({ type: 'pkcs8', format: 'pem' }) as string;
}

/** Positive 128-bit serial, hex without leading zero bytes. */
export function newSerial(): string {
  const bytes = randomBytes(16);
  bytes[0] = (bytes[0]! & 0x7f) | 0x10;
  return bytes.toString('hex');
}

export function createCa(commonName: string, organization: string, now: Date, years = 10): KeyPairPem {
  const keyPem = newRsaKeyPem(3072);
  const key = forge.pki.privateKeyFromPem(keyPem);
  const cert = forge.pki.createCertificate();
  cert.publicKey = forge.pki.setRsaPublicKey(key.n, key.e);
  cert.serialNumber = newSerial();
  cert.validity.notBefore = new Date(now.getTime() - 60_000);
  cert.validity.notAfter = new Date(now.getTime() + years * 365 * 86_400_000);
  const name = [{ name: 'commonName', value: commonName }, { name: 'organizationName', value: organization }];
  cert.setSubject(name);
  cert.setIssuer(name);
  cert.setExtensions([
    { name: 'basicConstraints', cA: true, critical: true, pathLenConstraint: 0 },
    { name: 'keyUsage', keyCertSign: true, cRLSign: true, critical: true },
    { name: 'subjectKeyIdentifier' },
  ]);
  cert.sign(key, forge.md.sha256.create());
  return { certPem: forge.pki.certificateToPem(cert), keyPem };
}

export type CertificatePurpose = 'device-identity' | 'profile-signer';

export function issueCertificate(
  ca: KeyPairPem,
  options: { commonName: string; organization: string; publicKeyPem: string; purpose: CertificatePurpose; now: Date; days: number },
): IssuedCertificate {
  const caCert = forge.pki.certificateFromPem(ca.certPem);
  const caKey = forge.pki.privateKeyFromPem(ca.keyPem);
  const cert = forge.pki.createCertificate();
  cert.publicKey = forge.pki.publicKeyFromPem(options.publicKeyPem);
  cert.serialNumber = newSerial();
  cert.validity.notBefore = new Date(options.now.getTime() - 60_000);
  cert.validity.notAfter = new Date(options.now.getTime() + options.days * 86_400_000);
  cert.setSubject([{ name: 'commonName', value: options.commonName }, { name: 'organizationName', value: options.organization }]);
  cert.setIssuer(caCert.subject.attributes);
  const identity = options.purpose === 'device-identity';
  cert.setExtensions([
    { name: 'basicConstraints', cA: false, critical: true },
    { name: 'keyUsage', digitalSignature: true, keyEncipherment: identity, critical: true },
    { name: 'extKeyUsage', clientAuth: identity, emailProtection: !identity, codeSigning: !identity },
    { name: 'subjectKeyIdentifier' },
    { name: 'authorityKeyIdentifier', keyIdentifier: caCert.generateSubjectKeyIdentifier().getBytes() },
  ]);
  cert.sign(caKey, forge.md.sha256.create());
  const certPem = forge.pki.certificateToPem(cert);
  const x509 = new X509Certificate(certPem);
  return {
    certPem,
    serial: x509.serialNumber.toLowerCase(),
    sha256: sha256Hex(x509.raw),
    notBefore: new Date(x509.validFrom),
    notAfter: new Date(x509.validTo),
  };
}

export function publicKeyPemOf(privateKeyPem: string): string {
  return createPublicKey(privateKeyPem).export({ type: 'spki', format: 'pem' }) as string;
}

/** PKCS#12 holding the device identity (key + certificate + CA), 3DES so every iOS/macOS version opens it. */
export function buildPkcs12(identity: KeyPairPem, caCertPem: string, password: string, friendlyName: string): Buffer {
  const asn1 = forge.pkcs12.toPkcs12Asn1(
    forge.pki.privateKeyFromPem(identity.keyPem),
    [forge.pki.certificateFromPem(identity.certPem), forge.pki.certificateFromPem(caCertPem)],
    password,
    { algorithm: '3des', friendlyName },
  );
  return Buffer.from(forge.asn1.toDer(asn1).getBytes(), 'binary');
}

/** Attached CMS SignedData (DER) over `content`, SHA-256, with contentType/messageDigest/signingTime. */
export function signAttached(content: Buffer, signer: KeyPairPem, chainPems: string[], signingTime: Date): Buffer {
  const p7 = forge.pkcs7.createSignedData();
  p7.content = forge.util.createBuffer(content.toString('binary'));
  const certificate = forge.pki.certificateFromPem(signer.certPem);
  p7.addCertificate(certificate);
  for (const pem of chainPems) p7.addCertificate(forge.pki.certificateFromPem(pem));
  p7.addSigner({
    key: forge.pki.privateKeyFromPem(signer.keyPem),
    certificate,
    digestAlgorithm: forge.pki.oids.sha256!,
    authenticatedAttributes: [
      { type: forge.pki.oids.contentType!, value: forge.pki.oids.data },
      { type: forge.pki.oids.messageDigest! },
      { type: forge.pki.oids.signingTime!, value: signingTime as unknown as string },
    ],
  });
  // Stryker disable next-line CallExpression: forge's toAsn1() calls sign() itself when the message is not signed yet
  p7.sign();
  return Buffer.from(forge.asn1.toDer(p7.toAsn1()).getBytes(), 'binary');
}

/** Detached CMS over `content`, as a device signs its requests (used by the simulator and tests). */
export function signDetached(
  content: Buffer,
  signer: KeyPairPem,
  options: { digest?: 'sha1' | 'sha256'; signedAttributes?: boolean; signingTime?: Date } = {},
): Buffer {
  const p7 = forge.pkcs7.createSignedData();
  p7.content = forge.util.createBuffer(content.toString('binary'));
  const certificate = forge.pki.certificateFromPem(signer.certPem);
  p7.addCertificate(certificate);
  const withAttributes = options.signedAttributes ?? true;
  p7.addSigner({
    key: forge.pki.privateKeyFromPem(signer.keyPem),
    certificate,
    digestAlgorithm: options.digest === 'sha1' ? forge.pki.oids.sha1! : forge.pki.oids.sha256!,
    authenticatedAttributes: withAttributes
      ? [
          { type: forge.pki.oids.contentType!, value: forge.pki.oids.data },
          { type: forge.pki.oids.messageDigest! },
          { type: forge.pki.oids.signingTime!, value: (options.signingTime ?? new Date()) as unknown as string },
        ]
      : [],
  });
  p7.sign({ detached: true });
  return Buffer.from(forge.asn1.toDer(p7.toAsn1()).getBytes(), 'binary');
}

/** The APNs topic of an MDM push certificate: its subject UID (0.9.2342.19200300.100.1.1). */
export function topicFromPushCertificate(certPem: string): string {
  const cert = forge.pki.certificateFromPem(certPem);
  const uid = cert.subject.attributes.find((a) => a.type === '0.9.2342.19200300.100.1.1');
  const topic = typeof uid?.value === 'string' ? uid.value : undefined;
  if (!topic || !topic.startsWith('com.apple.mgmt.')) throw new Error('The push certificate has no com.apple.mgmt.* UID (topic)');
  return topic;
}

export function sha256Hex(data: Buffer | Uint8Array | string): string {
  return createHash('sha256').update(data).digest('hex');
}

/** Extracts identity key + certificate from a PKCS#12 (what a device does when it installs the profile). */
export function readPkcs12(der: Buffer, password: string): KeyPairPem {
  const p12 = forge.pkcs12.pkcs12FromAsn1(forge.asn1.fromDer(der.toString('binary')), password);
  // Stryker disable next-line OptionalChaining: forge's getBags({ bagType }) always sets that key to an array
  const keyBag = p12.getBags({ bagType: forge.pki.oids.pkcs8ShroudedKeyBag! })[forge.pki.oids.pkcs8ShroudedKeyBag!]?.[0];
  // Stryker disable next-line ArrayDeclaration: forge's getBags({ bagType }) always sets that key to an array, so `?? []` never applies
  const certBags = p12.getBags({ bagType: forge.pki.oids.certBag! })[forge.pki.oids.certBag!] ?? [];
  if (!keyBag?.key) throw new Error('PKCS#12 holds no private key');
  const publicPem = forge.pki.publicKeyToPem(forge.pki.setRsaPublicKey((keyBag.key as forge.pki.rsa.PrivateKey).n, (keyBag.key as forge.pki.rsa.PrivateKey).e));
  const own = certBags.find((b) => b.cert && forge.pki.publicKeyToPem(b.cert.publicKey) === publicPem);
  if (!own?.cert) throw new Error('PKCS#12 holds no certificate for its key');
  return { keyPem: forge.pki.privateKeyToPem(keyBag.key), certPem: forge.pki.certificateToPem(own.cert) };
}
