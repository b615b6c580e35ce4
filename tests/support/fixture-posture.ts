import { parse as parsePlist } from 'plist';
import type { PostureReport } from '../../src/domain/posture.js';

interface AndroidDevice {
  ownership?: string;
  lastStatusReportTime?: string;
  softwareInfo?: { androidVersion?: string; androidBuildNumber?: string; securityPatchLevel?: string };
  deviceSettings?: { isDeviceSecure?: boolean; isEncrypted?: boolean; encryptionStatus?: string };
  securityPosture?: { devicePosture?: string };
  appliedPasswordPolicies?: { passwordMinimumLength?: number }[];
  nonComplianceDetails?: { settingName?: string }[];
}

/**
 * Normalised posture from an AMAPI Device resource, following the mapping in shared/reference/android.md §9
 * (encrypted = isEncrypted with an ACTIVE* status; integrity from securityPosture; passcode length from the applied
 * password policy, and only when the device does not report the password policy as unmet).
 */
export function postureFromAndroidDevice(json: string): PostureReport {
  const device = JSON.parse(json) as AndroidDevice;
  const settings = device.deviceSettings ?? {};
  const passwordUnmet = (device.nonComplianceDetails ?? []).some((d) => d.settingName === 'passwordPolicies');
  const appliedLength = device.appliedPasswordPolicies?.[0]?.passwordMinimumLength ?? null;
  const posture = device.securityPosture?.devicePosture;
  return {
    encrypted: settings.isEncrypted === undefined ? null : settings.isEncrypted && (settings.encryptionStatus ?? '').startsWith('ACTIVE'),
    passcodePresent: settings.isDeviceSecure ?? null,
    passcodeCompliant: passwordUnmet ? false : appliedLength !== null ? true : null,
    passcodeMinLength: passwordUnmet ? null : appliedLength,
    osVersion: device.softwareInfo?.androidVersion ?? null,
    osBuild: device.softwareInfo?.androidBuildNumber ?? null,
    securityPatchLevel: device.softwareInfo?.securityPatchLevel ? new Date(`${device.softwareInfo.securityPatchLevel}T00:00:00Z`) : null,
    compromised: posture === undefined || posture === 'POSTURE_UNSPECIFIED' ? null : posture !== 'SECURE',
    lastCheckInAt: device.lastStatusReportTime ? new Date(device.lastStatusReportTime) : null,
  };
}

/** Normalised posture from Apple SecurityInfo and DeviceInformation command results (shared/reference/apple.md). */
export function postureFromAppleResponses(securityInfoXml: string, deviceInformationXml: string, receivedAt: Date): PostureReport {
  const security = (parsePlist(securityInfoXml) as { SecurityInfo: Record<string, unknown> }).SecurityInfo;
  const info = (parsePlist(deviceInformationXml) as { QueryResponses: Record<string, unknown> }).QueryResponses;
  const present = typeof security.PasscodePresent === 'boolean' ? security.PasscodePresent : null;
  return {
    // Data protection is on only with full hardware caps and a passcode.
    encrypted: present === null ? null : security.HardwareEncryptionCaps === 3 && present,
    passcodePresent: present,
    passcodeCompliant: typeof security.PasscodeCompliant === 'boolean' ? security.PasscodeCompliant : null,
    osVersion: typeof info.OSVersion === 'string' ? info.OSVersion : null,
    osBuild: typeof info.BuildVersion === 'string' ? info.BuildVersion : null,
    lastCheckInAt: receivedAt,
  };
}
