import { randomUUID } from 'node:crypto';
import { encodePlist, type PlistDict } from './plist.js';

/** Configuration profiles (.mobileconfig) per Apple's schema (mdm/profiles/TopLevel.yaml, com.apple.mdm.yaml). */

export interface EnrollmentProfileInput {
  identifierPrefix: string;
  organization: string;
  /** PUT target for command reports ("connect"). Must never change for an enrolment. */
  serverUrl: string;
  checkInUrl: string;
  topic: string;
  accessRights: number;
  /** PKCS#12 of the device identity and its password. */
  identityPkcs12: Buffer;
  identityPassword: string;
  /** Account-driven User Enrolment: EnrollmentMode BYOD with the managed Apple ID the user signed in with. */
  userEnrollment?: { managedAppleId: string };
  /** Fresh per profile so an old download cannot be confused with a new one. */
  uuid?: () => string;
}

export interface BuiltProfile {
  xml: Buffer;
  identifier: string;
}

export function buildEnrollmentProfile(input: EnrollmentProfileInput): BuiltProfile {
  const uuid = input.uuid ?? randomUUID;
  const profileUuid = uuid();
  const identityUuid = uuid();
  const identifier = `${input.identifierPrefix}.enrollment.${profileUuid.toLowerCase()}`;
  const mdm: PlistDict = {
    PayloadType: 'com.apple.mdm',
    PayloadVersion: 1,
    PayloadIdentifier: `${identifier}.mdm`,
    PayloadUUID: uuid(),
    PayloadDisplayName: 'Device management',
    ServerURL: input.serverUrl,
    CheckInURL: input.checkInUrl,
    Topic: input.topic,
    IdentityCertificateUUID: identityUuid,
    SignMessage: true,
    CheckOutWhenRemoved: true,
    // Per-user channels (macOS) are declined at check-in; no bootstrap-token escrow or GetToken service here.
    ServerCapabilities: ['com.apple.mdm.per-user-connections'],
  };
  if (input.userEnrollment) {
    mdm.EnrollmentMode = 'BYOD';
    mdm.AssignedManagedAppleID = input.userEnrollment.managedAppleId;
  } else {
    // Ignored by User Enrolment, where Apple's schema fixes what the server may do.
    mdm.AccessRights = input.accessRights;
  }
  const identity: PlistDict = {
    PayloadType: 'com.apple.security.pkcs12',
    PayloadVersion: 1,
    PayloadIdentifier: `${identifier}.identity`,
    PayloadUUID: identityUuid,
    PayloadDisplayName: 'Device identity',
    PayloadCertificateFileName: 'identity.p12',
    PayloadContent: input.identityPkcs12,
    Password: input.identityPassword,
  };
  const profile: PlistDict = {
    PayloadType: 'Configuration',
    PayloadVersion: 1,
    PayloadIdentifier: identifier,
    PayloadUUID: profileUuid,
    PayloadDisplayName: `${input.organization} device management`,
    PayloadOrganization: input.organization,
    PayloadDescription: input.userEnrollment
      ? 'Manages a separate work volume on this device. Your personal data stays private.'
      : 'Enrols this device in device management.',
    PayloadScope: 'System',
    PayloadContent: [identity, mdm],
  };
  return { xml: encodePlist(profile), identifier };
}

export interface PasscodePolicy {
  minLength: number;
  requireAlphanumeric: boolean;
  /** Null leaves auto-lock to the person. */
  autoLockMinutes: number | null;
  /** Null leaves failed attempts to the person (never erase a personal device for them). */
  maxFailedAttempts: number | null;
}

/**
 * Passcode policy (com.apple.mobiledevice.passwordpolicy). Under User Enrolment most keys are ignored and the
 * device enforces a 6-digit passcode; the same profile still applies.
 */
export function buildPasscodeProfile(identifierPrefix: string, organization: string, policy: PasscodePolicy, uuid = randomUUID): BuiltProfile {
  const identifier = `${identifierPrefix}.passcode-policy`;
  const profile: PlistDict = {
    PayloadType: 'Configuration',
    PayloadVersion: 1,
    PayloadIdentifier: identifier,
    PayloadUUID: uuid(),
    PayloadDisplayName: 'Passcode policy',
    PayloadOrganization: organization,
    PayloadContent: [
      {
        PayloadType: 'com.apple.mobiledevice.passwordpolicy',
        PayloadVersion: 1,
        PayloadIdentifier: `${identifier}.passcode`,
        PayloadUUID: uuid(),
        forcePIN: true,
        allowSimple: false,
        minLength: policy.minLength,
        requireAlphanumeric: policy.requireAlphanumeric,
        // Stryker disable next-line ConditionalExpression: encodePlist drops null values, so the key is absent either way
        ...(policy.autoLockMinutes !== null ? { maxInactivity: policy.autoLockMinutes } : {}),
        // Stryker disable next-line ConditionalExpression: encodePlist drops null values, so the key is absent either way
        ...(policy.maxFailedAttempts !== null ? { maxFailedAttempts: policy.maxFailedAttempts } : {}),
        maxGracePeriod: 0,
      },
    ],
  };
  return { xml: encodePlist(profile), identifier };
}
