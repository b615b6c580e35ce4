import { describe, expect, it } from 'vitest';
import { evaluateRule, type AppleSource, type DeviceFacts } from '../../../src/domain/compliance/rules.js';
import type { RuleSettings } from '../../../src/domain/compliance/policy.js';
import { NOW, STRICT } from './facts.js';

// Apple devices: what SecurityInfo, the enrolment type and the passcode policy profile let the server establish.

// Apple reports no patch level and no integrity verdict: those rules are off here.
const settings: RuleSettings = { ...STRICT, minOsVersion: '17.0', maxPatchAgeDays: null, integrityRequired: false };

type Info = NonNullable<AppleSource['securityInfo']>;
type Profile = NonNullable<AppleSource['passcodeProfile']>;

const profile = (over: Partial<Profile> = {}): Profile => ({ state: 'VERIFIED', minLength: 6, autoLockMinutes: 5, maxFailedAttempts: 10, ...over });
const info = (over: Partial<Info> = {}): Info => ({ hardwareEncryptionCaps: 3, passcodePresent: true, passcodeCompliant: true, fileVault: null, ...over });

function apple(source: Partial<AppleSource> = {}, posture: Partial<NonNullable<DeviceFacts['posture']>> = {}): DeviceFacts {
  return {
    platform: 'APPLE',
    ownership: 'CORPORATE',
    posture: {
      encrypted: null, passcodePresent: null, passcodeCompliant: null, passcodeMinLength: null, autoLockMinutes: null,
      osVersion: '17.5', securityPatchLevel: null, compromised: null, lastCheckInAt: NOW, ...posture,
    },
    device: { osVersion: null, lastSeenAt: null },
    user: { mfaEnrolled: true },
    source: { kind: 'APPLE', os: 'iOS', userEnrollment: false, securityInfo: info(), passcodeProfile: profile(), ...source },
  };
}

/** User Enrolment: Apple hides PasscodePresent and PasscodeCompliantWithProfiles, and reports PasscodeCompliant. */
const userEnrolled = (over: Partial<Info> = {}, source: Partial<AppleSource> = {}) =>
  apple({ userEnrollment: true, securityInfo: info({ passcodePresent: null, ...over }), ...source });

const mac = (source: Partial<AppleSource> = {}) =>
  apple({ os: 'macOS', securityInfo: info({ hardwareEncryptionCaps: null, passcodePresent: null, passcodeCompliant: null, fileVault: true }), ...source });

const MAC_UNKNOWN_ADVICE = 'Keep your Mac switched on and connected to the internet for a few minutes so it can report its settings.';
const IPHONE_UNKNOWN_ADVICE = 'Keep your iPhone switched on, unlocked now and then, and connected to the internet for a few minutes so it can report its settings.';

