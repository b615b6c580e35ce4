import type { RuleSettings } from '../../../src/domain/compliance/policy.js';
import type { DeviceFacts } from '../../../src/domain/compliance/rules.js';

// What the rule tests share: the moment they judge at, a policy with every rule on, and a posture that passes it.

export const NOW = new Date('2026-09-21T12:00:00Z');
export const DAY = 86_400_000;

/** Every rule on: Android 14 at least, patches at most 30 days old. A test overrides what it is about. */
export const STRICT: RuleSettings = {
  encryptionRequired: true,
  passcodeRequired: true,
  passcodeMinLength: 6,
  maxAutoLockMinutes: 5,
  minOsVersion: '14',
  maxPatchAgeDays: 30,
  integrityRequired: true,
  maxCheckInAgeDays: 7,
  mfaRequired: true,
  gracePeriodHours: 72,
};

export type Posture = NonNullable<DeviceFacts['posture']>;

/** A normalised posture that meets STRICT (no patch level reported), with `over` applied. */
export const passingPosture = (over: Partial<Posture> = {}): Posture => ({
  encrypted: true, passcodePresent: true, passcodeCompliant: true, passcodeMinLength: 6, autoLockMinutes: 5,
  osVersion: '15', securityPatchLevel: null, compromised: false, lastCheckInAt: NOW, ...over,
});
