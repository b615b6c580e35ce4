import { describe, expect, it } from 'vitest';
import { evaluateRule, type AndroidSource, type DeviceFacts } from '../../../src/domain/compliance/rules.js';
import { NOW, STRICT, passingPosture, type Posture } from './facts.js';

// Android passcode and screen-lock requirements: the AMAPI policy the device applied, and its own non-compliance
// report. Also the legacy path (a device with no platform detail), judged on the normalised posture alone.

const settings = STRICT;
const posture = passingPosture;

const source = (over: Partial<AndroidSource> = {}): AndroidSource => ({ kind: 'ANDROID', workProfile: false, passwordProblems: [], lockProblems: [], ...over });

function phone(p: Partial<Posture> | null = {}, s: AndroidSource | null = source()): DeviceFacts {
  return {
    platform: 'ANDROID',
    ownership: 'CORPORATE',
    posture: p && posture(p),
    device: { osVersion: null, lastSeenAt: null },
    user: { mfaEnrolled: true },
    source: s,
  };
}

/** A device created outside an enrolment: no platform detail, so the posture alone is judged. */
function legacyApple(p: Partial<Posture> | null): DeviceFacts {
  return { ...phone(p, null), platform: 'APPLE', source: undefined };
}

describe('Android passcode length, from the applied password policy', () => {
  it('passes at exactly the minimum the policy asks for, naming what enforces it', () => {
    expect(evaluateRule('passcode_length', phone({ passcodeMinLength: 6 }), settings, NOW)).toEqual({
      rule: 'passcode_length',
      status: 'pass',
      expected: 'at least 6 characters',
      actual: 'enforced by Android Device Policy: at least 6 characters',
      evidence: 'appliedPasswordPolicies and no passwordPolicies non-compliance reported',
      remediation: null,
    });
  });

  it('says when the policy applies to the work profile', () => {
    expect(evaluateRule('passcode_length', phone({ passcodeMinLength: 8 }, source({ workProfile: true })), settings, NOW)).toMatchObject({
      status: 'pass',
      actual: 'enforced by Android Device Policy (work profile): at least 8 characters',
      evidence: 'appliedPasswordPolicies (work profile) and no passwordPolicies non-compliance reported',
    });
  });

  it('an applied policy one character short is not yet the required one: unknown until the next policy sync', () => {
    const result = evaluateRule('passcode_length', phone({ passcodeMinLength: 5 }), settings, NOW)!;
    expect(result).toMatchObject({
      status: 'unknown',
      actual: 'not reported yet',
      evidence: 'appliedPasswordPolicies does not show the required policy yet (the device applies it at its next policy sync)',
    });
    expect(result.remediation).toBe('Keep your phone switched on and connected to the internet, and open the Android Device Policy app once, so it can report its settings.');
  });

  it('a phone with no posture yet is unknown for length and lock alike', () => {
    expect(evaluateRule('passcode_length', phone(null), settings, NOW)!.status).toBe('unknown');
    expect(evaluateRule('auto_lock', phone(null), settings, NOW)).toMatchObject({
      status: 'unknown',
      evidence: 'the applied policy does not show the required maximumTimeToLock yet',
    });
  });

  it('a phone without a screen lock fails both requirements, whatever policy it applied', () => {
    for (const rule of ['passcode_length', 'auto_lock'] as const) {
      expect(evaluateRule(rule, phone({ passcodePresent: false }), settings, NOW), rule).toMatchObject({
        status: 'fail',
        actual: 'no screen lock',
        evidence: 'deviceSettings.isDeviceSecure is false',
      });
    }
  });

  it('the device’s password problems fail the length rule, listed, but not the lock rule', () => {
    const facts = phone({}, source({ passwordProblems: ['PASSWORD_POLICIES_PASSWORD_NOT_SUFFICIENT', 'USER_ACTION'] }));
    const length = evaluateRule('passcode_length', facts, settings, NOW)!;
    expect(length).toMatchObject({
      status: 'fail',
      actual: 'the device reports it does not meet the policy (PASSWORD_POLICIES_PASSWORD_NOT_SUFFICIENT, USER_ACTION)',
      evidence: 'nonComplianceDetails for passwordPolicies',
    });
    expect(length.remediation).toBe('Open Settings → Security & privacy → Screen lock, confirm your current lock and choose a PIN or password of at least 6 characters.');
    expect(evaluateRule('auto_lock', facts, settings, NOW)!.status).toBe('pass');
  });

  it('the device’s lock-time problems fail the lock rule, not the length rule', () => {
    const facts = phone({}, source({ lockProblems: ['INVALID_VALUE'] }));
    expect(evaluateRule('auto_lock', facts, settings, NOW)).toMatchObject({
      status: 'fail',
      actual: 'the device reports it does not meet the policy (INVALID_VALUE)',
      evidence: 'nonComplianceDetails for maximumTimeToLock',
    });
    expect(evaluateRule('passcode_length', facts, settings, NOW)!.status).toBe('pass');
  });

  it('a password reported as not meeting the policy fails the length rule only', () => {
    const facts = phone({ passcodeCompliant: false });
    expect(evaluateRule('passcode_length', facts, settings, NOW)).toMatchObject({
      status: 'fail',
      actual: 'the device reports its password does not meet the policy',
      evidence: 'nonComplianceDetails for passwordPolicies',
    });
    expect(evaluateRule('auto_lock', facts, settings, NOW)!.status).toBe('pass');
  });
});

