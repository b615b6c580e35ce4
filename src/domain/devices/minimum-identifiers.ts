import { createHash } from 'node:crypto';
import type { Ownership } from '../../generated/prisma/enums.js';

/**
 * Keys that identify a phone's hardware, its subscriber or what is installed on it. On a personal device we keep
 * none of them: compliance needs OS version, encryption and passcode facts, not who the phone is.
 */
export const HARDWARE_IDENTIFIER_KEYS: ReadonlySet<string> = new Set([
  'UDID', 'SerialNumber', 'IMEI', 'MEID', 'ICCID', 'EID', 'PhoneNumber', 'BluetoothMAC', 'WiFiMAC', 'EthernetMAC', 'EthernetMACs',
  'ServiceSubscriptions', 'CarrierSettingsVersion', 'ModemFirmwareVersion', 'SubscriberCarrierNetwork', 'CurrentCarrierNetwork',
  'InstalledApplicationList', 'ManagedApplicationList', 'AvailableOSUpdates',
]);

export const keepsHardwareIdentifiers = (ownership: Ownership) => ownership === 'CORPORATE';

/** `value` with every HARDWARE_IDENTIFIER_KEYS entry removed at any depth (input is already depth-limited). */
export function withoutHardwareIdentifiers<T>(value: T): T {
  if (Array.isArray(value)) return value.map((item) => withoutHardwareIdentifiers(item)) as T;
  if (value === null || typeof value !== 'object' || value instanceof Uint8Array || value instanceof Date) return value;
  return Object.fromEntries(
    Object.entries(value).filter(([key]) => !HARDWARE_IDENTIFIER_KEYS.has(key)).map(([key, inner]) => [key, withoutHardwareIdentifiers(inner)]),
  ) as T;
}

/**
 * How a device's MDM identity (UDID, or User Enrolment's EnrollmentID) is stored: as sent for corporate devices and
 * User Enrolment (an EnrollmentID is already per-enrolment and anonymous), as a SHA-256 for a personal device
 * enrolment, so the UDID itself is never kept while requests can still be matched to their enrolment.
 */
export function storedDeviceIdentity(identityId: string, kind: 'DEVICE' | 'USER', ownership: Ownership): string {
  if (kind === 'USER' || keepsHardwareIdentifiers(ownership)) return identityId;
  return hashedDeviceIdentity(identityId);
}

export const hashedDeviceIdentity = (identityId: string) => `sha256:${createHash('sha256').update(identityId).digest('hex')}`;

/** Whether a stored identity (either form) is the one a request names. */
export function matchesStoredIdentity(stored: string | null, identityId: string): boolean {
  if (stored === null) return false;
  return stored === identityId || stored === hashedDeviceIdentity(identityId);
}

/**
 * Shown with every privacy notice (GET /v1/privacy-notices/current), whatever an organisation writes in its own
 * text, so staff always see what this server keeps about a personal phone.
 */
export const PERSONAL_DEVICE_DATA_STATEMENT =
  'On a personal phone or tablet this service stores no serial number, UDID, IMEI, MEID, phone number or list of apps. ' +
  'It keeps only what compliance needs: the model, OS version and security patch level, whether storage is encrypted, ' +
  'whether a passcode is set and meets the policy, and when the device last checked in. ' +
  'Your manager sees only whether the device is compliant and which rules fail, never details of the device.';
