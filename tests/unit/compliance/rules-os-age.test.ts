import { describe, expect, it } from 'vitest';
import { compareVersions, evaluateRule, evaluateRules, minimumFor, type AppleSource, type DeviceFacts } from '../../../src/domain/compliance/rules.js';
import { DAY, NOW, STRICT, passingPosture, type Posture } from './facts.js';

// OS version and patch age, integrity, last check-in and MFA: the rules whose facts are versions, dates and the user.

const daysAgo = (days: number) => new Date(NOW.getTime() - days * DAY);

const settings = STRICT;
const posture = (over: Partial<Posture> = {}): Posture => passingPosture({ securityPatchLevel: new Date('2026-09-05T00:00:00Z'), ...over });

function phone(p: Partial<Posture> | null = {}, extra: Partial<DeviceFacts> = {}): DeviceFacts {
  return {
    platform: 'ANDROID',
    ownership: 'CORPORATE',
    posture: p && posture(p),
    device: { osVersion: null, lastSeenAt: null },
    user: { mfaEnrolled: true },
    source: { kind: 'ANDROID', workProfile: false, passwordProblems: [], lockProblems: [] },
    ...extra,
  };
}

function apple(os: AppleSource['os'], p: Partial<Posture> | null = {}, extra: Partial<DeviceFacts> = {}): DeviceFacts {
  return {
    ...phone(p),
    platform: 'APPLE',
    source: { kind: 'APPLE', os, userEnrollment: false, securityInfo: null, passcodeProfile: null },
    ...extra,
  };
}

describe('version comparison', () => {
  it('reads versions with surrounding spaces', () => {
    expect(compareVersions(' 17.4 ', '17.4')).toBe(0);
    expect(compareVersions('17.4', ' 17.5\n')).toBe(-1);
  });

  it('refuses anything that is not entirely a dotted number, wherever the junk is', () => {
    expect(compareVersions('beta 17.4', '17')).toBeNull();
    expect(compareVersions('17.4 beta', '17')).toBeNull();
    expect(compareVersions('17', 'v17')).toBeNull();
    expect(compareVersions('17..4', '17')).toBeNull();
  });

  it('compares numerically, part by part, missing parts counting as 0', () => {
    expect(compareVersions('17.10', '17.9')).toBe(1);
    expect(compareVersions('17', '17.0.0')).toBe(0);
    expect(compareVersions('17.0.1', '17')).toBe(1);
  });
});

describe('OS version', () => {
  it('Android: exactly the minimum passes, one below fails, naming the Android field', () => {
    expect(evaluateRule('os_version', phone({ osVersion: '14' }), settings, NOW)).toMatchObject({
      status: 'pass', expected: 'Android 14 or later', actual: 'Android 14', evidence: 'softwareInfo.androidVersion',
    });
    const old = evaluateRule('os_version', phone({ osVersion: '13' }), settings, NOW)!;
    expect(old).toMatchObject({ status: 'fail', actual: 'Android 13' });
    expect(old.remediation).toBe('Open Settings → System → Software update (on some phones Settings → Software update) and install Android 14 or later. If it is not offered, this phone is too old to keep using for work.');
  });

  it('an unreadable Android version is unknown and says it could not be read', () => {
    expect(evaluateRule('os_version', phone({ osVersion: '14-beta' }), settings, NOW)).toMatchObject({
      status: 'unknown',
      actual: 'Android 14-beta (unreadable version)',
      evidence: 'softwareInfo.androidVersion: the version cannot be read',
    });
  });

  it('no version anywhere is unknown; the device record is the fallback', () => {
    expect(evaluateRule('os_version', phone({ osVersion: null }), settings, NOW)).toMatchObject({ status: 'unknown', actual: 'not reported yet' });
    expect(evaluateRule('os_version', phone(null, { device: { osVersion: '13', lastSeenAt: null } }), settings, NOW)).toMatchObject({ status: 'fail', actual: 'Android 13' });
  });

  it('Apple: names the Apple source of the version, and tells an iPad user to update iPadOS on their iPad', () => {
    const s = { ...settings, minOsVersion: '17.0', minIPadOsVersion: '17.2' };
    const ipad = evaluateRule('os_version', apple('iPadOS', { osVersion: '17.1' }), s, NOW)!;
    expect(ipad).toMatchObject({ status: 'fail', actual: 'iPadOS 17.1', evidence: 'OSVersion from Authenticate and DeviceInformation' });
    expect(ipad.remediation).toBe('Open Settings → General → Software Update and install iPadOS 17.2 or later. If it is not offered, this iPad is too old to keep using for work.');
  });

  it('a Mac below the macOS minimum is told where Software Update is on a Mac', () => {
    const result = evaluateRule('os_version', apple('macOS', { osVersion: '13.6' }), { ...settings, minMacOsVersion: '14.0' }, NOW)!;
    expect(result.remediation).toBe('Open System Settings → General → Software Update and install macOS 14.0 or later. If it is not offered, this Mac is too old to keep using for work.');
  });

  it('an explicit null iPadOS minimum switches the check off for iPads only', () => {
    const s = { ...settings, minOsVersion: '17.0', minIPadOsVersion: null };
    expect(minimumFor('iPadOS', s)).toBeNull();
    expect(evaluateRule('os_version', apple('iPadOS', { osVersion: '12.0' }), s, NOW)).toBeNull();
    expect(evaluateRule('os_version', apple('iOS', { osVersion: '12.0' }), s, NOW)!.status).toBe('fail');
  });
});

