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
import { PlistError, type PlistDict } from './plist.js';

/**
 * Check-in and command-report messages as devices send them (keys per Apple's device-management schema,
 * mdm/checkin/*.yaml). Decoding is strict about the keys we act on and keeps the rest for audit.
 */

export type EnrollmentKind = 'DEVICE' | 'USER';

/**
 * Who is speaking, exactly as the device said it. UDID for device channels; EnrollmentID for User Enrolment,
 * which never reveals UDID or serial. User channels (macOS UserID, Shared iPad, EnrollmentUserID) are noted so they
 * can be declined: this server manages devices, not per-user channels.
 */
export interface EnrollmentIdentity {
  kind: EnrollmentKind;
  /** Normalised id: the UDID or the EnrollmentID. */
  id: string;
  udid?: string;
  enrollmentId?: string;
  userChannel?: string;
}
export type CheckinMessage = {
  type: 'Authenticate';
  identity: EnrollmentIdentity;
  topic: string;
  osVersion?: string;
  buildVersion?: string;
  productName?: string;
  serialNumber?: string;
  model?: string;
  deviceName?: string;
  raw: PlistDict;
} | {
  type: 'TokenUpdate';
  identity: EnrollmentIdentity;
  topic: string;
  tokenHex: string;
  pushMagic: string;
  awaitingConfiguration: boolean;
  raw: PlistDict;
} | {
  type: 'CheckOut';
  identity: EnrollmentIdentity;
  topic?: string;
  raw: PlistDict;
} | {
  type: 'Other';
  messageType: string;
  identity: EnrollmentIdentity;
  raw: PlistDict;
};
const IDENTIFIER = stryMutAct_9fa48("1810") ? /^[^A-Za-z0-9:._-]{1,128}$/ : stryMutAct_9fa48("1809") ? /^[A-Za-z0-9:._-]$/ : stryMutAct_9fa48("1808") ? /^[A-Za-z0-9:._-]{1,128}/ : stryMutAct_9fa48("1807") ? /[A-Za-z0-9:._-]{1,128}$/ : (stryCov_9fa48("1807", "1808", "1809", "1810"), /^[A-Za-z0-9:._-]{1,128}$/);
export function resolveIdentity(message: PlistDict): EnrollmentIdentity {
  if (stryMutAct_9fa48("1811")) {
    {}
  } else {
    stryCov_9fa48("1811");
    const udid = optionalString(message, stryMutAct_9fa48("1812") ? "" : (stryCov_9fa48("1812"), 'UDID'));
    const enrollmentId = optionalString(message, stryMutAct_9fa48("1813") ? "" : (stryCov_9fa48("1813"), 'EnrollmentID'));
    const userChannel = stryMutAct_9fa48("1814") ? (optionalString(message, 'UserID') ?? optionalString(message, 'EnrollmentUserID')) && optionalString(message, 'UserShortName') : (stryCov_9fa48("1814"), (stryMutAct_9fa48("1815") ? optionalString(message, 'UserID') && optionalString(message, 'EnrollmentUserID') : (stryCov_9fa48("1815"), optionalString(message, stryMutAct_9fa48("1816") ? "" : (stryCov_9fa48("1816"), 'UserID')) ?? optionalString(message, stryMutAct_9fa48("1817") ? "" : (stryCov_9fa48("1817"), 'EnrollmentUserID')))) ?? optionalString(message, stryMutAct_9fa48("1818") ? "" : (stryCov_9fa48("1818"), 'UserShortName')));
    if (stryMutAct_9fa48("1821") ? udid || enrollmentId : stryMutAct_9fa48("1820") ? false : stryMutAct_9fa48("1819") ? true : (stryCov_9fa48("1819", "1820", "1821"), udid && enrollmentId)) throw new PlistError(stryMutAct_9fa48("1823") ? "" : (stryCov_9fa48("1823"), 'message carries both UDID and EnrollmentID'));
    const id = stryMutAct_9fa48("1824") ? udid && enrollmentId : (stryCov_9fa48("1824"), udid ?? enrollmentId);
    if (stryMutAct_9fa48("1827") ? false : stryMutAct_9fa48("1826") ? true : stryMutAct_9fa48("1825") ? id : (stryCov_9fa48("1825", "1826", "1827"), !id)) throw new PlistError(stryMutAct_9fa48("1829") ? "" : (stryCov_9fa48("1829"), 'message carries neither UDID nor EnrollmentID'));
    if (stryMutAct_9fa48("1832") ? false : stryMutAct_9fa48("1831") ? true : stryMutAct_9fa48("1830") ? IDENTIFIER.test(id) : (stryCov_9fa48("1830", "1831", "1832"), !IDENTIFIER.test(id))) throw new PlistError(stryMutAct_9fa48("1834") ? "" : (stryCov_9fa48("1834"), 'malformed enrolment identifier'));
    return udid ? stryMutAct_9fa48("1835") ? {} : (stryCov_9fa48("1835"), {
      kind: stryMutAct_9fa48("1836") ? "" : (stryCov_9fa48("1836"), 'DEVICE'),
      id,
      udid,
      ...(userChannel ? stryMutAct_9fa48("1837") ? {} : (stryCov_9fa48("1837"), {
        userChannel
      }) : {})
    }) : stryMutAct_9fa48("1838") ? {} : (stryCov_9fa48("1838"), {
      kind: stryMutAct_9fa48("1839") ? "" : (stryCov_9fa48("1839"), 'USER'),
      id,
      enrollmentId,
      ...(userChannel ? stryMutAct_9fa48("1840") ? {} : (stryCov_9fa48("1840"), {
        userChannel
      }) : {})
    });
  }
}
export function parseCheckin(message: PlistDict): CheckinMessage {
  if (stryMutAct_9fa48("1841")) {
    {}
  } else {
    stryCov_9fa48("1841");
    const messageType = requiredString(message, stryMutAct_9fa48("1842") ? "" : (stryCov_9fa48("1842"), 'MessageType'));
    const identity = resolveIdentity(message);
    switch (messageType) {
      case stryMutAct_9fa48("1844") ? "" : (stryCov_9fa48("1844"), 'Authenticate'):
        if (stryMutAct_9fa48("1843")) {} else {
          stryCov_9fa48("1843");
          return stryMutAct_9fa48("1845") ? {} : (stryCov_9fa48("1845"), {
            type: stryMutAct_9fa48("1846") ? "" : (stryCov_9fa48("1846"), 'Authenticate'),
            identity,
            topic: requiredString(message, stryMutAct_9fa48("1847") ? "" : (stryCov_9fa48("1847"), 'Topic')),
            osVersion: optionalString(message, stryMutAct_9fa48("1848") ? "" : (stryCov_9fa48("1848"), 'OSVersion')),
            buildVersion: optionalString(message, stryMutAct_9fa48("1849") ? "" : (stryCov_9fa48("1849"), 'BuildVersion')),
            productName: optionalString(message, stryMutAct_9fa48("1850") ? "" : (stryCov_9fa48("1850"), 'ProductName')),
            // User Enrolment never sends a serial; we only keep one a device volunteered.
            serialNumber: (stryMutAct_9fa48("1853") ? identity.kind !== 'DEVICE' : stryMutAct_9fa48("1852") ? false : stryMutAct_9fa48("1851") ? true : (stryCov_9fa48("1851", "1852", "1853"), identity.kind === (stryMutAct_9fa48("1854") ? "" : (stryCov_9fa48("1854"), 'DEVICE')))) ? optionalString(message, stryMutAct_9fa48("1855") ? "" : (stryCov_9fa48("1855"), 'SerialNumber')) : undefined,
            model: stryMutAct_9fa48("1856") ? optionalString(message, 'Model') && optionalString(message, 'ProductName') : (stryCov_9fa48("1856"), optionalString(message, stryMutAct_9fa48("1857") ? "" : (stryCov_9fa48("1857"), 'Model')) ?? optionalString(message, stryMutAct_9fa48("1858") ? "" : (stryCov_9fa48("1858"), 'ProductName'))),
            deviceName: optionalString(message, stryMutAct_9fa48("1859") ? "" : (stryCov_9fa48("1859"), 'DeviceName')),
            raw: message
          });
        }
      case stryMutAct_9fa48("1861") ? "" : (stryCov_9fa48("1861"), 'TokenUpdate'):
        if (stryMutAct_9fa48("1860")) {} else {
          stryCov_9fa48("1860");
          {
            if (stryMutAct_9fa48("1862")) {
              {}
            } else {
              stryCov_9fa48("1862");
              const token = message.Token;
              if (stryMutAct_9fa48("1865") ? (!(token instanceof Uint8Array) || token.length === 0) && token.length > 256 : stryMutAct_9fa48("1864") ? false : stryMutAct_9fa48("1863") ? true : (stryCov_9fa48("1863", "1864", "1865"), (stryMutAct_9fa48("1867") ? !(token instanceof Uint8Array) && token.length === 0 : stryMutAct_9fa48("1866") ? false : (stryCov_9fa48("1866", "1867"), (stryMutAct_9fa48("1868") ? token instanceof Uint8Array : (stryCov_9fa48("1868"), !(token instanceof Uint8Array))) || (stryMutAct_9fa48("1870") ? token.length !== 0 : stryMutAct_9fa48("1869") ? false : (stryCov_9fa48("1869", "1870"), token.length === 0)))) || (stryMutAct_9fa48("1873") ? token.length <= 256 : stryMutAct_9fa48("1872") ? token.length >= 256 : stryMutAct_9fa48("1871") ? false : (stryCov_9fa48("1871", "1872", "1873"), token.length > 256)))) throw new PlistError(stryMutAct_9fa48("1875") ? "" : (stryCov_9fa48("1875"), 'TokenUpdate Token must be data'));
              return stryMutAct_9fa48("1876") ? {} : (stryCov_9fa48("1876"), {
                type: stryMutAct_9fa48("1877") ? "" : (stryCov_9fa48("1877"), 'TokenUpdate'),
                identity,
                topic: requiredString(message, stryMutAct_9fa48("1878") ? "" : (stryCov_9fa48("1878"), 'Topic')),
                tokenHex: Buffer.from(token).toString(stryMutAct_9fa48("1879") ? "" : (stryCov_9fa48("1879"), 'hex')),
                pushMagic: requiredString(message, stryMutAct_9fa48("1880") ? "" : (stryCov_9fa48("1880"), 'PushMagic')),
                awaitingConfiguration: stryMutAct_9fa48("1883") ? message.AwaitingConfiguration !== true : stryMutAct_9fa48("1882") ? false : stryMutAct_9fa48("1881") ? true : (stryCov_9fa48("1881", "1882", "1883"), message.AwaitingConfiguration === (stryMutAct_9fa48("1884") ? false : (stryCov_9fa48("1884"), true))),
                raw: message
              });
            }
          }
        }
      case stryMutAct_9fa48("1886") ? "" : (stryCov_9fa48("1886"), 'CheckOut'):
        if (stryMutAct_9fa48("1885")) {} else {
          stryCov_9fa48("1885");
          return stryMutAct_9fa48("1887") ? {} : (stryCov_9fa48("1887"), {
            type: stryMutAct_9fa48("1888") ? "" : (stryCov_9fa48("1888"), 'CheckOut'),
            identity,
            topic: optionalString(message, stryMutAct_9fa48("1889") ? "" : (stryCov_9fa48("1889"), 'Topic')),
            raw: message
          });
        }
      default:
        if (stryMutAct_9fa48("1890")) {} else {
          stryCov_9fa48("1890");
          return stryMutAct_9fa48("1891") ? {} : (stryCov_9fa48("1891"), {
            type: stryMutAct_9fa48("1892") ? "" : (stryCov_9fa48("1892"), 'Other'),
            messageType,
            identity,
            raw: message
          });
        }
    }
  }
}
export type ReportStatus = 'Idle' | 'Acknowledged' | 'Error' | 'CommandFormatError' | 'NotNow';
const STATUSES: ReportStatus[] = stryMutAct_9fa48("1893") ? [] : (stryCov_9fa48("1893"), [stryMutAct_9fa48("1894") ? "" : (stryCov_9fa48("1894"), 'Idle'), stryMutAct_9fa48("1895") ? "" : (stryCov_9fa48("1895"), 'Acknowledged'), stryMutAct_9fa48("1896") ? "" : (stryCov_9fa48("1896"), 'Error'), stryMutAct_9fa48("1897") ? "" : (stryCov_9fa48("1897"), 'CommandFormatError'), stryMutAct_9fa48("1898") ? "" : (stryCov_9fa48("1898"), 'NotNow')]);
export interface ErrorChainItem {
  ErrorCode?: number;
  ErrorDomain?: string;
  LocalizedDescription?: string;
  USEnglishDescription?: string;
}
export interface CommandReport {
  identity: EnrollmentIdentity;
  status: ReportStatus;
  commandUuid?: string;
  errorChain?: ErrorChainItem[];
  /** Result keys other than the envelope (QueryResponses, SecurityInfo, ProfileList, MessageResult, ...). */
  result: PlistDict;
  raw: PlistDict;
}
const ENVELOPE = new Set(stryMutAct_9fa48("1899") ? [] : (stryCov_9fa48("1899"), [stryMutAct_9fa48("1900") ? "" : (stryCov_9fa48("1900"), 'UDID'), stryMutAct_9fa48("1901") ? "" : (stryCov_9fa48("1901"), 'EnrollmentID'), stryMutAct_9fa48("1902") ? "" : (stryCov_9fa48("1902"), 'UserID'), stryMutAct_9fa48("1903") ? "" : (stryCov_9fa48("1903"), 'EnrollmentUserID'), stryMutAct_9fa48("1904") ? "" : (stryCov_9fa48("1904"), 'UserShortName'), stryMutAct_9fa48("1905") ? "" : (stryCov_9fa48("1905"), 'UserLongName'), stryMutAct_9fa48("1906") ? "" : (stryCov_9fa48("1906"), 'Status'), stryMutAct_9fa48("1907") ? "" : (stryCov_9fa48("1907"), 'CommandUUID'), stryMutAct_9fa48("1908") ? "" : (stryCov_9fa48("1908"), 'ErrorChain'), stryMutAct_9fa48("1909") ? "" : (stryCov_9fa48("1909"), 'RequestType')]));
const UUID = stryMutAct_9fa48("1921") ? /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[^0-9a-fA-F]{12}$/ : stryMutAct_9fa48("1920") ? /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]$/ : stryMutAct_9fa48("1919") ? /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[^0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/ : stryMutAct_9fa48("1918") ? /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]-[0-9a-fA-F]{12}$/ : stryMutAct_9fa48("1917") ? /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[^0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/ : stryMutAct_9fa48("1916") ? /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/ : stryMutAct_9fa48("1915") ? /^[0-9a-fA-F]{8}-[^0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/ : stryMutAct_9fa48("1914") ? /^[0-9a-fA-F]{8}-[0-9a-fA-F]-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/ : stryMutAct_9fa48("1913") ? /^[^0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/ : stryMutAct_9fa48("1912") ? /^[0-9a-fA-F]-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/ : stryMutAct_9fa48("1911") ? /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}/ : stryMutAct_9fa48("1910") ? /[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/ : (stryCov_9fa48("1910", "1911", "1912", "1913", "1914", "1915", "1916", "1917", "1918", "1919", "1920", "1921"), /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/);
export function parseReport(message: PlistDict): CommandReport {
  if (stryMutAct_9fa48("1922")) {
    {}
  } else {
    stryCov_9fa48("1922");
    const identity = resolveIdentity(message);
    const status = requiredString(message, 'Status') as ReportStatus;
    if (stryMutAct_9fa48("1925") ? false : stryMutAct_9fa48("1924") ? true : stryMutAct_9fa48("1923") ? STATUSES.includes(status) : (stryCov_9fa48("1923", "1924", "1925"), !STATUSES.includes(status))) throw new PlistError(stryMutAct_9fa48("1927") ? `` : (stryCov_9fa48("1927"), `unknown Status ${status}`));
    const commandUuid = optionalString(message, stryMutAct_9fa48("1928") ? "" : (stryCov_9fa48("1928"), 'CommandUUID'));
    if (stryMutAct_9fa48("1931") ? status !== 'Idle' || !commandUuid : stryMutAct_9fa48("1930") ? false : stryMutAct_9fa48("1929") ? true : (stryCov_9fa48("1929", "1930", "1931"), (stryMutAct_9fa48("1933") ? status === 'Idle' : stryMutAct_9fa48("1932") ? true : (stryCov_9fa48("1932", "1933"), status !== (stryMutAct_9fa48("1934") ? "" : (stryCov_9fa48("1934"), 'Idle')))) && (stryMutAct_9fa48("1935") ? commandUuid : (stryCov_9fa48("1935"), !commandUuid)))) throw new PlistError(stryMutAct_9fa48("1937") ? `` : (stryCov_9fa48("1937"), `${status} report without CommandUUID`));
    let errorChain: ErrorChainItem[] | undefined;
    if (stryMutAct_9fa48("1940") ? message.ErrorChain === undefined : stryMutAct_9fa48("1939") ? false : stryMutAct_9fa48("1938") ? true : (stryCov_9fa48("1938", "1939", "1940"), message.ErrorChain !== undefined)) {
      if (stryMutAct_9fa48("1941")) {
        {}
      } else {
        stryCov_9fa48("1941");
        if (stryMutAct_9fa48("1944") ? false : stryMutAct_9fa48("1943") ? true : stryMutAct_9fa48("1942") ? Array.isArray(message.ErrorChain) : (stryCov_9fa48("1942", "1943", "1944"), !Array.isArray(message.ErrorChain))) throw new PlistError(stryMutAct_9fa48("1946") ? "" : (stryCov_9fa48("1946"), 'ErrorChain must be an array'));
        errorChain = stryMutAct_9fa48("1947") ? message.ErrorChain : (stryCov_9fa48("1947"), message.ErrorChain.filter(stryMutAct_9fa48("1948") ? () => undefined : (stryCov_9fa48("1948"), (e): e is ErrorChainItem => stryMutAct_9fa48("1951") ? typeof e === 'object' || e !== null : stryMutAct_9fa48("1950") ? false : stryMutAct_9fa48("1949") ? true : (stryCov_9fa48("1949", "1950", "1951"), (stryMutAct_9fa48("1953") ? typeof e !== 'object' : stryMutAct_9fa48("1952") ? true : (stryCov_9fa48("1952", "1953"), typeof e === (stryMutAct_9fa48("1954") ? "" : (stryCov_9fa48("1954"), 'object')))) && (stryMutAct_9fa48("1956") ? e === null : stryMutAct_9fa48("1955") ? true : (stryCov_9fa48("1955", "1956"), e !== null))))));
      }
    }
    const result = Object.fromEntries(stryMutAct_9fa48("1957") ? Object.entries(message) : (stryCov_9fa48("1957"), Object.entries(message).filter(stryMutAct_9fa48("1958") ? () => undefined : (stryCov_9fa48("1958"), ([key]) => stryMutAct_9fa48("1959") ? ENVELOPE.has(key) : (stryCov_9fa48("1959"), !ENVELOPE.has(key))))));
    return stryMutAct_9fa48("1960") ? {} : (stryCov_9fa48("1960"), {
      identity,
      status,
      commandUuid: (stryMutAct_9fa48("1963") ? commandUuid || status !== 'Idle' : stryMutAct_9fa48("1962") ? false : stryMutAct_9fa48("1961") ? true : (stryCov_9fa48("1961", "1962", "1963"), commandUuid && (stryMutAct_9fa48("1965") ? status === 'Idle' : stryMutAct_9fa48("1964") ? true : (stryCov_9fa48("1964", "1965"), status !== (stryMutAct_9fa48("1966") ? "" : (stryCov_9fa48("1966"), 'Idle')))))) ? commandUuid : undefined,
      errorChain,
      result,
      raw: message
    });
  }
}

/** Command UUIDs we issue are Command row ids; anything else cannot be ours. */
export const isOurCommandUuid = stryMutAct_9fa48("1967") ? () => undefined : (stryCov_9fa48("1967"), (() => {
  const isOurCommandUuid = (value: string) => UUID.test(value);
  return isOurCommandUuid;
})());
function requiredString(message: PlistDict, key: string): string {
  if (stryMutAct_9fa48("1968")) {
    {}
  } else {
    stryCov_9fa48("1968");
    const value = message[key];
    if (stryMutAct_9fa48("1971") ? typeof value !== 'string' && value.length === 0 : stryMutAct_9fa48("1970") ? false : stryMutAct_9fa48("1969") ? true : (stryCov_9fa48("1969", "1970", "1971"), (stryMutAct_9fa48("1973") ? typeof value === 'string' : stryMutAct_9fa48("1972") ? false : (stryCov_9fa48("1972", "1973"), typeof value !== (stryMutAct_9fa48("1974") ? "" : (stryCov_9fa48("1974"), 'string')))) || (stryMutAct_9fa48("1976") ? value.length !== 0 : stryMutAct_9fa48("1975") ? false : (stryCov_9fa48("1975", "1976"), value.length === 0)))) throw new PlistError(stryMutAct_9fa48("1978") ? `` : (stryCov_9fa48("1978"), `${key} missing`));
    if (stryMutAct_9fa48("1982") ? value.length <= 1024 : stryMutAct_9fa48("1981") ? value.length >= 1024 : stryMutAct_9fa48("1980") ? false : stryMutAct_9fa48("1979") ? true : (stryCov_9fa48("1979", "1980", "1981", "1982"), value.length > 1024)) throw new PlistError(stryMutAct_9fa48("1984") ? `` : (stryCov_9fa48("1984"), `${key} too long`));
    return value;
  }
}
function optionalString(message: PlistDict, key: string): string | undefined {
  if (stryMutAct_9fa48("1985")) {
    {}
  } else {
    stryCov_9fa48("1985");
    const value = message[key];
    if (stryMutAct_9fa48("1988") ? value !== undefined : stryMutAct_9fa48("1987") ? false : stryMutAct_9fa48("1986") ? true : (stryCov_9fa48("1986", "1987", "1988"), value === undefined)) return undefined;
    if (stryMutAct_9fa48("1991") ? typeof value !== 'string' && value.length > 1024 : stryMutAct_9fa48("1990") ? false : stryMutAct_9fa48("1989") ? true : (stryCov_9fa48("1989", "1990", "1991"), (stryMutAct_9fa48("1993") ? typeof value === 'string' : stryMutAct_9fa48("1992") ? false : (stryCov_9fa48("1992", "1993"), typeof value !== (stryMutAct_9fa48("1994") ? "" : (stryCov_9fa48("1994"), 'string')))) || (stryMutAct_9fa48("1997") ? value.length <= 1024 : stryMutAct_9fa48("1996") ? value.length >= 1024 : stryMutAct_9fa48("1995") ? false : (stryCov_9fa48("1995", "1996", "1997"), value.length > 1024)))) throw new PlistError(stryMutAct_9fa48("1999") ? `` : (stryCov_9fa48("1999"), `${key} must be a string`));
    return value.length ? value : undefined;
  }
}