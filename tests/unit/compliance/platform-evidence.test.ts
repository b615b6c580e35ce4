import { describe, expect, it } from 'vitest';
import { evaluateRule, evaluateRules, nextPatchLevelAfter, type AppleSource, type DeviceFacts } from '../../../src/domain/compliance/rules.js';
import type { RuleSettings } from '../../../src/domain/compliance/policy.js';
import { DAY, NOW, STRICT } from './facts.js';
import { PRESETS } from '../../../src/domain/compliance/presets.js';
import { deviceFacts } from '../../../src/mdm/android/posture.js';
import { appleSource } from '../../../src/mdm/apple/posture.js';
import type { AmapiDevice } from '../../../src/mdm/android/amapi-types.js';
import { fixtureText } from '../../../tools/fixtures.js';

const settings: RuleSettings = { ...STRICT, minOsVersion: '17.4.1', minIPadOsVersion: '17.0', minMacOsVersion: '14.0' };

const verifiedProfile = { state: 'VERIFIED' as const, minLength: 6, autoLockMinutes: 5, maxFailedAttempts: 10 };

function apple(source: Partial<AppleSource>, posture: Partial<NonNullable<DeviceFacts['posture']>> = {}, ownership: 'CORPORATE' | 'PERSONAL' = 'CORPORATE'): DeviceFacts {
  return {
    platform: 'APPLE',
    ownership,
    posture: {
      encrypted: null, passcodePresent: null, passcodeCompliant: null, passcodeMinLength: null, autoLockMinutes: null,
      osVersion: '17.5', securityPatchLevel: null, compromised: null, lastCheckInAt: NOW, ...posture,
    },
    device: { osVersion: null, lastSeenAt: null },
    user: { mfaEnrolled: true },
    source: {
      kind: 'APPLE',
      os: 'iOS',
      userEnrollment: false,
      securityInfo: { hardwareEncryptionCaps: 3, passcodePresent: true, passcodeCompliant: true, fileVault: null },
      passcodeProfile: verifiedProfile,
      ...source,
    },
  };
}

function android(device: AmapiDevice, ownership: 'CORPORATE' | 'PERSONAL' = 'CORPORATE'): DeviceFacts {
  const mapped = deviceFacts(device, 300_000);
  const p = mapped.posture;
  return {
    platform: 'ANDROID',
    ownership,
    posture: {
      encrypted: p.encrypted ?? null, passcodePresent: p.passcodePresent ?? null, passcodeCompliant: p.passcodeCompliant ?? null,
      passcodeMinLength: p.passcodeMinLength ?? null, autoLockMinutes: p.autoLockMinutes ?? null, osVersion: p.osVersion ?? null,
      securityPatchLevel: p.securityPatchLevel ?? null, compromised: p.compromised ?? null, lastCheckInAt: NOW,
    },
    device: { osVersion: null, lastSeenAt: null },
    user: { mfaEnrolled: true },
    source: { kind: 'ANDROID', workProfile: device.managementMode === 'PROFILE_OWNER', passwordProblems: [], lockProblems: [] },
  };
}

const corporatePixel = JSON.parse(fixtureText('android', 'device-company-owned-compliant.json')) as AmapiDevice;
const byodSamsung = JSON.parse(fixtureText('android', 'device-personally-owned-work-profile-noncompliant.json')) as AmapiDevice;

