import { describe, expect, it } from 'vitest';
import { apiLevelOf, buildAndroidPolicy, PolicyInputError, type AndroidRuleSettings } from '../../../src/mdm/android/policy.js';
import type { AmapiPolicy } from '../../../src/mdm/android/amapi-types.js';
import { NO_DATA_LEAK_CONTROLS } from '../../../src/domain/compliance/data-leak.js';
import { androidFixture } from '../../../tools/fixtures.js';

/**
 * The AMAPI policy is the contract sent to Google for every phone of one ownership: each compliance setting must land
 * in the documented Policy field (../shared/reference/android.md section 4), and nothing a personal phone's owner would
 * object to (app, network or memory reports, installs blocked on the personal side) may slip in.
 */
const strict: AndroidRuleSettings = {
  encryptionRequired: true,
  passcodeRequired: true,
  passcodeMinLength: 8,
  maxAutoLockMinutes: 5,
  minOsVersion: '13',
  gracePeriodHours: null,
};
const days = { blockAfterDays: 3, wipeAfterDays: 30 };
const build = (ownership: 'PERSONAL' | 'CORPORATE', changes: Partial<AndroidRuleSettings> = {}, d = days): AmapiPolicy =>
  buildAndroidPolicy(ownership, { ...strict, ...changes }, d);

const STATUS_REPORTING = {
  softwareInfoEnabled: true,
  deviceSettingsEnabled: true,
  applicationReportsEnabled: false,
  networkInfoEnabled: false,
  memoryInfoEnabled: false,
};
const rule = (settingName: string, blockScope: string, blockAfterDays = 3, wipeAfterDays = 30) => ({
  settingName, blockAction: { blockAfterDays, blockScope }, wipeAction: { wipeAfterDays },
});

describe('buildAndroidPolicy: the whole policy', () => {
  it('for personal work profiles: profile-scoped passcode as written, a medium device lock, work-profile blocking', () => {
    expect(build('PERSONAL')).toEqual({
      statusReportingSettings: STATUS_REPORTING,
      screenCaptureDisabled: true,
      encryptionPolicy: 'ENABLED_WITHOUT_PASSWORD',
      advancedSecurityOverrides: {
        untrustedAppsPolicy: 'ALLOW_INSTALL_IN_PERSONAL_PROFILE_ONLY',
        googlePlayProtectVerifyApps: 'VERIFY_APPS_ENFORCED',
        developerSettings: 'DEVELOPER_SETTINGS_DISABLED',
      },
      maximumTimeToLock: '300000',
      minimumApiLevel: 33,
      passwordPolicies: [
        { passwordScope: 'SCOPE_PROFILE', passwordQuality: 'NUMERIC_COMPLEX', passwordMinimumLength: 8, unifiedLockSettings: 'ALLOW_UNIFIED_WORK_AND_PERSONAL_LOCK' },
        { passwordScope: 'SCOPE_DEVICE', passwordQuality: 'COMPLEXITY_MEDIUM' },
      ],
      policyEnforcementRules: [rule('passwordPolicies', 'BLOCK_SCOPE_WORK_PROFILE'), rule('minimumApiLevel', 'BLOCK_SCOPE_WORK_PROFILE')],
    });
  });

  it('for company-owned devices: a device-scoped passcode, no unknown-source installs anywhere, device blocking', () => {
    expect(build('CORPORATE')).toEqual({
      statusReportingSettings: STATUS_REPORTING,
      screenCaptureDisabled: true,
      encryptionPolicy: 'ENABLED_WITHOUT_PASSWORD',
      advancedSecurityOverrides: {
        untrustedAppsPolicy: 'DISALLOW_INSTALL',
        googlePlayProtectVerifyApps: 'VERIFY_APPS_ENFORCED',
        developerSettings: 'DEVELOPER_SETTINGS_DISABLED',
      },
      maximumTimeToLock: '300000',
      minimumApiLevel: 33,
      passwordPolicies: [{ passwordScope: 'SCOPE_DEVICE', passwordQuality: 'NUMERIC_COMPLEX', passwordMinimumLength: 8 }],
      policyEnforcementRules: [rule('passwordPolicies', 'BLOCK_SCOPE_DEVICE'), rule('minimumApiLevel', 'BLOCK_SCOPE_DEVICE')],
    });
  });

  it('matches the fixture BYOD baseline on the fields both set the same way', () => {
    const baseline = androidFixture<AmapiPolicy>('policy-byod-compliance.json');
    const policy = build('PERSONAL');
    for (const field of ['maximumTimeToLock', 'encryptionPolicy', 'screenCaptureDisabled', 'minimumApiLevel'] as const) {
      expect(policy[field]).toEqual(baseline[field]);
    }
    expect(policy.passwordPolicies?.[1]).toEqual(baseline.passwordPolicies?.[1]);
    expect(policy.policyEnforcementRules?.map((r) => r.settingName)).toEqual(baseline.policyEnforcementRules?.map((r) => r.settingName));
  });
});

