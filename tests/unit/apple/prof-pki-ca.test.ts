import crypto, { createPrivateKey, createPublicKey, X509Certificate } from 'node:crypto';
import { syncBuiltinESMExports } from 'node:module';
import forge from 'node-forge';
import { afterEach, beforeEach, describe, expect, it, vi, type MockInstance } from 'vitest';
import { createCa, newRsaKeyPem, publicKeyPemOf } from '../../../src/mdm/apple/pki.js';
import { rsaIdentity } from './device-identity.js';

/**
 * Creating the CA generates an RSA key, which takes seconds: node:crypto's generator is replaced for these tests by
 * one that hands back the fixed device key (and records what was asked for). Restored after each test.
 */
let generator: MockInstance;
beforeEach(() => {
  const privateKey = createPrivateKey(rsaIdentity.keyPem);
  generator = vi.spyOn(crypto, 'generateKeyPairSync').mockImplementation((() => ({ privateKey, publicKey: createPublicKey(privateKey) })) as never);
  syncBuiltinESMExports();
});
afterEach(() => {
  generator.mockRestore();
  syncBuiltinESMExports();
});

const now = new Date('2025-03-10T09:30:00Z');
const YEAR = 365 * 86_400_000;

describe('the device CA', () => {
  // Created afresh in each test: mutation testing runs only the tests that executed a line.
  const ca = () => createCa('Example Care MDM device CA', 'Example Care', now);

  it('gets a fresh RSA-3072 key (PKCS#8 PEM), is self-signed under our organisation\'s name for that key, valid from a minute before creation for ten years by default', () => {
    const { keyPem, certPem } = ca();
    expect(generator).toHaveBeenCalledWith('rsa', { modulusLength: 3072 });
    expect(keyPem).toMatch(/^-----BEGIN PRIVATE KEY-----\n/);
    expect(publicKeyPemOf(keyPem)).toBe(publicKeyPemOf(rsaIdentity.keyPem));
    const x509 = new X509Certificate(certPem);
    expect(x509.subject).toBe('CN=Example Care MDM device CA\nO=Example Care');
    expect(x509.issuer).toBe(x509.subject);
    expect(x509.verify(x509.publicKey)).toBe(true);
    expect(x509.publicKey.export({ type: 'spki', format: 'pem' })).toBe(publicKeyPemOf(rsaIdentity.keyPem));
    expect(new Date(x509.validFrom).toISOString()).toBe('2025-03-10T09:29:00.000Z');
    expect(new Date(x509.validTo).getTime()).toBe(now.getTime() + 10 * YEAR);
  });

  it('may sign certificates and CRLs but no sub-CA (path length 0), and says so in critical extensions', () => {
    const { certPem } = ca();
    const cert = forge.pki.certificateFromPem(certPem);
    expect(new X509Certificate(certPem).ca).toBe(true);
    expect(cert.getExtension('basicConstraints')).toMatchObject({ critical: true, cA: true, pathLenConstraint: 0 });
    expect(cert.getExtension('keyUsage')).toMatchObject({ critical: true, keyCertSign: true, cRLSign: true, digitalSignature: false });
  });
});

describe('device keys', () => {
  it('are RSA-2048 unless asked otherwise, as PKCS#8 PEM', () => {
    expect(newRsaKeyPem()).toMatch(/^-----BEGIN PRIVATE KEY-----\n/);
    expect(generator).toHaveBeenLastCalledWith('rsa', { modulusLength: 2048 });
    newRsaKeyPem(4096);
    expect(generator).toHaveBeenLastCalledWith('rsa', { modulusLength: 4096 });
  });
});
