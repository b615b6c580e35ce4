import { isDeepStrictEqual } from 'node:util';
import type { Ownership } from '../../generated/prisma/enums.js';
import {
  NOT_ENFORCEABLE_REASONS, requestedControls, type DataLeakControlId, type DataLeakControls,
} from '../../domain/compliance/data-leak.js';
import type { AmapiPolicy, NonComplianceDetail } from './amapi-types.js';

/**
 * The AMAPI Policy fields that carry the compliance policy's data-leak controls, and how to tell from a Device
 * resource whether the phone applied them. Field names and enum values as in AMAPI v1 (Policy.crossProfilePolicies,
 * screenCaptureDisabled, cameraAccess, applications[].installType, playStoreMode).
 *
 * The company-owned policy is for fully managed phones: they have no work profile, and crossProfilePolicies on such
 * a device is reported as MANAGEMENT_MODE non-compliance, so those controls go in the work-profile policy only.
 * On a work profile, screenCaptureDisabled and installType BLOCKED apply to the work profile alone; the personal
 * side is untouched.
 */
export interface AndroidDataLeakPlan {
  fields: Partial<AmapiPolicy>;
  /** Top-level Policy fields these controls live in: a nonComplianceDetail naming one means "not in force". */
  settingNames: string[];
  enforced: DataLeakControlId[];
  notEnforced: { control: DataLeakControlId; reason: string }[];
}

export function planAndroidDataLeak(ownership: Ownership, controls: DataLeakControls | undefined): AndroidDataLeakPlan {
  const workProfile = ownership === 'PERSONAL';
  const fields: Partial<AmapiPolicy> = {};
  const cross: Record<string, string> = {};
  const enforced: DataLeakControlId[] = [];
  const notEnforced: AndroidDataLeakPlan['notEnforced'] = [];
  for (const control of requestedControls(controls)) {
    const c = controls!;
    switch (control) {
      case 'sharing':
      case 'copy_paste':
      case 'contacts':
        if (!workProfile) {
          notEnforced.push({ control, reason: NOT_ENFORCEABLE_REASONS.fullyManaged });
          break;
        }
        if (control === 'sharing') cross.crossProfileDataSharing = 'DATA_SHARING_FROM_WORK_TO_PERSONAL_DISALLOWED';
        if (control === 'copy_paste') cross.crossProfileCopyPaste = 'COPY_FROM_WORK_TO_PERSONAL_DISALLOWED';
        if (control === 'contacts') cross.showWorkContactsInPersonalProfile = 'SHOW_WORK_CONTACTS_IN_PERSONAL_PROFILE_DISALLOWED';
        enforced.push(control);
        break;
      case 'screen_capture':
        fields.screenCaptureDisabled = true;
        enforced.push(control);
        break;
      case 'camera':
        // The policy refuses this for personal phones; a work profile would only lose the camera in work apps.
        fields.cameraAccess = 'CAMERA_ACCESS_DISABLED';
        enforced.push(control);
        break;
      case 'app_list': {
        const list = c.appList!;
        const apps = [...list.apps].sort();
        if (list.mode === 'ALLOW_ONLY') {
          // Only listed apps are available; anything else is removed (AMAPI playStoreMode WHITELIST).
          fields.playStoreMode = 'WHITELIST';
          fields.applications = apps.map((packageName) => ({ packageName, installType: 'AVAILABLE' }));
        } else {
          fields.playStoreMode = 'BLACKLIST';
          fields.applications = apps.map((packageName) => ({ packageName, installType: 'BLOCKED' }));
        }
        enforced.push(control);
        break;
      }
    }
  }
  if (Object.keys(cross).length > 0) fields.crossProfilePolicies = cross;
  const settingNames = Object.keys(fields);
  return { fields, settingNames, enforced, notEnforced };
}

export type AndroidDataLeakCheck =
  | { state: 'in_force' }
  | { state: 'not_reported' }
  | { state: 'not_pushed' }
  | { state: 'not_applied'; appliedVersion: string; expectedVersion: string }
  | { state: 'non_compliant'; settings: string[] };

/**
 * Whether the phone applied the controls: the policy we pushed carries them, the device reports a version of that
 * policy at least as new, and no nonComplianceDetail names one of their settings.
 */
export function checkAndroidDataLeak(
  plan: AndroidDataLeakPlan,
  pushed: { name: string; version: string | null; body: unknown } | null,
  device: { policyName: string | null; appliedPolicyVersion: string | null; nonComplianceDetails: NonComplianceDetail[] | null },
): AndroidDataLeakCheck {
  if (!pushed || pushed.version === null || !carries(pushed.body, plan.fields)) return { state: 'not_pushed' };
  if (device.appliedPolicyVersion === null) return { state: 'not_reported' };
  const samePolicy = device.policyName === null || device.policyName === pushed.name;
  if (!samePolicy || Number(device.appliedPolicyVersion) < Number(pushed.version)) {
    return { state: 'not_applied', appliedVersion: device.appliedPolicyVersion, expectedVersion: pushed.version };
  }
  // Stryker disable next-line ArrayDeclaration,StringLiteral: an entry without a settingName (or a stand-in string) never equals a Policy field name in plan.settingNames
  const failing = [...new Set((device.nonComplianceDetails ?? []).map((d) => d.settingName ?? '').filter((s) => plan.settingNames.includes(s)))];
  return failing.length > 0 ? { state: 'non_compliant', settings: failing } : { state: 'in_force' };
}

function carries(body: unknown, fields: Partial<AmapiPolicy>): boolean {
  if (typeof body !== 'object' || body === null) return false;
  const stored = body as Record<string, unknown>;
  // Key order is not kept by the stored JSON (jsonb), so compare structurally.
  return Object.entries(fields).every(([key, value]) => isDeepStrictEqual(stored[key], value));
}