describe('Apple: passcode requirements are enforced by the profile', () => {
  it('a device-enrolled iPhone with the profile listed and PasscodeCompliantWithProfiles passes, saying so', () => {
    const length = evaluateRule('passcode_length', apple({}), settings, NOW)!;
    expect(length).toMatchObject({ status: 'pass', actual: 'enforced by profile: at least 6 characters, auto-lock 5 min, 10 failed attempts at most' });
    expect(length.evidence).toMatch(/ProfileList.*PasscodeCompliantWithProfiles/);
    expect(evaluateRule('auto_lock', apple({}), settings, NOW)).toMatchObject({ status: 'pass' });
  });

  it('waits (unknown) until ProfileList lists the profile, and fails when the device refused it', () => {
    const pending = apple({ passcodeProfile: { ...verifiedProfile, state: 'PENDING' } });
    expect(evaluateRule('passcode_length', pending, settings, NOW)).toMatchObject({ status: 'unknown' });
    const refused = apple({ passcodeProfile: { ...verifiedProfile, state: 'REFUSED' } });
    expect(evaluateRule('auto_lock', refused, settings, NOW)).toMatchObject({ status: 'fail', actual: 'passcode policy profile not installed' });
    expect(evaluateRule('passcode_length', apple({ passcodeProfile: null }), settings, NOW)).toMatchObject({ status: 'unknown' });
  });

  it('fails when the device says its passcode does not meet the profile', () => {
    const facts = apple({ securityInfo: { hardwareEncryptionCaps: 3, passcodePresent: true, passcodeCompliant: false, fileVault: null } });
    expect(evaluateRule('passcode_length', facts, settings, NOW)).toMatchObject({ status: 'fail', actual: 'passcode does not meet the installed profile' });
  });

  it('a profile weaker than the policy (policy changed, new version installing) is not taken as meeting it', () => {
    expect(evaluateRule('passcode_length', apple({}), { ...settings, passcodeMinLength: 8 }, NOW)).toMatchObject({ status: 'unknown' });
    expect(evaluateRule('auto_lock', apple({}), { ...settings, maxAutoLockMinutes: 2 }, NOW)).toMatchObject({ status: 'unknown' });
  });

  it('User Enrolment: PasscodeCompliant with the profile implies a passcode and data protection', () => {
    const ue = apple({ userEnrollment: true, securityInfo: { hardwareEncryptionCaps: 3, passcodePresent: null, passcodeCompliant: true, fileVault: null } }, {}, 'PERSONAL');
    expect(evaluateRule('passcode', ue, settings, NOW)).toMatchObject({ status: 'pass', actual: 'passcode set' });
    const encryption = evaluateRule('encryption', ue, settings, NOW)!;
    expect(encryption).toMatchObject({ status: 'pass', actual: 'data protection on' });
    expect(encryption.evidence).toMatch(/User Enrolment hides PasscodePresent/);
    expect(evaluateRule('passcode_length', ue, settings, NOW)).toMatchObject({ status: 'pass' });
  });

  it('User Enrolment: auto-lock cannot be reported, so the policy decides', () => {
    const ue = apple({ userEnrollment: true, securityInfo: { hardwareEncryptionCaps: 3, passcodePresent: null, passcodeCompliant: true, fileVault: null } }, {}, 'PERSONAL');
    expect(evaluateRule('auto_lock', ue, { ...settings, notReportable: 'PASS' }, NOW)).toMatchObject({ status: 'pass', actual: 'cannot be reported: Apple User Enrolment neither sets nor reports the auto-lock time' });
    expect(evaluateRule('auto_lock', ue, { ...settings, notReportable: 'FAIL' }, NOW)).toMatchObject({ status: 'fail' });
    // Absent means FAIL: never UNKNOWN for ever.
    expect(evaluateRule('auto_lock', ue, settings, NOW)).toMatchObject({ status: 'fail' });
    // Apple enforces 6 characters there; a longer minimum cannot be known.
    expect(evaluateRule('passcode_length', ue, { ...settings, passcodeMinLength: 8, notReportable: 'PASS' }, NOW)!.actual).toMatch(/cannot be reported/);
  });

  it('User Enrolment: a non-compliant passcode fails encryption too', () => {
    const ue = apple({ userEnrollment: true, securityInfo: { hardwareEncryptionCaps: 3, passcodePresent: null, passcodeCompliant: false, fileVault: null } }, {}, 'PERSONAL');
    expect(evaluateRule('encryption', ue, settings, NOW)).toMatchObject({ status: 'fail' });
    expect(evaluateRule('passcode', ue, settings, NOW)).toMatchObject({ status: 'fail' });
  });

  it('HardwareEncryptionCaps missing is "not reported", never a failure; below 3 fails', () => {
    const missing = apple({ securityInfo: { hardwareEncryptionCaps: null, passcodePresent: true, passcodeCompliant: true, fileVault: null } });
    expect(evaluateRule('encryption', missing, settings, NOW)).toMatchObject({ status: 'unknown', actual: 'not reported yet' });
    const partial = apple({ securityInfo: { hardwareEncryptionCaps: 2, passcodePresent: true, passcodeCompliant: true, fileVault: null } });
    expect(evaluateRule('encryption', partial, settings, NOW)).toMatchObject({ status: 'fail' });
    const noPasscode = apple({ securityInfo: { hardwareEncryptionCaps: 3, passcodePresent: false, passcodeCompliant: false, fileVault: null } });
    expect(evaluateRule('encryption', noPasscode, settings, NOW)).toMatchObject({ status: 'fail', actual: 'data protection off: no passcode' });
  });

  it('macOS: encryption is FileVault (FDE_Enabled), with Mac wording', () => {
    const mac = (fileVault: boolean | null) => apple({ os: 'macOS', securityInfo: { hardwareEncryptionCaps: null, passcodePresent: null, passcodeCompliant: null, fileVault } }, { osVersion: '15.6' });
    expect(evaluateRule('encryption', mac(true), settings, NOW)).toMatchObject({ status: 'pass', actual: 'FileVault on' });
    const off = evaluateRule('encryption', mac(false), settings, NOW)!;
    expect(off).toMatchObject({ status: 'fail', actual: 'FileVault off' });
    expect(off.remediation).toMatch(/System Settings → Privacy & Security → FileVault/);
    expect(evaluateRule('passcode_length', mac(true), settings, NOW)).toMatchObject({ status: 'pass' });
  });

  it('reads the real SecurityInfo captures through appleSource', () => {
    const ios = appleSource({ productName: 'iPad8,1', enrollmentType: 'DEVICE', lastSecurityInfo: { SecurityInfo: { HardwareEncryptionCaps: 3, PasscodePresent: false, PasscodeCompliant: true, PasscodeCompliantWithProfiles: true } }, passcodeProfile: null });
    expect(ios).toMatchObject({ os: 'iPadOS', securityInfo: { hardwareEncryptionCaps: 3, passcodePresent: false, passcodeCompliant: true } });
    const mac = appleSource({ productName: 'iMac14,2', enrollmentType: 'DEVICE', lastSecurityInfo: { SecurityInfo: { FDE_Enabled: false } }, passcodeProfile: { state: 'INSTALLED', settings: { minLength: 6 } } });
    expect(mac).toMatchObject({ os: 'macOS', securityInfo: { fileVault: false, hardwareEncryptionCaps: null }, passcodeProfile: { state: 'PENDING', minLength: 6 } });
    // User Enrolment: PasscodeCompliant is the verdict (PasscodeCompliantWithProfiles is forbidden there).
    const ue = appleSource({ productName: 'iPhone16,1', enrollmentType: 'USER', lastSecurityInfo: { SecurityInfo: { HardwareEncryptionCaps: 3, PasscodeCompliant: false } }, passcodeProfile: null });
    expect(ue.securityInfo).toMatchObject({ passcodeCompliant: false, passcodePresent: null });
  });
});

