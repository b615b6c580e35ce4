import type { Deps } from '../../deps.js';

/**
 * Devices whose enrolment link expired before the device authenticated never became devices: the link unused,
 * or the profile downloaded but never installed. They leave the PENDING list (UNENROLLED), so fleet views and
 * compliance counts only show what can actually check in; an identity issued with a downloaded profile is revoked.
 */
export async function expireAppleEnrollments(deps: Pick<Deps, 'db' | 'audit' | 'clock'>, scope: { deviceIds?: string[] } = {}): Promise<number> {
  const now = deps.clock.now();
  const stale = await deps.db.appleEnrollment.findMany({
    where: { authenticatedAt: null, tokenExpiresAt: { lt: now }, device: { status: 'PENDING' }, ...(scope.deviceIds ? { deviceId: { in: scope.deviceIds } } : {}) },
    select: { id: true, deviceId: true, tokenUsedAt: true },
    take: 1000,
  });
  let expired = 0;
  for (const { id, deviceId, tokenUsedAt } of stale) {
    const changed = await deps.db.device.updateMany({ where: { id: deviceId, status: 'PENDING' }, data: { status: 'UNENROLLED' } });
    if (changed.count === 1) {
      expired += 1;
      const revoked = await deps.db.appleCertificate.updateMany({
        where: { enrollmentId: id, revokedAt: null },
        data: { revokedAt: now, revokedReason: 'enrolment expired before the device authenticated' },
      });
      await deps.audit.record({
        actorType: 'system',
        action: 'apple.enrollment.expired',
        targetType: 'device',
        targetId: deviceId,
        details: { profileDownloaded: tokenUsedAt !== null, revokedCertificates: revoked.count },
      });
    }
  }
  return expired;
}
