import type { OwnershipKey, PlatformKey, RuleSettings } from './policy.js';
import { dataLeakRule, type DataLeakEvidence } from './data-leak-rule.js';

/** What the engine knows about one device. Null means "not reported", never "false". */
export interface DeviceFacts {
  platform: PlatformKey;
  ownership: OwnershipKey;
  posture: {
    encrypted: boolean | null;
    passcodePresent: boolean | null;
    passcodeCompliant: boolean | null;
    passcodeMinLength: number | null;
    autoLockMinutes: number | null;
    osVersion: string | null;
    securityPatchLevel: Date | null;
    compromised: boolean | null;
    lastCheckInAt: Date | null;
  } | null;
  /** Falls back for the OS version and check-in time when the posture lacks them. */
  device: { osVersion: string | null; lastSeenAt: Date | null };
  /** Null when the device has no user assigned. */
  user: { mfaEnrolled: boolean } | null;
  /** What the device reported about its data-leak controls (data-leak-rule.ts); undefined or null: nothing yet. */
  dataLeak?: DataLeakEvidence | null;
}

export const RULE_IDS = [
  'encryption', 'passcode', 'passcode_length', 'auto_lock', 'os_version', 'patch_age', 'integrity', 'check_in', 'mfa', 'data_leak',
] as const;
export type RuleId = (typeof RULE_IDS)[number];
export type RuleStatus = 'pass' | 'fail' | 'unknown';

export interface RuleResult {
  rule: RuleId;
  status: RuleStatus;
  expected: string;
  actual: string;
  /** What the person can do on their own phone; null when the rule passes. */
  remediation: string | null;
}

/** A rule returns null when the policy switches it off or it does not apply to the platform. */
type Rule = (facts: DeviceFacts, settings: RuleSettings, now: Date) => RuleResult | null;

const DAY_MS = 86_400_000;
const NOT_REPORTED = 'not reported yet';

/** Per-platform wording: staff follow these on their own phone, so name the real Settings path. */
const byPlatform = (platform: PlatformKey, apple: string, android: string) => (platform === 'APPLE' ? apple : android);

const unknownRemediation = (platform: PlatformKey) =>
  byPlatform(
    platform,
    'Keep your iPhone or iPad switched on and connected to the internet for a few minutes so it can report its settings.',
    'Keep your phone switched on and connected to the internet, and open the Android Device Policy app once, so it can report its settings.',
  );

function result(rule: RuleId, status: RuleStatus, expected: string, actual: string, fix: string, platform: PlatformKey): RuleResult {
  return { rule, status, expected, actual, remediation: status === 'pass' ? null : status === 'unknown' ? unknownRemediation(platform) : fix };
}

function flag(value: boolean | null | undefined, yes: string, no: string): string {
  return value === null || value === undefined ? NOT_REPORTED : value ? yes : no;
}

const encryption: Rule = ({ platform, posture }, settings) => {
  if (!settings.encryptionRequired) return null;
  const value = posture?.encrypted ?? null;
  return result('encryption', value === null ? 'unknown' : value ? 'pass' : 'fail', 'encrypted', flag(value, 'encrypted', 'not encrypted'),
    byPlatform(platform,
      'Open Settings → Face ID & Passcode (or Touch ID & Passcode) → Turn Passcode On: an iPhone or iPad encrypts its storage as soon as a passcode is set.',
      'Open Settings → Security & privacy → More security settings → Encryption & credentials → Encrypt phone, and keep it charging until it finishes.'),
    platform);
};

const passcode: Rule = ({ platform, posture }, settings) => {
  if (!settings.passcodeRequired) return null;
  const value = posture?.passcodePresent ?? null;
  return result('passcode', value === null ? 'unknown' : value ? 'pass' : 'fail', 'passcode set', flag(value, 'passcode set', 'no passcode'),
    byPlatform(platform,
      'Open Settings → Face ID & Passcode (or Touch ID & Passcode) → Turn Passcode On and choose a passcode.',
      'Open Settings → Security & privacy → Screen lock (or Device unlock → Screen lock) and choose a PIN or password.'),
    platform);
};