describe('Apple encryption: data protection is HardwareEncryptionCaps 3 plus a passcode', () => {
  it('an iPhone with block- and file-level encryption and a passcode passes, naming both keys', () => {
    expect(evaluateRule('encryption', apple(), settings, NOW)).toEqual({
      rule: 'encryption',
      status: 'pass',
      expected: 'encrypted',
      actual: 'data protection on',
      evidence: 'SecurityInfo HardwareEncryptionCaps 3 with PasscodePresent true',
      remediation: null,
    });
  });

  it('needs both capability bits: 1 or 2 alone fails with the reported value, extra bits do not matter', () => {
    const two = evaluateRule('encryption', apple({ securityInfo: info({ hardwareEncryptionCaps: 2 }) }), settings, NOW)!;
    expect(two).toMatchObject({ status: 'fail', actual: 'hardware encryption incomplete' });
    expect(two.evidence).toBe('SecurityInfo HardwareEncryptionCaps is 2 (data protection needs 3: block- and file-level)');
    expect(evaluateRule('encryption', apple({ securityInfo: info({ hardwareEncryptionCaps: 1 }) }), settings, NOW)!.status).toBe('fail');
    expect(evaluateRule('encryption', apple({ securityInfo: info({ hardwareEncryptionCaps: 7 }) }), settings, NOW)!.status).toBe('pass');
  });

  it('tells an iPhone or iPad user that setting a passcode turns encryption on, naming their device', () => {
    const noCaps = (os: AppleSource['os']) => evaluateRule('encryption', apple({ os, securityInfo: info({ hardwareEncryptionCaps: 1 }) }), settings, NOW)!.remediation;
    expect(noCaps('iOS')).toBe('Open Settings → Face ID & Passcode (or Touch ID & Passcode) → Turn Passcode On: your iPhone encrypts its storage as soon as a passcode is set.');
    expect(noCaps('iPadOS')).toBe('Open Settings → Face ID & Passcode (or Touch ID & Passcode) → Turn Passcode On: your iPad encrypts its storage as soon as a passcode is set.');
  });

  it('no SecurityInfo yet is unknown, with advice to let the iPhone (or iPad) report', () => {
    const result = evaluateRule('encryption', apple({ securityInfo: null }), settings, NOW)!;
    expect(result).toMatchObject({ status: 'unknown', actual: 'not reported yet', evidence: 'SecurityInfo has not reported HardwareEncryptionCaps yet' });
    expect(result.remediation).toBe(IPHONE_UNKNOWN_ADVICE);
    expect(evaluateRule('encryption', apple({ os: 'iPadOS', securityInfo: null }), settings, NOW)!.remediation).toBe(IPHONE_UNKNOWN_ADVICE.replace('iPhone', 'iPad'));
  });

  it('a device-enrolled iPhone without a passcode fails; one that has not said yet is unknown, not judged by the profile', () => {
    const none = evaluateRule('encryption', apple({ securityInfo: info({ passcodePresent: false }) }), settings, NOW)!;
    expect(none).toMatchObject({ status: 'fail', actual: 'data protection off: no passcode', evidence: 'SecurityInfo HardwareEncryptionCaps 3 but PasscodePresent false' });
    // PasscodeCompliantWithProfiles true is not taken as PasscodePresent on device enrolment, where Apple reports the latter.
    const silent = evaluateRule('encryption', apple({ securityInfo: info({ passcodePresent: null }) }), settings, NOW)!;
    expect(silent).toMatchObject({ status: 'unknown', evidence: 'SecurityInfo has not reported PasscodePresent yet' });
  });

  it('User Enrolment: a passcode below the profile, a refused profile or no verdict yet say so in the actual value', () => {
    expect(evaluateRule('encryption', userEnrolled({ passcodeCompliant: false }), settings, NOW)).toMatchObject({
      status: 'fail',
      actual: 'data protection off: passcode does not meet the installed profile',
      evidence: 'SecurityInfo PasscodeCompliant is false',
    });
    expect(evaluateRule('encryption', userEnrolled({}, { passcodeProfile: profile({ state: 'REFUSED' }) }), settings, NOW)).toMatchObject({
      status: 'fail',
      actual: 'data protection off: passcode policy profile not installed',
      evidence: 'the device refused the passcode policy profile (InstallProfile error)',
    });
    expect(evaluateRule('encryption', userEnrolled({ passcodeCompliant: null }), settings, NOW)).toMatchObject({
      status: 'unknown',
      actual: 'not reported yet',
      evidence: 'SecurityInfo has not reported PasscodeCompliant yet',
    });
  });

  it('User Enrolment without a passcode requirement cannot know about a passcode: the policy decides, FAIL unless it says PASS', () => {
    const noProfile = userEnrolled({ passcodeCompliant: null }, { passcodeProfile: null });
    const off = { ...settings, passcodeRequired: false };
    expect(evaluateRule('encryption', noProfile, off, NOW)).toMatchObject({
      status: 'fail',
      actual: 'cannot be reported: Apple User Enrolment hides whether a passcode is set and no passcode profile is required',
      evidence: 'the policy counts facts this enrolment cannot report as failing (notReportable: FAIL)',
    });
    expect(evaluateRule('encryption', noProfile, { ...off, notReportable: 'PASS' }, NOW)).toMatchObject({
      status: 'pass',
      evidence: 'the policy counts facts this enrolment cannot report as passing (notReportable: PASS)',
      remediation: null,
    });
  });

  it('User Enrolment waits for the profile when the policy requires a passcode, or when one is on its way', () => {
    const waiting = 'waiting for the passcode policy profile to be installed and listed by ProfileList';
    expect(evaluateRule('encryption', userEnrolled({ passcodeCompliant: null }, { passcodeProfile: null }), settings, NOW)).toMatchObject({ status: 'unknown', evidence: waiting });
    const pending = userEnrolled({ passcodeCompliant: null }, { passcodeProfile: profile({ state: 'PENDING' }) });
    expect(evaluateRule('encryption', pending, { ...settings, passcodeRequired: false }, NOW)).toMatchObject({ status: 'unknown', evidence: waiting });
  });

  it('macOS: FileVault not reported (or no SecurityInfo at all) is unknown, with Mac advice', () => {
    for (const facts of [mac({ securityInfo: null }), mac({ securityInfo: info({ hardwareEncryptionCaps: 3, fileVault: null }) })]) {
      const result = evaluateRule('encryption', facts, settings, NOW)!;
      expect(result).toMatchObject({ status: 'unknown', actual: 'not reported yet', evidence: 'SecurityInfo has not reported FDE_Enabled yet' });
      expect(result.remediation).toBe(MAC_UNKNOWN_ADVICE);
    }
  });

  it('macOS: FDE_Enabled decides, and the evidence names its value', () => {
    expect(evaluateRule('encryption', mac(), settings, NOW)).toMatchObject({ status: 'pass', evidence: 'SecurityInfo FDE_Enabled is true' });
    expect(evaluateRule('encryption', mac({ securityInfo: info({ fileVault: false }) }), settings, NOW)).toMatchObject({
      status: 'fail',
      evidence: 'SecurityInfo FDE_Enabled is false',
      remediation: 'Open System Settings → Privacy & Security → FileVault and click Turn On; keep the Mac plugged in until it finishes.',
    });
  });

  it('is not checked when the policy does not require encryption', () => {
    expect(evaluateRule('encryption', apple(), { ...settings, encryptionRequired: false }, NOW)).toBeNull();
  });
});

