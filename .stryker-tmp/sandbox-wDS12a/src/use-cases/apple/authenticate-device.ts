// @ts-nocheck
import { createHash, type X509Certificate } from 'node:crypto';
import type { Deps } from '../../container.js';
import type { AppleEnrollment } from '../../generated/prisma/client.js';
import { AppError } from '../../errors.js';
import { certificateFromProxyHeader } from '../../mdm/apple/client-cert.js';
import { SignatureError, verifyMdmSignature } from '../../mdm/apple/signature.js';

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
  enrollment: AppleEnrollment;
}

/**
 * Who sent this request, proven by the device identity certificate: Mdm-Signature over the raw body (or the
 * proxy's client-certificate header when configured), issued by our CA, within its validity, not revoked.
 * Every failure is a 400 (a 401 makes older devices unenrol) and an audit event.
 */
export async function authenticateDevice(deps: Deps, request: DeviceRequest): Promise<AuthenticatedDevice> {
  const reject = async (reason: string, details: Record<string, unknown> = {}): Promise<never> => {
    await deps.audit.record({
      actorType: 'device',
      action: 'apple.request.rejected',
      ip: request.ip,
      details: { endpoint: request.endpoint, reason, ...details },
    });
    throw new AppError('BAD_SIGNATURE', `Request not authenticated: ${reason}`);
  };

  let certificate: X509Certificate;
  let sha256: string;
  if (request.signature) {
    try {
      const verified = verifyMdmSignature(request.signature, request.body);
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
  if (!certificate.checkIssued(ca) || !certificate.verify(ca.publicKey)) return reject('certificate not issued by our CA', { certificateSha256: sha256 });
  const now = deps.clock.now();
  if (new Date(certificate.validFrom) > now || new Date(certificate.validTo) < now) {
    return reject('certificate expired or not yet valid', { certificateSha256: sha256, notAfter: certificate.validTo });
  }
  const record = await deps.db.appleCertificate.findUnique({ where: { sha256 }, include: { enrollment: true } });
  if (!record || record.purpose !== 'device-identity' || !record.enrollment) return reject('certificate unknown', { certificateSha256: sha256 });
  if (record.revokedAt) return reject('certificate revoked', { certificateSha256: sha256 });
  return { certificateSha256: sha256, enrollmentRowId: record.enrollment.id, enrollment: record.enrollment };
}
