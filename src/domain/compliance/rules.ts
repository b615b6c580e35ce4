import type { OwnershipKey, PlatformKey, RuleSettings } from './policy.js';
import { dataLeakRule, type DataLeakEvidence } from './data-leak-rule.js';

/**
 * What the Apple side lets the server know, read from the last SecurityInfo, the enrolment type and the managed
 * profiles the device still lists. Apple never reports a passcode's length or the auto-lock minutes: those are
 * enforced by the passcode policy profile, so "installed and listed, and the device says its passcode complies"
 * is the evidence.
 */
export interface AppleSource {
  kind: 'APPLE';
  os: 'iOS' | 'iPadOS' | 'macOS';
  userEnrollment: boolean;
  /** Null until a SecurityInfo result arrived; a key the device did not send is null. */
  securityInfo: {
    hardwareEncryptionCaps: number | null;
    passcodePresent: boolean | null;
    /** PasscodeCompliantWithProfiles on device enrolment, PasscodeCompliant on User Enrolment (Apple hides the former there). */
    passcodeCompliant: boolean | null;
    fileVault: boolean | null;
  } | null;
  /** The passcode policy profile: what it enforces and whether the device acknowledged it and still lists it. */
  passcodeProfile: {
    state: 'VERIFIED' | 'PENDING' | 'REFUSED';
    minLength: number | null;
    autoLockMinutes: number | null;
    maxFailedAttempts: number | null;
  } | null;
}

/** What Android Device Policy reported beyond the posture: the device's own verdict on the applied policy. */
export interface AndroidSource {
  kind: 'ANDROID';
  workProfile: boolean;
  /** Reasons the device gave for not meeting the password policy (specificNonComplianceReason, else nonComplianceReason). */
  passwordProblems: string[];
  /** Same for maximumTimeToLock. */
  lockProblems: string[];
}

