import type { PostureReport } from '../../domain/posture.js';
import type { AppleSource } from '../../domain/compliance/rules.js';
import { isMacProduct } from './commands.js';
import { isDict, type PlistDict } from './plist.js';

/**
 * Normalised posture from command results. A key the device did not send stays undefined ("not reported"),
 * never false: User Enrolment hides PasscodePresent, macOS reports FileVault instead of data protection.
 */
export function postureFromDeviceInformation(result: PlistDict): PostureReport {
  const answers = isDict(result.QueryResponses) ? result.QueryResponses : {};
  const report: PostureReport = {};
  if (typeof answers.OSVersion === 'string') report.osVersion = answers.OSVersion;
  if (typeof answers.BuildVersion === 'string') report.osBuild = answers.BuildVersion;
  if (typeof answers.IsSupervised === 'boolean') report.supervised = answers.IsSupervised;
  return report;
}

/** Device facts worth showing on the Device row (only what the device itself reported). */
export function deviceFactsFromDeviceInformation(result: PlistDict, kind: 'DEVICE' | 'USER') {
  const answers = isDict(result.QueryResponses) ? result.QueryResponses : {};
  const text = (key: string) => (typeof answers[key] === 'string' && answers[key] ? (answers[key] as string) : undefined);
  return {
    model: text('ModelName') ?? text('ProductName') ?? text('Model'),
    displayName: text('DeviceName'),
    osVersion: text('OSVersion'),
    // User Enrolment must not reveal the serial; ignore one even if something sent it.
    serialNumber: kind === 'DEVICE' ? text('SerialNumber') : undefined,
  };
}

/**
 * `kind` picks the compliance key: device enrolment reports PasscodeCompliantWithProfiles (our profiles only),
 * User Enrolment only PasscodeCompliant (Apple forbids the former there, and PasscodePresent too).
 */
export function postureFromSecurityInfo(result: PlistDict, kind: 'DEVICE' | 'USER' = 'DEVICE'): PostureReport {
  const info = isDict(result.SecurityInfo) ? result.SecurityInfo : {};
  const report: PostureReport = {};
  const passcodePresent = typeof info.PasscodePresent === 'boolean' ? info.PasscodePresent : undefined;
  if (passcodePresent !== undefined) report.passcodePresent = passcodePresent;
  const compliant = securityInfoCompliance(info, kind);
  if (compliant !== null) report.passcodeCompliant = compliant;

  if (typeof info.FDE_Enabled === 'boolean') {
    report.encrypted = info.FDE_Enabled;
  } else if (typeof info.HardwareEncryptionCaps === 'number') {
    // iOS data protection needs both block- and file-level encryption (3) and a passcode to protect the keys.
    const capable = (info.HardwareEncryptionCaps & 3) === 3;
    if (!capable) report.encrypted = false;
    else if (passcodePresent !== undefined) report.encrypted = passcodePresent;
  }
  return report;
}

/** The passcode verdict that fits the enrolment type, or null when the device did not send it. */
export function securityInfoCompliance(info: PlistDict, kind: 'DEVICE' | 'USER'): boolean | null {
  const key = kind === 'USER' ? 'PasscodeCompliant' : 'PasscodeCompliantWithProfiles';
  if (typeof info[key] === 'boolean') return info[key] as boolean;
  // Older device-enrolment captures may lack the profile-only key; the overall verdict is stricter, so it may stand in.
  if (kind === 'DEVICE' && typeof info.PasscodeCompliant === 'boolean') return info.PasscodeCompliant;
  return null;
}

/**
 * What the rules need to judge an Apple device the way Apple reports it: the OS family (from the product name),
 * the enrolment type, the last SecurityInfo and the state of the passcode policy profile.
 */
export function appleSource(input: {
  productName: string | null;
  enrollmentType: 'DEVICE' | 'USER';
  lastSecurityInfo: unknown;
  passcodeProfile: { state: string; settings: unknown } | null;
}): AppleSource {
  const product = input.productName ?? '';
  const raw = isDict(input.lastSecurityInfo) && isDict(input.lastSecurityInfo.SecurityInfo) ? input.lastSecurityInfo.SecurityInfo : null;
  const macOS = isMacProduct(product) || (raw !== null && typeof raw.FDE_Enabled === 'boolean');
  const os = macOS ? 'macOS' : /^iPad/i.test(product) ? 'iPadOS' : 'iOS';
  const bool = (v: unknown) => (typeof v === 'boolean' ? v : null);
  const profile = input.passcodeProfile;
  const settings = (isDict(profile?.settings) ? profile.settings : {}) as Record<string, unknown>;
  const num = (v: unknown) => (typeof v === 'number' ? v : null);
  return {
    kind: 'APPLE',
    os,
    userEnrollment: input.enrollmentType === 'USER',
    securityInfo: raw && {
      hardwareEncryptionCaps: typeof raw.HardwareEncryptionCaps === 'number' ? raw.HardwareEncryptionCaps : null,
      passcodePresent: bool(raw.PasscodePresent),
      passcodeCompliant: securityInfoCompliance(raw, input.enrollmentType),
      fileVault: bool(raw.FDE_Enabled),
    },
    passcodeProfile: profile && {
      state: profile.state === 'VERIFIED' ? 'VERIFIED' : profile.state === 'REFUSED' ? 'REFUSED' : 'PENDING',
      minLength: num(settings.minLength),
      autoLockMinutes: num(settings.autoLockMinutes),
      maxFailedAttempts: num(settings.maxFailedAttempts),
    },
  };
}
