import { createHash, X509Certificate } from 'node:crypto';
import * as asn1js from 'asn1js';
import forge from 'node-forge';
import * as pkijs from 'pkijs';
import { describe, expect, it } from 'vitest';
import {
  buildPkcs12, issueCertificate, publicKeyPemOf, readPkcs12, sha256Hex, signAttached, signDetached, topicFromPushCertificate,
  type CertificatePurpose,
} from '../../../src/mdm/apple/pki.js';
import { verifyMdmSignature } from '../../../src/mdm/apple/signature.js';
import { rsaIdentity, testCaCertPem } from './device-identity.js';

/**
 * A fixed RSA-1024 authority stands in for our CA (made once with `openssl req -x509 -newkey rsa:1024`; a small key
 * because node-forge signs in pure JavaScript and a 2048-bit signature costs this file hundreds of milliseconds), and
 * the fixed test CA's public key stands in for a freshly generated device key: no key is generated here.
 */
const authority = {
  keyPem: `-----BEGIN PRIVATE KEY-----
MIICdgIBADANBgkqhkiG9w0BAQEFAASCAmAwggJcAgEAAoGBAKJg7i69IgfAm+af
LdIPn6Y1K5NUvCZSAcfkDMueCTSKXnXQNzXeNYcZ71p5g0roCLLSjTMlWbvRjW3M
ExTKe+Omk7o0V+PqZ+H5Xj6HxmbmK60f/SMe/lefaYxhP6+rEK5aClp4QravItR1
rGvOw0lUqYhKk9tnQ1GHGMEHQTI3AgMBAAECgYBZxKqIrkjM7l+B3MhRFBAXq9de
SP8HVFjlsB6exsyh/kkAas7K+gCvotffNcQuuh5s9dfXybNVESFV7PczjEl2jIk1
eFp1dgqDJ61rWkc+b1Xa3gt1c9kORvTgBslwVIot4AVyxOJ8RBOfmdWLwDovGme7
bU3p2KqOl4SvyptvMQJBANfbCVwk4MrHQ3eVDMyE5HeKqQrekuxp8y6XRins3kKM
2VTZMfBJu1nH4lW4PlL/5RKtybthFvvaOk08GiDxzs8CQQDAk9XvlJWzD+AcgEZ4
vddCfK6sEfuRH4fY4o+eJC7eDO0mAp/nrwmS9JfidZjn7wGdivYx6689RnWlOW//
HAAZAkEAtbXcYUdiPRIVx5sf1SOiOMfvmgjYYlCmuPf7xttyF0/+vKDCm2dWYjQU
YtjhDnoA2wKVqjoHYSjKn64SyN0GnQJACmAst6LOyf4B+icjJOA9l9R16MlzP2du
f039pOyYJdiWcmTTzrzMjEFnaYkieuSStrVE/H2RTIDeV8+XbCxLCQJAP4ihzHxT
SP5hRS0D2uMpuJ02LQ+Pz9AICW0Pk/TJRmwO11xULl9JaB0wG4vEZv3tD9fV5HB0
1+QVbSKsMlY3Xw==
-----END PRIVATE KEY-----`,
  certPem: `-----BEGIN CERTIFICATE-----
MIICOzCCAaSgAwIBAgIDAKsgMA0GCSqGSIb3DQEBCwUAMDcxJjAkBgNVBAMMHVRF
U1Qgc21hbGwgc2lnbmVyIChnZW5lcmF0ZWQpMQ0wCwYDVQQKDARUZXN0MCAXDTI2
MTIwMjEyMDMxOVoYDzIxMjYxMTA4MTIwMzE5WjA3MSYwJAYDVQQDDB1URVNUIHNt
YWxsIHNpZ25lciAoZ2VuZXJhdGVkKTENMAsGA1UECgwEVGVzdDCBnzANBgkqhkiG
9w0BAQEFAAOBjQAwgYkCgYEAomDuLr0iB8Cb5p8t0g+fpjUrk1S8JlIBx+QMy54J
NIpeddA3Nd41hxnvWnmDSugIstKNMyVZu9GNbcwTFMp746aTujRX4+pn4flePofG
ZuYrrR/9Ix7+V59pjGE/r6sQrloKWnhCtq8i1HWsa87DSVSpiEqT22dDUYcYwQdB
MjcCAwEAAaNTMFEwHwYDVR0jBBgwFoAUXflIPDw3qDYXn29p26dgRxVd5nQwDwYD
VR0TAQH/BAUwAwEB/zAdBgNVHQ4EFgQUXflIPDw3qDYXn29p26dgRxVd5nQwDQYJ
KoZIhvcNAQELBQADgYEAaiYfQpcrAXJuFTVgkMTTVj1K/n5DEjv3uXKE/q3qsN0D
CiFA4tC6oHHvce0/jkZTVI4jnkcKpMmGFRe79SPBEpyE4331xyQG9O/lgy0+ATwm
wYyXlGkTmTrEW+v1rQBQSPYw/sy5EOCUu2/DeY/VpOgYQabhi5hbY02RqL1ytSA=
-----END CERTIFICATE-----`,
};
const subjectPublicKeyPem = new X509Certificate(testCaCertPem).publicKey.export({ type: 'spki', format: 'pem' }) as string;
const now = new Date('2025-03-10T09:30:00Z');
const DAY = 86_400_000;

