import { describe, expect, it } from 'vitest';
import type { AmapiDevice } from '../../../src/mdm/android/amapi-types.js';
import { amapiOwnership, androidSource, deviceFacts, parsePatchLevel } from '../../../src/mdm/android/posture.js';

/**
 * A Device resource arrives from Google in a push anyone can forge the shape of: each field is read only in the form
 * AMAPI documents, an unknown value is "not reported", and a personal phone keeps no hardware identifiers.
 */
const device = (fields: Partial<AmapiDevice>): AmapiDevice => ({ name: 'enterprises/e/devices/d', ...fields });

describe('Android Device resource decoding', () => {
  it('ownership: only the two documented values', () => {
    expect(amapiOwnership('COMPANY_OWNED')).toBe('CORPORATE');
    expect(amapiOwnership('PERSONALLY_OWNED')).toBe('PERSONAL');
    expect(amapiOwnership('OWNERSHIP_UNSPECIFIED')).toBeNull();
    expect(amapiOwnership(undefined)).toBeNull();
  });

  it('report time: last status report, else enrolment time; unparseable times are none', () => {
    expect(deviceFacts(device({ lastStatusReportTime: '2026-01-02T00:00:00Z', enrollmentTime: '2025-01-01T00:00:00Z' })).reportedAt).toEqual(new Date('2026-01-02T00:00:00Z'));
    expect(deviceFacts(device({ lastStatusReportTime: 'soon', enrollmentTime: '2025-01-01T00:00:00Z' })).reportedAt).toEqual(new Date('2025-01-01T00:00:00Z'));
    const none = deviceFacts(device({ enrollmentTime: 'never' }));
    expect(none.reportedAt).toBeNull();
    expect(none.posture).not.toHaveProperty('lastCheckInAt');
    expect(deviceFacts(device({ enrollmentTime: '2025-01-01T00:00:00Z' })).posture.lastCheckInAt).toEqual(new Date('2025-01-01T00:00:00Z'));
  });

  it('encryption needs isEncrypted and a user-bound key; passcode presence is isDeviceSecure', () => {
    const settings = (deviceSettings: AmapiDevice['deviceSettings']) => deviceFacts(device({ deviceSettings })).posture;
    expect(settings({ isEncrypted: true, encryptionStatus: 'ACTIVE_PER_USER' })).toEqual({ encrypted: true });
    expect(settings({ isEncrypted: true, encryptionStatus: 'ACTIVE' })).toEqual({ encrypted: true });
    expect(settings({ isEncrypted: true })).toEqual({ encrypted: false });
    expect(settings({ encryptionStatus: 'ACTIVE' })).toEqual({ encrypted: false });
    expect(settings({ isDeviceSecure: false })).toEqual({ passcodePresent: false });
    expect(settings({})).toEqual({});
  });

  it('password compliance follows the non-compliance list and the secure flag', () => {
    const posture = (fields: Partial<AmapiDevice>) => deviceFacts(device(fields)).posture;
    expect(posture({ policyCompliant: true })).toEqual({ passcodeCompliant: true });
    expect(posture({ policyCompliant: false, deviceSettings: { isDeviceSecure: false } })).toMatchObject({ passcodeCompliant: false });
    expect(posture({ nonComplianceDetails: [{ settingName: 'passwordRequirements' }] })).toEqual({ passcodeCompliant: false });
    expect(posture({ nonComplianceDetails: [{ settingName: 'passwordPolicies' }] })).toEqual({ passcodeCompliant: false });
    expect(posture({ nonComplianceDetails: [{ settingName: 'cameraDisabled' }, {}] })).toEqual({ passcodeCompliant: true });
  });

  it('the enforced lock timeout counts only when positive, in whole minutes rounded up', () => {
    const lock = (ms: number | null | undefined) => deviceFacts(device({ policyCompliant: true }), ms).posture.autoLockMinutes;
    expect(lock(90_000)).toBe(2);
    expect(lock(60_000)).toBe(1);
    expect(lock(0)).toBeUndefined();
    expect(lock(null)).toBeUndefined();
    expect(lock(undefined)).toBeUndefined();
    expect(deviceFacts(device({}), 60_000).posture.autoLockMinutes).toBeUndefined();
  });

  it('minimum password length: the longest applied to this ownership scope (profile on personal, device on corporate)', () => {
    const policies = [
      { passwordScope: 'SCOPE_PROFILE', passwordMinimumLength: 8 },
      { passwordScope: 'SCOPE_DEVICE', passwordMinimumLength: 12 },
      { passwordScope: 'SCOPE_UNSPECIFIED', passwordMinimumLength: 6 },
      { passwordMinimumLength: 4 },
      { passwordScope: 'SCOPE_PROFILE', passwordMinimumLength: '20' }, // not a number: ignored
    ] as AmapiDevice['appliedPasswordPolicies'];
    expect(deviceFacts(device({ ownership: 'PERSONALLY_OWNED', appliedPasswordPolicies: policies })).posture.passcodeMinLength).toBe(8);
    expect(deviceFacts(device({ ownership: 'COMPANY_OWNED', appliedPasswordPolicies: policies })).posture.passcodeMinLength).toBe(12);
    expect(deviceFacts(device({ ownership: 'COMPANY_OWNED', appliedPasswordPolicies: [{ passwordScope: 'SCOPE_PROFILE', passwordMinimumLength: 8 }] })).posture).not.toHaveProperty('passcodeMinLength');
  });

  it('software, integrity and management mode', () => {
    const posture = (fields: Partial<AmapiDevice>) => deviceFacts(device(fields)).posture;
    expect(posture({ softwareInfo: { androidVersion: '15', androidBuildNumber: 'AP4A', securityPatchLevel: 'bad' } })).toEqual({ osVersion: '15', osBuild: 'AP4A', securityPatchLevel: null });
    expect(posture({ softwareInfo: {} })).toEqual({});
    expect(posture({ securityPosture: { devicePosture: 'AT_RISK' } })).toEqual({ compromised: true });
    expect(posture({ securityPosture: { devicePosture: 'POSTURE_UNSPECIFIED' } })).toEqual({ compromised: null });
    expect(posture({ securityPosture: {} })).toEqual({});
    expect(posture({ managementMode: 'DEVICE_OWNER' })).toEqual({ supervised: true });
    expect(posture({ managementMode: 'MANAGEMENT_MODE_UNSPECIFIED' })).toEqual({});
  });

  it('stored facts: identifiers only for company-owned devices, raw state with fallbacks', () => {
    const hardwareInfo = { model: 'Pixel 8', serialNumber: 'SER1' };
    const details = [{ settingName: 'applications', packageName: 'com.example', currentValue: 'x', nonComplianceReason: 'APP_NOT_INSTALLED' }];
    const corporate = deviceFacts(device({ ownership: 'COMPANY_OWNED', hardwareInfo, softwareInfo: { androidVersion: '15' }, nonComplianceDetails: details, state: 'DELETED', policyName: 'p1', apiLevel: 35 }));
    expect(corporate.device).toEqual({ model: 'Pixel 8', serialNumber: 'SER1', osVersion: '15' });
    expect(corporate.deleted).toBe(true);
    expect(corporate.android).toEqual({
      managementMode: null, ownership: 'COMPANY_OWNED', appliedState: 'DELETED', policyName: 'p1', appliedPolicyVersion: null,
      policyCompliant: null, nonComplianceDetails: details, securityPosture: null, securityRisks: [], apiLevel: 35,
    });
    const unknownOwner = deviceFacts(device({ hardwareInfo, nonComplianceDetails: details, appliedPolicyName: 'p2', policyName: 'p1', appliedState: 'ACTIVE', state: 'DELETED' }));
    expect(unknownOwner.device).toEqual({ model: 'Pixel 8' });
    expect(unknownOwner.deleted).toBe(true);
    expect(unknownOwner.android).toMatchObject({ policyName: 'p2', appliedState: 'ACTIVE', nonComplianceDetails: [{ settingName: 'applications', nonComplianceReason: 'APP_NOT_INSTALLED' }] });
    expect(deviceFacts({}).amapiName).toBe('');
    expect(deviceFacts(device({ securityPosture: { devicePosture: 'SECURE', postureDetails: [{ securityRisk: 'UNKNOWN_OS' }, {}] } })).android).toMatchObject({ securityPosture: 'SECURE', securityRisks: ['UNKNOWN_OS'] });
  });

  it('patch levels are YYYY-MM-DD calendar dates', () => {
    expect(parsePatchLevel('2026-02-30')).toBeNull(); // not rolled over to 2 March
    expect(parsePatchLevel('2026-13-01')).toBeNull();
    expect(parsePatchLevel('x2026-02-01')).toBeNull();
    expect(parsePatchLevel('2026-02-01x')).toBeNull();
    expect(parsePatchLevel('')).toBeNull();
  });

  it('rules evidence: reasons for password and lock-timeout non-compliance, most specific first', () => {
    const source = androidSource({
      managementMode: 'PROFILE_OWNER',
      nonComplianceDetails: [
        { settingName: 'passwordPolicies', specificNonComplianceReason: 'PASSWORD_POLICIES_PASSWORD_EXPIRED', nonComplianceReason: 'USER_ACTION' },
        { settingName: 'passwordRequirements', nonComplianceReason: 'USER_ACTION' },
        { settingName: 'maximumTimeToLock' },
        { settingName: 'cameraDisabled', nonComplianceReason: 'API_LEVEL' },
      ],
    });
    expect(source).toEqual({
      kind: 'ANDROID', workProfile: true,
      passwordProblems: ['PASSWORD_POLICIES_PASSWORD_EXPIRED', 'USER_ACTION'],
      lockProblems: ['NON_COMPLIANCE_REASON_UNSPECIFIED'],
    });
    expect(androidSource({ managementMode: 'DEVICE_OWNER', nonComplianceDetails: { settingName: 'passwordPolicies' } })).toEqual({ kind: 'ANDROID', workProfile: false, passwordProblems: [], lockProblems: [] });
  });
});
