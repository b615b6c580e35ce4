import type { Ownership } from '../../generated/prisma/enums.js';
import type { PostureReport } from '../../domain/posture.js';
import type { AndroidSource } from '../../domain/compliance/rules.js';
import type { AmapiDevice, NonComplianceDetail } from './amapi-types.js';

/** Everything a Device resource tells us, split by where it is stored. */
export interface AndroidDeviceFacts {
  amapiName: string;
  ownership: Ownership | null;
  deleted: boolean;
  /** When the device produced this snapshot; orders reports (Pub/Sub is unordered). Null if it says nothing. */
  reportedAt: Date | null;
  posture: PostureReport;
  device: { model?: string | null; serialNumber?: string | null; osVersion?: string | null };
  android: {
    managementMode: string | null;
    ownership: string | null;
    appliedState: string | null;
    policyName: string | null;
    appliedPolicyVersion: string | null;
    policyCompliant: boolean | null;
    nonComplianceDetails: NonComplianceDetail[];
    securityPosture: string | null;
    securityRisks: string[];
    apiLevel: number | null;
  };
}

const ENCRYPTED_STATUSES = new Set(['ACTIVE', 'ACTIVE_PER_USER']);
const PASSWORD_SETTINGS = new Set(['passwordPolicies', 'passwordRequirements']);

export function amapiOwnership(value: string | undefined): Ownership | null {
  if (value === 'COMPANY_OWNED') return 'CORPORATE';
  if (value === 'PERSONALLY_OWNED') return 'PERSONAL';
  return null;
}

/** AMAPI's `YYYY-MM-DD` patch level as a UTC date; null when absent or malformed. */
export function parsePatchLevel(value: string | undefined): Date | null {
  if (!value || !/^\d{4}-\d{2}-\d{2}$/.test(value)) return null;
  const date = new Date(`${value}T00:00:00Z`);
  // Date rolls a day past the month's end over ('2026-02-30' → 2 March) instead of refusing it.
  return Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== value ? null : date;
}

function parseTime(value: string | undefined): Date | null {
  if (!value) return null;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? null : date;
}

/**
 * Maps a Device resource (ENROLLMENT / STATUS_REPORT payload or devices.get) to our posture.
 * `enforcedMaxTimeToLockMs` is the maximumTimeToLock of the policy the device applied: Android reports no lock
 * timeout of its own, it enforces the policy's, so the value counts only while no non-compliance names it.
 * On a personally-owned device only work-profile facts are kept: no serial number or other hardware identifier
 * (the model is kept: it identifies a product, not a phone), and non-compliance details lose package names and values.
 */
