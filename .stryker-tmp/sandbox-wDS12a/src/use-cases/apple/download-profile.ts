// @ts-nocheck
import { randomBytes } from 'node:crypto';
import type { Deps } from '../../container.js';
import { AppError } from '../../errors.js';
import { buildEnrollmentProfile } from '../../mdm/apple/profiles.js';
import { buildPkcs12, issueCertificate, newRsaKeyPem, publicKeyPemOf, signAttached } from '../../mdm/apple/pki.js';
import { hashEnrollmentToken, looksLikeEnrollmentToken } from './enrollment-token.js';

export const DEVICE_ENDPOINTS = { checkin: '/mdm/apple/checkin', connect: '/mdm/apple/connect' } as const;

/**
 * Spends a one-time enrolment token: issues the device identity (our CA), wraps it in a PKCS#12 inside the
 * enrolment profile and returns the profile CMS-signed. A used, expired or unknown token changes nothing.
 */
export async function downloadEnrollmentProfile(deps: Deps, token: string, ip: string | null): Promise<Buffer> {
  const { db, clock, config } = deps;
  if (!looksLikeEnrollmentToken(token)) throw new AppError('NOT_FOUND', 'Unknown enrolment link');
  const enrollment = await db.appleEnrollment.findUnique({
    where: { tokenHash: hashEnrollmentToken(token) },
    include: { device: { select: { id: true, status: true, userId: true, user: { select: { email: true } } } } },
  });
  if (!enrollment) throw new AppError('NOT_FOUND', 'Unknown enrolment link');
  const now = clock.now();
  if (enrollment.tokenUsedAt) throw new AppError('GONE', 'This enrolment link has already been used; ask for a new one');
  if (enrollment.tokenExpiresAt <= now) throw new AppError('GONE', 'This enrolment link has expired; ask for a new one');
  if (enrollment.device.status !== 'PENDING') throw new AppError('GONE', 'This enrolment is no longer pending');

  const topic = await deps.apple.apns.topic();
  if (!topic) throw new AppError('SERVICE_UNAVAILABLE', 'Apple enrolment is not configured (no MDM push certificate)');
  const ca = await deps.apple.keys.ca();
  const { signer, chain } = await deps.apple.keys.profileSigner();

  // Claim first: of two concurrent downloads only one gets a profile.
  const claimed = await db.appleEnrollment.updateMany({
    where: { id: enrollment.id, tokenUsedAt: null, tokenExpiresAt: { gt: now } },
    data: { tokenUsedAt: now },
  });
  if (claimed.count !== 1) throw new AppError('GONE', 'This enrolment link has already been used; ask for a new one');

  const keyPem = newRsaKeyPem();
  const issued = issueCertificate(ca, {
    commonName: `MDM device ${enrollment.deviceId}`,
    organization: config.APPLE_ORGANIZATION_NAME,
    publicKeyPem: publicKeyPemOf(keyPem),
    purpose: 'device-identity',
    now,
    days: config.APPLE_IDENTITY_CERT_DAYS,
  });
  const password = randomBytes(18).toString('base64url');
  const base = config.PUBLIC_BASE_URL.replace(/\/$/, '');
  const profile = buildEnrollmentProfile({
    identifierPrefix: config.APPLE_PROFILE_IDENTIFIER_PREFIX,
    organization: config.APPLE_ORGANIZATION_NAME,
    serverUrl: `${base}${DEVICE_ENDPOINTS.connect}`,
    checkInUrl: `${base}${DEVICE_ENDPOINTS.checkin}`,
    topic,
    accessRights: enrollment.accessRights,
    identityPkcs12: buildPkcs12({ certPem: issued.certPem, keyPem }, ca.certPem, password, 'MDM device identity'),
    identityPassword: password,
    ...(enrollment.userEnrollment && enrollment.device.user ? { userEnrollment: { managedAppleId: enrollment.device.user.email } } : {}),
  });

  await db.$transaction(async (tx) => {
    await tx.appleCertificate.create({
      data: {
        serial: issued.serial,
        sha256: issued.sha256,
        purpose: 'device-identity',
        enrollmentId: enrollment.id,
        notBefore: issued.notBefore,
        notAfter: issued.notAfter,
      },
    });
    await tx.appleEnrollment.update({ where: { id: enrollment.id }, data: { profileIdentifier: profile.identifier, topic } });
    await deps.audit.record(
      {
        actorType: 'anonymous',
        action: 'apple.enrollment.profile_issued',
        targetType: 'device',
        targetId: enrollment.deviceId,
        ip,
        details: { certificateSerial: issued.serial, certificateSha256: issued.sha256, notAfter: issued.notAfter.toISOString(), profileIdentifier: profile.identifier },
      },
      tx,
    );
  });
  return signAttached(profile.xml, signer, chain, now);
}
