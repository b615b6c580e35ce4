import type { Deps } from '../../deps.js';
import { checkRestrictionsProfile, restrictionsProfileIdentifier } from '../../mdm/apple/restrictions-profile.js';
import { currentPolicy } from '../../storage/policy-store.js';
import { expectedDataProtectionProfile } from './data-protection-profile.js';
import { queueAppleCommands } from './queue-commands.js';

/** Every data protection command carries this reason (plus the revision), so pending ones are recognised. */
export const DATA_PROTECTION_REASON = 'data protection profile';

export type EnsureOutcome = 'installed' | 'removed' | 'in_place' | 'pending' | 'not_applicable';

/**
 * Makes an Apple device hold the data protection profile the policy in force asks for: queues InstallProfile of
 * the expected revision followed by a ProfileList (so the compliance rule sees what the device really holds), or
 * RemoveProfile when the controls were switched off. Does nothing when the last ProfileList already shows the
 * expected revision or the same revision is already on its way, so calling it again is cheap and safe.
 *
 * Called when a device reports DeviceInformation (enrolment, and every posture refresh: a device that lost the
 * profile gets it again) and for every device after a policy change (job apple.install-data-protection).
 */
export async function ensureDataProtectionProfile(deps: Deps, deviceId: string): Promise<EnsureOutcome> {
  const device = await deps.db.device.findUnique({ where: { id: deviceId }, include: { posture: { select: { supervised: true } } } });
  if (!device || device.platform !== 'APPLE' || device.status !== 'ENROLLED') return 'not_applicable';
  const policy = await currentPolicy(deps);
  const expected = await expectedDataProtectionProfile(deps, deps.db, device, policy.document.settings[device.ownership].APPLE);
  if (!expected) return 'not_applicable';
  const pending = await deps.db.command.findMany({
    where: { deviceId, status: { in: ['QUEUED', 'SENT'] }, reason: { startsWith: DATA_PROTECTION_REASON } },
    select: { requestType: true, reason: true },
  });

  const identifier = restrictionsProfileIdentifier(deps.config.APPLE_PROFILE_IDENTIFIER_PREFIX);
  if (!expected.profile) {
    // Controls switched off (or none this enrolment can carry): take our profile off if the device still lists it.
    const listed = checkRestrictionsProfile(expected.lastProfileList, { identifier, uuid: '' }).state === 'outdated';
    if (!listed) return 'not_applicable';
    if (pending.some((c) => c.requestType === 'RemoveProfile')) return 'pending';
    await queueAppleCommands(deps, deviceId, [
      { requestType: 'RemoveProfile', payload: { Identifier: identifier }, priority: 2 },
      { requestType: 'ProfileList', payload: { ManagedOnly: true }, priority: 1 },
    ], { requestedById: null, reason: `${DATA_PROTECTION_REASON} removed: no data-leak control applies` });
    return 'removed';
  }
  const reason = `${DATA_PROTECTION_REASON} ${expected.profile.uuid}`;
  if (pending.some((c) => c.requestType === 'InstallProfile' && c.reason === reason)) return 'pending';
  if (checkRestrictionsProfile(expected.lastProfileList, expected.profile).state === 'in_force') return 'in_place';
  // Install first, then list: the priorities keep that order ahead of anything else queued.
  await queueAppleCommands(deps, deviceId, [
    { requestType: 'InstallProfile', payload: { Payload: { $data: expected.profile.xml.toString('base64') } }, priority: 2 },
    { requestType: 'ProfileList', payload: { ManagedOnly: true }, priority: 1 },
  ], { requestedById: null, reason });
  return 'installed';
}
