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
import type { Ownership } from '../../generated/prisma/enums.js';
import type { PostureReport } from '../../storage/posture-store.js';
import type { AmapiDevice, NonComplianceDetail } from './amapi-types.js';

/** Everything a Device resource tells us, split by where it is stored. */
export interface AndroidDeviceFacts {
  amapiName: string;
  ownership: Ownership | null;
  deleted: boolean;
  /** When the device produced this snapshot; orders reports (Pub/Sub is unordered). Null if it says nothing. */
  reportedAt: Date | null;
  posture: PostureReport;
  device: {
    model?: string | null;
    serialNumber?: string | null;
    osVersion?: string | null;
  };
  android: {
    managementMode: string | null;
    ownership: string | null;
    appliedState: string | null;
    policyName: string | null;
    appliedPolicyVersion: string | null;
    policyCompliant: boolean | null;
    nonComplianceDetails: NonComplianceDetail[];
    securityPosture: string | null;
    securityRisks: string[];
    apiLevel: number | null;
  };
}
const ENCRYPTED_STATUSES = new Set(stryMutAct_9fa48("1487") ? [] : (stryCov_9fa48("1487"), [stryMutAct_9fa48("1488") ? "" : (stryCov_9fa48("1488"), 'ACTIVE'), stryMutAct_9fa48("1489") ? "" : (stryCov_9fa48("1489"), 'ACTIVE_PER_USER')]));
const PASSWORD_SETTINGS = new Set(stryMutAct_9fa48("1490") ? [] : (stryCov_9fa48("1490"), [stryMutAct_9fa48("1491") ? "" : (stryCov_9fa48("1491"), 'passwordPolicies'), stryMutAct_9fa48("1492") ? "" : (stryCov_9fa48("1492"), 'passwordRequirements')]));
export function amapiOwnership(value: string | undefined): Ownership | null {
  if (stryMutAct_9fa48("1493")) {
    {}
  } else {
    stryCov_9fa48("1493");
    if (stryMutAct_9fa48("1496") ? value !== 'COMPANY_OWNED' : stryMutAct_9fa48("1495") ? false : stryMutAct_9fa48("1494") ? true : (stryCov_9fa48("1494", "1495", "1496"), value === (stryMutAct_9fa48("1497") ? "" : (stryCov_9fa48("1497"), 'COMPANY_OWNED')))) return stryMutAct_9fa48("1498") ? "" : (stryCov_9fa48("1498"), 'CORPORATE');
    if (stryMutAct_9fa48("1501") ? value !== 'PERSONALLY_OWNED' : stryMutAct_9fa48("1500") ? false : stryMutAct_9fa48("1499") ? true : (stryCov_9fa48("1499", "1500", "1501"), value === (stryMutAct_9fa48("1502") ? "" : (stryCov_9fa48("1502"), 'PERSONALLY_OWNED')))) return stryMutAct_9fa48("1503") ? "" : (stryCov_9fa48("1503"), 'PERSONAL');
    return null;
  }
}

