import type { Deps } from '../../deps.js';
import { Prisma } from '../../db/prisma.js';
import { listedProfiles } from '../../mdm/apple/managed-profiles.js';
import { toJsonValue, type PlistDict } from '../../mdm/apple/plist.js';
import { requestEvaluation } from '../compliance/request-evaluation.js';
import { syncAppleProfiles } from './sync-apple-profiles.js';

/**
 * InstallProfile / RemoveProfile answered: the managed profile row follows (installed, refused, removed). Only a
 * refusal changes a verdict (installed-but-not-yet-listed counts as pending, like installing), so only a refusal
 * asks for an evaluation; an installed profile is judged at the ProfileList that follows it.
 */
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
  if (count === 1 && !acknowledged) await requestEvaluation(deps, deviceId);
}

/**
 * Our profiles in a ProfileList result as identifier → PayloadUUID, to tell whether what the device holds changed;
 * null before the device ever answered one (a first list saying "none of yours" is a change too).
 */
function ourListing(result: unknown, prefix: string): string | null {
  const listed = listedProfiles(result);
  if (!listed) return null;
  return listed
    .filter((p) => p.identifier.startsWith(`${prefix}.`))
    .map((p) => `${p.identifier}=${p.payloadUuid ?? ''}`)
    .sort()
    .join('\n');
}

/**
 * A ProfileList result, the one verification of every managed profile: stores it (the rules read it) and moves
 * each profile's row. A profile we installed counts only while the device lists its identifier with the PayloadUUID
 * of the version we sent. One that was verified and is gone (removed by the person, or replaced by another version)
 * is installed again, once per disappearance; one that was acknowledged but never listed is recorded as refused
 * rather than re-sent for ever (the next DeviceInformation or policy change tries again). Exactly one evaluation
 * is queued, and only when a profile's state changed: a row moved, or what the device lists under our identifiers.
 */
export async function recordProfileList(deps: Deps, enrollment: { id: string; deviceId: string }, result: PlistDict, now: Date): Promise<void> {
  const { deviceId } = enrollment;
  const previous = await deps.db.appleEnrollment.findUnique({ where: { id: enrollment.id }, select: { lastProfileList: true } });
  await deps.db.appleEnrollment.update({ where: { id: enrollment.id }, data: { lastProfileList: toJsonValue(result) as Prisma.InputJsonValue } });
  const prefix = deps.config.APPLE_PROFILE_IDENTIFIER_PREFIX;
  let changed = ourListing(previous?.lastProfileList, prefix) !== ourListing(result, prefix);

  const listed = listedProfiles(result) ?? [];
  const rows = await deps.db.appleManagedProfile.findMany({ where: { deviceId, state: { in: ['INSTALLED', 'VERIFIED'] } } });
  let reinstall = false;
  for (const row of rows) {
    const present = listed.some((p) => p.identifier === row.identifier && p.payloadUuid === row.payloadUuid.toUpperCase());
    const where = { deviceId_kind: { deviceId, kind: row.kind } };
    if (present && row.state !== 'VERIFIED') {
      await deps.db.appleManagedProfile.update({ where, data: { state: 'VERIFIED', verifiedAt: now } });
      changed = true;
    } else if (!present && row.state === 'VERIFIED') {
      await deps.db.appleManagedProfile.delete({ where });
      await deps.audit.record({ actorType: 'device', action: 'apple.profile.missing', targetType: 'device', targetId: deviceId, details: { kind: row.kind, identifier: row.identifier } });
      changed = reinstall = true;
    } else if (!present) {
      await deps.db.appleManagedProfile.update({ where, data: { state: 'REFUSED', error: { reason: 'acknowledged but not listed by ProfileList' } } });
      changed = true;
    }
  }
  if (reinstall) await syncAppleProfiles(deps, deviceId, { reason: 'a managed profile disappeared from the device' });
  if (changed) await requestEvaluation(deps, deviceId);
}
