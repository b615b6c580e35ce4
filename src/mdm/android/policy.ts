import type { Ownership } from '../../generated/prisma/enums.js';
import type { AmapiPolicy, PolicyEnforcementRule } from './amapi-types.js';

/**
 * The organisation's compliance settings that AMAPI can enforce. Until the compliance policy model exists these
 * come from configuration defaults; compliance calls pushAndroidPolicies with its own values when settings change.
 */
export interface AndroidPolicyInputs {
  passcodeMinLength: number;
  maxAutoLockMinutes: number;
  /** Lowest Android API level allowed (AMAPI minimumApiLevel). Patch age has no AMAPI setting: compliance judges it. */
  minApiLevel: number;
  /** Days a device may stay non-compliant before AMAPI blocks work apps (0 = at once). */
  blockAfterDays: number;
  /** Days before AMAPI wipes it (factory reset when company-owned, work profile removal when personal). */
  wipeAfterDays: number;
}

const STATUS_REPORTING = {
  softwareInfoEnabled: true,
  deviceSettingsEnabled: true,
  // Apps, network and hardware reports would reveal personal data on BYOD and are not needed for posture.
  applicationReportsEnabled: false,
  networkInfoEnabled: false,
  memoryInfoEnabled: false,
};

// The settings the fixtures and Fleet show AMAPI accepting in rules; others are enforced by our compliance engine.
const ENFORCED_SETTINGS = ['passwordPolicies', 'minimumApiLevel'];

export class PolicyInputError extends Error {}

function enforcementRules(inputs: AndroidPolicyInputs, blockScope: string): PolicyEnforcementRule[] {
  // AMAPI rejects a rule without both actions (400 "must have a block action and a wipe action").
  return ENFORCED_SETTINGS.map((settingName) => ({
    settingName,
    blockAction: { blockAfterDays: inputs.blockAfterDays, blockScope },
    wipeAction: { wipeAfterDays: inputs.wipeAfterDays },
  }));
}

/** The two policies: company-owned (fully managed) devices and personally-owned work profiles. */
export function buildAndroidPolicies(inputs: AndroidPolicyInputs): Record<Ownership, AmapiPolicy> {
  if (inputs.wipeAfterDays <= inputs.blockAfterDays) {
    throw new PolicyInputError('wipeAfterDays must be greater than blockAfterDays (AMAPI rule)');
  }
  if (inputs.passcodeMinLength < 4) throw new PolicyInputError('passcodeMinLength must be at least 4');
  if (inputs.maxAutoLockMinutes < 1) throw new PolicyInputError('maxAutoLockMinutes must be at least 1');
  const maximumTimeToLock = String(inputs.maxAutoLockMinutes * 60_000);
  const common = {
    maximumTimeToLock,
    encryptionPolicy: 'ENABLED_WITHOUT_PASSWORD',
    minimumApiLevel: inputs.minApiLevel,
    statusReportingSettings: STATUS_REPORTING,
    advancedSecurityOverrides: {
      untrustedAppsPolicy: 'DISALLOW_INSTALL',
      googlePlayProtectVerifyApps: 'VERIFY_APPS_ENFORCED',
      developerSettings: 'DEVELOPER_SETTINGS_DISABLED',
    },
  };
  return {
    CORPORATE: {
      ...common,
      passwordPolicies: [
        { passwordScope: 'SCOPE_DEVICE', passwordQuality: 'NUMERIC_COMPLEX', passwordMinimumLength: inputs.passcodeMinLength },
      ],
      screenCaptureDisabled: true,
      policyEnforcementRules: enforcementRules(inputs, 'BLOCK_SCOPE_DEVICE'),
    },
    PERSONAL: {
      ...common,
      // The work challenge is the requirement we can enforce as written; device-scoped rules on a personal phone
      // are reduced by Android 12+ to a complexity band, so the device lock is only asked to be "medium".
      passwordPolicies: [
        {
          passwordScope: 'SCOPE_PROFILE',
          passwordQuality: 'NUMERIC_COMPLEX',
          passwordMinimumLength: inputs.passcodeMinLength,
          unifiedLockSettings: 'ALLOW_UNIFIED_WORK_AND_PERSONAL_LOCK',
        },
        { passwordScope: 'SCOPE_DEVICE', passwordQuality: 'COMPLEXITY_MEDIUM' },
      ],
      // On a work profile this blocks screenshots of work apps only.
      screenCaptureDisabled: true,
      policyEnforcementRules: enforcementRules(inputs, 'BLOCK_SCOPE_WORK_PROFILE'),
    },
  };
}