describe('OS version minimums per platform', () => {
  const os = (name: AppleSource['os'], version: string) => apple({ os: name }, { osVersion: version });

  it('passes exactly at the minimum and compares versions of unequal length', () => {
    expect(evaluateRule('os_version', os('iOS', '17.4.1'), settings, NOW)).toMatchObject({ status: 'pass', actual: 'iOS 17.4.1' });
    expect(evaluateRule('os_version', os('iOS', '17.4'), settings, NOW)).toMatchObject({ status: 'fail', expected: 'iOS 17.4.1 or later' });
    expect(evaluateRule('os_version', os('iOS', '17.4.1.0'), settings, NOW)).toMatchObject({ status: 'pass' });
    expect(evaluateRule('os_version', os('iOS', '17.5'), { ...settings, minOsVersion: '17.4.1' }, NOW)).toMatchObject({ status: 'pass' });
  });

  it('an unreadable version is unknown, not a pass or a failure', () => {
    expect(evaluateRule('os_version', os('iOS', '18.0 beta'), settings, NOW)).toMatchObject({ status: 'unknown', actual: 'iOS 18.0 beta (unreadable version)' });
  });

  it('a Mac is held to the macOS minimum, with macOS wording', () => {
    const result = evaluateRule('os_version', os('macOS', '15.6'), settings, NOW)!;
    expect(result).toMatchObject({ status: 'pass', expected: 'macOS 14.0 or later', actual: 'macOS 15.6' });
    const old = evaluateRule('os_version', os('macOS', '13.6'), settings, NOW)!;
    expect(old).toMatchObject({ status: 'fail' });
    expect(old.remediation).toMatch(/install macOS 14.0/);
    // No macOS minimum set: Macs are not held to the iOS one.
    expect(evaluateRule('os_version', os('macOS', '13.6'), { ...settings, minMacOsVersion: undefined }, NOW)).toBeNull();
  });

  it('an iPad has its own minimum, and falls back to the iOS one when none is set', () => {
    expect(evaluateRule('os_version', os('iPadOS', '17.1'), settings, NOW)).toMatchObject({ status: 'pass', expected: 'iPadOS 17.0 or later' });
    expect(evaluateRule('os_version', os('iPadOS', '17.1'), { ...settings, minIPadOsVersion: undefined }, NOW)).toMatchObject({ status: 'fail', expected: 'iPadOS 17.4.1 or later' });
  });
});

