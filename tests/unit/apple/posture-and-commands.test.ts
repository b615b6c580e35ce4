import { describe, expect, it } from 'vitest';
import { CORPORATE_ACCESS_RIGHTS, encodeCommand, PERSONAL_ACCESS_RIGHTS, postureQueries, refusal, type EnrollmentTraits } from '../../../src/mdm/apple/commands.js';
import { decodePlist } from '../../../src/mdm/apple/plist.js';
import { postureFromDeviceInformation, postureFromSecurityInfo, deviceFactsFromDeviceInformation } from '../../../src/mdm/apple/posture.js';
import { buildEnrollmentProfile, buildPasscodeProfile } from '../../../src/mdm/apple/profiles.js';
import { fixtureBytes } from '../../support/fixtures.js';

const fixture = (name: string) => decodePlist(fixtureBytes('apple', name));

describe('posture from command results', () => {
  it('iOS SecurityInfo: encryption needs both hardware caps and a passcode', () => {
    // Capture: HardwareEncryptionCaps 3 but PasscodePresent false → data protection is off.
    expect(postureFromSecurityInfo(fixture('securityinfo_response_ios11.plist'))).toEqual({ passcodePresent: false, passcodeCompliant: true, encrypted: false });
    expect(postureFromSecurityInfo({ SecurityInfo: { HardwareEncryptionCaps: 3, PasscodePresent: true, PasscodeCompliant: true } })).toMatchObject({ encrypted: true });
    expect(postureFromSecurityInfo({ SecurityInfo: { HardwareEncryptionCaps: 1, PasscodePresent: true } })).toMatchObject({ encrypted: false });
  });

  it('macOS SecurityInfo: FileVault decides encryption', () => {
    const report = postureFromSecurityInfo(fixture('securityinfo_response_macos10.13.plist'));
    expect(report.encrypted).toEqual(expect.any(Boolean));
    expect(report.passcodePresent).toBeUndefined();
  });

  it('User Enrolment SecurityInfo leaves what it hides unreported, not false', () => {
    const report = postureFromSecurityInfo({ SecurityInfo: { HardwareEncryptionCaps: 3, PasscodeCompliant: true, ManagementStatus: { IsUserEnrollment: true } } });
    expect(report).toEqual({ passcodeCompliant: true });
  });

  it('DeviceInformation gives OS, build and supervision; the serial only for device enrolments', () => {
    const result = fixture('deviceinformation_response_ios11_ipad.plist');
    expect(postureFromDeviceInformation(result)).toMatchObject({ osVersion: '11.3.1', osBuild: '15E302' });
    const withSerial = { QueryResponses: { SerialNumber: 'C02X', ModelName: 'iPad' } };
    expect(deviceFactsFromDeviceInformation(withSerial, 'DEVICE').serialNumber).toBe('C02X');
    expect(deviceFactsFromDeviceInformation(withSerial, 'USER').serialNumber).toBeUndefined();
  });
});

