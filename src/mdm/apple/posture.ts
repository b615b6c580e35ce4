import type { PostureReport } from '../../domain/posture.js';
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

export function postureFromSecurityInfo(result: PlistDict): PostureReport {
  const info = isDict(result.SecurityInfo) ? result.SecurityInfo : {};
  const report: PostureReport = {};
  const passcodePresent = typeof info.PasscodePresent === 'boolean' ? info.PasscodePresent : undefined;
  if (passcodePresent !== undefined) report.passcodePresent = passcodePresent;
  if (typeof info.PasscodeCompliant === 'boolean') report.passcodeCompliant = info.PasscodeCompliant;

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
