import { describe, expect, it } from 'vitest';
import { CORPORATE_ACCESS_RIGHTS, PERSONAL_ACCESS_RIGHTS } from '../../../src/mdm/apple/commands.js';
import { decodePlist, type PlistDict } from '../../../src/mdm/apple/plist.js';
import { buildEnrollmentProfile, buildPasscodeProfile, type EnrollmentProfileInput } from '../../../src/mdm/apple/profiles.js';
import { fixtureText } from '../../../tools/fixtures.js';

/** UUIDs handed out in order, upper case as randomUUID-based callers would pass them through. */
type Uuid = `${string}-${string}-${string}-${string}-${string}`;
function sequence(...uuids: string[]) {
  let i = 0;
  return () => uuids[i++]! as Uuid;
}
const PROFILE_UUID = '6F1C3F55-3E0B-4C55-9D1C-6A4D6C1C2F10';
const IDENTITY_UUID = '0A8E4C2B-7F3D-4E91-B5A6-1C2D3E4F5A6B';
const MDM_UUID = 'D4C3B2A1-9E8F-4A7B-8C6D-5E4F3A2B1C0D';
const pkcs12 = Buffer.from([0x30, 0x82, 0x01, 0x02, 0xff]);

const input: EnrollmentProfileInput = {
  identifierPrefix: 'org.example.mdm',
  organization: 'Example Care',
  serverUrl: 'https://mdm.example.org/mdm/apple/connect',
  checkInUrl: 'https://mdm.example.org/mdm/apple/checkin',
  topic: 'com.apple.mgmt.External.2f5e7c1a-0b7d-4a43-9d3c-6d1e0f2a3b4c',
  accessRights: CORPORATE_ACCESS_RIGHTS,
  identityPkcs12: pkcs12,
  identityPassword: 'p12-password',
  uuid: sequence(PROFILE_UUID, IDENTITY_UUID, MDM_UUID),
};
const identifier = 'org.example.mdm.enrollment.6f1c3f55-3e0b-4c55-9d1c-6a4d6c1c2f10';

const expectedIdentity = {
  PayloadType: 'com.apple.security.pkcs12',
  PayloadVersion: 1,
  PayloadIdentifier: `${identifier}.identity`,
  PayloadUUID: IDENTITY_UUID,
  PayloadDisplayName: 'Device identity',
  PayloadCertificateFileName: 'identity.p12',
  PayloadContent: new Uint8Array(pkcs12),
  Password: 'p12-password',
};
const expectedMdmCommon = {
  PayloadType: 'com.apple.mdm',
  PayloadVersion: 1,
  PayloadIdentifier: `${identifier}.mdm`,
  PayloadUUID: MDM_UUID,
  PayloadDisplayName: 'Device management',
  ServerURL: 'https://mdm.example.org/mdm/apple/connect',
  CheckInURL: 'https://mdm.example.org/mdm/apple/checkin',
  Topic: 'com.apple.mgmt.External.2f5e7c1a-0b7d-4a43-9d3c-6d1e0f2a3b4c',
  IdentityCertificateUUID: IDENTITY_UUID,
  SignMessage: true,
  CheckOutWhenRemoved: true,
  ServerCapabilities: ['com.apple.mdm.per-user-connections'],
};

