import { X509Certificate } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { certificateFromProxyHeader } from '../../../src/mdm/apple/client-cert.js';
import { rsaIdentity } from './device-identity.js';

/** The header a TLS-terminating proxy forwards is only as trustworthy as its shape: anything else is no certificate. */
const der = Buffer.from(new X509Certificate(rsaIdentity.certPem).raw);
const fingerprint = new X509Certificate(rsaIdentity.certPem).fingerprint256;

describe('client certificate from a proxy header', () => {
  it('reads RFC 9440 `:base64 DER:` and nginx URL-escaped PEM, surrounding whitespace allowed', () => {
    expect(certificateFromProxyHeader(`:${der.toString('base64')}:`)?.fingerprint256).toBe(fingerprint);
    expect(certificateFromProxyHeader(`  :${der.toString('base64')}: `)?.fingerprint256).toBe(fingerprint);
    expect(certificateFromProxyHeader(encodeURIComponent(rsaIdentity.certPem))?.fingerprint256).toBe(fingerprint);
    expect(certificateFromProxyHeader(` ${encodeURIComponent(rsaIdentity.certPem)}\t`)?.fingerprint256).toBe(fingerprint);
  });

  it('anything else is no certificate, never an exception', () => {
    for (const value of [
      undefined,
      '',
      `:${der.toString('base64')}`, // unterminated RFC 9440 form
      `${der.toString('base64')}:`,
      ':bm90IGEgY2VydA==:',
      der.toString('base64'),
      encodeURIComponent(rsaIdentity.keyPem),
      `${encodeURIComponent(rsaIdentity.certPem)}%E0%A4%A`, // malformed escape
      encodeURIComponent('-----BEGIN CERTIFICATE-----\nnot base64\n-----END CERTIFICATE-----'),
    ]) {
      expect(certificateFromProxyHeader(value), String(value).slice(0, 40)).toBeNull();
    }
  });

  it('values longer than 16 KiB are not read at all', () => {
    const padded = `:${der.toString('base64')}:`;
    expect(certificateFromProxyHeader(padded.padStart(16_384, ' '))?.fingerprint256).toBe(fingerprint);
    expect(certificateFromProxyHeader(padded.padStart(16_385, ' '))).toBeNull();
  });
});
