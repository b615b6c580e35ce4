import { describe, expect, it } from 'vitest';
import type { AmapiDevice } from '../../../src/mdm/android/amapi-types.js';
import { androidSource, deviceFacts, parsePatchLevel } from '../../../src/mdm/android/posture.js';
import { decodePush, type PubsubPushBody } from '../../../src/mdm/android/notifications.js';
import { androidFixture } from '../../../tools/fixtures.js';

/**
 * Google's Device resource arrives in a Pub/Sub push whose JSON shape anyone who can reach the endpoint controls in
 * principle: every field is read only in its documented form, anything else counts as "not reported", and a personal
 * phone keeps only work-profile facts (../shared/reference/android.md section 3).
 */
const device = (fields: Record<string, unknown>): AmapiDevice => ({ name: 'enterprises/e/devices/d', ...fields }) as AmapiDevice;
const byodFixture = () => androidFixture<AmapiDevice>('device-personally-owned-work-profile-noncompliant.json');
const corporateFixture = () => androidFixture<AmapiDevice>('device-company-owned-compliant.json');

/** The Device a STATUS_REPORT push carries, decoded the way the webhook does. */
const pushedDevice = (name: string): AmapiDevice => {
  const notification = decodePush(androidFixture<PubsubPushBody>(name)).notification;
  if (notification.kind !== 'device') throw new Error(`${name} carries no device`);
  return notification.device;
};

describe('personal work profile: only work-profile facts are kept', () => {
  it('drops the serial number (on Android 12+ the enterprise-specific id) of a personal phone, pushed or fetched', () => {
    const device = pushedDevice('pubsub-push-status-report-byod-noncompliant.json');
    const facts = deviceFacts(device);
    expect(facts.device).toStrictEqual({ model: 'SM-A235F', osVersion: '12' });
    expect(JSON.stringify(facts)).not.toContain('a3f19d0c7be24e58b1c6f02d9e4a7b31');
  });

  it('drops hardware ids even from the final DELETED report of a personal phone', () => {
    const facts = deviceFacts(pushedDevice('pubsub-push-status-report-deleted.json'));
    expect(facts.deleted).toBe(true);
    expect(facts.device).toStrictEqual({ model: 'SM-A235F' });
    expect(JSON.stringify(facts)).not.toContain('a3f19d0c7be24e58b1c6f02d9e4a7b31');
  });

  it('keeps nothing of fields Google never sends for a work profile, should a forged report carry them', () => {
    const forged = {
      ...byodFixture(),
      networkInfo: { imei: '359881234567890', meid: 'A0000012345678', wifiMacAddress: '3c:28:6d:11:22:33' },
      applicationReports: [{ packageName: 'com.personal.bank' }],
      hardwareInfo: { ...byodFixture().hardwareInfo, serialNumber: 'R58N12ABCDE', deviceBasebandVersion: 'g5123b-145971-BB' },
    };
    const text = JSON.stringify(deviceFacts(forged));
    for (const secret of ['359881234567890', 'A0000012345678', '3c:28:6d:11:22:33', 'com.personal.bank', 'R58N12ABCDE', 'g5123b-145971-BB']) {
      expect(text).not.toContain(secret);
    }
  });

  it('strips package names and current values from the non-compliance details of a personal phone', () => {
    const details = [
      { settingName: 'applications', nonComplianceReason: 'APP_INSTALLED', packageName: 'com.personal.dating', currentValue: 'INSTALLED', fieldPath: 'applications[0]' },
    ];
    const personal = deviceFacts(device({ ownership: 'PERSONALLY_OWNED', nonComplianceDetails: details }));
    expect(personal.android.nonComplianceDetails).toStrictEqual([{ settingName: 'applications', nonComplianceReason: 'APP_INSTALLED', fieldPath: 'applications[0]' }]);
    expect(deviceFacts(device({ ownership: 'COMPANY_OWNED', nonComplianceDetails: details })).android.nonComplianceDetails).toStrictEqual(details);
  });

  it('a work profile is not supervised; its password length is the profile scope one', () => {
    const facts = deviceFacts(byodFixture());
    expect(facts.posture).toMatchObject({ supervised: false, passcodeMinLength: 8, passcodePresent: true, encrypted: true });
    expect(facts.android).toMatchObject({ managementMode: 'PROFILE_OWNER', ownership: 'PERSONALLY_OWNED', apiLevel: 31, appliedPolicyVersion: '7' });
  });
});

