import { X509Certificate } from 'node:crypto';

/**
 * The device certificate a TLS-terminating proxy forwards: RFC 9440 `Client-Cert: :<base64 DER>:` or nginx's
 * `$ssl_client_escaped_cert` (URL-escaped PEM). Returns null when the value is neither.
 */
export function certificateFromProxyHeader(value: string | undefined): X509Certificate | null {
  if (!value || value.length > 16_384) return null;
  try {
    const trimmed = value.trim();
    if (trimmed.startsWith(':') && trimmed.endsWith(':')) return new X509Certificate(Buffer.from(trimmed.slice(1, -1), 'base64'));
    const pem = decodeURIComponent(trimmed);
    if (pem.includes('-----BEGIN CERTIFICATE-----')) return new X509Certificate(pem);
  } catch {
    return null;
  }
  return null;
}