const passcodeLength: Rule = ({ platform, posture }, settings) => {
  const min = settings.passcodeMinLength;
  if (min === null) return null;
  const length = posture?.passcodeMinLength ?? null;
  const fix = byPlatform(platform,
    `Open Settings → Face ID & Passcode → Change Passcode, tap Passcode Options and choose a code of at least ${min} digits or characters.`,
    `Open Settings → Security & privacy → Screen lock, confirm your current lock and choose a PIN or password of at least ${min} characters.`);
  const expected = `at least ${min} characters`;
  // No passcode at all fails the length rule too: there is nothing to wait for.
  if (posture?.passcodePresent === false) return result('passcode_length', 'fail', expected, 'no passcode', fix, platform);
  if (length === null) {
    // The device says its passcode breaks the enforced profile but not its length: that is still a failure.
    if (posture?.passcodeCompliant === false) return result('passcode_length', 'fail', expected, 'passcode does not meet the enforced requirements', fix, platform);
    return result('passcode_length', 'unknown', expected, NOT_REPORTED, fix, platform);
  }
  return result('passcode_length', length >= min ? 'pass' : 'fail', expected, `${length} characters`, fix, platform);
};

const autoLock: Rule = ({ platform, posture }, settings) => {
  const max = settings.maxAutoLockMinutes;
  if (max === null) return null;
  const minutes = posture?.autoLockMinutes ?? null;
  const fix = byPlatform(platform,
    `Open Settings → Display & Brightness → Auto-Lock and choose ${max} minute${max === 1 ? '' : 's'} or less.`,
    `Open Settings → Display → Screen timeout and choose ${max} minute${max === 1 ? '' : 's'} or less.`);
  const expected = `${max} minutes or less`;
  if (minutes === null) return result('auto_lock', 'unknown', expected, NOT_REPORTED, fix, platform);
  return result('auto_lock', minutes <= max ? 'pass' : 'fail', expected, `${minutes} minutes`, fix, platform);
};

/** Numeric comparison of dotted versions ("17.4.1" vs "17.5"); null when either cannot be read. */
export function compareVersions(a: string, b: string): number | null {
  const parse = (v: string) => (/^\d+(\.\d+)*$/.test(v.trim()) ? v.trim().split('.').map(Number) : null);
  const x = parse(a);
  const y = parse(b);
  if (!x || !y) return null;
  for (let i = 0; i < Math.max(x.length, y.length); i++) {
    const diff = (x[i] ?? 0) - (y[i] ?? 0);
    if (diff !== 0) return Math.sign(diff);
  }
  return 0;
}

const osVersion: Rule = ({ platform, posture, device }, settings) => {
  const min = settings.minOsVersion;
  if (min === null) return null;
  const name = byPlatform(platform, 'iOS', 'Android');
  const version = posture?.osVersion ?? device.osVersion;
  const fix = byPlatform(platform,
    `Open Settings → General → Software Update and install iOS ${min} or later. If it is not offered, this device is too old to keep using for work.`,
    `Open Settings → System → Software update (on some phones Settings → Software update) and install Android ${min} or later. If it is not offered, this phone is too old to keep using for work.`);
  const expected = `${name} ${min} or later`;
  if (!version) return result('os_version', 'unknown', expected, NOT_REPORTED, fix, platform);
  const cmp = compareVersions(version, min);
  if (cmp === null) return result('os_version', 'unknown', expected, `${name} ${version} (unreadable version)`, fix, platform);
  return result('os_version', cmp >= 0 ? 'pass' : 'fail', expected, `${name} ${version}`, fix, platform);
};