describe('Android patch level: days after the next monthly patch became installable', () => {
  const withPatch = (level: string) => android({ ...corporatePixel, softwareInfo: { ...corporatePixel.softwareInfo, securityPatchLevel: level } });

  it('the next patch level is the 1st of the following month (year boundary included)', () => {
    expect(nextPatchLevelAfter(new Date('2026-09-05T00:00:00Z')).toISOString()).toBe('2026-10-01T00:00:00.000Z');
    expect(nextPatchLevelAfter(new Date('2026-12-01T00:00:00Z')).toISOString()).toBe('2027-01-01T00:00:00.000Z');
  });

  it('passes exactly at the limit and fails the day after', () => {
    const limit = new Date(Date.UTC(2026, 9, 1) + 30 * DAY);
    expect(evaluateRule('patch_age', withPatch('2026-09-05'), settings, limit)).toMatchObject({ status: 'pass' });
    expect(evaluateRule('patch_age', withPatch('2026-09-05'), settings, new Date(limit.getTime() + DAY))).toMatchObject({ status: 'fail' });
  });

  it('never fails a phone on the current monthly patch, nor one a month behind while the new one rolls out (30 days)', () => {
    for (let day = 0; day < 366; day++) {
      const now = new Date(Date.UTC(2026, 0, 1) + day * DAY + 12 * 3_600_000);
      const current = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1)).toISOString().slice(0, 10);
      expect(evaluateRule('patch_age', withPatch(current), settings, now)!.status).toBe('pass');
      const previous = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 1, 5)).toISOString().slice(0, 10);
      expect(evaluateRule('patch_age', withPatch(previous), settings, now)!.status, `${previous} on ${now.toISOString()}`).toBe(now.getUTCDate() <= 30 ? 'pass' : 'fail');
    }
  });
});

