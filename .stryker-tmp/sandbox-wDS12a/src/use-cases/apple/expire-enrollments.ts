// @ts-nocheck
import type { Deps } from '../../container.js';

/**
 * Devices whose enrolment link expired unused never became devices: they leave the PENDING list (UNENROLLED),
 * so fleet views and compliance counts only show what can actually check in.
 */
export async function expireAppleEnrollments(deps: Pick<Deps, 'db' | 'audit' | 'clock'>, scope: { deviceIds?: string[] } = {}): Promise<number> {
  const now = deps.clock.now();
  const stale = await deps.db.appleEnrollment.findMany({
    where: { tokenUsedAt: null, tokenExpiresAt: { lt: now }, device: { status: 'PENDING' }, ...(scope.deviceIds ? { deviceId: { in: scope.deviceIds } } : {}) },
    select: { deviceId: true },
    take: 1000,
  });
  let expired = 0;
  for (const { deviceId } of stale) {
    const changed = await deps.db.device.updateMany({ where: { id: deviceId, status: 'PENDING' }, data: { status: 'UNENROLLED' } });
    if (changed.count === 1) {
      expired += 1;
      await deps.audit.record({ actorType: 'system', action: 'apple.enrollment.expired', targetType: 'device', targetId: deviceId });
    }
  }
  return expired;
}
