// @ts-nocheck
function stryNS_9fa48() {
  var g = typeof globalThis === 'object' && globalThis && globalThis.Math === Math && globalThis || new Function("return this")();
  var ns = g.__stryker__ || (g.__stryker__ = {});
  if (ns.activeMutant === undefined && g.process && g.process.env && g.process.env.__STRYKER_ACTIVE_MUTANT__) {
    ns.activeMutant = g.process.env.__STRYKER_ACTIVE_MUTANT__;
  }
  function retrieveNS() {
    return ns;
  }
  stryNS_9fa48 = retrieveNS;
  return retrieveNS();
}
stryNS_9fa48();
function stryCov_9fa48() {
  var ns = stryNS_9fa48();
  var cov = ns.mutantCoverage || (ns.mutantCoverage = {
    static: {},
    perTest: {}
  });
  function cover() {
    var c = cov.static;
    if (ns.currentTestId) {
      c = cov.perTest[ns.currentTestId] = cov.perTest[ns.currentTestId] || {};
    }
    var a = arguments;
    for (var i = 0; i < a.length; i++) {
      c[a[i]] = (c[a[i]] || 0) + 1;
    }
  }
  stryCov_9fa48 = cover;
  cover.apply(null, arguments);
}
function stryMutAct_9fa48(id) {
  var ns = stryNS_9fa48();
  function isActive(id) {
    if (ns.activeMutant === id) {
      if (ns.hitCount !== void 0 && ++ns.hitCount > ns.hitLimit) {
        throw new Error('Stryker: Hit count limit reached (' + ns.hitCount + ')');
      }
      return true;
    }
    return false;
  }
  stryMutAct_9fa48 = isActive;
  return isActive(id);
}
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
  userEnrollment?: {
    managedAppleId: string;
  };
  /** Fresh per profile so an old download cannot be confused with a new one. */
  uuid?: () => string;
}
export interface BuiltProfile {
  xml: Buffer;
  identifier: string;
}
export function buildEnrollmentProfile(input: EnrollmentProfileInput): BuiltProfile {
  if (stryMutAct_9fa48("2386")) {
    {}
  } else {
    stryCov_9fa48("2386");
    const uuid = stryMutAct_9fa48("2387") ? input.uuid && randomUUID : (stryCov_9fa48("2387"), input.uuid ?? randomUUID);
    const profileUuid = uuid();
    const identityUuid = uuid();
    const identifier = stryMutAct_9fa48("2388") ? `` : (stryCov_9fa48("2388"), `${input.identifierPrefix}.enrollment.${stryMutAct_9fa48("2389") ? profileUuid.toUpperCase() : (stryCov_9fa48("2389"), profileUuid.toLowerCase())}`);
    const mdm: PlistDict = stryMutAct_9fa48("2390") ? {} : (stryCov_9fa48("2390"), {
      PayloadType: stryMutAct_9fa48("2391") ? "" : (stryCov_9fa48("2391"), 'com.apple.mdm'),
      PayloadVersion: 1,
      PayloadIdentifier: stryMutAct_9fa48("2392") ? `` : (stryCov_9fa48("2392"), `${identifier}.mdm`),
      PayloadUUID: uuid(),
      PayloadDisplayName: stryMutAct_9fa48("2393") ? "" : (stryCov_9fa48("2393"), 'Device management'),
      ServerURL: input.serverUrl,
      CheckInURL: input.checkInUrl,
      Topic: input.topic,
      IdentityCertificateUUID: identityUuid,
      SignMessage: stryMutAct_9fa48("2394") ? false : (stryCov_9fa48("2394"), true),
      CheckOutWhenRemoved: stryMutAct_9fa48("2395") ? false : (stryCov_9fa48("2395"), true),
      // Per-user channels (macOS) are declined at check-in; no bootstrap-token escrow or GetToken service here.
      ServerCapabilities: stryMutAct_9fa48("2396") ? [] : (stryCov_9fa48("2396"), [stryMutAct_9fa48("2397") ? "" : (stryCov_9fa48("2397"), 'com.apple.mdm.per-user-connections')])
    });
    if (stryMutAct_9fa48("2399") ? false : stryMutAct_9fa48("2398") ? true : (stryCov_9fa48("2398", "2399"), input.userEnrollment)) {
      if (stryMutAct_9fa48("2400")) {
        {}
      } else {
        stryCov_9fa48("2400");
        mdm.EnrollmentMode = stryMutAct_9fa48("2401") ? "" : (stryCov_9fa48("2401"), 'BYOD');
        mdm.AssignedManagedAppleID = input.userEnrollment.managedAppleId;
      }
    } else {
      if (stryMutAct_9fa48("2402")) {
        {}
      } else {
        stryCov_9fa48("2402");
        // Ignored by User Enrolment, where Apple's schema fixes what the server may do.
        mdm.AccessRights = input.accessRights;
      }
    }
    const identity: PlistDict = stryMutAct_9fa48("2403") ? {} : (stryCov_9fa48("2403"), {
      PayloadType: stryMutAct_9fa48("2404") ? "" : (stryCov_9fa48("2404"), 'com.apple.security.pkcs12'),
      PayloadVersion: 1,
      PayloadIdentifier: stryMutAct_9fa48("2405") ? `` : (stryCov_9fa48("2405"), `${identifier}.identity`),
      PayloadUUID: identityUuid,
      PayloadDisplayName: stryMutAct_9fa48("2406") ? "" : (stryCov_9fa48("2406"), 'Device identity'),
      PayloadCertificateFileName: stryMutAct_9fa48("2407") ? "" : (stryCov_9fa48("2407"), 'identity.p12'),
      PayloadContent: input.identityPkcs12,
      Password: input.identityPassword
    });
    const profile: PlistDict = stryMutAct_9fa48("2408") ? {} : (stryCov_9fa48("2408"), {
      PayloadType: stryMutAct_9fa48("2409") ? "" : (stryCov_9fa48("2409"), 'Configuration'),
      PayloadVersion: 1,
      PayloadIdentifier: identifier,
      PayloadUUID: profileUuid,
      PayloadDisplayName: stryMutAct_9fa48("2410") ? `` : (stryCov_9fa48("2410"), `${input.organization} device management`),
      PayloadOrganization: input.organization,
      PayloadDescription: input.userEnrollment ? stryMutAct_9fa48("2411") ? "" : (stryCov_9fa48("2411"), 'Manages a separate work volume on this device. Your personal data stays private.') : stryMutAct_9fa48("2412") ? "" : (stryCov_9fa48("2412"), 'Enrols this device in device management.'),
      PayloadScope: stryMutAct_9fa48("2413") ? "" : (stryCov_9fa48("2413"), 'System'),
      PayloadContent: stryMutAct_9fa48("2414") ? [] : (stryCov_9fa48("2414"), [identity, mdm])
    });
    return stryMutAct_9fa48("2415") ? {} : (stryCov_9fa48("2415"), {
      xml: encodePlist(profile),
      identifier
    });
  }
}
export interface PasscodePolicy {
  minLength: number;
  requireAlphanumeric: boolean;
  autoLockMinutes: number;
  maxFailedAttempts: number;
}