describe('Android facts from the Device resource', () => {
  it('AT_RISK and POTENTIALLY_COMPROMISED fail integrity; SECURE passes', () => {
    for (const [devicePosture, status] of [['AT_RISK', 'fail'], ['POTENTIALLY_COMPROMISED', 'fail'], ['SECURE', 'pass']] as const) {
      const facts = android({ ...corporatePixel, securityPosture: { devicePosture } });
      expect(evaluateRule('integrity', facts, settings, NOW)).toMatchObject({ status });
    }
  });

  it('plain ACTIVE encryption counts as encrypted; ACTIVE_DEFAULT_KEY and INACTIVE do not', () => {
    for (const [encryptionStatus, status] of [['ACTIVE', 'pass'], ['ACTIVE_PER_USER', 'pass'], ['ACTIVE_DEFAULT_KEY', 'fail'], ['INACTIVE', 'fail']] as const) {
      const facts = android({ ...corporatePixel, deviceSettings: { ...corporatePixel.deviceSettings, isEncrypted: encryptionStatus !== 'INACTIVE', encryptionStatus } });
      expect(evaluateRule('encryption', facts, settings, NOW), encryptionStatus).toMatchObject({ status });
    }
  });

  it('a BYOD phone takes its password facts from the work profile, the strongest applied policy winning', () => {
    const device: AmapiDevice = {
      ...byodSamsung,
      nonComplianceDetails: [],
      policyCompliant: true,
      appliedPasswordPolicies: [
        { passwordScope: 'SCOPE_PROFILE', passwordMinimumLength: 6, passwordQuality: 'NUMERIC_COMPLEX' },
        { passwordScope: 'SCOPE_PROFILE', passwordMinimumLength: 8, passwordQuality: 'ALPHANUMERIC' },
        // The device lock of a personal phone is not the work challenge: its (longer) length does not count.
        { passwordScope: 'SCOPE_DEVICE', passwordMinimumLength: 12, passwordQuality: 'COMPLEX' },
      ],
    };
    const facts = android(device, 'PERSONAL');
    expect(facts.posture!.passcodeMinLength).toBe(8);
    expect(evaluateRule('passcode_length', facts, { ...settings, passcodeMinLength: 8 }, NOW)).toMatchObject({
      status: 'pass',
      actual: 'enforced by Android Device Policy (work profile): at least 8 characters',
    });
  });

  it('PASSWORD_POLICIES_PASSWORD_NOT_SUFFICIENT fails, and the policy requirement is never shown as the actual value', () => {
    const mapped = deviceFacts(byodSamsung);
    const facts = android(byodSamsung, 'PERSONAL');
    facts.source = { kind: 'ANDROID', workProfile: true, passwordProblems: ['PASSWORD_POLICIES_PASSWORD_NOT_SUFFICIENT'], lockProblems: [] };
    expect(mapped.posture.passcodeCompliant).toBe(false);
    const result = evaluateRule('passcode_length', facts, settings, NOW)!;
    expect(result).toMatchObject({ status: 'fail', actual: 'the device reports it does not meet the policy (PASSWORD_POLICIES_PASSWORD_NOT_SUFFICIENT)' });
    expect(result.actual).not.toMatch(/\d+ characters/);
  });
});

describe('each preset requires what its guidance promises', () => {
  // A preset that stops requiring one of these must fail here: they are the point of each guidance.
  const required = {
    'cyber-essentials': { encryptionRequired: true, passcodeRequired: true, mfaRequired: true, passcodeMinLength: 6 },
    'nhs-dspt': { encryptionRequired: true, passcodeRequired: true, mfaRequired: true, passcodeMinLength: 6, maxAutoLockMinutes: 5 },
    'strict-byod': { encryptionRequired: true, passcodeRequired: true, mfaRequired: true, passcodeMinLength: 6 },
  } as const;

  it.each(PRESETS)('$id requires encryption, a passcode, MFA and supported OS versions on every device', (preset) => {
    for (const ownership of ['CORPORATE', 'PERSONAL'] as const) {
      for (const platform of ['APPLE', 'ANDROID'] as const) {
        const s = preset.document.settings[ownership][platform];
        expect(s, `${ownership} ${platform}`).toMatchObject(required[preset.id as keyof typeof required]);
        expect(s.minOsVersion).not.toBeNull();
        expect(s.maxCheckInAgeDays).not.toBeNull();
        if (platform === 'APPLE') expect([s.minIPadOsVersion, s.minMacOsVersion]).not.toContain(null);
        else expect(s.maxPatchAgeDays).not.toBeNull();
      }
    }
    // Every rule a preset switches on actually runs against a device of each kind (none is silently skipped).
    const rules = evaluateRules(apple({}), preset.document.settings.CORPORATE.APPLE, NOW).map((r) => r.rule);
    expect(rules).toEqual(expect.arrayContaining(['encryption', 'passcode', 'passcode_length', 'os_version', 'check_in', 'mfa']));
  });

  it('strict-byod locks personal devices within 2 minutes; corporate devices follow nhs-dspt', () => {
    const strict = PRESETS.find((p) => p.id === 'strict-byod')!.document.settings;
    const dspt = PRESETS.find((p) => p.id === 'nhs-dspt')!.document.settings;
    expect(strict.PERSONAL.APPLE.maxAutoLockMinutes).toBe(2);
    expect(strict.CORPORATE).toEqual(dspt.CORPORATE);
  });

  it('personal devices count facts their enrolment cannot report as passing; corporate ones as failing', () => {
    for (const preset of PRESETS) {
      expect(preset.document.settings.PERSONAL.APPLE.notReportable).toBe('PASS');
      expect(preset.document.settings.CORPORATE.APPLE.notReportable).toBe('FAIL');
    }
  });
});