describe('Android patch age', () => {
  const level = (iso: string) => phone({ securityPatchLevel: new Date(iso) });

  it('on the day the next patch came out, the phone is 0 days behind, not current', () => {
    const result = evaluateRule('patch_age', level('2026-08-05T00:00:00Z'), settings, new Date('2026-09-01T12:00:00Z'))!;
    expect(result).toMatchObject({ status: 'pass', actual: 'patch level 2026-08-05; the 2026-09 patch has been out for 0 days' });
  });

  it('says how far behind it may be, and where to install the update', () => {
    const result = evaluateRule('patch_age', level('2026-06-05T00:00:00Z'), settings, NOW)!;
    expect(result).toMatchObject({
      status: 'fail',
      expected: 'no more than 30 days behind the monthly security patch',
      actual: 'patch level 2026-06-05; the 2026-07 patch has been out for 82 days',
      evidence: 'softwareInfo.securityPatchLevel; the next monthly patch level is dated the 1st of the following month',
    });
    expect(result.remediation).toBe('Open Settings → Security & privacy → System & updates → Security update (on some phones Settings → Software update) and install the latest update.');
  });

  it('no patch level (or no posture) is unknown, with Android advice', () => {
    for (const facts of [phone({ securityPatchLevel: null }), phone(null)]) {
      const result = evaluateRule('patch_age', facts, settings, NOW)!;
      expect(result).toMatchObject({ status: 'unknown', actual: 'not reported yet' });
      expect(result.remediation).toMatch(/^Keep your phone switched on .* Android Device Policy app/);
    }
  });

  it('is not checked without a limit, nor on Apple devices', () => {
    expect(evaluateRule('patch_age', phone(), { ...settings, maxPatchAgeDays: null }, NOW)).toBeNull();
    expect(evaluateRule('patch_age', apple('iOS'), settings, NOW)).toBeNull();
  });
});

describe('integrity', () => {
  it('an Android phone that has not reported its posture (or a null verdict) is unknown, not intact', () => {
    for (const facts of [phone(null), phone({ compromised: null })]) {
      expect(evaluateRule('integrity', facts, settings, NOW)).toMatchObject({
        status: 'unknown',
        expected: 'not jailbroken or rooted',
        evidence: 'securityPosture.devicePosture (SECURE passes; AT_RISK and POTENTIALLY_COMPROMISED fail)',
      });
    }
  });

  it('tells a rooted phone’s owner to reinstall the official software', () => {
    expect(evaluateRule('integrity', phone({ compromised: true }), settings, NOW)!.remediation)
      .toBe('This phone looks rooted or runs modified software. Reinstall the manufacturer’s official software and lock the bootloader, or ask IT for help.');
  });

  it('Apple cannot report tampering: with FAIL an iPhone is told to restore it, a Mac to ask IT', () => {
    expect(evaluateRule('integrity', apple('iOS'), settings, NOW)!.remediation)
      .toBe('This iPhone looks jailbroken. Back it up, then restore it with the latest software (Settings → General → Transfer or Reset), or ask IT for help.');
    expect(evaluateRule('integrity', apple('macOS'), settings, NOW)!.remediation).toBe('This Mac looks modified. Ask IT for help.');
  });

  it('is not checked when not required', () => {
    expect(evaluateRule('integrity', phone(), { ...settings, integrityRequired: false }, NOW)).toBeNull();
  });
});

