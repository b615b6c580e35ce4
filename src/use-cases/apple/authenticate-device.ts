import { createHash, type X509Certificate } from 'node:crypto';
import type { Deps } from '../../deps.js';
import { AppError } from '../../errors.js';
import { certificateFromProxyHeader } from '../../mdm/apple/client-cert.js';
import { SignatureError, verifyMdmSignature } from '../../mdm/apple/signature.js';
import { loadDeviceSession, type DeviceEnrollment, type QueuedCommand } from '../../storage/apple-device-store.js';

export interface DeviceRequest {
  body: Buffer;
  /** Mdm-Signature header. */
  signature?: string;
  /** The configured proxy client-certificate header, when APPLE_CLIENT_CERT_HEADER is set. */
  proxyCertificate?: string;
  ip: string | null;
  endpoint: 'checkin' | 'connect';
}

export interface AuthenticatedDevice {
  certificateSha256: string;
  /** AppleEnrollment row the certificate was issued for. */
  enrollmentRowId: string;
  /** That row as read with the certificate (one query on the hot path). */
  enrollment: DeviceEnrollment;
  /** With `withNextCommand`: the next command in the device's queue, read in the same query. */
  nextCommand: QueuedCommand | null;
}

/**
 * Who sent this request, proven by the device identity certificate: Mdm-Signature over the raw body (or the
 * proxy's client-certificate header when configured), issued by our CA, within its validity, not revoked.
 * Every failure is a 400 (a 401 makes older devices unenrol) and an audit event.
 */
export async function authenticateDevice(deps: Deps, request: DeviceRequest, options: { withNextCommand?: boolean } = {}): Promise<AuthenticatedDevice> {
  const reject = async (reason: string, details: Record<string, unknown> = {}): Promise<never> => {
    await deps.audit.record({
      actorType: 'device',
      action: 'apple.request.rejected',
      ip: request.ip,
      details: { endpoint: request.endpoint, reason, ...details },
    });
    throw new AppError('BAD_SIGNATURE', `Request not authenticated: ${reason}`);
  };

  const { identities } = deps.apple;
  let certificate: X509Certificate;
  let sha256: string;
  if (request.signature) {
    try {
      const verified = verifyMdmSignature(request.signature, request.body, (known) => identities.get(known));
      certificate = verified.certificate;
      sha256 = verified.certificateSha256;
    } catch (error) {
      if (error instanceof SignatureError) return reject(error.reason);
      throw error;
    }
  } else if (deps.config.APPLE_CLIENT_CERT_HEADER && request.proxyCertificate) {
    const fromProxy = certificateFromProxyHeader(request.proxyCertificate);
    if (!fromProxy) return reject('client certificate header is malformed');
    certificate = fromProxy;
    sha256 = createHash('sha256').update(fromProxy.raw).digest('hex');
  } else {
    return reject('Mdm-Signature header missing');
  }

  const ca = await deps.apple.keys.caCertificate();
  let identity = identities.get(sha256);
  if (identity?.issuer !== ca) {
    if (!certificate.checkIssued(ca) || !certificate.verify(ca.publicKey)) return reject('certificate not issued by our CA', { certificateSha256: sha256 });
    identity = { certificate, publicKey: certificate.publicKey, issuer: ca, notBefore: new Date(certificate.validFrom), notAfter: new Date(certificate.validTo) };
    identities.set(sha256, identity);
  }
  const now = deps.clock.now();
  if (identity.notBefore > now || identity.notAfter < now) {
    return reject('certificate expired or not yet valid', { certificateSha256: sha256, notAfter: certificate.validTo });
  }
  const session = await loadDeviceSession(deps.db, sha256, { withNextCommand: options.withNextCommand ?? false });
  if (!session || session.purpose !== 'device-identity' || !session.enrollment) return reject('certificate unknown', { certificateSha256: sha256 });
  if (session.revokedAt) return reject('certificate revoked', { certificateSha256: sha256 });
  return { certificateSha256: sha256, enrollmentRowId: session.enrollment.id, enrollment: session.enrollment, nextCommand: session.next };
}