/**
 * Passcode policy (com.apple.mobiledevice.passwordpolicy). Under User Enrolment most keys are ignored and the
 * device enforces a 6-digit passcode; the same profile still applies.
 */
export function buildPasscodeProfile(identifierPrefix: string, organization: string, policy: PasscodePolicy, uuid = randomUUID): BuiltProfile {
  if (stryMutAct_9fa48("2416")) {
    {}
  } else {
    stryCov_9fa48("2416");
    const identifier = stryMutAct_9fa48("2417") ? `` : (stryCov_9fa48("2417"), `${identifierPrefix}.passcode-policy`);
    const profile: PlistDict = stryMutAct_9fa48("2418") ? {} : (stryCov_9fa48("2418"), {
      PayloadType: stryMutAct_9fa48("2419") ? "" : (stryCov_9fa48("2419"), 'Configuration'),
      PayloadVersion: 1,
      PayloadIdentifier: identifier,
      PayloadUUID: uuid(),
      PayloadDisplayName: stryMutAct_9fa48("2420") ? "" : (stryCov_9fa48("2420"), 'Passcode policy'),
      PayloadOrganization: organization,
      PayloadContent: stryMutAct_9fa48("2421") ? [] : (stryCov_9fa48("2421"), [stryMutAct_9fa48("2422") ? {} : (stryCov_9fa48("2422"), {
        PayloadType: stryMutAct_9fa48("2423") ? "" : (stryCov_9fa48("2423"), 'com.apple.mobiledevice.passwordpolicy'),
        PayloadVersion: 1,
        PayloadIdentifier: stryMutAct_9fa48("2424") ? `` : (stryCov_9fa48("2424"), `${identifier}.passcode`),
        PayloadUUID: uuid(),
        forcePIN: stryMutAct_9fa48("2425") ? false : (stryCov_9fa48("2425"), true),
        allowSimple: stryMutAct_9fa48("2426") ? true : (stryCov_9fa48("2426"), false),
        minLength: policy.minLength,
        requireAlphanumeric: policy.requireAlphanumeric,
        maxInactivity: policy.autoLockMinutes,
        maxFailedAttempts: policy.maxFailedAttempts,
        maxGracePeriod: 0
      })])
    });
    return stryMutAct_9fa48("2427") ? {} : (stryCov_9fa48("2427"), {
      xml: encodePlist(profile),
      identifier
    });
  }
}