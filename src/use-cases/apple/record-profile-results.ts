import type { Deps } from '../../deps.js';
import { Prisma } from '../../db/prisma.js';
import { listedProfiles } from '../../mdm/apple/managed-profiles.js';
import { toJsonValue, type PlistDict } from '../../mdm/apple/plist.js';
import { requestEvaluation } from '../compliance/request-evaluation.js';
import { syncAppleProfiles } from './sync-apple-profiles.js';

/** InstallProfile / RemoveProfile answered: the managed profile row follows (installed, refused, removed). */
export async function recordProfileResult(
  deps: Deps,
  deviceId: string,
  commandId: string,
  requestType: 'InstallProfile' | 'RemoveProfile',
  acknowledged: boolean,
  errorChain: unknown,
): Promise<void> {
  const now = deps.clock.now();
  if (requestType === 'RemoveProfile') {
    if (acknowledged) await deps.db.appleManagedProfile.deleteMany({ where: { deviceId, commandId, state: 'REMOVING' } });
    return;
  }
  const { count } = await deps.db.appleManagedProfile.updateMany({
    where: { deviceId, commandId, state: 'INSTALLING' },
    data: acknowledged
      ? { state: 'INSTALLED', installedAt: now, error: Prisma.DbNull }
      : { state: 'REFUSED', error: (toJsonValue(errorChain ?? []) as Prisma.InputJsonValue) },
  });
  if (count === 1) await requestEvaluation(deps, deviceId);
}

/**
 * A ProfileList result: a profile we installed counts only while the device lists its identifier with the
 * PayloadUUID of the version we sent. One that was verified and is gone is installed again (once); one that was
 * acknowledged but never listed is recorded as refused rather than re-sent for ever.
 */
export async function recordProfileList(deps: Deps, deviceId: string, result: PlistDict, now: Date): Promise<void> {
  const listed = listedProfiles(result);
  const rows = await deps.db.appleManagedProfile.findMany({ where: { deviceId, state: { in: ['INSTALLED', 'VERIFIED'] } } });
  let changed = false;
  let reinstall = false;
  for (const row of rows) {
    const present = listed.some((p) => p.identifier === row.identifier && (p.payloadUuid === null || p.payloadUuid === row.payloadUuid.toUpperCase()));
    if (present && row.state !== 'VERIFIED') {
      await deps.db.appleManagedProfile.update({ where: { deviceId_kind: { deviceId, kind: row.kind } }, data: { state: 'VERIFIED', verifiedAt: now } });
      changed = true;
    } else if (!present && row.state === 'VERIFIED') {
      await deps.db.appleManagedProfile.delete({ where: { deviceId_kind: { deviceId, kind: row.kind } } });
      await deps.audit.record({ actorType: 'device', action: 'apple.profile.missing', targetType: 'device', targetId: deviceId, details: { kind: row.kind, identifier: row.identifier } });
      changed = reinstall = true;
    } else if (!present) {
      await deps.db.appleManagedProfile.update({
        where: { deviceId_kind: { deviceId, kind: row.kind } },
        data: { state: 'REFUSED', error: { reason: 'acknowledged but not listed by ProfileList' } },
      });
      changed = true;
    }
  }
  if (reinstall) await syncAppleProfiles(deps, deviceId, { reason: 'a managed profile disappeared from the device' });
  if (changed) await requestEvaluation(deps, deviceId);
}
