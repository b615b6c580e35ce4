import { describe, expect, it } from 'vitest';
import Value from 'typebox/value';
import { evaluateRule, evaluateRules, compareVersions, type DeviceFacts, type RuleId } from '../../../src/domain/compliance/rules.js';
import type { RuleSettings } from '../../../src/domain/compliance/policy.js';
import { NOW, STRICT } from './facts.js';
import { PolicyDocumentSchema, policyProblems } from '../../../src/domain/compliance/policy.js';
import { PRESETS, findPreset } from '../../../src/domain/compliance/presets.js';
import type { PostureReport } from '../../../src/domain/posture.js';
import { postureFromAndroidDevice, postureFromAppleResponses } from '../../support/fixture-posture.js';
import { fixtureText } from '../../../tools/fixtures.js';

const settings = STRICT;

function facts(report: PostureReport | null, platform: 'APPLE' | 'ANDROID', extra: Partial<DeviceFacts> = {}): DeviceFacts {
  // No platform source: the rules judge the normalised posture alone (devices created outside an enrolment).
  return {
    platform,
    ownership: 'CORPORATE',
    posture: report && {
      encrypted: report.encrypted ?? null,
      passcodePresent: report.passcodePresent ?? null,
      passcodeCompliant: report.passcodeCompliant ?? null,
      passcodeMinLength: report.passcodeMinLength ?? null,
      autoLockMinutes: report.autoLockMinutes ?? null,
      osVersion: report.osVersion ?? null,
      securityPatchLevel: report.securityPatchLevel ?? null,
      compromised: report.compromised ?? null,
      lastCheckInAt: report.lastCheckInAt ?? null,
    },
    device: { osVersion: null, lastSeenAt: null },
    user: { mfaEnrolled: true },
    ...extra,
  };
}

const androidCompliant = postureFromAndroidDevice(fixtureText('android', 'device-company-owned-compliant.json'));
const androidByod = postureFromAndroidDevice(fixtureText('android', 'device-personally-owned-work-profile-noncompliant.json'));
const androidRooted = postureFromAndroidDevice(fixtureText('android', 'device-company-owned-compromised-noncompliant.json'));
const appleNoPasscode = postureFromAppleResponses(
  fixtureText('apple', 'securityinfo_response_ios11.plist'),
  fixtureText('apple', 'deviceinformation_response_ios11_ipad.plist'),
  new Date('2026-09-21T08:00:00Z'),
);

