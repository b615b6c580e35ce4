import type { BaseDeps } from '../../deps.js';
import type { DbOrTx } from '../../db/prisma.js';
import type { RuleSettings } from '../../domain/compliance/policy.js';
import {
  buildRestrictionsProfile, planRestrictions, type BuiltRestrictionsProfile, type RestrictionsPlan,
} from '../../mdm/apple/restrictions-profile.js';

export interface ExpectedDataProtection {
  plan: RestrictionsPlan;
  /** Null when the policy asks for nothing this enrolment can carry: no profile belongs on the device. */
  profile: BuiltRestrictionsProfile | null;
  /** The stored `{ ProfileList: [...] }` result of the device's last ProfileList, if any. */
  lastProfileList: unknown;
}

/**
 * The data protection (restrictions) profile an Apple device should hold under `settings`: built from the
 * policy, its ownership, its enrolment type and whether it reported being supervised. Installation and the
 * compliance rule both call this, so they can never disagree about which revision is expected.
 */
export async function expectedDataProtectionProfile(
  deps: Pick<BaseDeps, 'config'>,
  db: DbOrTx,
  device: { id: string; ownership: 'CORPORATE' | 'PERSONAL'; posture: { supervised: boolean | null } | null },
  settings: RuleSettings,
): Promise<ExpectedDataProtection | null> {
  const enrollment = await db.appleEnrollment.findUnique({ where: { deviceId: device.id }, select: { type: true, userEnrollment: true, lastProfileList: true } });
  if (!enrollment) return null;
  const plan = planRestrictions(settings.dataLeak, {
    ownership: device.ownership,
    // Before Authenticate the type is unknown: a User Enrolment asked for counts as one.
    kind: enrollment.type ?? (enrollment.userEnrollment ? 'USER' : 'DEVICE'),
    supervised: device.posture?.supervised === true,
  });
  const profile = buildRestrictionsProfile(deps.config.APPLE_PROFILE_IDENTIFIER_PREFIX, deps.config.APPLE_ORGANIZATION_NAME, plan);
  return { plan, profile, lastProfileList: enrollment.lastProfileList };
}