const patchAge: Rule = ({ platform, posture }, settings, now) => {
  const max = settings.maxPatchAgeDays;
  // Apple ships security fixes inside OS updates and reports no patch level; the OS version rule covers it.
  if (max === null || platform !== 'ANDROID') return null;
  const level = posture?.securityPatchLevel ?? null;
  const fix = `Open Settings → Security & privacy → System & updates → Security update (on some phones Settings → Software update) and install the latest update; it must be from the last ${max} days.`;
  const expected = `security patch no older than ${max} days`;
  if (!level) return result('patch_age', 'unknown', expected, NOT_REPORTED, fix, platform);
  const age = Math.floor((now.getTime() - level.getTime()) / DAY_MS);
  return result('patch_age', age <= max ? 'pass' : 'fail', expected, `patch level ${level.toISOString().slice(0, 10)} (${age} days old)`, fix, platform);
};

const integrity: Rule = ({ platform, posture }, settings) => {
  if (!settings.integrityRequired) return null;
  const compromised = posture?.compromised ?? null;
  return result('integrity', compromised === null ? 'unknown' : compromised ? 'fail' : 'pass', 'not jailbroken or rooted',
    flag(compromised, byPlatform(platform, 'jailbroken or modified', 'rooted or modified software'), 'intact'),
    byPlatform(platform,
      'This iPhone or iPad looks jailbroken. Back it up, then restore it with the latest iOS (Settings → General → Transfer or Reset iPhone), or ask IT for help.',
      'This phone looks rooted or runs modified software. Reinstall the manufacturer’s official software and lock the bootloader, or ask IT for help.'),
    platform);
};

const checkIn: Rule = ({ platform, posture, device }, settings, now) => {
  const max = settings.maxCheckInAgeDays;
  if (max === null) return null;
  const last = posture?.lastCheckInAt ?? device.lastSeenAt;
  const fix = byPlatform(platform,
    'Connect the device to the internet and unlock it. If it still does not report, check Settings → General → VPN & Device Management: the work profile must still be installed.',
    'Connect the phone to the internet and unlock it. If it still does not report, open Settings → Passwords & accounts (or Accounts) and check the work profile is switched on and not paused.');
  const expected = `reported within ${max} days`;
  if (!last) return result('check_in', 'unknown', expected, 'never reported', fix, platform);
  const days = Math.floor((now.getTime() - last.getTime()) / DAY_MS);
  return result('check_in', now.getTime() - last.getTime() <= max * DAY_MS ? 'pass' : 'fail', expected, `last report ${days} days ago`, fix, platform);
};

const mfa: Rule = ({ platform, user }, settings) => {
  if (!settings.mfaRequired) return null;
  const fix = 'Sign in to the staff portal and set up two-step verification with an authenticator app (Account → Two-step verification).';
  if (!user) return result('mfa', 'unknown', 'user has MFA', 'no user assigned to the device', fix, platform);
  return result('mfa', user.mfaEnrolled ? 'pass' : 'fail', 'user has MFA', user.mfaEnrolled ? 'MFA enrolled' : 'MFA not enrolled', fix, platform);
};

const RULES: Record<RuleId, Rule> = {
  encryption,
  passcode,
  passcode_length: passcodeLength,
  auto_lock: autoLock,
  os_version: osVersion,
  patch_age: patchAge,
  integrity,
  check_in: checkIn,
  mfa,
  data_leak: dataLeakRule,
};

/** Runs every rule the settings switch on. Pure: `now` is the only notion of time. */
export function evaluateRules(facts: DeviceFacts, settings: RuleSettings, now: Date): RuleResult[] {
  return RULE_IDS.map((id) => RULES[id](facts, settings, now)).filter((r): r is RuleResult => r !== null);
}

/** One rule alone, for tests and explanations. */
export function evaluateRule(id: RuleId, facts: DeviceFacts, settings: RuleSettings, now: Date): RuleResult | null {
  return RULES[id](facts, settings, now);
}