describe('compliance rules, case by case from the fixtures', () => {
  const cases: { name: string; rule: RuleId; platform: 'APPLE' | 'ANDROID'; posture: PostureReport | null; status: 'pass' | 'fail' | 'unknown'; actual: string; extra?: Partial<DeviceFacts>; tweak?: Partial<RuleSettings> }[] = [
    { name: 'corporate Pixel is encrypted', rule: 'encryption', platform: 'ANDROID', posture: androidCompliant, status: 'pass', actual: 'encrypted' },
    { name: 'rooted phone has encryption INACTIVE', rule: 'encryption', platform: 'ANDROID', posture: androidRooted, status: 'fail', actual: 'not encrypted' },
    { name: 'iPad without passcode has no data protection', rule: 'encryption', platform: 'APPLE', posture: appleNoPasscode, status: 'fail', actual: 'not encrypted' },
    { name: 'no posture yet: encryption unknown', rule: 'encryption', platform: 'APPLE', posture: null, status: 'unknown', actual: 'not reported yet' },
    { name: 'iPad reports PasscodePresent false', rule: 'passcode', platform: 'APPLE', posture: appleNoPasscode, status: 'fail', actual: 'no passcode' },
    { name: 'Pixel is secured by a screen lock', rule: 'passcode', platform: 'ANDROID', posture: androidCompliant, status: 'pass', actual: 'passcode set' },
    { name: 'Pixel applies a 6-digit policy', rule: 'passcode_length', platform: 'ANDROID', posture: androidCompliant, status: 'pass', actual: 'enforced by Android Device Policy: at least 6 characters' },
    { name: 'an applied 6-digit policy is not yet the 8-character one asked for', rule: 'passcode_length', platform: 'ANDROID', posture: androidCompliant, status: 'unknown', actual: 'not reported yet', tweak: { passcodeMinLength: 8 } },
    { name: 'BYOD password reported as not sufficient', rule: 'passcode_length', platform: 'ANDROID', posture: androidByod, status: 'fail', actual: 'the device reports its password does not meet the policy' },
    { name: 'iPad without passcode fails the length rule too', rule: 'passcode_length', platform: 'APPLE', posture: appleNoPasscode, status: 'fail', actual: 'no passcode' },
    { name: 'length never reported', rule: 'passcode_length', platform: 'APPLE', posture: { passcodePresent: true }, status: 'unknown', actual: 'not reported yet' },
    { name: 'auto-lock of 2 minutes passes a 5-minute limit', rule: 'auto_lock', platform: 'APPLE', posture: { autoLockMinutes: 2 }, status: 'pass', actual: '2 minutes' },
    { name: 'enforced 2-minute lock passes a 5-minute limit', rule: 'auto_lock', platform: 'ANDROID', posture: { autoLockMinutes: 2 }, status: 'pass', actual: 'enforced by Android Device Policy: screen locks after 2 min at most' },
    { name: 'lock timeout the device reports unmet fails', rule: 'auto_lock', platform: 'ANDROID', posture: { autoLockMinutes: 5 }, status: 'fail', actual: 'the device reports it does not meet the policy (INVALID_VALUE)', extra: { source: { kind: 'ANDROID', workProfile: false, passwordProblems: [], lockProblems: ['INVALID_VALUE'] } } },
    { name: 'auto-lock not reported by the fixtures', rule: 'auto_lock', platform: 'ANDROID', posture: androidCompliant, status: 'unknown', actual: 'not reported yet' },
    { name: 'Android 15 meets Android 14', rule: 'os_version', platform: 'ANDROID', posture: androidCompliant, status: 'pass', actual: 'Android 15' },
    { name: 'Android 12 BYOD phone is below Android 14', rule: 'os_version', platform: 'ANDROID', posture: androidByod, status: 'fail', actual: 'Android 12' },
    { name: 'iOS 11.3.1 is below iOS 17', rule: 'os_version', platform: 'APPLE', posture: appleNoPasscode, status: 'fail', actual: 'iOS 11.3.1', tweak: { minOsVersion: '17.0' } },
    { name: 'OS version falls back to the device record', rule: 'os_version', platform: 'APPLE', posture: null, status: 'pass', actual: 'iOS 17.4', tweak: { minOsVersion: '17.0' }, extra: { device: { osVersion: '17.4', lastSeenAt: null } } },
    { name: 'this month’s patch 2026-09-05 is current', rule: 'patch_age', platform: 'ANDROID', posture: androidCompliant, status: 'pass', actual: 'patch level 2026-09-05 (current)' },
    { name: 'last month’s patch, 20 days after the next one, within 30 days', rule: 'patch_age', platform: 'ANDROID', posture: { securityPatchLevel: new Date('2026-08-05T00:00:00Z') }, status: 'pass', actual: 'patch level 2026-08-05; the 2026-09 patch has been out for 20 days' },
    { name: 'last month’s patch, 20 days after the next one, beyond 14 days', rule: 'patch_age', platform: 'ANDROID', posture: { securityPatchLevel: new Date('2026-08-05T00:00:00Z') }, status: 'fail', actual: 'patch level 2026-08-05; the 2026-09 patch has been out for 20 days', tweak: { maxPatchAgeDays: 14 } },
    { name: 'patch 2023-04-01 on the BYOD phone', rule: 'patch_age', platform: 'ANDROID', posture: androidByod, status: 'fail', actual: 'patch level 2023-04-01; the 2023-05 patch has been out for 1239 days' },
    { name: 'SECURE posture is intact', rule: 'integrity', platform: 'ANDROID', posture: androidCompliant, status: 'pass', actual: 'intact' },
    { name: 'POTENTIALLY_COMPROMISED fails integrity', rule: 'integrity', platform: 'ANDROID', posture: androidRooted, status: 'fail', actual: 'rooted or modified software' },
    { name: 'Apple reports no jailbreak signal: the policy decides (FAIL)', rule: 'integrity', platform: 'APPLE', posture: appleNoPasscode, status: 'fail', actual: 'cannot be reported: Apple MDM reports no jailbreak or tampering signal' },
    { name: 'Apple reports no jailbreak signal: the policy decides (PASS)', rule: 'integrity', platform: 'APPLE', posture: appleNoPasscode, status: 'pass', actual: 'cannot be reported: Apple MDM reports no jailbreak or tampering signal', tweak: { notReportable: 'PASS' } },
    { name: 'status report 1 day old', rule: 'check_in', platform: 'ANDROID', posture: androidCompliant, status: 'pass', actual: 'last report 1 days ago' },
    { name: '3-day-old status report is within 7 days', rule: 'check_in', platform: 'ANDROID', posture: androidRooted, status: 'pass', actual: 'last report 3 days ago' },
    { name: 'status report older than a 2-day limit', rule: 'check_in', platform: 'ANDROID', posture: androidRooted, status: 'fail', actual: 'last report 3 days ago', tweak: { maxCheckInAgeDays: 2 } },
    { name: 'never reported', rule: 'check_in', platform: 'APPLE', posture: null, status: 'unknown', actual: 'never reported' },
    { name: 'user without MFA', rule: 'mfa', platform: 'APPLE', posture: null, status: 'fail', actual: 'MFA not enrolled', extra: { user: { mfaEnrolled: false } } },
    { name: 'user with MFA', rule: 'mfa', platform: 'ANDROID', posture: null, status: 'pass', actual: 'MFA enrolled' },
    { name: 'device without a user', rule: 'mfa', platform: 'ANDROID', posture: null, status: 'unknown', actual: 'no user assigned to the device', extra: { user: null } },
  ];

  it.each(cases)('$rule: $name → $status', ({ rule, platform, posture, status, actual, extra, tweak }) => {
    const result = evaluateRule(rule, facts(posture, platform, extra), { ...settings, ...tweak }, NOW);
    expect(result).toMatchObject({ rule, status, actual });
    if (status === 'pass') expect(result!.remediation).toBeNull();
    else expect(result!.remediation).toMatch(/\w+/);
  });

  it('tells iPhone users and Android users where the setting is on their own phone', () => {
    const apple = evaluateRule('auto_lock', facts({ autoLockMinutes: 10 }, 'APPLE'), { ...settings, maxAutoLockMinutes: 2 }, NOW)!;
    const android = evaluateRule('auto_lock', facts({ autoLockMinutes: 2 }, 'ANDROID', { source: { kind: 'ANDROID', workProfile: true, passwordProblems: [], lockProblems: ['USER_ACTION'] } }), { ...settings, maxAutoLockMinutes: 2 }, NOW)!;
    expect(apple.remediation).toBe('Open Settings → Display & Brightness → Auto-Lock and choose 2 minutes or less.');
    expect(android.remediation).toBe('Open Settings → Display → Screen timeout and choose 2 minutes or less.');
    expect(apple.expected).toBe('2 minutes or less');
  });

  it('unknown is its own status with advice to let the phone report, not a failure', () => {
    const results = evaluateRules(facts(null, 'APPLE', { user: { mfaEnrolled: true } }), { ...settings, integrityRequired: false }, NOW);
    expect(results.filter((r) => r.status === 'fail')).toEqual([]);
    expect(results.filter((r) => r.status === 'unknown').map((r) => r.rule)).toEqual(['encryption', 'passcode', 'passcode_length', 'auto_lock', 'os_version', 'check_in']);
    expect(results.find((r) => r.rule === 'encryption')!.remediation).toMatch(/iPhone switched on/);
  });

  it('skips switched-off rules, and the patch rule on Apple devices', () => {
    const off = { ...settings, maxAutoLockMinutes: null, mfaRequired: false, passcodeMinLength: null };
    expect(evaluateRules(facts(androidCompliant, 'ANDROID'), off, NOW).map((r) => r.rule)).toEqual(['encryption', 'passcode', 'os_version', 'patch_age', 'integrity', 'check_in']);
    expect(evaluateRules(facts(androidCompliant, 'APPLE'), settings, NOW).map((r) => r.rule)).not.toContain('patch_age');
  });

  it('compares dotted versions numerically, and refuses unreadable ones', () => {
    expect(compareVersions('17.10', '17.9')).toBe(1);
    expect(compareVersions('17', '17.0.0')).toBe(0);
    expect(compareVersions('16.7.10', '17.0')).toBe(-1);
    expect(compareVersions('15 beta', '14')).toBeNull();
  });
});