describe('buildAndroidPolicy: one setting at a time', () => {
  it('never asks a personal phone for app, network or memory reports', () => {
    for (const ownership of ['PERSONAL', 'CORPORATE'] as const) expect(build(ownership).statusReportingSettings).toEqual(STATUS_REPORTING);
  });

  it('encryption required → ENABLED_WITHOUT_PASSWORD; not required → unspecified', () => {
    expect(build('CORPORATE', { encryptionRequired: true }).encryptionPolicy).toBe('ENABLED_WITHOUT_PASSWORD');
    expect(build('CORPORATE', { encryptionRequired: false }).encryptionPolicy).toBe('ENCRYPTION_POLICY_UNSPECIFIED');
  });

  it('auto-lock minutes → maximumTimeToLock in milliseconds as a string; none or zero leaves it out', () => {
    expect(build('PERSONAL', { maxAutoLockMinutes: 1 }).maximumTimeToLock).toBe('60000');
    expect(build('PERSONAL', { maxAutoLockMinutes: 15 }).maximumTimeToLock).toBe('900000');
    for (const maxAutoLockMinutes of [null, 0, -5]) {
      expect(build('PERSONAL', { maxAutoLockMinutes })).not.toHaveProperty('maximumTimeToLock');
    }
  });

  it('minimum Android version → minimumApiLevel, enforced by a rule; none or pre-Android-6 sets no floor', () => {
    const policy = build('CORPORATE', { minOsVersion: '12.1', passcodeRequired: false });
    expect(policy.minimumApiLevel).toBe(32);
    expect(policy.policyEnforcementRules).toEqual([rule('minimumApiLevel', 'BLOCK_SCOPE_DEVICE')]);
    for (const minOsVersion of [null, '5.1']) {
      const none = build('CORPORATE', { minOsVersion, passcodeRequired: false });
      expect(none).not.toHaveProperty('minimumApiLevel');
      expect(none).not.toHaveProperty('policyEnforcementRules');
    }
  });

  it('refuses an unreadable minimum version instead of sending a policy without the floor', () => {
    expect(() => build('PERSONAL', { minOsVersion: 'Tiramisu' })).toThrow(PolicyInputError);
  });

  it('passcode without a length → any lock (SOMETHING); a length → NUMERIC_COMPLEX of at least 4 and at most 16', () => {
    const noLength = build('CORPORATE', { passcodeMinLength: null }).passwordPolicies;
    expect(noLength).toEqual([{ passwordScope: 'SCOPE_DEVICE', passwordQuality: 'SOMETHING' }]);
    expect(build('PERSONAL', { passcodeMinLength: 0 }).passwordPolicies?.[0]).toEqual({
      passwordScope: 'SCOPE_PROFILE', passwordQuality: 'SOMETHING', unifiedLockSettings: 'ALLOW_UNIFIED_WORK_AND_PERSONAL_LOCK',
    });
    const length = (passcodeMinLength: number) => build('CORPORATE', { passcodeMinLength }).passwordPolicies?.[0]?.passwordMinimumLength;
    expect([1, 3, 4, 6, 16, 17, 40].map(length)).toEqual([4, 4, 4, 6, 16, 16, 16]);
  });

  it('passcode enforced by a rule only when required; the device lock of a personal phone is asked only to be medium', () => {
    const personal = build('PERSONAL', { minOsVersion: null });
    expect(personal.passwordPolicies?.[1]).toEqual({ passwordScope: 'SCOPE_DEVICE', passwordQuality: 'COMPLEXITY_MEDIUM' });
    expect(personal.policyEnforcementRules).toEqual([rule('passwordPolicies', 'BLOCK_SCOPE_WORK_PROFILE')]);
    const off = build('PERSONAL', { passcodeRequired: false });
    expect(off).not.toHaveProperty('passwordPolicies');
    expect(off.policyEnforcementRules).toEqual([rule('minimumApiLevel', 'BLOCK_SCOPE_WORK_PROFILE')]);
  });

  it('a personal phone may install unknown apps only on its personal side; a company-owned one nowhere', () => {
    expect(build('PERSONAL').advancedSecurityOverrides).toMatchObject({ untrustedAppsPolicy: 'ALLOW_INSTALL_IN_PERSONAL_PROFILE_ONLY' });
    expect(build('CORPORATE').advancedSecurityOverrides).toMatchObject({ untrustedAppsPolicy: 'DISALLOW_INSTALL' });
  });
});

