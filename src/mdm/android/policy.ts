import type { Ownership } from '../../generated/prisma/enums.js';
import type { AmapiPolicy, PasswordRequirements, PolicyEnforcementRule } from './amapi-types.js';
import type { DataLeakControls } from '../../domain/compliance/data-leak.js';
import { planAndroidDataLeak } from './data-leak-policy.js';

/**
 * The compliance settings AMAPI can enforce for one ownership, in the shape of the compliance policy's per-platform
 * rule settings (null switches a threshold off), so compliance can pass its ANDROID settings as they are.
 * Patch age, check-in age and MFA have no AMAPI counterpart: the compliance engine judges those from posture.
 */
export interface AndroidRuleSettings {
  encryptionRequired: boolean;
  passcodeRequired: boolean;
  passcodeMinLength: number | null;
  maxAutoLockMinutes: number | null;
  /** Lowest Android version allowed, e.g. "12" or "13"; becomes AMAPI minimumApiLevel. */
  minOsVersion: string | null;
  /** Time to fix a problem before AMAPI blocks work apps (rounded up to whole days). */
  gracePeriodHours: number | null;
  /** Data-leak controls (data-leak-policy.ts); absent in policies saved before they existed. */
  dataLeak?: DataLeakControls;
}

export interface EnforcementDays {
  /** Days a device may stay non-compliant before AMAPI blocks work apps, when no grace period is given. */
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

export class PolicyInputError extends Error {}

/** Android version → API level of its first release (12L is 12.1 → 32). */
const API_LEVELS: [version: number, apiLevel: number][] = [
  [16, 36], [15, 35], [14, 34], [13, 33], [12.1, 32], [12, 31], [11, 30], [10, 29], [9, 28], [8.1, 27], [8, 26], [7.1, 25], [7, 24], [6, 23],
];

/** Android lock screens take at most 16 characters (LockPatternUtils.MAX_PASSWORD_LENGTH): asking for more locks everyone out. */
const MAX_PASSCODE_LENGTH = 16;

/**
 * The API level of an Android version string ("13", "12.1", "8.0.0"); versions newer than the table follow its
 * pattern. Null below Android 6, which Android Device Policy does not run on: no floor is needed there.
 */
export function apiLevelOf(version: string): number | null {
  const [major = Number.NaN, minor = 0] = version.split('.').map(Number);
  if (!Number.isInteger(major)) throw new PolicyInputError(`Unreadable Android version ${version}`);
  if (major < 6) return null;
  if (major > 16) return major + 20;
  const value = major + minor / 10;
  return API_LEVELS.find(([v]) => value >= v)![1];
}

function enforcementRules(settingNames: string[], blockAfterDays: number, wipeAfterDays: number, blockScope: string): PolicyEnforcementRule[] {
  // AMAPI rejects a rule without both actions (400 "must have a block action and a wipe action").
  return settingNames.map((settingName) => ({
    settingName,
    blockAction: { blockAfterDays, blockScope },
    wipeAction: { wipeAfterDays },
  }));
}

function passwordRequirement(settings: AndroidRuleSettings, scope: string): PasswordRequirements {
  return settings.passcodeMinLength
    ? { passwordScope: scope, passwordQuality: 'NUMERIC_COMPLEX', passwordMinimumLength: Math.min(MAX_PASSCODE_LENGTH, Math.max(4, settings.passcodeMinLength)) }
    : { passwordScope: scope, passwordQuality: 'SOMETHING' };
}

/** One AMAPI policy: company-owned (fully managed) devices or personally-owned work profiles. */
export function buildAndroidPolicy(ownership: Ownership, settings: AndroidRuleSettings, days: EnforcementDays): AmapiPolicy {
  if (days.wipeAfterDays <= days.blockAfterDays) {
    throw new PolicyInputError(`wipeAfterDays (${days.wipeAfterDays}) must be greater than blockAfterDays (${days.blockAfterDays}) (AMAPI rule)`);
  }
  const blockAfterDays = settings.gracePeriodHours !== null ? Math.ceil(settings.gracePeriodHours / 24) : days.blockAfterDays;
  // A long compliance grace period pushes the wipe back rather than breaking AMAPI's "wipe after block" rule.
  const wipeAfterDays = Math.max(days.wipeAfterDays, blockAfterDays + 1);
  const personal = ownership === 'PERSONAL';
  const dataLeak = planAndroidDataLeak(ownership, settings.dataLeak);
  const policy: AmapiPolicy = {
    statusReportingSettings: STATUS_REPORTING,
    // On a work profile this blocks screenshots of work apps only. Policies saved before data-leak controls
    // existed keep the block they always had.
    screenCaptureDisabled: settings.dataLeak ? dataLeak.fields.screenCaptureDisabled === true : true,
    encryptionPolicy: settings.encryptionRequired ? 'ENABLED_WITHOUT_PASSWORD' : 'ENCRYPTION_POLICY_UNSPECIFIED',
    advancedSecurityOverrides: {
      untrustedAppsPolicy: personal ? 'ALLOW_INSTALL_IN_PERSONAL_PROFILE_ONLY' : 'DISALLOW_INSTALL',
      googlePlayProtectVerifyApps: 'VERIFY_APPS_ENFORCED',
      developerSettings: 'DEVELOPER_SETTINGS_DISABLED',
    },
  };
  // Sharing, copy/paste and contacts across profiles, camera, and the app allow- or block-list.
  Object.assign(policy, dataLeak.fields);
  if (settings.maxAutoLockMinutes !== null && settings.maxAutoLockMinutes > 0) {
    policy.maximumTimeToLock = String(settings.maxAutoLockMinutes * 60_000);
  }
  const minimumApiLevel = settings.minOsVersion !== null ? apiLevelOf(settings.minOsVersion) : null;
  if (minimumApiLevel !== null) policy.minimumApiLevel = minimumApiLevel;
  if (settings.passcodeRequired) {
    // The work challenge takes the requirement as written; on a personal phone Android 12+ reduces device-scoped
    // rules to a complexity band, so the device lock itself is only asked to be "medium".
    policy.passwordPolicies = personal
      ? [
          { ...passwordRequirement(settings, 'SCOPE_PROFILE'), unifiedLockSettings: 'ALLOW_UNIFIED_WORK_AND_PERSONAL_LOCK' },
          { passwordScope: 'SCOPE_DEVICE', passwordQuality: 'COMPLEXITY_MEDIUM' },
        ]
      : [passwordRequirement(settings, 'SCOPE_DEVICE')];
  }
  // Settings the fixtures and Fleet show AMAPI accepting in rules; the rest is judged by our compliance engine.
  const enforced = [...(policy.passwordPolicies ? ['passwordPolicies'] : []), ...(policy.minimumApiLevel ? ['minimumApiLevel'] : [])];
  if (enforced.length > 0) {
    policy.policyEnforcementRules = enforcementRules(enforced, blockAfterDays, wipeAfterDays, personal ? 'BLOCK_SCOPE_WORK_PROFILE' : 'BLOCK_SCOPE_DEVICE');
  }
  return policy;
}
