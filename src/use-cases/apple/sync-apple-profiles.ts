import type { Deps } from '../../deps.js';
import { Prisma } from '../../db/prisma.js';
import { currentPolicy } from '../../storage/policy-store.js';
import { isMacProduct, refusal } from '../../mdm/apple/commands.js';
import { desiredProfiles } from '../../mdm/apple/managed-profiles.js';
import type { NewAppleCommand } from './queue-commands.js';
import { queueAppleCommands } from './queue-commands.js';

export interface SyncResult {
  /** InstallProfile command ids, one per profile (re)installed. */
  installed: string[];
  /** RemoveProfile command ids. */
  removed: string[];
}

/**
 * Brings the profiles derived from the compliance policy (passcode policy; later restrictions) onto one Apple
 * device: installs a missing or outdated version, removes one the policy no longer asks for, then asks for a
 * fresh SecurityInfo and ProfileList so the rules see the result within minutes. A version already installing
 * or installed is left alone unless `force`.
 */
export async function syncAppleProfiles(
  deps: Deps,
  deviceId: string,
  options: { reason: string; force?: boolean; requestedById?: string | null; ip?: string | null; before?: NewAppleCommand[] },
): Promise<SyncResult> {
  const before = options.before ?? [];
  const queueBeforeOnly = async () => {
    if (before.length > 0) await queueAppleCommands(deps, deviceId, before, { requestedById: options.requestedById ?? null, reason: options.reason, ip: options.ip });
    return { installed: [], removed: [] };
  };
  const device = await deps.db.device.findUnique({ where: { id: deviceId }, include: { appleEnrollment: true, appleProfiles: true } });
  const enrollment = device?.appleEnrollment;
  if (!device || !enrollment || device.status !== 'ENROLLED' || !enrollment.type || enrollment.checkedOutAt) return queueBeforeOnly();
  const policy = await currentPolicy(deps);
  const product = (enrollment.lastAuthenticate as { ProductName?: string } | null)?.ProductName ?? device.model;
  const traits = { kind: enrollment.type, ownership: device.ownership, accessRights: enrollment.accessRights, macOS: isMacProduct(product) };
  if (refusal('InstallProfile', traits)) return queueBeforeOnly();

  const wanted = desiredProfiles(
    policy.document.settings[device.ownership].APPLE,
    { macOS: traits.macOS, userEnrollment: traits.kind === 'USER', ownership: device.ownership },
    { identifierPrefix: deps.config.APPLE_PROFILE_IDENTIFIER_PREFIX, organization: deps.config.APPLE_ORGANIZATION_NAME },
  );
  const existing = new Map(device.appleProfiles.map((p) => [p.kind, p]));
  const install = wanted.filter((spec) => {
    const row = existing.get(spec.kind);
    return options.force || !row || row.contentHash !== spec.contentHash || row.state === 'REFUSED' || row.state === 'REMOVING';
  });
  const remove = device.appleProfiles.filter((row) => row.state !== 'REMOVING' && !wanted.some((spec) => spec.kind === row.kind));
  if (install.length === 0 && remove.length === 0) return queueBeforeOnly();

  // `before` goes in the same batch, so the device gets it first (one queue write, one push).
  const commands: NewAppleCommand[] = [
    ...before,
    ...install.map((spec) => ({ requestType: 'InstallProfile', payload: { Payload: { $data: spec.xml.toString('base64') } } })),
    ...remove.map((row) => ({ requestType: 'RemoveProfile', payload: { Identifier: row.identifier } })),
    // Answered after the profile is in place: the device's verdict on its passcode against it, and the proof it is listed.
    { requestType: 'SecurityInfo', payload: {} },
    { requestType: 'ProfileList', payload: { ManagedOnly: true } },
  ];
  const ids = await queueAppleCommands(deps, deviceId, commands, { requestedById: options.requestedById ?? null, reason: options.reason, ip: options.ip });
  const installed = ids.slice(before.length, before.length + install.length);
  const removed = ids.slice(before.length + install.length, before.length + install.length + remove.length);
  await deps.db.$transaction([
    ...install.map((spec, i) => {
      const data = {
        identifier: spec.identifier,
        payloadUuid: spec.payloadUuid,
        contentHash: spec.contentHash,
        settings: spec.settings as Prisma.InputJsonValue,
        state: 'INSTALLING' as const,
        commandId: installed[i]!,
        error: Prisma.DbNull,
        installedAt: null,
        verifiedAt: null,
      };
      return deps.db.appleManagedProfile.upsert({
        where: { deviceId_kind: { deviceId, kind: spec.kind } },
        create: { deviceId, kind: spec.kind, ...data },
        update: data,
      });
    }),
    ...remove.map((row, i) =>
      deps.db.appleManagedProfile.update({ where: { deviceId_kind: { deviceId, kind: row.kind } }, data: { state: 'REMOVING', commandId: removed[i]! } }),
    ),
  ]);
  return { installed, removed };
}
