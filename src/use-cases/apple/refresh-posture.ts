import type { Deps } from '../../deps.js';
import { postureCommands } from './handle-checkin.js';
import { queueAppleCommands } from './queue-commands.js';

/**
 * Scheduled re-query (job `apple.refresh-posture`): DeviceInformation, SecurityInfo and ProfileList for every enrolled Apple
 * device that can be woken and has not reported for APPLE_POSTURE_REFRESH_MS, unless such a query is still waiting.
 */
export async function refreshApplePosture(deps: Deps, scope: { deviceIds?: string[] } = {}): Promise<number> {
  const due = new Date(deps.clock.now().getTime() - deps.config.APPLE_POSTURE_REFRESH_MS);
  const enrollments = await deps.db.appleEnrollment.findMany({
    where: {
      tokenUpdatedAt: { not: null },
      checkedOutAt: null,
      pushTokenInvalidAt: null,
      device: { status: 'ENROLLED' },
      ...(scope.deviceIds ? { deviceId: { in: scope.deviceIds } } : {}),
      // A new enrolment asks for posture at its first TokenUpdate; only one that never answered is picked up here.
      OR: [{ lastSecurityInfoAt: { lt: due } }, { lastSecurityInfoAt: null, tokenUpdatedAt: { lt: due } }],
    },
    select: { deviceId: true, type: true, device: { select: { ownership: true } } },
  });
  const pending = await deps.db.command.findMany({
    where: {
      deviceId: { in: enrollments.map((e) => e.deviceId) },
      requestType: { in: ['DeviceInformation', 'SecurityInfo'] },
      status: { in: ['QUEUED', 'SENT'] },
    },
    select: { deviceId: true },
    distinct: ['deviceId'],
  });
  const busy = new Set(pending.map((p) => p.deviceId));
  let queued = 0;
  for (const enrollment of enrollments) {
    if (busy.has(enrollment.deviceId)) continue;
    // ProfileList too: a passcode profile counts only while the device still lists it.
    const commands = [...postureCommands(enrollment.type ?? 'DEVICE', enrollment.device.ownership), { requestType: 'ProfileList', payload: { ManagedOnly: true } }];
    await queueAppleCommands(deps, enrollment.deviceId, commands, {
      requestedById: null,
      reason: 'scheduled posture refresh',
    });
    queued += 1;
  }
  return queued;
}