/** AMAPI's `YYYY-MM-DD` patch level as a UTC date; null when absent or malformed. */
export function parsePatchLevel(value: string | undefined): Date | null {
  if (stryMutAct_9fa48("1504")) {
    {}
  } else {
    stryCov_9fa48("1504");
    if (stryMutAct_9fa48("1507") ? !value && !/^\d{4}-\d{2}-\d{2}$/.test(value) : stryMutAct_9fa48("1506") ? false : stryMutAct_9fa48("1505") ? true : (stryCov_9fa48("1505", "1506", "1507"), (stryMutAct_9fa48("1508") ? value : (stryCov_9fa48("1508"), !value)) || (stryMutAct_9fa48("1509") ? /^\d{4}-\d{2}-\d{2}$/.test(value) : (stryCov_9fa48("1509"), !(stryMutAct_9fa48("1517") ? /^\d{4}-\d{2}-\D{2}$/ : stryMutAct_9fa48("1516") ? /^\d{4}-\d{2}-\d$/ : stryMutAct_9fa48("1515") ? /^\d{4}-\D{2}-\d{2}$/ : stryMutAct_9fa48("1514") ? /^\d{4}-\d-\d{2}$/ : stryMutAct_9fa48("1513") ? /^\D{4}-\d{2}-\d{2}$/ : stryMutAct_9fa48("1512") ? /^\d-\d{2}-\d{2}$/ : stryMutAct_9fa48("1511") ? /^\d{4}-\d{2}-\d{2}/ : stryMutAct_9fa48("1510") ? /\d{4}-\d{2}-\d{2}$/ : (stryCov_9fa48("1510", "1511", "1512", "1513", "1514", "1515", "1516", "1517"), /^\d{4}-\d{2}-\d{2}$/)).test(value))))) return null;
    const date = new Date(stryMutAct_9fa48("1518") ? `` : (stryCov_9fa48("1518"), `${value}T00:00:00Z`));
    return Number.isNaN(date.getTime()) ? null : date;
  }
}
function parseTime(value: string | undefined): Date | null {
  if (stryMutAct_9fa48("1519")) {
    {}
  } else {
    stryCov_9fa48("1519");
    if (stryMutAct_9fa48("1522") ? false : stryMutAct_9fa48("1521") ? true : stryMutAct_9fa48("1520") ? value : (stryCov_9fa48("1520", "1521", "1522"), !value)) return null;
    const date = new Date(value);
    return Number.isNaN(date.getTime()) ? null : date;
  }
}

/**
 * Maps a Device resource (ENROLLMENT / STATUS_REPORT payload or devices.get) to our posture.
 * `enforcedMaxTimeToLockMs` is the maximumTimeToLock of the policy the device applied: Android reports no lock
 * timeout of its own, it enforces the policy's, so the value counts only while no non-compliance names it.
 * On a personally-owned device only work-profile facts are kept: no serial number or other hardware identifier
 * (the model is kept: it identifies a product, not a phone), and non-compliance details lose package names and values.
 */
