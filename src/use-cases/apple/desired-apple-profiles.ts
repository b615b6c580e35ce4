import type { BaseDeps } from '../../deps.js';
import type { DbOrTx } from '../../db/prisma.js';
import type { RuleSettings } from '../../domain/compliance/policy.js';
import { isMacProduct } from '../../mdm/apple/commands.js';
import { desiredProfiles, type DesiredProfiles, type ProfileTarget } from '../../mdm/apple/managed-profiles.js';

export interface DesiredAppleProfiles extends DesiredProfiles {
  target: ProfileTarget;
  /** The stored `{ ProfileList: [...] }` result of the device's last ProfileList, if any. */
  lastProfileList: unknown;
}

/**
 * The managed profiles (passcode policy, data protection restrictions) an Apple device should hold under
 * `settings`: from the policy, its ownership, its enrolment type, whether it is a Mac and whether it reported being
 * supervised. Installation (sync-apple-profiles.ts), the compliance rules and the staff view all call this, so they
 * can never disagree about which profiles, and which versions, belong on the device. Null without an Apple enrolment.
 */
export async function desiredAppleProfiles(
  deps: Pick<BaseDeps, 'config'>,
  db: DbOrTx,
  device: { id: string; ownership: 'CORPORATE' | 'PERSONAL'; model: string | null },
  settings: RuleSettings,
): Promise<DesiredAppleProfiles | null> {
  const enrollment = await db.appleEnrollment.findUnique({
    where: { deviceId: device.id },
    select: { type: true, userEnrollment: true, lastProfileList: true, lastAuthenticate: true },
  });
  if (!enrollment) return null;
  const posture = await db.devicePosture.findUnique({ where: { deviceId: device.id }, select: { supervised: true } });
  const product = (enrollment.lastAuthenticate as { ProductName?: string } | null)?.ProductName ?? device.model;
  const target: ProfileTarget = {
    macOS: isMacProduct(product),
    // Before Authenticate the type is unknown: a User Enrolment asked for counts as one.
    kind: enrollment.type ?? (enrollment.userEnrollment ? 'USER' : 'DEVICE'),
    ownership: device.ownership,
    supervised: posture?.supervised === true,
  };
  const desired = desiredProfiles(settings, target, {
    identifierPrefix: deps.config.APPLE_PROFILE_IDENTIFIER_PREFIX,
    organization: deps.config.APPLE_ORGANIZATION_NAME,
  });
  return { ...desired, target, lastProfileList: enrollment.lastProfileList };
}
