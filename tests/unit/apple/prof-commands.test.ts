import { describe, expect, it } from 'vitest';
import {
  ACCESS_RIGHTS, APPLE_REQUEST_TYPES, CORPORATE_ACCESS_RIGHTS, PERSONAL_ACCESS_RIGHTS, isMacProduct, postureQueries, refusal, retirementEffect,
  type EnrollmentTraits,
} from '../../../src/mdm/apple/commands.js';

const corporateMac: EnrollmentTraits = { kind: 'DEVICE', ownership: 'CORPORATE', accessRights: CORPORATE_ACCESS_RIGHTS, macOS: true };
const iosUserEnrolment: EnrollmentTraits = { kind: 'USER', ownership: 'PERSONAL', accessRights: 0, macOS: false };
const macUserEnrolment: EnrollmentTraits = { ...iosUserEnrolment, macOS: true };

describe('which commands an Apple enrolment may receive', () => {
  it('a corporate Mac under device enrolment can be locked: only macOS *User Enrolment* forbids DeviceLock', () => {
    expect(refusal('DeviceLock', corporateMac)).toBeNull();
    expect(refusal('DeviceLock', macUserEnrolment)).toBe('DeviceLock is not available on macOS User Enrolment');
  });

  it('macOS User Enrolment still takes the commands Apple allows there (profiles and posture queries)', () => {
    for (const type of ['DeviceInformation', 'SecurityInfo', 'ProfileList', 'InstallProfile', 'RemoveProfile'] as const) {
      expect(refusal(type, macUserEnrolment)).toBeNull();
    }
  });

  it('User Enrolment is judged by Apple\'s schema, not by AccessRights (Apple ignores them there)', () => {
    // No rights at all recorded: iOS User Enrolment may still be locked and queried.
    expect(refusal('DeviceLock', iosUserEnrolment)).toBeNull();
    expect(refusal('SecurityInfo', iosUserEnrolment)).toBeNull();
  });

  it('erase is refused on User Enrolment even when the enrolment is recorded as corporate, with the remedy', () => {
    const message = refusal('EraseDevice', { ...iosUserEnrolment, ownership: 'CORPORATE', accessRights: CORPORATE_ACCESS_RIGHTS });
    expect(message).toBe('EraseDevice is not available on User Enrolment; remove the managed data instead (RemoveProfile)');
  });

  it('erase is refused on a personal device under device enrolment, even if its profile granted the erase right', () => {
    const message = refusal('EraseDevice', { kind: 'DEVICE', ownership: 'PERSONAL', accessRights: CORPORATE_ACCESS_RIGHTS, macOS: false });
    expect(message).toBe('EraseDevice is refused on personal devices; remove the managed data instead (RemoveProfile)');
  });

  it('each command needs its own AccessRights bit on a device enrolment, and names the command when it is missing', () => {
    const required: Record<(typeof APPLE_REQUEST_TYPES)[number], number> = {
      DeviceInformation: ACCESS_RIGHTS.deviceInfo,
      SecurityInfo: ACCESS_RIGHTS.securityQueries,
      ProfileList: ACCESS_RIGHTS.inspectProfiles,
      InstallProfile: ACCESS_RIGHTS.installProfiles,
      RemoveProfile: ACCESS_RIGHTS.installProfiles,
      DeviceLock: ACCESS_RIGHTS.deviceLock,
      EraseDevice: ACCESS_RIGHTS.deviceErase,
    };
    for (const type of APPLE_REQUEST_TYPES) {
      const base = { kind: 'DEVICE', ownership: 'CORPORATE', macOS: false } as const;
      expect(refusal(type, { ...base, accessRights: required[type] })).toBeNull();
      expect(refusal(type, { ...base, accessRights: CORPORATE_ACCESS_RIGHTS & ~required[type] })).toBe(
        `${type} is outside the rights this device's enrolment profile granted`,
      );
    }
  });

  it('personal access rights leave out lock, erase and network inventory (Apple bits 4, 8, 32)', () => {
    expect(PERSONAL_ACCESS_RIGHTS).toBe(1 | 2 | 16 | 1024);
    expect(CORPORATE_ACCESS_RIGHTS).toBe(8191);
  });
});

describe('posture queries', () => {
  it('User Enrolment asks only for what Apple lets it read: no serial number, Find My or Activation Lock state', () => {
    expect(postureQueries('USER')).toEqual(['OSVersion', 'BuildVersion', 'ProductName', 'Model', 'ModelName', 'DeviceName', 'IsSupervised']);
  });

  it('device enrolment also asks for the serial number, Find My and Activation Lock', () => {
    expect(postureQueries('DEVICE')).toEqual([
      'OSVersion', 'BuildVersion', 'ProductName', 'Model', 'ModelName', 'DeviceName', 'IsSupervised',
      'SerialNumber', 'IsDeviceLocatorServiceEnabled', 'IsActivationLockEnabled',
    ]);
  });
});

describe('telling a Mac from an iPhone or iPad by ProductName', () => {
  it('recognises every Mac model family Apple reports, whatever the case', () => {
    for (const product of ['iMac21,1', 'Mac14,7', 'MacBookPro18,3', 'MacBookAir10,1', 'Macmini9,1', 'MacPro7,1', 'VirtualMac2,1', 'macbookpro18,3']) {
      expect(isMacProduct(product), product).toBe(true);
    }
  });

  it('iPhones, iPads and names that merely contain "Mac" further in are not Macs; an unknown product is not a Mac', () => {
    for (const product of ['iPhone15,2', 'iPad13,4', 'AppleTV11,1', 'Watch6,1', 'HackerMac1,1', '']) expect(isMacProduct(product), product).toBe(false);
    expect(isMacProduct(null)).toBe(false);
    expect(isMacProduct(undefined)).toBe(false);
  });
});

describe('what retiring an Apple device removes', () => {
  it('a corporate device enrolment loses the management profile and everything installed through it, without an erase', () => {
    expect(retirementEffect({ kind: 'DEVICE', ownership: 'CORPORATE' })).toEqual({
      effect: 'MANAGEMENT_PROFILE',
      description:
        'Removes the management profile and everything installed through it (managed apps and their data, accounts, profiles); the device is not erased (use a full wipe for that).',
    });
  });

  it('a personal device or any User Enrolment loses only the managed data; personal data is untouched', () => {
    const managedOnly = {
      effect: 'MANAGED_DATA_ONLY',
      description:
        'Removes the management profile and with it only the managed data (managed apps and their data, work accounts, the profiles we installed); personal data is untouched.',
    };
    expect(retirementEffect({ kind: 'DEVICE', ownership: 'PERSONAL' })).toEqual(managedOnly);
    expect(retirementEffect({ kind: 'USER', ownership: 'PERSONAL' })).toEqual(managedOnly);
    expect(retirementEffect({ kind: 'USER', ownership: 'CORPORATE' })).toEqual(managedOnly);
  });
});
