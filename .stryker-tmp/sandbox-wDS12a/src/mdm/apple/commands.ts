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
import { encodePlist, fromJsonValue, type PlistDict } from './plist.js';

/**
 * The MDM commands this server sends, what each needs from the enrolment, and how they go on the wire.
 * Availability follows Apple's schema (mdm/commands/*.yaml, `userenrollment.mode`) and the AccessRights the
 * enrolment profile asked for.
 */
export const APPLE_REQUEST_TYPES = ['DeviceInformation', 'SecurityInfo', 'ProfileList', 'InstallProfile', 'RemoveProfile', 'DeviceLock', 'EraseDevice'] as const;
export type AppleRequestType = typeof APPLE_REQUEST_TYPES[number];
export const ACCESS_RIGHTS = {
  inspectProfiles: 1,
  installProfiles: 2,
  deviceLock: 4,
  deviceErase: 8,
  deviceInfo: 16,
  networkInfo: 32,
  securityQueries: 1024,
  all: 8191
} as const;

/** Corporate devices: every right. */
export const CORPORATE_ACCESS_RIGHTS = ACCESS_RIGHTS.all;
/** Personal devices: posture queries and removing what we installed; no lock, no erase, no app or network inventory. */
export const PERSONAL_ACCESS_RIGHTS = ACCESS_RIGHTS.inspectProfiles | ACCESS_RIGHTS.installProfiles | ACCESS_RIGHTS.deviceInfo | ACCESS_RIGHTS.securityQueries;
const REQUIRED_RIGHT: Record<AppleRequestType, number> = stryMutAct_9fa48("1740") ? {} : (stryCov_9fa48("1740"), {
  DeviceInformation: ACCESS_RIGHTS.deviceInfo,
  SecurityInfo: ACCESS_RIGHTS.securityQueries,
  ProfileList: ACCESS_RIGHTS.inspectProfiles,
  InstallProfile: ACCESS_RIGHTS.installProfiles,
  RemoveProfile: ACCESS_RIGHTS.installProfiles,
  DeviceLock: ACCESS_RIGHTS.deviceLock,
  EraseDevice: ACCESS_RIGHTS.deviceErase
});
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
  if (stryMutAct_9fa48("1741")) {
    {}
  } else {
    stryCov_9fa48("1741");
    if (stryMutAct_9fa48("1744") ? requestType !== 'EraseDevice' : stryMutAct_9fa48("1743") ? false : stryMutAct_9fa48("1742") ? true : (stryCov_9fa48("1742", "1743", "1744"), requestType === (stryMutAct_9fa48("1745") ? "" : (stryCov_9fa48("1745"), 'EraseDevice')))) {
      if (stryMutAct_9fa48("1746")) {
        {}
      } else {
        stryCov_9fa48("1746");
        if (stryMutAct_9fa48("1749") ? traits.kind !== 'USER' : stryMutAct_9fa48("1748") ? false : stryMutAct_9fa48("1747") ? true : (stryCov_9fa48("1747", "1748", "1749"), traits.kind === (stryMutAct_9fa48("1750") ? "" : (stryCov_9fa48("1750"), 'USER')))) return stryMutAct_9fa48("1751") ? "" : (stryCov_9fa48("1751"), 'EraseDevice is not available on User Enrolment; remove the managed data instead (RemoveProfile)');
        if (stryMutAct_9fa48("1754") ? traits.ownership !== 'PERSONAL' : stryMutAct_9fa48("1753") ? false : stryMutAct_9fa48("1752") ? true : (stryCov_9fa48("1752", "1753", "1754"), traits.ownership === (stryMutAct_9fa48("1755") ? "" : (stryCov_9fa48("1755"), 'PERSONAL')))) return stryMutAct_9fa48("1756") ? "" : (stryCov_9fa48("1756"), 'EraseDevice is refused on personal devices; remove the managed data instead (RemoveProfile)');
      }
    }
    if (stryMutAct_9fa48("1759") ? requestType === 'DeviceLock' && traits.kind === 'USER' || traits.macOS : stryMutAct_9fa48("1758") ? false : stryMutAct_9fa48("1757") ? true : (stryCov_9fa48("1757", "1758", "1759"), (stryMutAct_9fa48("1761") ? requestType === 'DeviceLock' || traits.kind === 'USER' : stryMutAct_9fa48("1760") ? true : (stryCov_9fa48("1760", "1761"), (stryMutAct_9fa48("1763") ? requestType !== 'DeviceLock' : stryMutAct_9fa48("1762") ? true : (stryCov_9fa48("1762", "1763"), requestType === (stryMutAct_9fa48("1764") ? "" : (stryCov_9fa48("1764"), 'DeviceLock')))) && (stryMutAct_9fa48("1766") ? traits.kind !== 'USER' : stryMutAct_9fa48("1765") ? true : (stryCov_9fa48("1765", "1766"), traits.kind === (stryMutAct_9fa48("1767") ? "" : (stryCov_9fa48("1767"), 'USER')))))) && traits.macOS)) return stryMutAct_9fa48("1768") ? "" : (stryCov_9fa48("1768"), 'DeviceLock is not available on macOS User Enrolment');
    // AccessRights do not apply to User Enrolment: Apple's schema decides there.
    if (stryMutAct_9fa48("1771") ? traits.kind === 'DEVICE' || (traits.accessRights & REQUIRED_RIGHT[requestType]) === 0 : stryMutAct_9fa48("1770") ? false : stryMutAct_9fa48("1769") ? true : (stryCov_9fa48("1769", "1770", "1771"), (stryMutAct_9fa48("1773") ? traits.kind !== 'DEVICE' : stryMutAct_9fa48("1772") ? true : (stryCov_9fa48("1772", "1773"), traits.kind === (stryMutAct_9fa48("1774") ? "" : (stryCov_9fa48("1774"), 'DEVICE')))) && (stryMutAct_9fa48("1776") ? (traits.accessRights & REQUIRED_RIGHT[requestType]) !== 0 : stryMutAct_9fa48("1775") ? true : (stryCov_9fa48("1775", "1776"), (traits.accessRights & REQUIRED_RIGHT[requestType]) === 0)))) {
      if (stryMutAct_9fa48("1777")) {
        {}
      } else {
        stryCov_9fa48("1777");
        return stryMutAct_9fa48("1778") ? `` : (stryCov_9fa48("1778"), `${requestType} is outside the rights this device's enrolment profile granted`);
      }
    }
    return null;
  }
}

