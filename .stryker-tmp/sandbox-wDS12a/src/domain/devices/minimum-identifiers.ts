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
import { createHash } from 'node:crypto';
import type { Ownership } from '../../generated/prisma/enums.js';

/**
 * Keys that identify a phone's hardware, its subscriber or what is installed on it. On a personal device we keep
 * none of them: compliance needs OS version, encryption and passcode facts, not who the phone is.
 */
export const HARDWARE_IDENTIFIER_KEYS: ReadonlySet<string> = new Set(stryMutAct_9fa48("816") ? [] : (stryCov_9fa48("816"), [stryMutAct_9fa48("817") ? "" : (stryCov_9fa48("817"), 'UDID'), stryMutAct_9fa48("818") ? "" : (stryCov_9fa48("818"), 'SerialNumber'), stryMutAct_9fa48("819") ? "" : (stryCov_9fa48("819"), 'IMEI'), stryMutAct_9fa48("820") ? "" : (stryCov_9fa48("820"), 'MEID'), stryMutAct_9fa48("821") ? "" : (stryCov_9fa48("821"), 'ICCID'), stryMutAct_9fa48("822") ? "" : (stryCov_9fa48("822"), 'EID'), stryMutAct_9fa48("823") ? "" : (stryCov_9fa48("823"), 'PhoneNumber'), stryMutAct_9fa48("824") ? "" : (stryCov_9fa48("824"), 'BluetoothMAC'), stryMutAct_9fa48("825") ? "" : (stryCov_9fa48("825"), 'WiFiMAC'), stryMutAct_9fa48("826") ? "" : (stryCov_9fa48("826"), 'EthernetMAC'), stryMutAct_9fa48("827") ? "" : (stryCov_9fa48("827"), 'EthernetMACs'), stryMutAct_9fa48("828") ? "" : (stryCov_9fa48("828"), 'ServiceSubscriptions'), stryMutAct_9fa48("829") ? "" : (stryCov_9fa48("829"), 'CarrierSettingsVersion'), stryMutAct_9fa48("830") ? "" : (stryCov_9fa48("830"), 'ModemFirmwareVersion'), stryMutAct_9fa48("831") ? "" : (stryCov_9fa48("831"), 'SubscriberCarrierNetwork'), stryMutAct_9fa48("832") ? "" : (stryCov_9fa48("832"), 'CurrentCarrierNetwork'), stryMutAct_9fa48("833") ? "" : (stryCov_9fa48("833"), 'InstalledApplicationList'), stryMutAct_9fa48("834") ? "" : (stryCov_9fa48("834"), 'ManagedApplicationList'), stryMutAct_9fa48("835") ? "" : (stryCov_9fa48("835"), 'AvailableOSUpdates')]));
export const keepsHardwareIdentifiers = stryMutAct_9fa48("836") ? () => undefined : (stryCov_9fa48("836"), (() => {
  const keepsHardwareIdentifiers = (ownership: Ownership) => stryMutAct_9fa48("839") ? ownership !== 'CORPORATE' : stryMutAct_9fa48("838") ? false : stryMutAct_9fa48("837") ? true : (stryCov_9fa48("837", "838", "839"), ownership === (stryMutAct_9fa48("840") ? "" : (stryCov_9fa48("840"), 'CORPORATE')));
  return keepsHardwareIdentifiers;
})());

/** `value` with every HARDWARE_IDENTIFIER_KEYS entry removed at any depth (input is already depth-limited). */
export function withoutHardwareIdentifiers<T>(value: T): T {
  if (stryMutAct_9fa48("841")) {
    {}
  } else {
    stryCov_9fa48("841");
    if (stryMutAct_9fa48("843") ? false : stryMutAct_9fa48("842") ? true : (stryCov_9fa48("842", "843"), Array.isArray(value))) return value.map(item => withoutHardwareIdentifiers(item)) as T;
    if (stryMutAct_9fa48("846") ? (value === null || typeof value !== 'object' || value instanceof Uint8Array) && value instanceof Date : stryMutAct_9fa48("845") ? false : stryMutAct_9fa48("844") ? true : (stryCov_9fa48("844", "845", "846"), (stryMutAct_9fa48("848") ? (value === null || typeof value !== 'object') && value instanceof Uint8Array : stryMutAct_9fa48("847") ? false : (stryCov_9fa48("847", "848"), (stryMutAct_9fa48("850") ? value === null && typeof value !== 'object' : stryMutAct_9fa48("849") ? false : (stryCov_9fa48("849", "850"), (stryMutAct_9fa48("852") ? value !== null : stryMutAct_9fa48("851") ? false : (stryCov_9fa48("851", "852"), value === null)) || (stryMutAct_9fa48("854") ? typeof value === 'object' : stryMutAct_9fa48("853") ? false : (stryCov_9fa48("853", "854"), typeof value !== (stryMutAct_9fa48("855") ? "" : (stryCov_9fa48("855"), 'object')))))) || value instanceof Uint8Array)) || value instanceof Date)) return value;
    return Object.fromEntries(Object.entries(value).filter(([key]) => !HARDWARE_IDENTIFIER_KEYS.has(key)).map(([key, inner]) => [key, withoutHardwareIdentifiers(inner)])) as T;
  }
}