export function deviceFacts(device: AmapiDevice, enforcedMaxTimeToLockMs?: number | null): AndroidDeviceFacts {
  const ownership = amapiOwnership(device.ownership);
  const personal = ownership !== 'CORPORATE';
  const details = device.nonComplianceDetails ?? [];
  const settings = device.deviceSettings;
  const software = device.softwareInfo;
  const posture: PostureReport = {};
  const reportedAt = parseTime(device.lastStatusReportTime) ?? parseTime(device.enrollmentTime);

  if (settings) {
    if (settings.isEncrypted !== undefined || settings.encryptionStatus !== undefined) {
      // ACTIVE_DEFAULT_KEY is encrypted with a key not bound to the user's credential: not protection at rest.
      posture.encrypted = settings.isEncrypted === true && ENCRYPTED_STATUSES.has(settings.encryptionStatus ?? '');
    }
    if (settings.isDeviceSecure !== undefined) posture.passcodePresent = settings.isDeviceSecure;
  }
  if (device.policyCompliant !== undefined || device.nonComplianceDetails !== undefined) {
    const passwordIssue = details.some((d) => PASSWORD_SETTINGS.has(d.settingName ?? ''));
    posture.passcodeCompliant = !passwordIssue && (posture.passcodePresent ?? settings?.isDeviceSecure ?? true);
    if (enforcedMaxTimeToLockMs !== undefined && enforcedMaxTimeToLockMs !== null && enforcedMaxTimeToLockMs > 0) {
      const lockIssue = details.some((d) => d.settingName === 'maximumTimeToLock');
      posture.autoLockMinutes = lockIssue ? null : Math.ceil(enforcedMaxTimeToLockMs / 60_000);
    }
  }
  const scope = personal ? 'SCOPE_PROFILE' : 'SCOPE_DEVICE';
  const lengths = (device.appliedPasswordPolicies ?? [])
    .filter((p) => !p.passwordScope || p.passwordScope === 'SCOPE_UNSPECIFIED' || p.passwordScope === scope)
    .map((p) => p.passwordMinimumLength)
    .filter((n): n is number => typeof n === 'number');
  if (lengths.length > 0) posture.passcodeMinLength = Math.max(...lengths);
  if (software) {
    if (software.androidVersion !== undefined) posture.osVersion = software.androidVersion;
    if (software.androidBuildNumber !== undefined) posture.osBuild = software.androidBuildNumber;
    if (software.securityPatchLevel !== undefined) posture.securityPatchLevel = parsePatchLevel(software.securityPatchLevel);
  }
  const devicePosture = device.securityPosture?.devicePosture;
  if (devicePosture === 'SECURE') posture.compromised = false;
  else if (devicePosture === 'AT_RISK' || devicePosture === 'POTENTIALLY_COMPROMISED') posture.compromised = true;
  else if (devicePosture !== undefined) posture.compromised = null;
  if (device.managementMode === 'DEVICE_OWNER') posture.supervised = true;
  else if (device.managementMode === 'PROFILE_OWNER') posture.supervised = false;
  if (reportedAt) posture.lastCheckInAt = reportedAt;

  const hardware = device.hardwareInfo;
  return {
    amapiName: device.name ?? '',
    ownership,
    deleted: device.appliedState === 'DELETED' || device.state === 'DELETED',
    reportedAt,
    posture,
    device: {
      ...(hardware?.model !== undefined ? { model: hardware.model } : {}),
      ...(!personal && hardware?.serialNumber !== undefined ? { serialNumber: hardware.serialNumber } : {}),
      ...(software?.androidVersion !== undefined ? { osVersion: software.androidVersion } : {}),
    },
    android: {
      managementMode: device.managementMode ?? null,
      ownership: device.ownership ?? null,
      appliedState: device.appliedState ?? device.state ?? null,
      policyName: device.appliedPolicyName ?? device.policyName ?? null,
      appliedPolicyVersion: device.appliedPolicyVersion ?? null,
      policyCompliant: device.policyCompliant ?? null,
      nonComplianceDetails: personal ? details.map(({ packageName: _p, currentValue: _c, ...rest }) => rest) : details,
      securityPosture: devicePosture ?? null,
      securityRisks: (device.securityPosture?.postureDetails ?? []).map((d) => d.securityRisk).filter((r): r is string => !!r),
      apiLevel: device.apiLevel ?? null,
    },
  };
}

/** The device's own verdict on the applied policy, for the rules (password and lock-timeout non-compliance). */
export function androidSource(input: { managementMode: string | null; nonComplianceDetails: unknown }): AndroidSource {
  const details = (Array.isArray(input.nonComplianceDetails) ? input.nonComplianceDetails : []) as NonComplianceDetail[];
  const reasons = (names: Set<string>) =>
    details.filter((d) => names.has(d.settingName ?? '')).map((d) => d.specificNonComplianceReason ?? d.nonComplianceReason ?? 'NON_COMPLIANCE_REASON_UNSPECIFIED');
  return {
    kind: 'ANDROID',
    workProfile: input.managementMode === 'PROFILE_OWNER',
    passwordProblems: reasons(PASSWORD_SETTINGS),
    lockProblems: reasons(new Set(['maximumTimeToLock'])),
  };
}