/**
 * Issued afresh in every test that reads one (no sharing between tests): mutation testing runs only the tests that
 * executed a line, so a certificate cached by the first test would leave the others untested.
 */
function issue(purpose: CertificatePurpose) {
  return issueCertificate(authority, {
    commonName: purpose === 'device-identity' ? 'MDM device dev-42' : 'Example Care profile signing',
    organization: 'Example Care',
    publicKeyPem: subjectPublicKeyPem,
    purpose,
    now,
    days: purpose === 'device-identity' ? 397 : 3 * 365,
  });
}
type KeyUsageExtension = { critical: boolean; digitalSignature: boolean; keyEncipherment: boolean; keyCertSign: boolean };
const extension = <T>(certPem: string, name: string) => forge.pki.certificateFromPem(certPem).getExtension(name) as T;

describe('device identity certificates issued by our CA', () => {
  it('name the device and our organisation, are issued by the CA for the given key, valid from a minute before issue for the configured days', () => {
    const cert = issue('device-identity');
    const x509 = new X509Certificate(cert.certPem);
    expect(x509.subject).toBe('CN=MDM device dev-42\nO=Example Care');
    expect(x509.issuer).toBe(new X509Certificate(authority.certPem).subject);
    expect(x509.verify(new X509Certificate(authority.certPem).publicKey)).toBe(true);
    expect(x509.publicKey.export({ type: 'spki', format: 'pem' })).toBe(subjectPublicKeyPem);
    expect(cert.notBefore.toISOString()).toBe('2025-03-10T09:29:00.000Z');
    expect(cert.notAfter.getTime()).toBe(now.getTime() + 397 * DAY);
    expect(new Date(x509.validFrom)).toEqual(cert.notBefore);
    expect(new Date(x509.validTo)).toEqual(cert.notAfter);
  });

  it('are TLS-client, signing and key-encipherment leaves (never a CA), recorded by lower-case serial and DER SHA-256', () => {
    const cert = issue('device-identity');
    const x509 = new X509Certificate(cert.certPem);
    expect(x509.ca).toBe(false);
    expect(x509.keyUsage).toEqual(['1.3.6.1.5.5.7.3.2']); // extended key usage: clientAuth only
    expect(extension<{ critical: boolean; cA: boolean }>(cert.certPem, 'basicConstraints')).toMatchObject({ critical: true, cA: false });
    expect(extension<KeyUsageExtension>(cert.certPem, 'keyUsage')).toMatchObject({ critical: true, digitalSignature: true, keyEncipherment: true, keyCertSign: false });
    expect(cert.serial).toBe(x509.serialNumber.toLowerCase());
    expect(cert.serial).toMatch(/^[1-7][0-9a-f]{31}$/);
    expect(cert.sha256).toBe(x509.fingerprint256.replaceAll(':', '').toLowerCase());
  });
});

describe('profile signer certificates issued by our CA', () => {
  it('sign profiles (S/MIME and code signing), cannot authenticate as a device and cannot encipher keys', () => {
    const cert = issue('profile-signer');
    const x509 = new X509Certificate(cert.certPem);
    expect(x509.subject).toBe('CN=Example Care profile signing\nO=Example Care');
    expect(x509.ca).toBe(false);
    expect([...(x509.keyUsage ?? [])].sort()).toEqual(['1.3.6.1.5.5.7.3.3', '1.3.6.1.5.5.7.3.4']);
    expect(extension<KeyUsageExtension>(cert.certPem, 'keyUsage')).toMatchObject({ critical: true, digitalSignature: true, keyEncipherment: false });
    expect(cert.notAfter.getTime()).toBe(now.getTime() + 3 * 365 * DAY);
  });
});

