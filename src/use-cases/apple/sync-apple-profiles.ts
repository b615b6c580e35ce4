import type { Deps } from '../../deps.js';
import { Prisma } from '../../db/prisma.js';
import { currentPolicy } from '../../storage/policy-store.js';
import { isFinal } from '../../domain/commands/status.js';
import { refusal } from '../../mdm/apple/commands.js';
import { PASSCODE_PROFILE_KIND, type ManagedProfileKind } from '../../mdm/apple/managed-profiles.js';
import { desiredAppleProfiles } from './desired-apple-profiles.js';
import type { NewAppleCommand } from './queue-commands.js';
import { queueAppleCommands } from './queue-commands.js';

const PROFILE_PRIORITY = 1;

export interface SyncResult {
  /** InstallProfile command ids, one per profile (re)installed, in the order of the desired profiles. */
  installed: { kind: ManagedProfileKind; commandId: string }[];
  /** RemoveProfile command ids. */
  removed: string[];
}

/**
 * The one path that brings the profiles derived from the compliance policy (passcode policy, data protection
 * restrictions) onto one Apple device: installs every profile that is missing or whose version (content-derived
 * PayloadUUID) differs from what the policy now asks for, removes one the policy no longer asks for, then asks for
 * one ProfileList (and SecurityInfo when a passcode profile changed) so the rules see the result within minutes.
 * All of it goes out as one batch: one queue write, one push, one ProfileList for however many profiles changed.
 *
 * A version already installing or in force is left alone, so calling this again is cheap and safe; `reinstall`
 * sends that kind again anyway (an administrator's resync). Called after DeviceInformation (enrolment and every
 * posture refresh: supervision decides what the restrictions profile carries), after a policy change for every
 * device (job apple.sync-profiles), and when a ProfileList shows a verified profile gone.
 */
export async function syncAppleProfiles(
  deps: Deps,
  deviceId: string,
  options: { reason: string; reinstall?: ManagedProfileKind; requestedById?: string | null; ip?: string | null },
): Promise<SyncResult> {
  const nothing: SyncResult = { installed: [], removed: [] };
  const device = await deps.db.device.findUnique({ where: { id: deviceId }, include: { appleEnrollment: true, appleProfiles: true } });
  const enrollment = device?.appleEnrollment;
  if (!device || !enrollment || device.status !== 'ENROLLED' || !enrollment.type || enrollment.checkedOutAt) return nothing;
  const policy = await currentPolicy(deps);
  const desired = await desiredAppleProfiles(deps, deps.db, device, policy.document.settings[device.ownership].APPLE);
  if (!desired) return nothing;
  if (refusal('InstallProfile', { kind: enrollment.type, ownership: device.ownership, accessRights: enrollment.accessRights, macOS: desired.target.macOS })) return nothing;

  // An install whose command ended without the device's answer (expired, cancelled) is not on its way any more.
  const installing = device.appleProfiles.filter((row) => row.state === 'INSTALLING' && row.commandId).map((row) => row.commandId!);
  const ended = new Set(
    installing.length === 0
      ? []
      : (await deps.db.command.findMany({ where: { id: { in: installing } }, select: { id: true, status: true } })).filter((c) => isFinal(c.status)).map((c) => c.id),
  );
  const existing = new Map(device.appleProfiles.map((p) => [p.kind, p]));
  const install = desired.profiles.filter((spec) => {
    const row = existing.get(spec.kind);
    if (!row || options.reinstall === spec.kind || row.payloadUuid.toUpperCase() !== spec.payloadUuid) return true;
    return row.state === 'REFUSED' || row.state === 'REMOVING' || (row.state === 'INSTALLING' && ended.has(row.commandId!));
  });
  const remove = device.appleProfiles.filter((row) => row.state !== 'REMOVING' && !desired.profiles.some((spec) => spec.kind === row.kind));
  if (install.length === 0 && remove.length === 0) return nothing;

  const commands: NewAppleCommand[] = [
    ...install.map((spec) => ({ requestType: 'InstallProfile', payload: { Payload: { $data: spec.xml.toString('base64') } } })),
    ...remove.map((row) => ({ requestType: 'RemoveProfile', payload: { Identifier: row.identifier } })),
  ];
  // Answered after the profiles are in place: the device's verdict on its passcode against them (only when a
  // passcode profile changed), and the one list that proves which versions the device now holds.
  if (install.some((spec) => spec.affectsPasscodeVerdict) || remove.some((row) => row.kind === PASSCODE_PROFILE_KIND)) {
    commands.push({ requestType: 'SecurityInfo', payload: {} });
  }
  commands.push({ requestType: 'ProfileList', payload: { ManagedOnly: true } });
  // Ahead of routine queries already waiting (the enrolment's SecurityInfo, a posture refresh): controls that keep
  // patient data in work apps should be in force as early as possible. In order among themselves.
  for (const command of commands) command.priority = PROFILE_PRIORITY;
  // The rows recording which version each command carries commit with the commands.
  const ids = await queueAppleCommands(deps, deviceId, commands, {
    requestedById: options.requestedById ?? null,
    reason: options.reason,
    ip: options.ip,
    alongside: async (tx, rows) => {
      for (const [i, spec] of install.entries()) {
        const data = {
          identifier: spec.identifier,
          payloadUuid: spec.payloadUuid,
          settings: spec.settings as Prisma.InputJsonValue,
          state: 'INSTALLING' as const,
          commandId: rows[i]!.id,
          error: Prisma.DbNull,
          installedAt: null,
          verifiedAt: null,
        };
        await tx.appleManagedProfile.upsert({ where: { deviceId_kind: { deviceId, kind: spec.kind } }, create: { deviceId, kind: spec.kind, ...data }, update: data });
      }
      for (const [i, row] of remove.entries()) {
        await tx.appleManagedProfile.update({ where: { deviceId_kind: { deviceId, kind: row.kind } }, data: { state: 'REMOVING', commandId: rows[install.length + i]!.id } });
      }
    },
  });
  const installed = install.map((spec, i) => ({ kind: spec.kind, commandId: ids[i]! }));
  const removed = ids.slice(install.length, install.length + remove.length);
  return { installed, removed };
}
