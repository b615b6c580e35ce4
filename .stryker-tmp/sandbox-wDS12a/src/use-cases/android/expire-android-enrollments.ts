// @ts-nocheck
import type { BaseDeps } from '../../container.js';

/** A device may still report its enrolment a little after the token's expiry (the enrolment itself was in time). */
const GRACE_MS = 3600_000;

/**
 * Removes Android devices whose one-time enrolment token expired unused: they were never more than a QR code
 * someone did not scan, and would otherwise stay PENDING in every list for ever.
 */
export async function expireAndroidEnrollments(deps: Pick<BaseDeps, 'db' | 'clock' | 'audit'>): Promise<{ removed: number }> {
  const cutoff = new Date(deps.clock.now().getTime() - GRACE_MS);
  const stale = await deps.db.device.findMany({
    where: { platform: 'ANDROID', status: 'PENDING', android: { amapiName: null, enrollmentTokenExpiresAt: { lt: cutoff } } },
    select: { id: true, userId: true },
    take: 500,
  });
  for (const device of stale) {
    await deps.db.$transaction(async (tx) => {
      const { count } = await tx.device.deleteMany({ where: { id: device.id, status: 'PENDING' } });
      if (count === 1) {
        await deps.audit.record(
          { actorType: 'system', action: 'android.enrollment.expired', targetType: 'device', targetId: device.id, details: { userId: device.userId } },
          tx,
        );
      }
    });
  }
  return { removed: stale.length };
}