describe('the enrolment profile a device installs', () => {
  it('device enrolment: the whole profile as the device reads it (identity PKCS#12, then the MDM payload with AccessRights)', () => {
    const built = buildEnrollmentProfile({ ...input, uuid: sequence(PROFILE_UUID, IDENTITY_UUID, MDM_UUID) });
    expect(built.identifier).toBe(identifier);
    expect(decodePlist(built.xml)).toEqual({
      PayloadType: 'Configuration',
      PayloadVersion: 1,
      PayloadIdentifier: identifier,
      PayloadUUID: PROFILE_UUID,
      PayloadDisplayName: 'Example Care device management',
      PayloadOrganization: 'Example Care',
      PayloadDescription: 'Enrols this device in device management.',
      PayloadScope: 'System',
      PayloadContent: [expectedIdentity, { ...expectedMdmCommon, AccessRights: CORPORATE_ACCESS_RIGHTS }],
    });
  });

  it('account-driven User Enrolment: EnrollmentMode BYOD with the managed Apple Account, no AccessRights, and a description that promises privacy', () => {
    const built = buildEnrollmentProfile({
      ...input,
      accessRights: PERSONAL_ACCESS_RIGHTS,
      userEnrollment: { managedAppleId: 'nurse@example.org' },
      uuid: sequence(PROFILE_UUID, IDENTITY_UUID, MDM_UUID),
    });
    expect(decodePlist(built.xml)).toEqual({
      PayloadType: 'Configuration',
      PayloadVersion: 1,
      PayloadIdentifier: identifier,
      PayloadUUID: PROFILE_UUID,
      PayloadDisplayName: 'Example Care device management',
      PayloadOrganization: 'Example Care',
      PayloadDescription: 'Manages a separate work volume on this device. Your personal data stays private.',
      PayloadScope: 'System',
      PayloadContent: [expectedIdentity, { ...expectedMdmCommon, EnrollmentMode: 'BYOD', AssignedManagedAppleID: 'nurse@example.org' }],
    });
  });

  it('carries every com.apple.mdm key the real NanoMDM enrolment profile carries, and Apple\'s constraints on them hold', () => {
    const reference = decodePlist(fixtureText('apple', 'enrollment_profile_nanomdm_scep_unsigned.mobileconfig'));
    const referenceMdm = (reference.PayloadContent as PlistDict[]).find((p) => p.PayloadType === 'com.apple.mdm')!;
    const ours = decodePlist(buildEnrollmentProfile({ ...input, uuid: undefined }).xml);
    const [identity, mdm] = ours.PayloadContent as PlistDict[];
    for (const key of Object.keys(referenceMdm)) expect(mdm, key).toHaveProperty(key);
    // Apple: ServerURL https, Topic com.apple.mgmt.*, AccessRights non-zero with 2 requiring 1, identity by UUID.
    expect(mdm!.ServerURL).toMatch(/^https:\/\//);
    expect(mdm!.Topic).toMatch(/^com\.apple\.mgmt\./);
    expect(mdm!.IdentityCertificateUUID).toBe(identity!.PayloadUUID);
    expect(Number(mdm!.AccessRights) & 1).toBe(1);
    // Without an injected generator every PayloadUUID is fresh and distinct.
    const uuids = [ours.PayloadUUID, identity!.PayloadUUID, mdm!.PayloadUUID];
    for (const uuid of uuids) expect(uuid).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i);
    expect(new Set(uuids).size).toBe(3);
    expect(ours.PayloadIdentifier).toBe(`org.example.mdm.enrollment.${String(ours.PayloadUUID).toLowerCase()}`);
  });
});

describe('the passcode policy profile', () => {
  it('corporate policy: the whole profile, with auto-lock and the failed-attempt erase limit', () => {
    const built = buildPasscodeProfile('org.example.mdm', 'Example Care', { minLength: 8, requireAlphanumeric: false, autoLockMinutes: 5, maxFailedAttempts: 10 }, sequence(PROFILE_UUID, MDM_UUID));
    expect(built.identifier).toBe('org.example.mdm.passcode-policy');
    expect(decodePlist(built.xml)).toEqual({
      PayloadType: 'Configuration',
      PayloadVersion: 1,
      PayloadIdentifier: 'org.example.mdm.passcode-policy',
      PayloadUUID: PROFILE_UUID,
      PayloadDisplayName: 'Passcode policy',
      PayloadOrganization: 'Example Care',
      PayloadContent: [
        {
          PayloadType: 'com.apple.mobiledevice.passwordpolicy',
          PayloadVersion: 1,
          PayloadIdentifier: 'org.example.mdm.passcode-policy.passcode',
          PayloadUUID: MDM_UUID,
          forcePIN: true,
          allowSimple: false,
          minLength: 8,
          requireAlphanumeric: false,
          maxInactivity: 5,
          maxFailedAttempts: 10,
          maxGracePeriod: 0,
        },
      ],
    });
  });

  it('a personal policy leaves auto-lock and failed attempts to the person: the keys are absent, not zero', () => {
    const profile = decodePlist(buildPasscodeProfile('org.example.mdm', 'Example Care', { minLength: 6, requireAlphanumeric: true, autoLockMinutes: null, maxFailedAttempts: null }).xml);
    const payload = (profile.PayloadContent as PlistDict[])[0]!;
    expect(payload).not.toHaveProperty('maxInactivity');
    expect(payload).not.toHaveProperty('maxFailedAttempts');
    expect(payload).toMatchObject({ forcePIN: true, allowSimple: false, minLength: 6, requireAlphanumeric: true, maxGracePeriod: 0 });
    expect(profile.PayloadUUID).not.toBe(payload.PayloadUUID);
  });
});