describe('Apple passcode: PasscodePresent on device enrolment, the profile elsewhere', () => {
  it('a device-enrolled iPhone is judged by PasscodePresent, even before the profile is listed', () => {
    const facts = apple({ passcodeProfile: profile({ state: 'PENDING' }) });
    expect(evaluateRule('passcode', facts, settings, NOW)).toEqual({
      rule: 'passcode', status: 'pass', expected: 'passcode set', actual: 'passcode set', evidence: 'SecurityInfo PasscodePresent', remediation: null,
    });
  });

  it('SecurityInfo wins over the stored posture, which is only the fallback', () => {
    expect(evaluateRule('passcode', apple({}, { passcodePresent: false }), settings, NOW)!.status).toBe('pass');
    expect(evaluateRule('passcode', apple({}, { passcodePresent: null }), settings, NOW)!.status).toBe('pass');
    expect(evaluateRule('passcode', apple({ securityInfo: info({ passcodePresent: false }) }, { passcodePresent: true }), settings, NOW)!.status).toBe('fail');
    expect(evaluateRule('passcode', apple({ securityInfo: null }, { passcodePresent: true }), settings, NOW)!.status).toBe('pass');
    expect(evaluateRule('passcode', apple({ securityInfo: info({ passcodePresent: null }) }, { passcodePresent: false }), settings, NOW)).toMatchObject({ status: 'fail', actual: 'no passcode' });
  });

  it('nothing reported anywhere is unknown', () => {
    const facts = { ...apple({ securityInfo: null }), posture: null };
    expect(evaluateRule('passcode', facts, settings, NOW)).toMatchObject({ status: 'unknown', actual: 'not reported yet', evidence: 'SecurityInfo PasscodePresent' });
  });

  it('an iPhone without a passcode is told where to turn it on', () => {
    const result = evaluateRule('passcode', apple({ securityInfo: info({ passcodePresent: false }) }), settings, NOW)!;
    expect(result.remediation).toBe('Open Settings → Face ID & Passcode (or Touch ID & Passcode) → Turn Passcode On and choose a passcode.');
  });

  it('a device-enrolled Mac passes on the acknowledged profile that forces a password', () => {
    expect(evaluateRule('passcode', mac(), settings, NOW)).toMatchObject({
      status: 'pass',
      actual: 'passcode set',
      evidence: 'the passcode policy profile (forcing a password) is installed and listed by ProfileList',
    });
  });

  it('a Mac that refused the profile fails, and is told to set a login password', () => {
    expect(evaluateRule('passcode', mac({ passcodeProfile: profile({ state: 'REFUSED' }) }), settings, NOW)).toMatchObject({
      status: 'fail',
      actual: 'passcode policy profile not installed',
      remediation: 'Open System Settings → Users & Groups and set a login password for your account.',
    });
  });

  it('a user-enrolled Mac cannot report a passcode: the policy decides', () => {
    const facts = mac({ userEnrollment: true });
    expect(evaluateRule('passcode', facts, settings, NOW)).toMatchObject({
      status: 'fail',
      actual: 'cannot be reported: macOS User Enrolment allows no passcode profile and reports no passcode state',
    });
    expect(evaluateRule('passcode', facts, { ...settings, notReportable: 'PASS' }, NOW)!.status).toBe('pass');
  });

  it('a user-enrolled iPhone passes on PasscodeCompliant, saying why that implies a passcode', () => {
    expect(evaluateRule('passcode', userEnrolled(), settings, NOW)).toMatchObject({
      status: 'pass',
      evidence: 'PasscodeCompliant with the installed passcode profile, which forces a passcode (User Enrolment hides PasscodePresent)',
    });
  });

  it('is not checked when the policy does not require a passcode', () => {
    expect(evaluateRule('passcode', apple(), { ...settings, passcodeRequired: false }, NOW)).toBeNull();
  });
});