describe('which commands an enrolment allows', () => {
  const corporate: EnrollmentTraits = { kind: 'DEVICE', ownership: 'CORPORATE', accessRights: CORPORATE_ACCESS_RIGHTS, macOS: false };
  const personal: EnrollmentTraits = { kind: 'DEVICE', ownership: 'PERSONAL', accessRights: PERSONAL_ACCESS_RIGHTS, macOS: false };
  const userEnrolment: EnrollmentTraits = { kind: 'USER', ownership: 'PERSONAL', accessRights: PERSONAL_ACCESS_RIGHTS, macOS: false };

  it('corporate device enrolment allows everything, erase included', () => {
    for (const type of ['DeviceInformation', 'SecurityInfo', 'ProfileList', 'InstallProfile', 'RemoveProfile', 'DeviceLock', 'EraseDevice'] as const) {
      expect(refusal(type, corporate)).toBeNull();
    }
  });

  it('EraseDevice is refused on User Enrolment and on personal devices', () => {
    expect(refusal('EraseDevice', userEnrolment)).toMatch(/User Enrolment/);
    expect(refusal('EraseDevice', personal)).toMatch(/personal/);
  });

  it('DeviceLock: allowed on iOS User Enrolment, refused on macOS User Enrolment and outside personal access rights', () => {
    expect(refusal('DeviceLock', userEnrolment)).toBeNull();
    expect(refusal('DeviceLock', { ...userEnrolment, macOS: true })).toMatch(/macOS/);
    expect(refusal('DeviceLock', personal)).toMatch(/rights/);
  });

  it('personal rights still allow posture queries and removing managed data', () => {
    for (const type of ['DeviceInformation', 'SecurityInfo', 'ProfileList', 'InstallProfile', 'RemoveProfile'] as const) expect(refusal(type, personal)).toBeNull();
    expect(PERSONAL_ACCESS_RIGHTS & 8).toBe(0);
  });

  it('User Enrolment posture queries ask for no hardware identifiers', () => {
    expect(postureQueries('USER')).not.toContain('SerialNumber');
    expect(postureQueries('USER')).not.toContain('UDID');
    expect(postureQueries('DEVICE')).toContain('SerialNumber');
  });

  it('encodes a command plist with our UUID and binary payloads as <data>', () => {
    const plist = decodePlist(encodeCommand('6f1c3f55-3e0b-4c55-9d1c-6a4d6c1c2f10', 'InstallProfile', { Payload: { $data: 'AQID' } }));
    expect(plist).toEqual({ CommandUUID: '6f1c3f55-3e0b-4c55-9d1c-6a4d6c1c2f10', Command: { RequestType: 'InstallProfile', Payload: new Uint8Array([1, 2, 3]) } });
  });
});

describe('profiles', () => {
  it('corporate enrolment profile: identity + com.apple.mdm with the keys Apple requires', () => {
    const built = buildEnrollmentProfile({
      identifierPrefix: 'org.test', organization: 'Test', serverUrl: 'https://x/connect', checkInUrl: 'https://x/checkin',
      topic: 'com.apple.mgmt.External.1', accessRights: CORPORATE_ACCESS_RIGHTS, identityPkcs12: Buffer.from([1]), identityPassword: 'pw',
    });
    const profile = decodePlist(built.xml);
    expect(profile).toMatchObject({ PayloadType: 'Configuration', PayloadVersion: 1, PayloadIdentifier: built.identifier });
    const [identity, mdm] = profile.PayloadContent as Record<string, unknown>[];
    expect(identity).toMatchObject({ PayloadType: 'com.apple.security.pkcs12', Password: 'pw' });
    expect(mdm).toMatchObject({ PayloadType: 'com.apple.mdm', IdentityCertificateUUID: identity!.PayloadUUID, AccessRights: 8191, SignMessage: true, CheckOutWhenRemoved: true });
    expect(mdm!.EnrollmentMode).toBeUndefined();
  });

  it('User Enrolment profile: EnrollmentMode BYOD with the managed Apple ID, no AccessRights', () => {
    const profile = decodePlist(buildEnrollmentProfile({
      identifierPrefix: 'org.test', organization: 'Test', serverUrl: 'https://x/connect', checkInUrl: 'https://x/checkin',
      topic: 't', accessRights: PERSONAL_ACCESS_RIGHTS, identityPkcs12: Buffer.from([1]), identityPassword: 'pw', userEnrollment: { managedAppleId: 'a@b.test' },
    }).xml);
    const mdm = (profile.PayloadContent as Record<string, unknown>[])[1]!;
    expect(mdm).toMatchObject({ EnrollmentMode: 'BYOD', AssignedManagedAppleID: 'a@b.test' });
    expect(mdm.AccessRights).toBeUndefined();
  });

  it('passcode policy profile carries the organisation settings', () => {
    const profile = decodePlist(buildPasscodeProfile('org.test', 'Test', { minLength: 8, requireAlphanumeric: true, autoLockMinutes: 2, maxFailedAttempts: 6 }).xml);
    expect((profile.PayloadContent as Record<string, unknown>[])[0]).toMatchObject({
      PayloadType: 'com.apple.mobiledevice.passwordpolicy', minLength: 8, requireAlphanumeric: true, maxInactivity: 2, maxFailedAttempts: 6, forcePIN: true,
    });
  });
});