/**
 * How a device's MDM identity (UDID, or User Enrolment's EnrollmentID) is stored: as sent for corporate devices and
 * User Enrolment (an EnrollmentID is already per-enrolment and anonymous), as a SHA-256 for a personal device
 * enrolment, so the UDID itself is never kept while requests can still be matched to their enrolment.
 */
export function storedDeviceIdentity(identityId: string, kind: 'DEVICE' | 'USER', ownership: Ownership): string {
  if (stryMutAct_9fa48("856")) {
    {}
  } else {
    stryCov_9fa48("856");
    if (stryMutAct_9fa48("859") ? kind === 'USER' && keepsHardwareIdentifiers(ownership) : stryMutAct_9fa48("858") ? false : stryMutAct_9fa48("857") ? true : (stryCov_9fa48("857", "858", "859"), (stryMutAct_9fa48("861") ? kind !== 'USER' : stryMutAct_9fa48("860") ? false : (stryCov_9fa48("860", "861"), kind === (stryMutAct_9fa48("862") ? "" : (stryCov_9fa48("862"), 'USER')))) || keepsHardwareIdentifiers(ownership))) return identityId;
    return hashedDeviceIdentity(identityId);
  }
}
export const hashedDeviceIdentity = stryMutAct_9fa48("863") ? () => undefined : (stryCov_9fa48("863"), (() => {
  const hashedDeviceIdentity = (identityId: string) => stryMutAct_9fa48("864") ? `` : (stryCov_9fa48("864"), `sha256:${createHash(stryMutAct_9fa48("865") ? "" : (stryCov_9fa48("865"), 'sha256')).update(identityId).digest(stryMutAct_9fa48("866") ? "" : (stryCov_9fa48("866"), 'hex'))}`);
  return hashedDeviceIdentity;
})());

/** Whether a stored identity (either form) is the one a request names. */
export function matchesStoredIdentity(stored: string | null, identityId: string): boolean {
  if (stryMutAct_9fa48("867")) {
    {}
  } else {
    stryCov_9fa48("867");
    if (stryMutAct_9fa48("870") ? stored !== null : stryMutAct_9fa48("869") ? false : stryMutAct_9fa48("868") ? true : (stryCov_9fa48("868", "869", "870"), stored === null)) return stryMutAct_9fa48("871") ? true : (stryCov_9fa48("871"), false);
    return stryMutAct_9fa48("874") ? stored === identityId && stored === hashedDeviceIdentity(identityId) : stryMutAct_9fa48("873") ? false : stryMutAct_9fa48("872") ? true : (stryCov_9fa48("872", "873", "874"), (stryMutAct_9fa48("876") ? stored !== identityId : stryMutAct_9fa48("875") ? false : (stryCov_9fa48("875", "876"), stored === identityId)) || (stryMutAct_9fa48("878") ? stored !== hashedDeviceIdentity(identityId) : stryMutAct_9fa48("877") ? false : (stryCov_9fa48("877", "878"), stored === hashedDeviceIdentity(identityId))));
  }
}

/**
 * Shown with every privacy notice (GET /v1/privacy-notices/current), whatever an organisation writes in its own
 * text, so staff always see what this server keeps about a personal phone.
 */
export const PERSONAL_DEVICE_DATA_STATEMENT = (stryMutAct_9fa48("879") ? "" : (stryCov_9fa48("879"), 'On a personal phone or tablet this service stores no serial number, UDID, IMEI, MEID, phone number or list of apps. ')) + (stryMutAct_9fa48("880") ? "" : (stryCov_9fa48("880"), 'It keeps only what compliance needs: the model, OS version and security patch level, whether storage is encrypted, ')) + (stryMutAct_9fa48("881") ? "" : (stryCov_9fa48("881"), 'whether a passcode is set and meets the policy, and when the device last checked in. ')) + (stryMutAct_9fa48("882") ? "" : (stryCov_9fa48("882"), 'Your manager sees only whether the device is compliant and which rules fail, never details of the device.'));