describe('Apple passcode length: enforced by the installed profile', () => {
  it('passes when the profile enforces exactly the minimum, and describes only what it enforces', () => {
    const facts = apple({ passcodeProfile: profile({ autoLockMinutes: null, maxFailedAttempts: null }) });
    expect(evaluateRule('passcode_length', facts, settings, NOW)).toMatchObject({
      status: 'pass',
      expected: 'at least 6 characters',
      actual: 'enforced by profile: at least 6 characters',
      evidence: 'passcode policy profile listed by ProfileList and SecurityInfo PasscodeCompliantWithProfiles true',
    });
  });

  it('a profile one character short of the policy is an older profile still being replaced (unknown)', () => {
    const result = evaluateRule('passcode_length', apple({ passcodeProfile: profile({ minLength: 6 }) }), { ...settings, passcodeMinLength: 7 }, NOW)!;
    expect(result).toMatchObject({
      status: 'unknown',
      actual: 'enforced by profile: at least 6 characters, auto-lock 5 min, 10 failed attempts at most',
      evidence: 'the installed passcode profile predates the policy; the updated profile is being installed',
    });
  });

  it('a profile that sets no length only forces a passcode, which is not a length', () => {
    expect(evaluateRule('passcode_length', apple({ passcodeProfile: profile({ minLength: null }) }), settings, NOW)).toMatchObject({
      status: 'unknown',
      actual: 'enforced by profile: a passcode, auto-lock 5 min, 10 failed attempts at most',
    });
  });

  it('PasscodePresent false fails even when the device calls the passcode compliant (real iOS 11 capture)', () => {
    const facts = apple({ securityInfo: info({ passcodePresent: false, passcodeCompliant: true }) });
    expect(evaluateRule('passcode_length', facts, settings, NOW)).toMatchObject({ status: 'fail', actual: 'no passcode', evidence: 'SecurityInfo PasscodePresent is false' });
  });

  it('names the key the device failed: PasscodeCompliantWithProfiles on device enrolment, PasscodeCompliant on User Enrolment', () => {
    expect(evaluateRule('passcode_length', apple({ securityInfo: info({ passcodeCompliant: false }) }), settings, NOW)!.evidence)
      .toBe('SecurityInfo PasscodeCompliantWithProfiles is false');
    expect(evaluateRule('passcode_length', userEnrolled({ passcodeCompliant: false }), settings, NOW)).toMatchObject({
      status: 'fail',
      evidence: 'SecurityInfo PasscodeCompliant is false',
    });
  });

  it('without a compliance verdict (or any SecurityInfo) it stays unknown, naming the key it waits for', () => {
    expect(evaluateRule('passcode_length', apple({ securityInfo: info({ passcodeCompliant: null }) }), settings, NOW)).toMatchObject({
      status: 'unknown',
      evidence: 'SecurityInfo has not reported PasscodeCompliantWithProfiles yet',
    });
    expect(evaluateRule('passcode_length', apple({ securityInfo: null }), settings, NOW)).toMatchObject({
      status: 'unknown',
      evidence: 'SecurityInfo has not reported PasscodeCompliantWithProfiles yet',
    });
  });

  it('a pending or refused profile says which', () => {
    expect(evaluateRule('passcode_length', apple({ passcodeProfile: profile({ state: 'PENDING' }) }), settings, NOW)!.evidence)
      .toBe('waiting for the passcode policy profile to be installed and listed by ProfileList');
    expect(evaluateRule('passcode_length', apple({ passcodeProfile: profile({ state: 'REFUSED' }) }), settings, NOW)!.evidence)
      .toBe('the device refused the passcode policy profile (InstallProfile error)');
  });

  it('User Enrolment enforces 6 characters itself: a 6-character policy passes on PasscodeCompliant, a 7-character one cannot be known', () => {
    expect(evaluateRule('passcode_length', userEnrolled(), settings, NOW)).toMatchObject({
      status: 'pass',
      actual: 'at least 6 characters, enforced by Apple User Enrolment with the passcode profile installed',
      evidence: 'passcode profile listed by ProfileList and SecurityInfo PasscodeCompliant true',
    });
    expect(evaluateRule('passcode_length', userEnrolled(), { ...settings, passcodeMinLength: 7 }, NOW)).toMatchObject({
      status: 'fail',
      actual: 'cannot be reported: Apple User Enrolment enforces 6 characters and ignores longer minimums',
    });
  });

  it('User Enrolment still fails a passcode the device reports as below the profile, and waits while it says nothing', () => {
    expect(evaluateRule('passcode_length', userEnrolled({ passcodeCompliant: false }), settings, NOW)!.status).toBe('fail');
    expect(evaluateRule('passcode_length', userEnrolled({ passcodeCompliant: null }), settings, NOW)!.status).toBe('unknown');
  });

  it('a user-enrolled Mac has no passcode profile at all: the policy decides', () => {
    expect(evaluateRule('passcode_length', mac({ userEnrollment: true }), { ...settings, notReportable: 'PASS' }, NOW)).toMatchObject({
      status: 'pass',
      actual: 'cannot be reported: macOS User Enrolment allows no passcode profile',
    });
  });

  it('a device-enrolled Mac passes on the acknowledged profile, enforced on the account password', () => {
    expect(evaluateRule('passcode_length', mac({ passcodeProfile: profile({ minLength: 8 }) }), settings, NOW)).toMatchObject({
      status: 'pass',
      evidence: 'passcode policy profile acknowledged and listed by ProfileList (macOS enforces it on the account password)',
    });
  });

  it('tells iPhone and Mac users how long their passcode must be', () => {
    const refused = { passcodeProfile: profile({ state: 'REFUSED' as const }) };
    expect(evaluateRule('passcode_length', apple(refused), { ...settings, passcodeMinLength: 8 }, NOW)!.remediation)
      .toBe('Open Settings → Face ID & Passcode → Change Passcode, tap Passcode Options and choose a code of at least 8 digits or characters.');
    expect(evaluateRule('passcode_length', mac(refused), { ...settings, passcodeMinLength: 8 }, NOW)!.remediation)
      .toBe('Open System Settings → Users & Groups and change your login password to one of at least 8 characters.');
  });
});