/** What the engine knows about one device. Null means "not reported", never "false". */
export interface DeviceFacts {
  platform: PlatformKey;
  ownership: OwnershipKey;
  posture: {
    encrypted: boolean | null;
    passcodePresent: boolean | null;
    passcodeCompliant: boolean | null;
    /** Android: the minimum length of the password policy the device applied (enforced, not measured). */
    passcodeMinLength: number | null;
    /** Android: the lock timeout the applied policy enforces. */
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
  /** Platform detail that decides how a fact is established; absent = judge the normalised posture alone. */
  source?: AppleSource | AndroidSource | null;
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
  /** How the actual value was established (which report, which key, or why it cannot be known). */
  evidence: string;
  /** What the person can do on their own phone; null when the rule passes. */
  remediation: string | null;
}

/** A rule returns null when the policy switches it off or it does not apply to the platform. */
type Rule = (facts: DeviceFacts, settings: RuleSettings, now: Date) => RuleResult | null;

const DAY_MS = 86_400_000;
const NOT_REPORTED = 'not reported yet';

type Os = 'iOS' | 'iPadOS' | 'macOS' | 'Android';

function osOf(facts: DeviceFacts): Os {
  if (facts.source?.kind === 'APPLE') return facts.source.os;
  return facts.platform === 'APPLE' ? 'iOS' : 'Android';
}

const deviceWord = (os: Os) => ({ iOS: 'iPhone', iPadOS: 'iPad', macOS: 'Mac', Android: 'phone' })[os];

/** Per-OS wording: staff follow these on their own device, so name the real Settings path. */
function byOs(os: Os, text: { ios: string; mac?: string; android: string }): string {
  if (os === 'Android') return text.android;
  if (os === 'macOS' && text.mac) return text.mac;
  return text.ios.replaceAll('{device}', deviceWord(os));
}

const unknownRemediation = (os: Os) =>
  byOs(os, {
    ios: 'Keep your {device} switched on, unlocked now and then, and connected to the internet for a few minutes so it can report its settings.',
    mac: 'Keep your Mac switched on and connected to the internet for a few minutes so it can report its settings.',
    android: 'Keep your phone switched on and connected to the internet, and open the Android Device Policy app once, so it can report its settings.',
  });

interface Verdict {
  status: RuleStatus;
  actual: string;
  evidence: string;
}

function result(rule: RuleId, expected: string, verdict: Verdict, fix: string, os: Os): RuleResult {
  const remediation = verdict.status === 'pass' ? null : verdict.status === 'unknown' ? unknownRemediation(os) : fix;
  return { rule, status: verdict.status, expected, actual: verdict.actual, evidence: verdict.evidence, remediation };
}

const pass = (actual: string, evidence: string): Verdict => ({ status: 'pass', actual, evidence });
const fail = (actual: string, evidence: string): Verdict => ({ status: 'fail', actual, evidence });
const unknown = (evidence: string, actual = NOT_REPORTED): Verdict => ({ status: 'unknown', actual, evidence });

/**
 * A fact this platform and enrolment type can never report: the policy decides (notReportable, absent = FAIL),
 * so the rule is never "unknown" for ever.
 */
function notReportable(settings: RuleSettings, why: string): Verdict {
  const counts = settings.notReportable ?? 'FAIL';
  return {
    status: counts === 'PASS' ? 'pass' : 'fail',
    actual: `cannot be reported: ${why}`,
    evidence: `the policy counts facts this enrolment cannot report as ${counts === 'PASS' ? 'passing' : 'failing'} (notReportable: ${counts})`,
  };
}

function flag(value: boolean | null | undefined, yes: string, no: string): string {
  // Stryker disable next-line ConditionalExpression,LogicalOperator: the only caller passes a reported (non-null) value, so the NOT_REPORTED branch is unreachable
  return value === null || value === undefined ? NOT_REPORTED : value ? yes : no;
}

const minutes = (n: number) => `${n} min`;

/** "at least 6 characters, auto-lock 5 min, 10 failed attempts" from what the profile enforces. */
function describeProfile(profile: NonNullable<AppleSource['passcodeProfile']>): string {
  const parts = [profile.minLength ? `at least ${profile.minLength} characters` : 'a passcode'];
  if (profile.autoLockMinutes) parts.push(`auto-lock ${minutes(profile.autoLockMinutes)}`);
  if (profile.maxFailedAttempts) parts.push(`${profile.maxFailedAttempts} failed attempts at most`);
  return `enforced by profile: ${parts.join(', ')}`;
}

const PROFILE_PENDING = 'waiting for the passcode policy profile to be installed and listed by ProfileList';
const PROFILE_REFUSED = 'the device refused the passcode policy profile (InstallProfile error)';

/**
 * Apple: is the passcode known to meet the installed profile? Device enrolment answers with
 * PasscodeCompliantWithProfiles, User Enrolment with PasscodeCompliant; macOS reports neither and enforces the
 * profile on the account password.
 */
function appleProfileCompliance(source: AppleSource): Verdict | 'compliant' {
  const profile = source.passcodeProfile;
  if (!profile || profile.state === 'PENDING') return unknown(PROFILE_PENDING);
  if (profile.state === 'REFUSED') return fail('passcode policy profile not installed', PROFILE_REFUSED);
  const info = source.securityInfo;
  if (source.os === 'macOS') return 'compliant';
  if (info?.passcodePresent === false) return fail('no passcode', 'SecurityInfo PasscodePresent is false');
  const key = source.userEnrollment ? 'PasscodeCompliant' : 'PasscodeCompliantWithProfiles';
  if (info?.passcodeCompliant === false) return fail('passcode does not meet the installed profile', `SecurityInfo ${key} is false`);
  if (info?.passcodeCompliant !== true) return unknown(`SecurityInfo has not reported ${key} yet`);
  return 'compliant';
}

const encryption: Rule = (facts, settings) => {
  if (!settings.encryptionRequired) return null;
  const os = osOf(facts);
  const fix = byOs(os, {
    ios: 'Open Settings → Face ID & Passcode (or Touch ID & Passcode) → Turn Passcode On: your {device} encrypts its storage as soon as a passcode is set.',
    mac: 'Open System Settings → Privacy & Security → FileVault and click Turn On; keep the Mac plugged in until it finishes.',
    android: 'Open Settings → Security & privacy → More security settings → Encryption & credentials → Encrypt phone, and keep it charging until it finishes.',
  });
  const source = facts.source;
  let verdict: Verdict;
  if (source?.kind === 'APPLE') {
    verdict = appleEncryption(source, settings);
  } else {
    const value = facts.posture?.encrypted ?? null;
    const evidence = facts.platform === 'ANDROID'
      ? 'deviceSettings.isEncrypted with encryptionStatus ACTIVE or ACTIVE_PER_USER'
      : 'posture reported by the device';
    verdict = value === null ? unknown(evidence) : { status: value ? 'pass' : 'fail', actual: flag(value, 'encrypted', 'not encrypted'), evidence };
  }
  return result('encryption', 'encrypted', verdict, fix, os);
};

function appleEncryption(source: AppleSource, settings: RuleSettings): Verdict {
  const info = source.securityInfo;
  if (source.os === 'macOS') {
    if (info?.fileVault === null || info?.fileVault === undefined) return unknown('SecurityInfo has not reported FDE_Enabled yet');
    return info.fileVault ? pass('FileVault on', 'SecurityInfo FDE_Enabled is true') : fail('FileVault off', 'SecurityInfo FDE_Enabled is false');
  }
  const caps = info?.hardwareEncryptionCaps ?? null;
  // Missing caps is "not reported", never a failure: older captures and some responses leave the key out.
  if (caps === null) return unknown('SecurityInfo has not reported HardwareEncryptionCaps yet');
  if ((caps & 3) !== 3) return fail('hardware encryption incomplete', `SecurityInfo HardwareEncryptionCaps is ${caps} (data protection needs 3: block- and file-level)`);
  // Stryker disable next-line OptionalChaining: info is non-null here (HardwareEncryptionCaps came from it above)
  if (info?.passcodePresent === true) return pass('data protection on', 'SecurityInfo HardwareEncryptionCaps 3 with PasscodePresent true');
  // Stryker disable next-line OptionalChaining: info is non-null here (HardwareEncryptionCaps came from it above)
  if (info?.passcodePresent === false) return fail('data protection off: no passcode', 'SecurityInfo HardwareEncryptionCaps 3 but PasscodePresent false');
  if (!source.userEnrollment) return unknown('SecurityInfo has not reported PasscodePresent yet');
  // User Enrolment hides PasscodePresent; a passcode that complies with our profile (which forces one) implies it.
  const compliance = appleProfileCompliance(source);
  if (compliance === 'compliant') {
    return pass('data protection on', 'HardwareEncryptionCaps 3 and PasscodeCompliant with the installed passcode profile (User Enrolment hides PasscodePresent)');
  }
  if (compliance.status === 'unknown' && settings.passcodeRequired === false && source.passcodeProfile === null) {
    return notReportable(settings, 'Apple User Enrolment hides whether a passcode is set and no passcode profile is required');
  }
  return compliance.status === 'fail' ? { ...compliance, actual: `data protection off: ${compliance.actual}` } : compliance;
}

const passcode: Rule = (facts, settings) => {
  if (!settings.passcodeRequired) return null;
  const os = osOf(facts);
  const fix = byOs(os, {
    ios: 'Open Settings → Face ID & Passcode (or Touch ID & Passcode) → Turn Passcode On and choose a passcode.',
    mac: 'Open System Settings → Users & Groups and set a login password for your account.',
    android: 'Open Settings → Security & privacy → Screen lock (or Device unlock → Screen lock) and choose a PIN or password.',
  });
  const source = facts.source;
  let verdict: Verdict;
  if (source?.kind === 'APPLE' && !(source.os !== 'macOS' && !source.userEnrollment)) {
    // User Enrolment and macOS do not report PasscodePresent; the installed profile (which forces a passcode) does.
    if (source.os === 'macOS' && source.userEnrollment) {
      verdict = notReportable(settings, 'macOS User Enrolment allows no passcode profile and reports no passcode state');
    } else {
      const compliance = appleProfileCompliance(source);
      verdict = compliance === 'compliant'
        ? pass('passcode set', source.os === 'macOS'
          ? 'the passcode policy profile (forcing a password) is installed and listed by ProfileList'
          : 'PasscodeCompliant with the installed passcode profile, which forces a passcode (User Enrolment hides PasscodePresent)')
        : compliance;
    }
  } else {
    const value = facts.source?.kind === 'APPLE' ? facts.source.securityInfo?.passcodePresent ?? facts.posture?.passcodePresent ?? null : facts.posture?.passcodePresent ?? null;
    const evidence = facts.platform === 'ANDROID' ? 'deviceSettings.isDeviceSecure' : 'SecurityInfo PasscodePresent';
    verdict = value === null ? unknown(evidence) : { status: value ? 'pass' : 'fail', actual: value ? 'passcode set' : 'no passcode', evidence };
  }
  return result('passcode', 'passcode set', verdict, fix, os);
};

/** Apple User Enrolment ignores most passcode profile keys and enforces a 6-character, non-simple passcode itself. */
const USER_ENROLLMENT_MIN_LENGTH = 6;

const passcodeLength: Rule = (facts, settings) => {
  const min = settings.passcodeMinLength;
  if (min === null) return null;
  const os = osOf(facts);
  const fix = byOs(os, {
    ios: `Open Settings → Face ID & Passcode → Change Passcode, tap Passcode Options and choose a code of at least ${min} digits or characters.`,
    mac: `Open System Settings → Users & Groups and change your login password to one of at least ${min} characters.`,
    android: `Open Settings → Security & privacy → Screen lock, confirm your current lock and choose a PIN or password of at least ${min} characters.`,
  });
  const expected = `at least ${min} characters`;
  const source = facts.source;
  let verdict: Verdict;
  if (source?.kind === 'APPLE') {
    verdict = appleEnforced(source, settings, (profile) => (profile.minLength ?? 0) >= min, () => {
      if (source.os === 'macOS') return 'macOS User Enrolment allows no passcode profile';
      return min <= USER_ENROLLMENT_MIN_LENGTH ? null : `Apple User Enrolment enforces ${USER_ENROLLMENT_MIN_LENGTH} characters and ignores longer minimums`;
    }, 'at least 6 characters, enforced by Apple User Enrolment with the passcode profile installed');
  } else if (source?.kind === 'ANDROID' || facts.platform === 'ANDROID') {
    verdict = androidEnforced(facts, source?.kind === 'ANDROID' ? source : null, 'password', (applied) => applied.passcodeMinLength !== null && applied.passcodeMinLength >= min,
      (applied) => `enforced by Android Device Policy${workProfileNote(source)}: at least ${applied.passcodeMinLength} characters`);
  } else {
    // Legacy path (no platform detail): the posture's enforced minimum.
    const length = facts.posture?.passcodeMinLength ?? null;
    if (facts.posture?.passcodePresent === false) verdict = fail('no passcode', 'posture passcodePresent false');
    else if (facts.posture?.passcodeCompliant === false) verdict = fail('passcode does not meet the enforced requirements', 'posture passcodeCompliant false');
    else if (length === null) verdict = unknown('no enforced minimum reported');
    else verdict = { status: length >= min ? 'pass' : 'fail', actual: `enforced minimum ${length} characters`, evidence: 'posture passcodeMinLength' };
  }
  return result('passcode_length', expected, verdict, fix, os);
};

const workProfileNote = (source: DeviceFacts['source']) => (source?.kind === 'ANDROID' && source.workProfile ? ' (work profile)' : '');

/**
 * Apple passcode requirements are enforced by the profile: pass when the profile we installed (derived from this
 * policy) is listed by the device, enforces at least what the policy asks, and the device says its passcode
 * complies. `userEnrollmentLimit` names why User Enrolment cannot enforce the requirement (null: it can).
 */
function appleEnforced(
  source: AppleSource,
  settings: RuleSettings,
  strongEnough: (profile: NonNullable<AppleSource['passcodeProfile']>) => boolean,
  userEnrollmentLimit: () => string | null,
  userEnrollmentActual: string,
): Verdict {
  if (source.userEnrollment) {
    const limit = userEnrollmentLimit();
    if (limit) return notReportable(settings, limit);
    const compliance = appleProfileCompliance(source);
    return compliance === 'compliant' ? pass(userEnrollmentActual, 'passcode profile listed by ProfileList and SecurityInfo PasscodeCompliant true') : compliance;
  }
  const compliance = appleProfileCompliance(source);
  if (compliance !== 'compliant') return compliance;
  const profile = source.passcodeProfile!;
  if (!strongEnough(profile)) return unknown('the installed passcode profile predates the policy; the updated profile is being installed', describeProfile(profile));
  return pass(describeProfile(profile), source.os === 'macOS'
    ? 'passcode policy profile acknowledged and listed by ProfileList (macOS enforces it on the account password)'
    : 'passcode policy profile listed by ProfileList and SecurityInfo PasscodeCompliantWithProfiles true');
}

/**
 * Android passcode requirements are enforced by the AMAPI policy the device applied: pass when the applied policy
 * asks for at least the requirement and the device reports no non-compliance for it; the device's own report of
 * an unmet requirement fails, and a requirement is never shown as the device's actual value.
 */
function androidEnforced(
  facts: DeviceFacts,
  source: AndroidSource | null,
  what: 'password' | 'lock',
  strongEnough: (posture: NonNullable<DeviceFacts['posture']>) => boolean,
  describe: (posture: NonNullable<DeviceFacts['posture']>) => string,
): Verdict {
  const posture = facts.posture;
  if (posture?.passcodePresent === false) return fail('no screen lock', 'deviceSettings.isDeviceSecure is false');
  const problems = what === 'password' ? source?.passwordProblems ?? [] : source?.lockProblems ?? [];
  const setting = what === 'password' ? 'passwordPolicies' : 'maximumTimeToLock';
  if (problems.length > 0) {
    return fail(`the device reports it does not meet the policy (${problems.join(', ')})`, `nonComplianceDetails for ${setting}`);
  }
  if (what === 'password' && posture?.passcodeCompliant === false) return fail('the device reports its password does not meet the policy', `nonComplianceDetails for ${setting}`);
  if (!posture || !strongEnough(posture)) {
    return unknown(what === 'password'
      ? 'appliedPasswordPolicies does not show the required policy yet (the device applies it at its next policy sync)'
      : 'the applied policy does not show the required maximumTimeToLock yet');
  }
  return pass(describe(posture), what === 'password'
    ? `appliedPasswordPolicies${workProfileNote(source)} and no ${setting} non-compliance reported`
    : `maximumTimeToLock of the applied policy and no ${setting} non-compliance reported`);
}

const autoLock: Rule = (facts, settings) => {
  const max = settings.maxAutoLockMinutes;
  if (max === null) return null;
  const os = osOf(facts);
  const fix = byOs(os, {
    ios: `Open Settings → Display & Brightness → Auto-Lock and choose ${max} minute${max === 1 ? '' : 's'} or less.`,
    mac: `Open System Settings → Lock Screen and set "Require password after screen saver begins or display is turned off" to ${max} minute${max === 1 ? '' : 's'} or less.`,
    android: `Open Settings → Display → Screen timeout and choose ${max} minute${max === 1 ? '' : 's'} or less.`,
  });
  const expected = `${max} minutes or less`;
  const source = facts.source;
  let verdict: Verdict;
  if (source?.kind === 'APPLE') {
    verdict = appleEnforced(source, settings, (profile) => profile.autoLockMinutes !== null && profile.autoLockMinutes <= max,
      () => 'Apple User Enrolment neither sets nor reports the auto-lock time', '');
  } else if (source?.kind === 'ANDROID' || facts.platform === 'ANDROID') {
    verdict = androidEnforced(facts, source?.kind === 'ANDROID' ? source : null, 'lock', (p) => p.autoLockMinutes !== null && p.autoLockMinutes <= max,
      (p) => `enforced by Android Device Policy: screen locks after ${minutes(p.autoLockMinutes!)} at most`);
  } else {
    const value = facts.posture?.autoLockMinutes ?? null;
    verdict = value === null ? unknown('no auto-lock reported') : { status: value <= max ? 'pass' : 'fail', actual: `${value} minutes`, evidence: 'posture autoLockMinutes' };
  }
  return result('auto_lock', expected, verdict, fix, os);
};

/** Numeric comparison of dotted versions ("17.4.1" vs "17.5"); missing parts count as 0; null when either cannot be read. */
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

/** The minimum for the device's own OS: iPads and Macs have theirs (iPadOS falls back to iOS, macOS to none). */
export function minimumFor(os: Os, settings: RuleSettings): string | null {
  if (os === 'iPadOS') return settings.minIPadOsVersion === undefined ? settings.minOsVersion : settings.minIPadOsVersion;
  if (os === 'macOS') return settings.minMacOsVersion ?? null;
  return settings.minOsVersion;
}

const osVersion: Rule = (facts, settings) => {
  const os = osOf(facts);
  const min = minimumFor(os, settings);
  if (min === null) return null;
  const { posture, device } = facts;
  const version = posture?.osVersion ?? device.osVersion;
  const fix = byOs(os, {
    ios: `Open Settings → General → Software Update and install ${os} ${min} or later. If it is not offered, this {device} is too old to keep using for work.`,
    mac: `Open System Settings → General → Software Update and install macOS ${min} or later. If it is not offered, this Mac is too old to keep using for work.`,
    android: `Open Settings → System → Software update (on some phones Settings → Software update) and install Android ${min} or later. If it is not offered, this phone is too old to keep using for work.`,
  });
  const expected = `${os} ${min} or later`;
  const evidence = facts.platform === 'APPLE' ? 'OSVersion from Authenticate and DeviceInformation' : 'softwareInfo.androidVersion';
  let verdict: Verdict;
  if (!version) verdict = unknown(evidence);
  else {
    const cmp = compareVersions(version, min);
    verdict = cmp === null
      ? unknown(`${evidence}: the version cannot be read`, `${os} ${version} (unreadable version)`)
      : { status: cmp >= 0 ? 'pass' : 'fail', actual: `${os} ${version}`, evidence };
  }
  return result('os_version', expected, verdict, fix, os);
};

/**
 * When the monthly patch after `level` became installable: security patch levels are dated the 1st or 5th of the
 * month of their bulletin, and the next one is dated the 1st of the following month.
 */
export function nextPatchLevelAfter(level: Date): Date {
  return new Date(Date.UTC(level.getUTCFullYear(), level.getUTCMonth() + 1, 1));
}

const patchAge: Rule = (facts, settings, now) => {
  const max = settings.maxPatchAgeDays;
  // Apple ships security fixes inside OS updates and reports no patch level; the OS version rule covers it.
  if (max === null || facts.platform !== 'ANDROID') return null;
  const level = facts.posture?.securityPatchLevel ?? null;
  const fix = 'Open Settings → Security & privacy → System & updates → Security update (on some phones Settings → Software update) and install the latest update.';
  const expected = `no more than ${max} days behind the monthly security patch`;
  const evidence = 'softwareInfo.securityPatchLevel; the next monthly patch level is dated the 1st of the following month';
  let verdict: Verdict;
  if (!level) verdict = unknown(evidence);
  else {
    const next = nextPatchLevelAfter(level);
    const behind = Math.floor((now.getTime() - next.getTime()) / DAY_MS);
    const actual = behind < 0
      ? `patch level ${level.toISOString().slice(0, 10)} (current)`
      : `patch level ${level.toISOString().slice(0, 10)}; the ${next.toISOString().slice(0, 7)} patch has been out for ${behind} days`;
    verdict = { status: now.getTime() - next.getTime() <= max * DAY_MS ? 'pass' : 'fail', actual, evidence };
  }
  return result('patch_age', expected, verdict, fix, 'Android');
};

const integrity: Rule = (facts, settings) => {
  if (!settings.integrityRequired) return null;
  const os = osOf(facts);
  const fix = byOs(os, {
    ios: 'This {device} looks jailbroken. Back it up, then restore it with the latest software (Settings → General → Transfer or Reset), or ask IT for help.',
    mac: 'This Mac looks modified. Ask IT for help.',
    android: 'This phone looks rooted or runs modified software. Reinstall the manufacturer’s official software and lock the bootloader, or ask IT for help.',
  });
  let verdict: Verdict;
  if (facts.platform === 'APPLE') {
    verdict = notReportable(settings, 'Apple MDM reports no jailbreak or tampering signal');
  } else {
    const compromised = facts.posture?.compromised ?? null;
    const evidence = 'securityPosture.devicePosture (SECURE passes; AT_RISK and POTENTIALLY_COMPROMISED fail)';
    verdict = compromised === null
      ? unknown(evidence)
      : { status: compromised ? 'fail' : 'pass', actual: compromised ? 'rooted or modified software' : 'intact', evidence };
  }
  return result('integrity', 'not jailbroken or rooted', verdict, fix, os);
};

const checkIn: Rule = (facts, settings, now) => {
  const max = settings.maxCheckInAgeDays;
  if (max === null) return null;
  const os = osOf(facts);
  const last = facts.posture?.lastCheckInAt ?? facts.device.lastSeenAt;
  const fix = byOs(os, {
    ios: 'Connect your {device} to the internet and unlock it. If it still does not report, check Settings → General → VPN & Device Management: the management profile must still be installed.',
    mac: 'Connect the Mac to the internet and log in. If it still does not report, check System Settings → General → Device Management: the management profile must still be installed.',
    android: 'Connect the phone to the internet and unlock it. If it still does not report, open Settings → Passwords & accounts (or Accounts) and check the work profile is switched on and not paused.',
  });
  const expected = `reported within ${max} days`;
  const evidence = facts.platform === 'APPLE' ? 'time of the last signed MDM request from the device' : 'lastStatusReportTime of the last status report';
  let verdict: Verdict;
  if (!last) verdict = unknown(evidence, 'never reported');
  else {
    const days = Math.floor((now.getTime() - last.getTime()) / DAY_MS);
    verdict = { status: now.getTime() - last.getTime() <= max * DAY_MS ? 'pass' : 'fail', actual: `last report ${days} days ago`, evidence };
  }
  return result('check_in', expected, verdict, fix, os);
};

const mfa: Rule = (facts, settings) => {
  if (!settings.mfaRequired) return null;
  const os = osOf(facts);
  const fix = 'Sign in to the staff portal and set up two-step verification with an authenticator app (Account → Two-step verification).';
  const { user } = facts;
  const evidence = 'the device user’s account in this service';
  const verdict: Verdict = !user
    ? unknown(evidence, 'no user assigned to the device')
    : { status: user.mfaEnrolled ? 'pass' : 'fail', actual: user.mfaEnrolled ? 'MFA enrolled' : 'MFA not enrolled', evidence };
  return result('mfa', 'user has MFA', verdict, fix, os);
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