describe('presets', () => {
  it.each(PRESETS)('$id is a valid, usable policy document', (preset) => {
    expect(Value.Check(PolicyDocumentSchema, preset.document)).toBe(true);
    expect(policyProblems(preset.document)).toEqual([]);
  });

  it('Cyber Essentials asks for a 6-character passcode and the monthly patch', () => {
    const ce = findPreset('cyber-essentials')!.document.settings;
    for (const ownership of ['CORPORATE', 'PERSONAL'] as const) {
      expect(ce[ownership].ANDROID).toMatchObject({ passcodeMinLength: 6, maxPatchAgeDays: 30 });
      expect(ce[ownership].APPLE.passcodeMinLength).toBe(6);
    }
  });

  it('strict BYOD locks personal phones within 2 minutes and never escalates to more than a selective wipe', () => {
    const strict = findPreset('strict-byod')!.document;
    expect(strict.settings.PERSONAL.APPLE.maxAutoLockMinutes).toBe(2);
    expect(strict.settings.PERSONAL.ANDROID.maxAutoLockMinutes).toBe(2);
    expect(strict.escalation.PERSONAL.map((s) => s.action)).toEqual(['NOTIFY_USER', 'NOTIFY_MANAGER', 'BLOCK', 'WIPE_SELECTIVE']);
  });

  it('rejects a full wipe as an escalation step', () => {
    const document = structuredClone(findPreset('cyber-essentials')!.document) as unknown as { escalation: { PERSONAL: unknown[] } };
    document.escalation.PERSONAL.push({ action: 'WIPE_FULL', afterHours: 1 });
    expect(Value.Check(PolicyDocumentSchema, document)).toBe(false);
  });
});