describe('Apple auto-lock: enforced by the installed profile', () => {
  it('passes when the profile locks exactly at the limit, and waits when it locks later', () => {
    expect(evaluateRule('auto_lock', apple({ passcodeProfile: profile({ autoLockMinutes: 5 }) }), settings, NOW)!.status).toBe('pass');
    expect(evaluateRule('auto_lock', apple({ passcodeProfile: profile({ autoLockMinutes: 6 }) }), settings, NOW)!.status).toBe('unknown');
  });

  it('a profile that sets no auto-lock does not meet an auto-lock limit', () => {
    expect(evaluateRule('auto_lock', apple({ passcodeProfile: profile({ autoLockMinutes: null }) }), settings, NOW)).toMatchObject({
      status: 'unknown',
      actual: 'enforced by profile: at least 6 characters, 10 failed attempts at most',
    });
  });

  it('says "minute" for a 1-minute limit and "minutes" otherwise, in iPhone and Mac wording', () => {
    const refused = { passcodeProfile: profile({ state: 'REFUSED' as const }) };
    const fix = (facts: DeviceFacts, max: number) => evaluateRule('auto_lock', facts, { ...settings, maxAutoLockMinutes: max }, NOW)!.remediation;
    expect(fix(apple(refused), 1)).toBe('Open Settings → Display & Brightness → Auto-Lock and choose 1 minute or less.');
    expect(fix(mac(refused), 1)).toBe('Open System Settings → Lock Screen and set "Require password after screen saver begins or display is turned off" to 1 minute or less.');
    expect(fix(mac(refused), 5)).toBe('Open System Settings → Lock Screen and set "Require password after screen saver begins or display is turned off" to 5 minutes or less.');
  });

  it('is not checked without a limit', () => {
    expect(evaluateRule('auto_lock', apple(), { ...settings, maxAutoLockMinutes: null }, NOW)).toBeNull();
  });
});