describe('last check-in', () => {
  it('exactly the limit passes and a minute more fails, counting whole days', () => {
    expect(evaluateRule('check_in', phone({ lastCheckInAt: daysAgo(7) }), settings, NOW)).toMatchObject({
      status: 'pass', expected: 'reported within 7 days', actual: 'last report 7 days ago', evidence: 'lastStatusReportTime of the last status report',
    });
    expect(evaluateRule('check_in', phone({ lastCheckInAt: new Date(daysAgo(7).getTime() - 60_000) }), settings, NOW)).toMatchObject({
      status: 'fail', actual: 'last report 7 days ago',
    });
  });

  it('falls back to when the device was last seen', () => {
    expect(evaluateRule('check_in', phone(null, { device: { osVersion: null, lastSeenAt: daysAgo(9) } }), settings, NOW)).toMatchObject({
      status: 'fail', actual: 'last report 9 days ago',
    });
  });

  it('Apple: the evidence is the last signed MDM request; each device is told how to reconnect', () => {
    const old = { lastCheckInAt: daysAgo(30) };
    const iphone = evaluateRule('check_in', apple('iOS', old), settings, NOW)!;
    expect(iphone).toMatchObject({ status: 'fail', evidence: 'time of the last signed MDM request from the device' });
    expect(iphone.remediation).toBe('Connect your iPhone to the internet and unlock it. If it still does not report, check Settings → General → VPN & Device Management: the management profile must still be installed.');
    expect(evaluateRule('check_in', apple('macOS', old), settings, NOW)!.remediation)
      .toBe('Connect the Mac to the internet and log in. If it still does not report, check System Settings → General → Device Management: the management profile must still be installed.');
    expect(evaluateRule('check_in', phone(old), settings, NOW)!.remediation)
      .toBe('Connect the phone to the internet and unlock it. If it still does not report, open Settings → Passwords & accounts (or Accounts) and check the work profile is switched on and not paused.');
  });

  it('is not checked without a limit', () => {
    expect(evaluateRule('check_in', phone(), { ...settings, maxCheckInAgeDays: null }, NOW)).toBeNull();
  });
});

describe('MFA', () => {
  it('a user without MFA is told how to set it up in the staff portal', () => {
    expect(evaluateRule('mfa', phone({}, { user: { mfaEnrolled: false } }), settings, NOW)).toEqual({
      rule: 'mfa',
      status: 'fail',
      expected: 'user has MFA',
      actual: 'MFA not enrolled',
      evidence: 'the device user’s account in this service',
      remediation: 'Sign in to the staff portal and set up two-step verification with an authenticator app (Account → Two-step verification).',
    });
  });

  it('is not checked when not required', () => {
    expect(evaluateRule('mfa', phone(), { ...settings, mfaRequired: false }, NOW)).toBeNull();
  });
});

describe('every rule together', () => {
  it('a compliant corporate Android phone passes every rule the policy switches on, in rule order', () => {
    const results = evaluateRules(phone(), settings, NOW);
    expect(results.map((r) => [r.rule, r.status])).toEqual([
      ['encryption', 'pass'], ['passcode', 'pass'], ['passcode_length', 'pass'], ['auto_lock', 'pass'], ['os_version', 'pass'],
      ['patch_age', 'pass'], ['integrity', 'pass'], ['check_in', 'pass'], ['mfa', 'pass'],
    ]);
    expect(results.every((r) => r.remediation === null)).toBe(true);
  });
});
