import { describe, expect, it } from 'vitest';
import { decideReEnrolment, survivesDeviceSideUnenrolment } from '../../../src/domain/devices/re-enrolment.js';
import { hashedDeviceIdentity, matchesStoredIdentity, storedDeviceIdentity } from '../../../src/domain/devices/minimum-identifiers.js';

describe('re-enrolment: when a new enrolment may take over an existing device record', () => {
  it('lets a phone re-install its own profile: same person, same ownership', () => {
    expect(decideReEnrolment({ userId: 'anna', ownership: 'CORPORATE' }, { userId: 'anna', ownership: 'CORPORATE' })).toEqual({ allowed: true });
    expect(decideReEnrolment({ userId: 'anna', ownership: 'PERSONAL' }, { userId: 'anna', ownership: 'PERSONAL' })).toEqual({ allowed: true });
  });

  it("refuses a colleague claiming another person's device identity", () => {
    expect(decideReEnrolment({ userId: 'anna', ownership: 'CORPORATE' }, { userId: 'mallory', ownership: 'CORPORATE' }))
      .toEqual({ allowed: false, reason: 'the device is enrolled for another user' });
  });

  it('refuses a personal enrolment naming a corporate device (it would end the enrolment and cancel its wipe)', () => {
    expect(decideReEnrolment({ userId: 'anna', ownership: 'CORPORATE' }, { userId: 'anna', ownership: 'PERSONAL' }))
      .toEqual({ allowed: false, reason: 'the device is enrolled with another ownership' });
  });

  it.each([
    ['the live enrolment has no owner', null, 'anna'],
    ['the new enrolment has no owner', 'anna', null],
    ['neither has an owner', null, null],
  ] as const)('refuses when %s: nobody can prove it is the same person', (_label, live, incoming) => {
    expect(decideReEnrolment({ userId: live, ownership: 'CORPORATE' }, { userId: incoming, ownership: 'CORPORATE' }))
      .toEqual({ allowed: false, reason: 'the live enrolment or the new one has no owner' });
  });
});

describe('a pending lock or wipe of a corporate device survives what the device sends', () => {
  it('keeps Apple lock and erase commands and generic lock/wipe actions', () => {
    for (const requestType of ['DeviceLock', 'EraseDevice', 'LOCK', 'WIPE', 'WIPE_FULL', 'WIPE_SELECTIVE']) {
      expect(survivesDeviceSideUnenrolment('CORPORATE', { requestType, action: null })).toBe(true);
    }
    for (const action of ['LOCK', 'WIPE_FULL', 'WIPE_SELECTIVE']) {
      expect(survivesDeviceSideUnenrolment('CORPORATE', { requestType: 'RemoveProfile', action })).toBe(true);
    }
  });

  it('lets other commands end with the enrolment', () => {
    for (const requestType of ['ProfileList', 'DeviceInformation', 'InstallProfile', 'RemoveProfile']) {
      expect(survivesDeviceSideUnenrolment('CORPORATE', { requestType, action: null })).toBe(false);
    }
    expect(survivesDeviceSideUnenrolment('CORPORATE', { requestType: 'DeviceInformation', action: 'REFRESH_POSTURE' })).toBe(false);
  });

  it('does not keep anything for a personal device once its owner removes management', () => {
    expect(survivesDeviceSideUnenrolment('PERSONAL', { requestType: 'EraseDevice', action: 'WIPE_SELECTIVE' })).toBe(false);
    expect(survivesDeviceSideUnenrolment('PERSONAL', { requestType: 'RemoveProfile', action: 'WIPE_SELECTIVE' })).toBe(false);
  });
});

describe("a device's stored MDM identity", () => {
  const UDID = '00008110-000A1C2E0C88801E';

  it('is never the UDID itself for a personal device enrolment, yet still matches its requests', () => {
    const stored = storedDeviceIdentity(UDID, 'DEVICE', 'PERSONAL');
    expect(stored).not.toContain(UDID);
    expect(stored).toBe(hashedDeviceIdentity(UDID));
    expect(stored).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(matchesStoredIdentity(stored, UDID)).toBe(true);
    expect(matchesStoredIdentity(stored, '00008110-000A1C2E0C88801F')).toBe(false);
  });

  it('is kept as sent for corporate devices and for anonymous User Enrolment ids', () => {
    expect(storedDeviceIdentity(UDID, 'DEVICE', 'CORPORATE')).toBe(UDID);
    expect(storedDeviceIdentity('ENR-123', 'USER', 'PERSONAL')).toBe('ENR-123');
    expect(matchesStoredIdentity(UDID, UDID)).toBe(true);
  });

  it('matches nothing when no identity is stored yet', () => {
    expect(matchesStoredIdentity(null, UDID)).toBe(false);
    expect(matchesStoredIdentity(null, '')).toBe(false);
  });
});
