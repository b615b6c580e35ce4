import type { BaseDeps } from '../../deps.js';
import type { DbOrTx } from '../../db/prisma.js';
import type { DataLeakEvidence } from '../../domain/compliance/data-leak-rule.js';
import { requestedControls } from '../../domain/compliance/data-leak.js';
import type { RuleSettings } from '../../domain/compliance/policy.js';
import { checkListedProfile, DATA_PROTECTION_PROFILE_KIND } from '../../mdm/apple/managed-profiles.js';
import { checkAndroidDataLeak, planAndroidDataLeak } from '../../mdm/android/data-leak-policy.js';
import type { NonComplianceDetail } from '../../mdm/android/amapi-types.js';
import { desiredAppleProfiles } from '../apple/desired-apple-profiles.js';

interface JudgedDevice {
  id: string;
  platform: 'APPLE' | 'ANDROID';
  ownership: 'CORPORATE' | 'PERSONAL';
  model: string | null;
}

/**
 * What the device last reported about its data-leak controls, for the `data_leak` rule. Null when the policy asks
 * for none (the rule is off) or the device has no platform enrolment row.
 */
export async function dataLeakEvidence(deps: Pick<BaseDeps, 'config'>, db: DbOrTx, device: JudgedDevice, settings: RuleSettings): Promise<DataLeakEvidence | null> {
  if (requestedControls(settings.dataLeak).length === 0) return null;
  if (device.platform === 'APPLE') {
    // The same list of managed profiles the installation works from, checked against the device's last ProfileList.
    const desired = await desiredAppleProfiles(deps, db, device, settings);
    if (!desired) return null;
    const notEnforced = desired.dataProtection.notEnforced;
    const profile = desired.profiles.find((p) => p.kind === DATA_PROTECTION_PROFILE_KIND);
    if (!profile) return { state: 'in_force', notEnforced };
    const check = checkListedProfile(desired.lastProfileList, profile);
    if (check.state === 'outdated') return { state: 'outdated', detail: `installed revision ${check.reportedUuid ?? 'unknown'}, expected ${profile.payloadUuid}`, notEnforced };
    return { state: check.state, notEnforced };
  }
  const android = await db.androidDevice.findUnique({ where: { deviceId: device.id } });
  if (!android) return null;
  const plan = planAndroidDataLeak(device.ownership, settings.dataLeak);
  const pushed = await db.androidPolicy.findFirst({ where: { ownership: device.ownership }, orderBy: { pushedAt: 'desc' } });
  const check = checkAndroidDataLeak(plan, pushed, {
    policyName: android.policyName,
    appliedPolicyVersion: android.appliedPolicyVersion,
    nonComplianceDetails: (android.nonComplianceDetails ?? null) as NonComplianceDetail[] | null,
  });
  const notEnforced = plan.notEnforced;
  switch (check.state) {
    case 'not_pushed':
      return { state: 'pending', notEnforced };
    case 'not_applied':
      return { state: 'not_applied', detail: `policy version ${check.appliedVersion} applied, ${check.expectedVersion} expected`, notEnforced };
    case 'non_compliant':
      return { state: 'non_compliant', detail: `not applied: ${check.settings.join(', ')}`, notEnforced };
    default:
      return { state: check.state, notEnforced };
  }
}
