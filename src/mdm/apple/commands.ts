import { encodePlist, fromJsonValue, type PlistDict } from './plist.js';

/**
 * The MDM commands this server sends, what each needs from the enrolment, and how they go on the wire.
 * Availability follows Apple's schema (mdm/commands/*.yaml, `userenrollment.mode`) and the AccessRights the
 * enrolment profile asked for.
 */
export const APPLE_REQUEST_TYPES = [
  'DeviceInformation',
  'SecurityInfo',
  'ProfileList',
  'InstallProfile',
  'RemoveProfile',
  'DeviceLock',
  'EraseDevice',
] as const;
export type AppleRequestType = (typeof APPLE_REQUEST_TYPES)[number];

export const ACCESS_RIGHTS = {
  inspectProfiles: 1,
  installProfiles: 2,
  deviceLock: 4,
  deviceErase: 8,
  deviceInfo: 16,
  networkInfo: 32,
  securityQueries: 1024,
  all: 8191,
} as const;

/** Corporate devices: every right. */
export const CORPORATE_ACCESS_RIGHTS = ACCESS_RIGHTS.all;
/** Personal devices: posture queries and removing what we installed; no lock, no erase, no app or network inventory. */
export const PERSONAL_ACCESS_RIGHTS =
  ACCESS_RIGHTS.inspectProfiles | ACCESS_RIGHTS.installProfiles | ACCESS_RIGHTS.deviceInfo | ACCESS_RIGHTS.securityQueries;

const REQUIRED_RIGHT: Record<AppleRequestType, number> = {
  DeviceInformation: ACCESS_RIGHTS.deviceInfo,
  SecurityInfo: ACCESS_RIGHTS.securityQueries,
  ProfileList: ACCESS_RIGHTS.inspectProfiles,
  InstallProfile: ACCESS_RIGHTS.installProfiles,
  RemoveProfile: ACCESS_RIGHTS.installProfiles,
  DeviceLock: ACCESS_RIGHTS.deviceLock,
  EraseDevice: ACCESS_RIGHTS.deviceErase,
};

export interface EnrollmentTraits {
  /** USER = User Enrolment (EnrollmentID). Unknown until Authenticate: treat a pending User Enrolment as USER. */
  kind: 'DEVICE' | 'USER';
  ownership: 'CORPORATE' | 'PERSONAL';
  accessRights: number;
  macOS: boolean;
}

/**
 * Why `requestType` cannot be sent to this enrolment, or null when it can. Checked by the API before anything
 * is queued, so a command the device would refuse never waits in the queue.
 */
export function refusal(requestType: AppleRequestType, traits: EnrollmentTraits): string | null {
  if (requestType === 'EraseDevice') {
    if (traits.kind === 'USER') return 'EraseDevice is not available on User Enrolment; remove the managed data instead (RemoveProfile)';
    if (traits.ownership === 'PERSONAL') return 'EraseDevice is refused on personal devices; remove the managed data instead (RemoveProfile)';
  }
  if (requestType === 'DeviceLock' && traits.kind === 'USER' && traits.macOS) return 'DeviceLock is not available on macOS User Enrolment';
  // AccessRights do not apply to User Enrolment: Apple's schema decides there.
  if (traits.kind === 'DEVICE' && (traits.accessRights & REQUIRED_RIGHT[requestType]) === 0) {
    return `${requestType} is outside the rights this device's enrolment profile granted`;
  }
  return null;
}

/** DeviceInformation queries for posture. User Enrolment may not ask for hardware identifiers. */
export function postureQueries(kind: 'DEVICE' | 'USER'): string[] {
  const common = ['OSVersion', 'BuildVersion', 'ProductName', 'Model', 'ModelName', 'DeviceName', 'IsSupervised'];
  return kind === 'USER' ? common : [...common, 'SerialNumber', 'IsDeviceLocatorServiceEnabled', 'IsActivationLockEnabled'];
}

export const isMacProduct = (productName: string | null | undefined) => !!productName && /^(i?Mac|MacBook|Macmini|MacPro|VirtualMac)/i.test(productName);

/**
 * The plist sent on the connect channel. The command UUID is our Command row id, so results map back without a
 * lookup table. `payload` is the stored JSON form (binary as `{ $data: base64 }`).
 */
export function encodeCommand(commandUuid: string, requestType: string, payload: Record<string, unknown>): Buffer {
  const command: PlistDict = { RequestType: requestType, ...(fromJsonValue(payload) as PlistDict) };
  return encodePlist({ CommandUUID: commandUuid, Command: command });
}

/**
 * What removing the enrolment profile (RemoveProfile with its PayloadIdentifier) takes off an Apple device when it is
 * retired. On User Enrolment (personal) only the managed side goes: the managed Apple Account, its separate volume
 * with managed apps and their data, and the profiles we installed; the person's own data was never reachable.
 */
export function retirementEffect(traits: Pick<EnrollmentTraits, 'kind' | 'ownership'>): { effect: 'MANAGED_DATA_ONLY' | 'MANAGEMENT_PROFILE'; description: string } {
  if (traits.kind === 'USER' || traits.ownership === 'PERSONAL') {
    return {
      effect: 'MANAGED_DATA_ONLY',
      description: 'Removes the management profile and with it only the managed data (managed apps and their data, work accounts, the profiles we installed); personal data is untouched.',
    };
  }
  return {
    effect: 'MANAGEMENT_PROFILE',
    description: 'Removes the management profile and everything installed through it (managed apps and their data, accounts, profiles); the device is not erased (use a full wipe for that).',
  };
}