/** DeviceInformation queries for posture. User Enrolment may not ask for hardware identifiers. */
export function postureQueries(kind: 'DEVICE' | 'USER'): string[] {
  if (stryMutAct_9fa48("1779")) {
    {}
  } else {
    stryCov_9fa48("1779");
    const common = stryMutAct_9fa48("1780") ? [] : (stryCov_9fa48("1780"), [stryMutAct_9fa48("1781") ? "" : (stryCov_9fa48("1781"), 'OSVersion'), stryMutAct_9fa48("1782") ? "" : (stryCov_9fa48("1782"), 'BuildVersion'), stryMutAct_9fa48("1783") ? "" : (stryCov_9fa48("1783"), 'ProductName'), stryMutAct_9fa48("1784") ? "" : (stryCov_9fa48("1784"), 'Model'), stryMutAct_9fa48("1785") ? "" : (stryCov_9fa48("1785"), 'ModelName'), stryMutAct_9fa48("1786") ? "" : (stryCov_9fa48("1786"), 'DeviceName'), stryMutAct_9fa48("1787") ? "" : (stryCov_9fa48("1787"), 'IsSupervised')]);
    return (stryMutAct_9fa48("1790") ? kind !== 'USER' : stryMutAct_9fa48("1789") ? false : stryMutAct_9fa48("1788") ? true : (stryCov_9fa48("1788", "1789", "1790"), kind === (stryMutAct_9fa48("1791") ? "" : (stryCov_9fa48("1791"), 'USER')))) ? common : stryMutAct_9fa48("1792") ? [] : (stryCov_9fa48("1792"), [...common, stryMutAct_9fa48("1793") ? "" : (stryCov_9fa48("1793"), 'SerialNumber'), stryMutAct_9fa48("1794") ? "" : (stryCov_9fa48("1794"), 'IsDeviceLocatorServiceEnabled'), stryMutAct_9fa48("1795") ? "" : (stryCov_9fa48("1795"), 'IsActivationLockEnabled')]);
  }
}
export const isMacProduct = stryMutAct_9fa48("1796") ? () => undefined : (stryCov_9fa48("1796"), (() => {
  const isMacProduct = (productName: string | null | undefined) => stryMutAct_9fa48("1799") ? !!productName || /^(i?Mac|MacBook|Macmini|MacPro|VirtualMac)/i.test(productName) : stryMutAct_9fa48("1798") ? false : stryMutAct_9fa48("1797") ? true : (stryCov_9fa48("1797", "1798", "1799"), (stryMutAct_9fa48("1800") ? !productName : (stryCov_9fa48("1800"), !(stryMutAct_9fa48("1801") ? productName : (stryCov_9fa48("1801"), !productName)))) && (stryMutAct_9fa48("1803") ? /^(iMac|MacBook|Macmini|MacPro|VirtualMac)/i : stryMutAct_9fa48("1802") ? /(i?Mac|MacBook|Macmini|MacPro|VirtualMac)/i : (stryCov_9fa48("1802", "1803"), /^(i?Mac|MacBook|Macmini|MacPro|VirtualMac)/i)).test(productName));
  return isMacProduct;
})());

/**
 * The plist sent on the connect channel. The command UUID is our Command row id, so results map back without a
 * lookup table. `payload` is the stored JSON form (binary as `{ $data: base64 }`).
 */
export function encodeCommand(commandUuid: string, requestType: string, payload: Record<string, unknown>): Buffer {
  if (stryMutAct_9fa48("1804")) {
    {}
  } else {
    stryCov_9fa48("1804");
    const command: PlistDict = stryMutAct_9fa48("1805") ? {} : (stryCov_9fa48("1805"), {
      RequestType: requestType,
      ...(fromJsonValue(payload) as PlistDict)
    });
    return encodePlist(stryMutAct_9fa48("1806") ? {} : (stryCov_9fa48("1806"), {
      CommandUUID: commandUuid,
      Command: command
    }));
  }
}