describe('helpers', () => {
  it('sha256Hex is lower-case hex SHA-256 (FIPS 180-2 "abc" vector)', () => {
    expect(sha256Hex('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    expect(sha256Hex(Buffer.from('abc'))).toBe(createHash('sha256').update('abc').digest('hex'));
  });

  it('publicKeyPemOf gives the SPKI public key of a private key', () => {
    expect(publicKeyPemOf(rsaIdentity.keyPem)).toBe(new X509Certificate(rsaIdentity.certPem).publicKey.export({ type: 'spki', format: 'pem' }));
  });
});

describe('the PKCS#12 that carries the device identity inside the enrolment profile', () => {
  const PASSWORD = 'Zq3-p12-password';
  // Built afresh in each test, for the reason given at issue() above.
  const p12 = () => buildPkcs12(rsaIdentity, testCaCertPem, PASSWORD, 'MDM device identity');
  const der = (cert: string) => new X509Certificate(cert).raw;
  // Hand-made bundles for the refusal paths: one PBE iteration and no MAC keep them cheap to build and open.
  const forgeP12 = (key: string | null, certs: string[]) =>
    Buffer.from(forge.asn1.toDer(forge.pkcs12.toPkcs12Asn1(key === null ? null : forge.pki.privateKeyFromPem(key), certs.map((c) => forge.pki.certificateFromPem(c)), PASSWORD, { algorithm: '3des', count: 1, useMac: false })).getBytes(), 'binary');

  it('opens with its password to the device key and certificate, as the device installs them', () => {
    const opened = readPkcs12(p12(), PASSWORD);
    expect(der(opened.certPem).equals(der(rsaIdentity.certPem))).toBe(true);
    expect(publicKeyPemOf(opened.keyPem)).toBe(publicKeyPemOf(rsaIdentity.keyPem));
  });

  it('holds the CA certificate too, labels key and certificate with the name shown on the device, and uses 3DES (pbeWithSHAAnd3-KeyTripleDES-CBC), not PBES2/AES, so every iOS and macOS version opens it', () => {
    const bundle = p12();
    const oid = (dotted: string) => Buffer.from(forge.asn1.toDer(forge.asn1.create(forge.asn1.Class.UNIVERSAL, forge.asn1.Type.OID, false, forge.asn1.oidToDer(dotted).getBytes())).getBytes(), 'binary');
    expect(bundle.includes(oid('1.2.840.113549.1.12.1.3'))).toBe(true);
    expect(bundle.includes(oid('1.2.840.113549.1.5.13'))).toBe(false);
    const parsed = forge.pkcs12.pkcs12FromAsn1(forge.asn1.fromDer(bundle.toString('binary')), PASSWORD);
    const certs = parsed.getBags({ bagType: forge.pki.oids.certBag! })[forge.pki.oids.certBag!]!.map((b) => der(forge.pki.certificateToPem(b.cert!)));
    expect(certs).toHaveLength(2);
    expect(certs.some((c) => c.equals(der(testCaCertPem)))).toBe(true);
    const named = parsed.getBags({ friendlyName: 'MDM device identity' }).friendlyName ?? [];
    expect(named.map((b) => b.type).sort()).toEqual([forge.pki.oids.certBag, forge.pki.oids.pkcs8ShroudedKeyBag].sort());
  });

  it('refuses a wrong password', () => {
    expect(() => readPkcs12(p12(), 'not-the-password')).toThrow();
  });

  it('finds the device certificate whatever its position, and refuses a PKCS#12 without a key or without the key\'s certificate', () => {
    const caFirst = readPkcs12(forgeP12(rsaIdentity.keyPem, [testCaCertPem, rsaIdentity.certPem]), PASSWORD);
    expect(der(caFirst.certPem).equals(der(rsaIdentity.certPem))).toBe(true);
    expect(() => readPkcs12(forgeP12(null, [rsaIdentity.certPem]), PASSWORD)).toThrow('PKCS#12 holds no private key');
    expect(() => readPkcs12(forgeP12(rsaIdentity.keyPem, [testCaCertPem]), PASSWORD)).toThrow('PKCS#12 holds no certificate for its key');
  });
});

describe('CMS signatures', () => {
  const OID = { contentType: '1.2.840.113549.1.9.3', messageDigest: '1.2.840.113549.1.9.4', signingTime: '1.2.840.113549.1.9.5', sha256: '2.16.840.1.101.3.4.2.1', data: '1.2.840.113549.1.7.1' };
  const signedData = (der: Buffer) => new pkijs.SignedData({ schema: new pkijs.ContentInfo({ schema: asn1js.fromBER(new Uint8Array(der)).result }).content });

  it('signs a profile as attached SHA-256 CMS whose signed attributes carry content type, digest and the given signing time', async () => {
    const profile = Buffer.from('<?xml version="1.0"?><plist version="1.0"><dict><key>PayloadType</key><string>Configuration</string></dict></plist>');
    const signingTime = new Date('2025-03-10T09:30:00Z');
    const signed = signedData(signAttached(profile, authority, [testCaCertPem], signingTime));
    expect(await signed.verify({ signer: 0, checkChain: false })).toBe(true);
    expect(Buffer.from(signed.encapContentInfo.eContent!.getValue()).equals(profile)).toBe(true);
    expect(signed.certificates).toHaveLength(2);
    const signer = signed.signerInfos[0]!;
    expect(signer.digestAlgorithm.algorithmId).toBe(OID.sha256);
    const attributes = new Map(signer.signedAttrs!.attributes.map((a) => [a.type, a.values[0]]));
    expect([...attributes.keys()].sort()).toEqual([OID.contentType, OID.messageDigest, OID.signingTime].sort());
    expect((attributes.get(OID.contentType) as asn1js.ObjectIdentifier).valueBlock.toString()).toBe(OID.data);
    expect((attributes.get(OID.signingTime) as asn1js.UTCTime).toDate()).toEqual(signingTime);
  });

  it('signs a device request detached, with signed attributes by default, as our verifier expects', () => {
    const body = Buffer.from('<plist version="1.0"><dict><key>MessageType</key><string>Idle</string></dict></plist>');
    const header = signDetached(body, authority).toString('base64');
    expect(verifyMdmSignature(header, body)).toMatchObject({ digest: 'sha256', signedAttributes: true });
  });
});

describe('the APNs topic of the MDM push certificate', () => {
  // Shaped like the certificates Apple's push portal issues (UID=topic, CN=APSP:<uuid>, C=US); only the subject is
  // read, so the signature bytes are placeholders rather than a real (slow) signature.
  const pushCertificate = (attributes: forge.pki.CertificateField[]) => {
    const cert = forge.pki.createCertificate();
    cert.publicKey = forge.pki.publicKeyFromPem(publicKeyPemOf(rsaIdentity.keyPem));
    cert.serialNumber = '0123';
    cert.validity.notBefore = new Date('2025-01-01T00:00:00Z');
    cert.validity.notAfter = new Date('2026-01-01T00:00:00Z');
    cert.setSubject(attributes);
    cert.setIssuer([{ name: 'commonName', value: 'Apple Application Integration 2 Certification Authority' }]);
    cert.siginfo.algorithmOid = forge.pki.oids.sha256WithRSAEncryption!;
    cert.signatureOid = forge.pki.oids.sha256WithRSAEncryption!;
    cert.signature = '\u0001'.repeat(256);
    return forge.pki.certificateToPem(cert);
  };
  const UID = '0.9.2342.19200300.100.1.1';
  const TOPIC = 'com.apple.mgmt.External.e3b8ceac-1f18-4c8a-a5c9-1d7cd4e8f6a2';

  it('is the subject UID, wherever it sits among the subject attributes', () => {
    const cert = pushCertificate([
      { name: 'commonName', value: 'APSP:e3b8ceac-1f18-4c8a-a5c9-1d7cd4e8f6a2' },
      { type: UID, value: TOPIC },
      { name: 'countryName', value: 'US' },
    ]);
    expect(topicFromPushCertificate(cert)).toBe(TOPIC);
  });

  it('refuses a certificate without a UID, or whose UID is not a com.apple.mgmt.* topic (not an MDM push certificate)', () => {
    const message = 'The push certificate has no com.apple.mgmt.* UID (topic)';
    expect(() => topicFromPushCertificate(pushCertificate([{ name: 'commonName', value: 'APSP:x' }]))).toThrow(message);
    expect(() => topicFromPushCertificate(pushCertificate([{ type: UID, value: 'com.apple.mgmt' }]))).toThrow(message);
    expect(() => topicFromPushCertificate(pushCertificate([{ type: UID, value: 'com.example.app.voip' }]))).toThrow(message);
  });
});
