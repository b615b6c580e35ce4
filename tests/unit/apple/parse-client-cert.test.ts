import { X509Certificate } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { certificateFromProxyHeader } from '../../../src/mdm/apple/client-cert.js';
import { rsaIdentity } from './device-identity.js';

/**
 * The proxy's client-certificate header names the device, so only the two shapes a proxy actually sends are read:
 * RFC 9440 `:base64 DER:` (colons on both ends) and nginx's URL-escaped PEM with the standard CERTIFICATE label.
 */
const der = Buffer.from(new X509Certificate(rsaIdentity.certPem).raw);
const b64 = der.toString('base64');

describe('client certificate header: only the exact proxy shapes are read', () => {
  it('base64 DER that ends in a colon but does not start with one is not the RFC 9440 form', () => {
    // Dropping the first character of `x<base64>:` would leave a valid certificate: it must not be read that way.
    expect(certificateFromProxyHeader(`x${b64}:`)).toBeNull();
    expect(certificateFromProxyHeader(`A${b64}:`)).toBeNull();
  });

  it('the RFC 9440 form reads as the device certificate exactly', () => {
    expect(certificateFromProxyHeader(`:${b64}:`)?.raw.equals(der)).toBe(true);
  });

  it('a PEM under another label than CERTIFICATE is not a certificate the proxy sent', () => {
    for (const label of ['X509 CERTIFICATE', 'TRUSTED CERTIFICATE']) {
      const pem = rsaIdentity.certPem.replace(/CERTIFICATE/g, label);
      expect(certificateFromProxyHeader(encodeURIComponent(pem)), label).toBeNull();
    }
  });
});