describe('Android auto-lock, from the applied maximumTimeToLock', () => {
  it('passes at exactly the limit, naming the enforced time', () => {
    expect(evaluateRule('auto_lock', phone({ autoLockMinutes: 5 }), settings, NOW)).toMatchObject({
      status: 'pass',
      expected: '5 minutes or less',
      actual: 'enforced by Android Device Policy: screen locks after 5 min at most',
      evidence: 'maximumTimeToLock of the applied policy and no maximumTimeToLock non-compliance reported',
    });
  });

  it('an applied lock time one minute over the limit, or none, is not yet the required policy', () => {
    expect(evaluateRule('auto_lock', phone({ autoLockMinutes: 6 }), settings, NOW)!.status).toBe('unknown');
    expect(evaluateRule('auto_lock', phone({ autoLockMinutes: null }), settings, NOW)!.status).toBe('unknown');
  });

  it('tells the person the limit, with "minute" singular for 1', () => {
    const failing = phone({}, source({ lockProblems: ['USER_ACTION'] }));
    expect(evaluateRule('auto_lock', failing, { ...settings, maxAutoLockMinutes: 1 }, NOW)!.remediation)
      .toBe('Open Settings → Display → Screen timeout and choose 1 minute or less.');
    expect(evaluateRule('auto_lock', failing, { ...settings, maxAutoLockMinutes: 10 }, NOW)!.remediation)
      .toBe('Open Settings → Display → Screen timeout and choose 10 minutes or less.');
  });
});

describe('Android passcode and encryption from the posture', () => {
  it('a phone without a screen lock fails the passcode rule, with Android advice', () => {
    expect(evaluateRule('passcode', phone({ passcodePresent: false }), settings, NOW)).toMatchObject({
      status: 'fail',
      actual: 'no passcode',
      evidence: 'deviceSettings.isDeviceSecure',
      remediation: 'Open Settings → Security & privacy → Screen lock (or Device unlock → Screen lock) and choose a PIN or password.',
    });
  });

  it('names the AMAPI fields that establish encryption, and tells how to encrypt', () => {
    const result = evaluateRule('encryption', phone({ encrypted: false }), settings, NOW)!;
    expect(result).toMatchObject({ status: 'fail', evidence: 'deviceSettings.isEncrypted with encryptionStatus ACTIVE or ACTIVE_PER_USER' });
    expect(result.remediation).toBe('Open Settings → Security & privacy → More security settings → Encryption & credentials → Encrypt phone, and keep it charging until it finishes.');
    expect(evaluateRule('encryption', phone({ encrypted: null }), settings, NOW)).toMatchObject({
      status: 'unknown',
      evidence: 'deviceSettings.isEncrypted with encryptionStatus ACTIVE or ACTIVE_PER_USER',
    });
  });
});

describe('devices without platform detail: the normalised posture alone', () => {
  it('an enforced minimum exactly at the policy passes, one below fails, one above passes', () => {
    expect(evaluateRule('passcode_length', legacyApple({ passcodeMinLength: 6 }), settings, NOW)).toMatchObject({
      status: 'pass',
      actual: 'enforced minimum 6 characters',
      evidence: 'posture passcodeMinLength',
    });
    expect(evaluateRule('passcode_length', legacyApple({ passcodeMinLength: 5 }), settings, NOW)).toMatchObject({ status: 'fail', actual: 'enforced minimum 5 characters' });
    expect(evaluateRule('passcode_length', legacyApple({ passcodeMinLength: 7 }), settings, NOW)!.status).toBe('pass');
  });

  it('no passcode, or a passcode below the enforced requirements, fails the length rule', () => {
    expect(evaluateRule('passcode_length', legacyApple({ passcodePresent: false }), settings, NOW)).toMatchObject({
      status: 'fail', actual: 'no passcode', evidence: 'posture passcodePresent false',
    });
    expect(evaluateRule('passcode_length', legacyApple({ passcodeCompliant: false }), settings, NOW)).toMatchObject({
      status: 'fail', actual: 'passcode does not meet the enforced requirements', evidence: 'posture passcodeCompliant false',
    });
  });

  it('no enforced minimum is unknown; no posture at all too', () => {
    expect(evaluateRule('passcode_length', legacyApple({ passcodeMinLength: null }), settings, NOW)).toMatchObject({
      status: 'unknown', evidence: 'no enforced minimum reported',
    });
    expect(evaluateRule('passcode_length', legacyApple(null), settings, NOW)!.status).toBe('unknown');
  });

  it('an auto-lock exactly at the limit passes and one minute more fails, showing the minutes', () => {
    expect(evaluateRule('auto_lock', legacyApple({ autoLockMinutes: 5 }), settings, NOW)).toMatchObject({
      status: 'pass', actual: '5 minutes', evidence: 'posture autoLockMinutes',
    });
    expect(evaluateRule('auto_lock', legacyApple({ autoLockMinutes: 6 }), settings, NOW)).toMatchObject({ status: 'fail', actual: '6 minutes' });
    expect(evaluateRule('auto_lock', legacyApple({ autoLockMinutes: null }), settings, NOW)).toMatchObject({
      status: 'unknown', evidence: 'no auto-lock reported',
    });
  });

  it('encryption from the posture names its source', () => {
    expect(evaluateRule('encryption', legacyApple({ encrypted: true }), settings, NOW)).toMatchObject({
      status: 'pass', expected: 'encrypted', actual: 'encrypted', evidence: 'posture reported by the device',
    });
    expect(evaluateRule('encryption', legacyApple({ encrypted: null }), settings, NOW)).toMatchObject({
      status: 'unknown', evidence: 'posture reported by the device',
    });
  });
});