describe('reports that leave fields out', () => {
  it('no deviceSettings (reporting off) reports neither encryption nor a passcode', () => {
    const { deviceSettings: _omitted, ...rest } = corporateFixture();
    const posture = deviceFacts(rest).posture;
    expect(posture).not.toHaveProperty('encrypted');
    expect(posture).not.toHaveProperty('passcodePresent');
    // Nothing says the passcode is missing, and no non-compliance names it.
    expect(posture.passcodeCompliant).toBe(true);
  });

  it('deviceSettings without isDeviceSecure leaves passcode presence unreported', () => {
    const posture = deviceFacts(device({ deviceSettings: { isEncrypted: true, encryptionStatus: 'ACTIVE' } })).posture;
    expect(posture).toStrictEqual({ encrypted: true });
  });

  it('a report without non-compliance details stores an empty list, not a guess', () => {
    const facts = deviceFacts(device({ policyCompliant: true }));
    expect(facts.android.nonComplianceDetails).toStrictEqual([]);
    expect(facts.android.securityRisks).toStrictEqual([]);
    expect(deviceFacts(device({ ownership: 'PERSONALLY_OWNED' })).android.nonComplianceDetails).toStrictEqual([]);
  });

  it('softwareInfo without a version or build reports neither', () => {
    expect(deviceFacts(device({ softwareInfo: { securityPatchLevel: '2026-09-05' } })).posture).toStrictEqual({
      securityPatchLevel: new Date('2026-09-05T00:00:00Z'),
    });
    expect(deviceFacts(device({ softwareInfo: { androidBuildNumber: 'AP4A' } })).posture).toStrictEqual({ osBuild: 'AP4A' });
    expect(deviceFacts(device({ softwareInfo: { androidVersion: '15' } })).posture).toStrictEqual({ osVersion: '15' });
  });

  it('a null report time counts as none and falls back to the enrolment time', () => {
    const facts = deviceFacts(device({ lastStatusReportTime: null, enrollmentTime: '2026-03-02T09:14:27.118Z' }));
    expect(facts.reportedAt).toEqual(new Date('2026-03-02T09:14:27.118Z'));
    const none = deviceFacts(device({ lastStatusReportTime: null, enrollmentTime: null }));
    expect(none.reportedAt).toBeNull();
    expect(none.posture).not.toHaveProperty('lastCheckInAt');
    expect(deviceFacts(device({ lastStatusReportTime: 0, enrollmentTime: '' })).reportedAt).toBeNull();
  });
});

describe('deletion, lock timeout and password scope', () => {
  it('the device is deleted when either the applied or the requested state says so', () => {
    expect(deviceFacts(device({ appliedState: 'DELETED', state: 'ACTIVE' })).deleted).toBe(true);
    expect(deviceFacts(device({ appliedState: 'ACTIVE', state: 'DELETED' })).deleted).toBe(true);
    expect(deviceFacts(device({ appliedState: 'ACTIVE', state: 'ACTIVE' })).deleted).toBe(false);
    expect(deviceFacts(device({ appliedState: 'DISABLED' })).deleted).toBe(false);
  });

  it('the enforced lock timeout counts while the non-compliance list names other settings only', () => {
    const other = device({ policyCompliant: false, nonComplianceDetails: [{ settingName: 'passwordPolicies' }, { settingName: 'minimumApiLevel' }] });
    expect(deviceFacts(other, 300_000).posture).toMatchObject({ autoLockMinutes: 5, passcodeCompliant: false });
    const lock = device({ policyCompliant: false, nonComplianceDetails: [{ settingName: 'minimumApiLevel' }, { settingName: 'maximumTimeToLock' }] });
    expect(deviceFacts(lock, 300_000).posture.autoLockMinutes).toBeNull();
  });

  it('a password policy without a scope, or with the unspecified one, applies to the device of either ownership', () => {
    const length = (ownership: string, appliedPasswordPolicies: unknown[]) =>
      deviceFacts(device({ ownership, appliedPasswordPolicies })).posture.passcodeMinLength;
    for (const ownership of ['PERSONALLY_OWNED', 'COMPANY_OWNED']) {
      expect(length(ownership, [{ passwordMinimumLength: 4 }])).toBe(4);
      expect(length(ownership, [{ passwordScope: 'SCOPE_UNSPECIFIED', passwordMinimumLength: 6 }])).toBe(6);
      expect(length(ownership, [{ passwordScope: '', passwordMinimumLength: 5 }])).toBe(5);
    }
    expect(length('COMPANY_OWNED', [{ passwordScope: 'SCOPE_PROFILE', passwordMinimumLength: 9 }])).toBeUndefined();
    expect(length('PERSONALLY_OWNED', [{ passwordScope: 'SCOPE_DEVICE', passwordMinimumLength: 9 }])).toBeUndefined();
    expect(length('PERSONALLY_OWNED', [{ passwordScope: 'SCOPE_PROFILE' }])).toBeUndefined();
  });
});

describe('malformed patch levels', () => {
  it('refuses values Date would stretch into a far-future year', () => {
    // JavaScript reads "+010000-01" as January of the year 10000; a patch level is exactly YYYY-MM-DD.
    expect(parsePatchLevel('+010000-01')).toBeNull();
    expect(parsePatchLevel('-000001-01')).toBeNull();
  });

  it('refuses a timestamp, a month alone and a day out of range', () => {
    for (const value of ['2026-09-05T00:00:00Z', '2026-09', '2026-09-00', '2026-04-31', '26-09-05']) expect(parsePatchLevel(value)).toBeNull();
    expect(parsePatchLevel('2024-02-29')).toEqual(new Date('2024-02-29T00:00:00Z'));
  });

  it('an unreadable patch level in a report is stored as unknown, not as today or the epoch', () => {
    expect(deviceFacts(device({ softwareInfo: { securityPatchLevel: '+010000-01' } })).posture).toStrictEqual({ securityPatchLevel: null });
  });
});

describe('androidSource', () => {
  it('ignores details that name no setting', () => {
    const source = androidSource({ managementMode: 'PROFILE_OWNER', nonComplianceDetails: [{}, { nonComplianceReason: 'USER_ACTION' }, { settingName: 'passwordPolicies' }] });
    expect(source).toStrictEqual({ kind: 'ANDROID', workProfile: true, passwordProblems: ['NON_COMPLIANCE_REASON_UNSPECIFIED'], lockProblems: [] });
  });

  it('a device without a management mode is not a work profile', () => {
    expect(androidSource({ managementMode: null, nonComplianceDetails: null }).workProfile).toBe(false);
  });
});