export function deviceFacts(device: AmapiDevice, enforcedMaxTimeToLockMs?: number | null): AndroidDeviceFacts {
  if (stryMutAct_9fa48("1523")) {
    {}
  } else {
    stryCov_9fa48("1523");
    const ownership = amapiOwnership(device.ownership);
    const personal = stryMutAct_9fa48("1526") ? ownership === 'CORPORATE' : stryMutAct_9fa48("1525") ? false : stryMutAct_9fa48("1524") ? true : (stryCov_9fa48("1524", "1525", "1526"), ownership !== (stryMutAct_9fa48("1527") ? "" : (stryCov_9fa48("1527"), 'CORPORATE')));
    const details = stryMutAct_9fa48("1528") ? device.nonComplianceDetails && [] : (stryCov_9fa48("1528"), device.nonComplianceDetails ?? (stryMutAct_9fa48("1529") ? ["Stryker was here"] : (stryCov_9fa48("1529"), [])));
    const settings = device.deviceSettings;
    const software = device.softwareInfo;
    const posture: PostureReport = {};
    const reportedAt = stryMutAct_9fa48("1530") ? parseTime(device.lastStatusReportTime) && parseTime(device.enrollmentTime) : (stryCov_9fa48("1530"), parseTime(device.lastStatusReportTime) ?? parseTime(device.enrollmentTime));
    if (stryMutAct_9fa48("1532") ? false : stryMutAct_9fa48("1531") ? true : (stryCov_9fa48("1531", "1532"), settings)) {
      if (stryMutAct_9fa48("1533")) {
        {}
      } else {
        stryCov_9fa48("1533");
        if (stryMutAct_9fa48("1536") ? settings.isEncrypted !== undefined && settings.encryptionStatus !== undefined : stryMutAct_9fa48("1535") ? false : stryMutAct_9fa48("1534") ? true : (stryCov_9fa48("1534", "1535", "1536"), (stryMutAct_9fa48("1538") ? settings.isEncrypted === undefined : stryMutAct_9fa48("1537") ? false : (stryCov_9fa48("1537", "1538"), settings.isEncrypted !== undefined)) || (stryMutAct_9fa48("1540") ? settings.encryptionStatus === undefined : stryMutAct_9fa48("1539") ? false : (stryCov_9fa48("1539", "1540"), settings.encryptionStatus !== undefined)))) {
          if (stryMutAct_9fa48("1541")) {
            {}
          } else {
            stryCov_9fa48("1541");
            // ACTIVE_DEFAULT_KEY is encrypted with a key not bound to the user's credential: not protection at rest.
            posture.encrypted = stryMutAct_9fa48("1544") ? settings.isEncrypted === true || ENCRYPTED_STATUSES.has(settings.encryptionStatus ?? '') : stryMutAct_9fa48("1543") ? false : stryMutAct_9fa48("1542") ? true : (stryCov_9fa48("1542", "1543", "1544"), (stryMutAct_9fa48("1546") ? settings.isEncrypted !== true : stryMutAct_9fa48("1545") ? true : (stryCov_9fa48("1545", "1546"), settings.isEncrypted === (stryMutAct_9fa48("1547") ? false : (stryCov_9fa48("1547"), true)))) && ENCRYPTED_STATUSES.has(stryMutAct_9fa48("1548") ? settings.encryptionStatus && '' : (stryCov_9fa48("1548"), settings.encryptionStatus ?? (stryMutAct_9fa48("1549") ? "Stryker was here!" : (stryCov_9fa48("1549"), '')))));
          }
        }
        if (stryMutAct_9fa48("1552") ? settings.isDeviceSecure === undefined : stryMutAct_9fa48("1551") ? false : stryMutAct_9fa48("1550") ? true : (stryCov_9fa48("1550", "1551", "1552"), settings.isDeviceSecure !== undefined)) posture.passcodePresent = settings.isDeviceSecure;
      }
    }
    if (stryMutAct_9fa48("1555") ? device.policyCompliant !== undefined && device.nonComplianceDetails !== undefined : stryMutAct_9fa48("1554") ? false : stryMutAct_9fa48("1553") ? true : (stryCov_9fa48("1553", "1554", "1555"), (stryMutAct_9fa48("1557") ? device.policyCompliant === undefined : stryMutAct_9fa48("1556") ? false : (stryCov_9fa48("1556", "1557"), device.policyCompliant !== undefined)) || (stryMutAct_9fa48("1559") ? device.nonComplianceDetails === undefined : stryMutAct_9fa48("1558") ? false : (stryCov_9fa48("1558", "1559"), device.nonComplianceDetails !== undefined)))) {
      if (stryMutAct_9fa48("1560")) {
        {}
      } else {
        stryCov_9fa48("1560");
        const passwordIssue = stryMutAct_9fa48("1561") ? details.every(d => PASSWORD_SETTINGS.has(d.settingName ?? '')) : (stryCov_9fa48("1561"), details.some(stryMutAct_9fa48("1562") ? () => undefined : (stryCov_9fa48("1562"), d => PASSWORD_SETTINGS.has(stryMutAct_9fa48("1563") ? d.settingName && '' : (stryCov_9fa48("1563"), d.settingName ?? (stryMutAct_9fa48("1564") ? "Stryker was here!" : (stryCov_9fa48("1564"), '')))))));
        posture.passcodeCompliant = stryMutAct_9fa48("1567") ? !passwordIssue || (posture.passcodePresent ?? settings?.isDeviceSecure ?? true) : stryMutAct_9fa48("1566") ? false : stryMutAct_9fa48("1565") ? true : (stryCov_9fa48("1565", "1566", "1567"), (stryMutAct_9fa48("1568") ? passwordIssue : (stryCov_9fa48("1568"), !passwordIssue)) && (stryMutAct_9fa48("1569") ? (posture.passcodePresent ?? settings?.isDeviceSecure) && true : (stryCov_9fa48("1569"), (stryMutAct_9fa48("1570") ? posture.passcodePresent && settings?.isDeviceSecure : (stryCov_9fa48("1570"), posture.passcodePresent ?? (stryMutAct_9fa48("1571") ? settings.isDeviceSecure : (stryCov_9fa48("1571"), settings?.isDeviceSecure)))) ?? (stryMutAct_9fa48("1572") ? false : (stryCov_9fa48("1572"), true)))));
        if (stryMutAct_9fa48("1575") ? enforcedMaxTimeToLockMs !== undefined && enforcedMaxTimeToLockMs !== null || enforcedMaxTimeToLockMs > 0 : stryMutAct_9fa48("1574") ? false : stryMutAct_9fa48("1573") ? true : (stryCov_9fa48("1573", "1574", "1575"), (stryMutAct_9fa48("1577") ? enforcedMaxTimeToLockMs !== undefined || enforcedMaxTimeToLockMs !== null : stryMutAct_9fa48("1576") ? true : (stryCov_9fa48("1576", "1577"), (stryMutAct_9fa48("1579") ? enforcedMaxTimeToLockMs === undefined : stryMutAct_9fa48("1578") ? true : (stryCov_9fa48("1578", "1579"), enforcedMaxTimeToLockMs !== undefined)) && (stryMutAct_9fa48("1581") ? enforcedMaxTimeToLockMs === null : stryMutAct_9fa48("1580") ? true : (stryCov_9fa48("1580", "1581"), enforcedMaxTimeToLockMs !== null)))) && (stryMutAct_9fa48("1584") ? enforcedMaxTimeToLockMs <= 0 : stryMutAct_9fa48("1583") ? enforcedMaxTimeToLockMs >= 0 : stryMutAct_9fa48("1582") ? true : (stryCov_9fa48("1582", "1583", "1584"), enforcedMaxTimeToLockMs > 0)))) {
          if (stryMutAct_9fa48("1585")) {
            {}
          } else {
            stryCov_9fa48("1585");
            const lockIssue = stryMutAct_9fa48("1586") ? details.every(d => d.settingName === 'maximumTimeToLock') : (stryCov_9fa48("1586"), details.some(stryMutAct_9fa48("1587") ? () => undefined : (stryCov_9fa48("1587"), d => stryMutAct_9fa48("1590") ? d.settingName !== 'maximumTimeToLock' : stryMutAct_9fa48("1589") ? false : stryMutAct_9fa48("1588") ? true : (stryCov_9fa48("1588", "1589", "1590"), d.settingName === (stryMutAct_9fa48("1591") ? "" : (stryCov_9fa48("1591"), 'maximumTimeToLock'))))));
            posture.autoLockMinutes = lockIssue ? null : Math.ceil(stryMutAct_9fa48("1592") ? enforcedMaxTimeToLockMs * 60_000 : (stryCov_9fa48("1592"), enforcedMaxTimeToLockMs / 60_000));
          }
        }
      }
    }
    const scope = personal ? stryMutAct_9fa48("1593") ? "" : (stryCov_9fa48("1593"), 'SCOPE_PROFILE') : stryMutAct_9fa48("1594") ? "" : (stryCov_9fa48("1594"), 'SCOPE_DEVICE');
    const lengths = stryMutAct_9fa48("1596") ? (device.appliedPasswordPolicies ?? []).map(p => p.passwordMinimumLength).filter((n): n is number => typeof n === 'number') : stryMutAct_9fa48("1595") ? (device.appliedPasswordPolicies ?? []).filter(p => !p.passwordScope || p.passwordScope === 'SCOPE_UNSPECIFIED' || p.passwordScope === scope).map(p => p.passwordMinimumLength) : (stryCov_9fa48("1595", "1596"), (stryMutAct_9fa48("1597") ? device.appliedPasswordPolicies && [] : (stryCov_9fa48("1597"), device.appliedPasswordPolicies ?? (stryMutAct_9fa48("1598") ? ["Stryker was here"] : (stryCov_9fa48("1598"), [])))).filter(stryMutAct_9fa48("1599") ? () => undefined : (stryCov_9fa48("1599"), p => stryMutAct_9fa48("1602") ? (!p.passwordScope || p.passwordScope === 'SCOPE_UNSPECIFIED') && p.passwordScope === scope : stryMutAct_9fa48("1601") ? false : stryMutAct_9fa48("1600") ? true : (stryCov_9fa48("1600", "1601", "1602"), (stryMutAct_9fa48("1604") ? !p.passwordScope && p.passwordScope === 'SCOPE_UNSPECIFIED' : stryMutAct_9fa48("1603") ? false : (stryCov_9fa48("1603", "1604"), (stryMutAct_9fa48("1605") ? p.passwordScope : (stryCov_9fa48("1605"), !p.passwordScope)) || (stryMutAct_9fa48("1607") ? p.passwordScope !== 'SCOPE_UNSPECIFIED' : stryMutAct_9fa48("1606") ? false : (stryCov_9fa48("1606", "1607"), p.passwordScope === (stryMutAct_9fa48("1608") ? "" : (stryCov_9fa48("1608"), 'SCOPE_UNSPECIFIED')))))) || (stryMutAct_9fa48("1610") ? p.passwordScope !== scope : stryMutAct_9fa48("1609") ? false : (stryCov_9fa48("1609", "1610"), p.passwordScope === scope))))).map(stryMutAct_9fa48("1611") ? () => undefined : (stryCov_9fa48("1611"), p => p.passwordMinimumLength)).filter(stryMutAct_9fa48("1612") ? () => undefined : (stryCov_9fa48("1612"), (n): n is number => stryMutAct_9fa48("1615") ? typeof n !== 'number' : stryMutAct_9fa48("1614") ? false : stryMutAct_9fa48("1613") ? true : (stryCov_9fa48("1613", "1614", "1615"), typeof n === (stryMutAct_9fa48("1616") ? "" : (stryCov_9fa48("1616"), 'number'))))));
    if (stryMutAct_9fa48("1620") ? lengths.length <= 0 : stryMutAct_9fa48("1619") ? lengths.length >= 0 : stryMutAct_9fa48("1618") ? false : stryMutAct_9fa48("1617") ? true : (stryCov_9fa48("1617", "1618", "1619", "1620"), lengths.length > 0)) posture.passcodeMinLength = stryMutAct_9fa48("1621") ? Math.min(...lengths) : (stryCov_9fa48("1621"), Math.max(...lengths));
    if (stryMutAct_9fa48("1623") ? false : stryMutAct_9fa48("1622") ? true : (stryCov_9fa48("1622", "1623"), software)) {
      if (stryMutAct_9fa48("1624")) {
        {}
      } else {
        stryCov_9fa48("1624");
        if (stryMutAct_9fa48("1627") ? software.androidVersion === undefined : stryMutAct_9fa48("1626") ? false : stryMutAct_9fa48("1625") ? true : (stryCov_9fa48("1625", "1626", "1627"), software.androidVersion !== undefined)) posture.osVersion = software.androidVersion;
        if (stryMutAct_9fa48("1630") ? software.androidBuildNumber === undefined : stryMutAct_9fa48("1629") ? false : stryMutAct_9fa48("1628") ? true : (stryCov_9fa48("1628", "1629", "1630"), software.androidBuildNumber !== undefined)) posture.osBuild = software.androidBuildNumber;
        if (stryMutAct_9fa48("1633") ? software.securityPatchLevel === undefined : stryMutAct_9fa48("1632") ? false : stryMutAct_9fa48("1631") ? true : (stryCov_9fa48("1631", "1632", "1633"), software.securityPatchLevel !== undefined)) posture.securityPatchLevel = parsePatchLevel(software.securityPatchLevel);
      }
    }
    const devicePosture = stryMutAct_9fa48("1634") ? device.securityPosture.devicePosture : (stryCov_9fa48("1634"), device.securityPosture?.devicePosture);
    if (stryMutAct_9fa48("1637") ? devicePosture !== 'SECURE' : stryMutAct_9fa48("1636") ? false : stryMutAct_9fa48("1635") ? true : (stryCov_9fa48("1635", "1636", "1637"), devicePosture === (stryMutAct_9fa48("1638") ? "" : (stryCov_9fa48("1638"), 'SECURE')))) posture.compromised = stryMutAct_9fa48("1639") ? true : (stryCov_9fa48("1639"), false);else if (stryMutAct_9fa48("1642") ? devicePosture === 'AT_RISK' && devicePosture === 'POTENTIALLY_COMPROMISED' : stryMutAct_9fa48("1641") ? false : stryMutAct_9fa48("1640") ? true : (stryCov_9fa48("1640", "1641", "1642"), (stryMutAct_9fa48("1644") ? devicePosture !== 'AT_RISK' : stryMutAct_9fa48("1643") ? false : (stryCov_9fa48("1643", "1644"), devicePosture === (stryMutAct_9fa48("1645") ? "" : (stryCov_9fa48("1645"), 'AT_RISK')))) || (stryMutAct_9fa48("1647") ? devicePosture !== 'POTENTIALLY_COMPROMISED' : stryMutAct_9fa48("1646") ? false : (stryCov_9fa48("1646", "1647"), devicePosture === (stryMutAct_9fa48("1648") ? "" : (stryCov_9fa48("1648"), 'POTENTIALLY_COMPROMISED')))))) posture.compromised = stryMutAct_9fa48("1649") ? false : (stryCov_9fa48("1649"), true);else if (stryMutAct_9fa48("1652") ? devicePosture === undefined : stryMutAct_9fa48("1651") ? false : stryMutAct_9fa48("1650") ? true : (stryCov_9fa48("1650", "1651", "1652"), devicePosture !== undefined)) posture.compromised = null;
    if (stryMutAct_9fa48("1655") ? device.managementMode !== 'DEVICE_OWNER' : stryMutAct_9fa48("1654") ? false : stryMutAct_9fa48("1653") ? true : (stryCov_9fa48("1653", "1654", "1655"), device.managementMode === (stryMutAct_9fa48("1656") ? "" : (stryCov_9fa48("1656"), 'DEVICE_OWNER')))) posture.supervised = stryMutAct_9fa48("1657") ? false : (stryCov_9fa48("1657"), true);else if (stryMutAct_9fa48("1660") ? device.managementMode !== 'PROFILE_OWNER' : stryMutAct_9fa48("1659") ? false : stryMutAct_9fa48("1658") ? true : (stryCov_9fa48("1658", "1659", "1660"), device.managementMode === (stryMutAct_9fa48("1661") ? "" : (stryCov_9fa48("1661"), 'PROFILE_OWNER')))) posture.supervised = stryMutAct_9fa48("1662") ? true : (stryCov_9fa48("1662"), false);
    if (stryMutAct_9fa48("1664") ? false : stryMutAct_9fa48("1663") ? true : (stryCov_9fa48("1663", "1664"), reportedAt)) posture.lastCheckInAt = reportedAt;
    const hardware = device.hardwareInfo;
    return stryMutAct_9fa48("1665") ? {} : (stryCov_9fa48("1665"), {
      amapiName: stryMutAct_9fa48("1666") ? device.name && '' : (stryCov_9fa48("1666"), device.name ?? (stryMutAct_9fa48("1667") ? "Stryker was here!" : (stryCov_9fa48("1667"), ''))),
      ownership,
      deleted: stryMutAct_9fa48("1670") ? device.appliedState === 'DELETED' && device.state === 'DELETED' : stryMutAct_9fa48("1669") ? false : stryMutAct_9fa48("1668") ? true : (stryCov_9fa48("1668", "1669", "1670"), (stryMutAct_9fa48("1672") ? device.appliedState !== 'DELETED' : stryMutAct_9fa48("1671") ? false : (stryCov_9fa48("1671", "1672"), device.appliedState === (stryMutAct_9fa48("1673") ? "" : (stryCov_9fa48("1673"), 'DELETED')))) || (stryMutAct_9fa48("1675") ? device.state !== 'DELETED' : stryMutAct_9fa48("1674") ? false : (stryCov_9fa48("1674", "1675"), device.state === (stryMutAct_9fa48("1676") ? "" : (stryCov_9fa48("1676"), 'DELETED'))))),
      reportedAt,
      posture,
      device: stryMutAct_9fa48("1677") ? {} : (stryCov_9fa48("1677"), {
        ...((stryMutAct_9fa48("1680") ? hardware?.model === undefined : stryMutAct_9fa48("1679") ? false : stryMutAct_9fa48("1678") ? true : (stryCov_9fa48("1678", "1679", "1680"), (stryMutAct_9fa48("1681") ? hardware.model : (stryCov_9fa48("1681"), hardware?.model)) !== undefined)) ? stryMutAct_9fa48("1682") ? {} : (stryCov_9fa48("1682"), {
          model: hardware.model
        }) : {}),
        ...((stryMutAct_9fa48("1685") ? !personal || hardware?.serialNumber !== undefined : stryMutAct_9fa48("1684") ? false : stryMutAct_9fa48("1683") ? true : (stryCov_9fa48("1683", "1684", "1685"), (stryMutAct_9fa48("1686") ? personal : (stryCov_9fa48("1686"), !personal)) && (stryMutAct_9fa48("1688") ? hardware?.serialNumber === undefined : stryMutAct_9fa48("1687") ? true : (stryCov_9fa48("1687", "1688"), (stryMutAct_9fa48("1689") ? hardware.serialNumber : (stryCov_9fa48("1689"), hardware?.serialNumber)) !== undefined)))) ? stryMutAct_9fa48("1690") ? {} : (stryCov_9fa48("1690"), {
          serialNumber: hardware.serialNumber
        }) : {}),
        ...((stryMutAct_9fa48("1693") ? software?.androidVersion === undefined : stryMutAct_9fa48("1692") ? false : stryMutAct_9fa48("1691") ? true : (stryCov_9fa48("1691", "1692", "1693"), (stryMutAct_9fa48("1694") ? software.androidVersion : (stryCov_9fa48("1694"), software?.androidVersion)) !== undefined)) ? stryMutAct_9fa48("1695") ? {} : (stryCov_9fa48("1695"), {
          osVersion: software.androidVersion
        }) : {})
      }),
      android: stryMutAct_9fa48("1696") ? {} : (stryCov_9fa48("1696"), {
        managementMode: stryMutAct_9fa48("1697") ? device.managementMode && null : (stryCov_9fa48("1697"), device.managementMode ?? null),
        ownership: stryMutAct_9fa48("1698") ? device.ownership && null : (stryCov_9fa48("1698"), device.ownership ?? null),
        appliedState: stryMutAct_9fa48("1699") ? (device.appliedState ?? device.state) && null : (stryCov_9fa48("1699"), (stryMutAct_9fa48("1700") ? device.appliedState && device.state : (stryCov_9fa48("1700"), device.appliedState ?? device.state)) ?? null),
        policyName: stryMutAct_9fa48("1701") ? (device.appliedPolicyName ?? device.policyName) && null : (stryCov_9fa48("1701"), (stryMutAct_9fa48("1702") ? device.appliedPolicyName && device.policyName : (stryCov_9fa48("1702"), device.appliedPolicyName ?? device.policyName)) ?? null),
        appliedPolicyVersion: stryMutAct_9fa48("1703") ? device.appliedPolicyVersion && null : (stryCov_9fa48("1703"), device.appliedPolicyVersion ?? null),
        policyCompliant: stryMutAct_9fa48("1704") ? device.policyCompliant && null : (stryCov_9fa48("1704"), device.policyCompliant ?? null),
        nonComplianceDetails: personal ? details.map(stryMutAct_9fa48("1705") ? () => undefined : (stryCov_9fa48("1705"), ({
          packageName: _p,
          currentValue: _c,
          ...rest
        }) => rest)) : details,
        securityPosture: stryMutAct_9fa48("1706") ? devicePosture && null : (stryCov_9fa48("1706"), devicePosture ?? null),
        securityRisks: stryMutAct_9fa48("1707") ? (device.securityPosture?.postureDetails ?? []).map(d => d.securityRisk) : (stryCov_9fa48("1707"), (stryMutAct_9fa48("1708") ? device.securityPosture?.postureDetails && [] : (stryCov_9fa48("1708"), (stryMutAct_9fa48("1709") ? device.securityPosture.postureDetails : (stryCov_9fa48("1709"), device.securityPosture?.postureDetails)) ?? (stryMutAct_9fa48("1710") ? ["Stryker was here"] : (stryCov_9fa48("1710"), [])))).map(stryMutAct_9fa48("1711") ? () => undefined : (stryCov_9fa48("1711"), d => d.securityRisk)).filter(stryMutAct_9fa48("1712") ? () => undefined : (stryCov_9fa48("1712"), (r): r is string => stryMutAct_9fa48("1713") ? !r : (stryCov_9fa48("1713"), !(stryMutAct_9fa48("1714") ? r : (stryCov_9fa48("1714"), !r)))))),
        apiLevel: stryMutAct_9fa48("1715") ? device.apiLevel && null : (stryCov_9fa48("1715"), device.apiLevel ?? null)
      })
    });
  }
}