describe('buildAndroidPolicy: screen capture and data-leak controls', () => {
  it('policies saved before data-leak controls keep blocking screenshots', () => {
    expect(build('PERSONAL').screenCaptureDisabled).toBe(true);
  });

  it('with data-leak controls, screenshots are blocked only when asked', () => {
    expect(build('PERSONAL', { dataLeak: NO_DATA_LEAK_CONTROLS }).screenCaptureDisabled).toBe(false);
    expect(build('CORPORATE', { dataLeak: { ...NO_DATA_LEAK_CONTROLS, blockScreenCapture: true } }).screenCaptureDisabled).toBe(true);
  });

  it('copies the data-leak fields into the policy (cross-profile rules on a work profile only)', () => {
    const dataLeak = { ...NO_DATA_LEAK_CONTROLS, blockCopyPasteToPersonalApps: true };
    expect(build('PERSONAL', { dataLeak }).crossProfilePolicies).toEqual({ crossProfileCopyPaste: 'COPY_FROM_WORK_TO_PERSONAL_DISALLOWED' });
    expect(build('CORPORATE', { dataLeak })).not.toHaveProperty('crossProfilePolicies');
  });
});

describe('buildAndroidPolicy: when AMAPI blocks and wipes', () => {
  it('without a grace period, blocks after the configured days', () => {
    const rules = build('CORPORATE', { gracePeriodHours: null }, { blockAfterDays: 3, wipeAfterDays: 10 }).policyEnforcementRules!;
    expect(rules.map((r) => [r.blockAction.blockAfterDays, r.wipeAction.wipeAfterDays])).toEqual([[3, 10], [3, 10]]);
  });

  it('a grace period replaces the block delay, rounded up to whole days (a zero grace period blocks at once)', () => {
    const block = (gracePeriodHours: number) => build('PERSONAL', { gracePeriodHours }).policyEnforcementRules![0]!.blockAction.blockAfterDays;
    expect([0, 1, 24, 25, 72].map(block)).toEqual([0, 1, 1, 2, 3]);
  });

  it('pushes the wipe to the day after a grace period that would reach it', () => {
    const rules = build('CORPORATE', { gracePeriodHours: 24 * 30 }, { blockAfterDays: 1, wipeAfterDays: 30 }).policyEnforcementRules!;
    expect(rules[0]).toEqual(rule('passwordPolicies', 'BLOCK_SCOPE_DEVICE', 30, 31));
  });

  it('refuses enforcement days whose wipe does not come after the block, saying why', () => {
    for (const bad of [{ blockAfterDays: 5, wipeAfterDays: 5 }, { blockAfterDays: 6, wipeAfterDays: 5 }]) {
      expect(() => build('PERSONAL', {}, bad)).toThrow(
        new PolicyInputError(`wipeAfterDays (${bad.wipeAfterDays}) must be greater than blockAfterDays (${bad.blockAfterDays}) (AMAPI rule)`),
      );
    }
    expect(() => build('PERSONAL', {}, { blockAfterDays: 5, wipeAfterDays: 6 })).not.toThrow();
  });
});

describe('apiLevelOf', () => {
  it('maps each Android release to the API level of its first version', () => {
    const table: [string, number][] = [
      ['6', 23], ['6.0.1', 23], ['7', 24], ['7.1', 25], ['7.1.2', 25], ['8', 26], ['8.0.0', 26], ['8.1', 27], ['9', 28], ['10', 29],
      ['11', 30], ['12', 31], ['12.1', 32], ['13', 33], ['14', 34], ['15', 35], ['16', 36], ['17', 37], ['20', 40],
    ];
    for (const [version, level] of table) expect(apiLevelOf(version), version).toBe(level);
  });

  it('has no floor below Android 6, where Android Device Policy does not run', () => {
    for (const version of ['5', '5.1', '4.4.4', '0']) expect(apiLevelOf(version)).toBeNull();
  });

  it('refuses a version it cannot read, naming it', () => {
    for (const version of ['x', 'Android 13', '13a', 'v13']) {
      expect(() => apiLevelOf(version)).toThrow(new PolicyInputError(`Unreadable Android version ${version}`));
    }
  });
});
