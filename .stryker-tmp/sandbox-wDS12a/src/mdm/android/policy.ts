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
import type { AmapiPolicy, PasswordRequirements, PolicyEnforcementRule } from './amapi-types.js';

/**
 * The compliance settings AMAPI can enforce for one ownership, in the shape of the compliance policy's per-platform
 * rule settings (null switches a threshold off), so compliance can pass its ANDROID settings as they are.
 * Patch age, check-in age and MFA have no AMAPI counterpart: the compliance engine judges those from posture.
 */
export interface AndroidRuleSettings {
  encryptionRequired: boolean;
  passcodeRequired: boolean;
  passcodeMinLength: number | null;
  maxAutoLockMinutes: number | null;
  /** Lowest Android version allowed, e.g. "12" or "13"; becomes AMAPI minimumApiLevel. */
  minOsVersion: string | null;
  /** Time to fix a problem before AMAPI blocks work apps (rounded up to whole days). */
  gracePeriodHours: number | null;
}
export interface EnforcementDays {
  /** Days a device may stay non-compliant before AMAPI blocks work apps, when no grace period is given. */
  blockAfterDays: number;
  /** Days before AMAPI wipes it (factory reset when company-owned, work profile removal when personal). */
  wipeAfterDays: number;
}
const STATUS_REPORTING = stryMutAct_9fa48("1362") ? {} : (stryCov_9fa48("1362"), {
  softwareInfoEnabled: stryMutAct_9fa48("1363") ? false : (stryCov_9fa48("1363"), true),
  deviceSettingsEnabled: stryMutAct_9fa48("1364") ? false : (stryCov_9fa48("1364"), true),
  // Apps, network and hardware reports would reveal personal data on BYOD and are not needed for posture.
  applicationReportsEnabled: stryMutAct_9fa48("1365") ? true : (stryCov_9fa48("1365"), false),
  networkInfoEnabled: stryMutAct_9fa48("1366") ? true : (stryCov_9fa48("1366"), false),
  memoryInfoEnabled: stryMutAct_9fa48("1367") ? true : (stryCov_9fa48("1367"), false)
});
export class PolicyInputError extends Error {}

/** Android version → API level of its first release (12L is 12.1 → 32). */
const API_LEVELS: [version: number, apiLevel: number][] = stryMutAct_9fa48("1368") ? [] : (stryCov_9fa48("1368"), [stryMutAct_9fa48("1369") ? [] : (stryCov_9fa48("1369"), [16, 36]), stryMutAct_9fa48("1370") ? [] : (stryCov_9fa48("1370"), [15, 35]), stryMutAct_9fa48("1371") ? [] : (stryCov_9fa48("1371"), [14, 34]), stryMutAct_9fa48("1372") ? [] : (stryCov_9fa48("1372"), [13, 33]), stryMutAct_9fa48("1373") ? [] : (stryCov_9fa48("1373"), [12.1, 32]), stryMutAct_9fa48("1374") ? [] : (stryCov_9fa48("1374"), [12, 31]), stryMutAct_9fa48("1375") ? [] : (stryCov_9fa48("1375"), [11, 30]), stryMutAct_9fa48("1376") ? [] : (stryCov_9fa48("1376"), [10, 29]), stryMutAct_9fa48("1377") ? [] : (stryCov_9fa48("1377"), [9, 28]), stryMutAct_9fa48("1378") ? [] : (stryCov_9fa48("1378"), [8.1, 27]), stryMutAct_9fa48("1379") ? [] : (stryCov_9fa48("1379"), [8, 26]), stryMutAct_9fa48("1380") ? [] : (stryCov_9fa48("1380"), [7.1, 25]), stryMutAct_9fa48("1381") ? [] : (stryCov_9fa48("1381"), [7, 24]), stryMutAct_9fa48("1382") ? [] : (stryCov_9fa48("1382"), [6, 23])]);

/** Android lock screens take at most 16 characters (LockPatternUtils.MAX_PASSWORD_LENGTH): asking for more locks everyone out. */
const MAX_PASSCODE_LENGTH = 16;

/**
 * The API level of an Android version string ("13", "12.1", "8.0.0"); versions newer than the table follow its
 * pattern. Null below Android 6, which Android Device Policy does not run on: no floor is needed there.
 */
export function apiLevelOf(version: string): number | null {
  if (stryMutAct_9fa48("1383")) {
    {}
  } else {
    stryCov_9fa48("1383");
    const [major = Number.NaN, minor = 0] = version.split(stryMutAct_9fa48("1384") ? "" : (stryCov_9fa48("1384"), '.')).map(Number);
    if (stryMutAct_9fa48("1387") ? false : stryMutAct_9fa48("1386") ? true : stryMutAct_9fa48("1385") ? Number.isInteger(major) : (stryCov_9fa48("1385", "1386", "1387"), !Number.isInteger(major))) throw new PolicyInputError(stryMutAct_9fa48("1389") ? `` : (stryCov_9fa48("1389"), `Unreadable Android version ${version}`));
    if (stryMutAct_9fa48("1393") ? major >= 6 : stryMutAct_9fa48("1392") ? major <= 6 : stryMutAct_9fa48("1391") ? false : stryMutAct_9fa48("1390") ? true : (stryCov_9fa48("1390", "1391", "1392", "1393"), major < 6)) return null;
    if (stryMutAct_9fa48("1397") ? major <= 16 : stryMutAct_9fa48("1396") ? major >= 16 : stryMutAct_9fa48("1395") ? false : stryMutAct_9fa48("1394") ? true : (stryCov_9fa48("1394", "1395", "1396", "1397"), major > 16)) return stryMutAct_9fa48("1398") ? major - 20 : (stryCov_9fa48("1398"), major + 20);
    const value = stryMutAct_9fa48("1399") ? major - minor / 10 : (stryCov_9fa48("1399"), major + (stryMutAct_9fa48("1400") ? minor * 10 : (stryCov_9fa48("1400"), minor / 10)));
    return API_LEVELS.find(stryMutAct_9fa48("1401") ? () => undefined : (stryCov_9fa48("1401"), ([v]) => stryMutAct_9fa48("1405") ? value < v : stryMutAct_9fa48("1404") ? value > v : stryMutAct_9fa48("1403") ? false : stryMutAct_9fa48("1402") ? true : (stryCov_9fa48("1402", "1403", "1404", "1405"), value >= v)))![1];
  }
}
function enforcementRules(settingNames: string[], blockAfterDays: number, wipeAfterDays: number, blockScope: string): PolicyEnforcementRule[] {
  if (stryMutAct_9fa48("1406")) {
    {}
  } else {
    stryCov_9fa48("1406");
    // AMAPI rejects a rule without both actions (400 "must have a block action and a wipe action").
    return settingNames.map(stryMutAct_9fa48("1407") ? () => undefined : (stryCov_9fa48("1407"), settingName => stryMutAct_9fa48("1408") ? {} : (stryCov_9fa48("1408"), {
      settingName,
      blockAction: stryMutAct_9fa48("1409") ? {} : (stryCov_9fa48("1409"), {
        blockAfterDays,
        blockScope
      }),
      wipeAction: stryMutAct_9fa48("1410") ? {} : (stryCov_9fa48("1410"), {
        wipeAfterDays
      })
    })));
  }
}
function passwordRequirement(settings: AndroidRuleSettings, scope: string): PasswordRequirements {
  if (stryMutAct_9fa48("1411")) {
    {}
  } else {
    stryCov_9fa48("1411");
    return settings.passcodeMinLength ? stryMutAct_9fa48("1412") ? {} : (stryCov_9fa48("1412"), {
      passwordScope: scope,
      passwordQuality: stryMutAct_9fa48("1413") ? "" : (stryCov_9fa48("1413"), 'NUMERIC_COMPLEX'),
      passwordMinimumLength: stryMutAct_9fa48("1414") ? Math.max(MAX_PASSCODE_LENGTH, Math.max(4, settings.passcodeMinLength)) : (stryCov_9fa48("1414"), Math.min(MAX_PASSCODE_LENGTH, stryMutAct_9fa48("1415") ? Math.min(4, settings.passcodeMinLength) : (stryCov_9fa48("1415"), Math.max(4, settings.passcodeMinLength))))
    }) : stryMutAct_9fa48("1416") ? {} : (stryCov_9fa48("1416"), {
      passwordScope: scope,
      passwordQuality: stryMutAct_9fa48("1417") ? "" : (stryCov_9fa48("1417"), 'SOMETHING')
    });
  }
}

/** One AMAPI policy: company-owned (fully managed) devices or personally-owned work profiles. */
export function buildAndroidPolicy(ownership: Ownership, settings: AndroidRuleSettings, days: EnforcementDays): AmapiPolicy {
  if (stryMutAct_9fa48("1418")) {
    {}
  } else {
    stryCov_9fa48("1418");
    if (stryMutAct_9fa48("1422") ? days.wipeAfterDays > days.blockAfterDays : stryMutAct_9fa48("1421") ? days.wipeAfterDays < days.blockAfterDays : stryMutAct_9fa48("1420") ? false : stryMutAct_9fa48("1419") ? true : (stryCov_9fa48("1419", "1420", "1421", "1422"), days.wipeAfterDays <= days.blockAfterDays)) {
      if (stryMutAct_9fa48("1423")) {
        {}
      } else {
        stryCov_9fa48("1423");
        throw new PolicyInputError(stryMutAct_9fa48("1425") ? `` : (stryCov_9fa48("1425"), `wipeAfterDays (${days.wipeAfterDays}) must be greater than blockAfterDays (${days.blockAfterDays}) (AMAPI rule)`));
      }
    }
    const blockAfterDays = (stryMutAct_9fa48("1428") ? settings.gracePeriodHours === null : stryMutAct_9fa48("1427") ? false : stryMutAct_9fa48("1426") ? true : (stryCov_9fa48("1426", "1427", "1428"), settings.gracePeriodHours !== null)) ? Math.ceil(stryMutAct_9fa48("1429") ? settings.gracePeriodHours * 24 : (stryCov_9fa48("1429"), settings.gracePeriodHours / 24)) : days.blockAfterDays;
    // A long compliance grace period pushes the wipe back rather than breaking AMAPI's "wipe after block" rule.
    const wipeAfterDays = stryMutAct_9fa48("1430") ? Math.min(days.wipeAfterDays, blockAfterDays + 1) : (stryCov_9fa48("1430"), Math.max(days.wipeAfterDays, stryMutAct_9fa48("1431") ? blockAfterDays - 1 : (stryCov_9fa48("1431"), blockAfterDays + 1)));
    const personal = stryMutAct_9fa48("1434") ? ownership !== 'PERSONAL' : stryMutAct_9fa48("1433") ? false : stryMutAct_9fa48("1432") ? true : (stryCov_9fa48("1432", "1433", "1434"), ownership === (stryMutAct_9fa48("1435") ? "" : (stryCov_9fa48("1435"), 'PERSONAL')));
    const policy: AmapiPolicy = stryMutAct_9fa48("1436") ? {} : (stryCov_9fa48("1436"), {
      statusReportingSettings: STATUS_REPORTING,
      // On a work profile this blocks screenshots of work apps only.
      screenCaptureDisabled: stryMutAct_9fa48("1437") ? false : (stryCov_9fa48("1437"), true),
      encryptionPolicy: settings.encryptionRequired ? stryMutAct_9fa48("1438") ? "" : (stryCov_9fa48("1438"), 'ENABLED_WITHOUT_PASSWORD') : stryMutAct_9fa48("1439") ? "" : (stryCov_9fa48("1439"), 'ENCRYPTION_POLICY_UNSPECIFIED'),
      advancedSecurityOverrides: stryMutAct_9fa48("1440") ? {} : (stryCov_9fa48("1440"), {
        untrustedAppsPolicy: personal ? stryMutAct_9fa48("1441") ? "" : (stryCov_9fa48("1441"), 'ALLOW_INSTALL_IN_PERSONAL_PROFILE_ONLY') : stryMutAct_9fa48("1442") ? "" : (stryCov_9fa48("1442"), 'DISALLOW_INSTALL'),
        googlePlayProtectVerifyApps: stryMutAct_9fa48("1443") ? "" : (stryCov_9fa48("1443"), 'VERIFY_APPS_ENFORCED'),
        developerSettings: stryMutAct_9fa48("1444") ? "" : (stryCov_9fa48("1444"), 'DEVELOPER_SETTINGS_DISABLED')
      })
    });
    if (stryMutAct_9fa48("1447") ? settings.maxAutoLockMinutes !== null || settings.maxAutoLockMinutes > 0 : stryMutAct_9fa48("1446") ? false : stryMutAct_9fa48("1445") ? true : (stryCov_9fa48("1445", "1446", "1447"), (stryMutAct_9fa48("1449") ? settings.maxAutoLockMinutes === null : stryMutAct_9fa48("1448") ? true : (stryCov_9fa48("1448", "1449"), settings.maxAutoLockMinutes !== null)) && (stryMutAct_9fa48("1452") ? settings.maxAutoLockMinutes <= 0 : stryMutAct_9fa48("1451") ? settings.maxAutoLockMinutes >= 0 : stryMutAct_9fa48("1450") ? true : (stryCov_9fa48("1450", "1451", "1452"), settings.maxAutoLockMinutes > 0)))) {
      if (stryMutAct_9fa48("1453")) {
        {}
      } else {
        stryCov_9fa48("1453");
        policy.maximumTimeToLock = String(stryMutAct_9fa48("1454") ? settings.maxAutoLockMinutes / 60_000 : (stryCov_9fa48("1454"), settings.maxAutoLockMinutes * 60_000));
      }
    }
    const minimumApiLevel = (stryMutAct_9fa48("1457") ? settings.minOsVersion === null : stryMutAct_9fa48("1456") ? false : stryMutAct_9fa48("1455") ? true : (stryCov_9fa48("1455", "1456", "1457"), settings.minOsVersion !== null)) ? apiLevelOf(settings.minOsVersion) : null;
    if (stryMutAct_9fa48("1460") ? minimumApiLevel === null : stryMutAct_9fa48("1459") ? false : stryMutAct_9fa48("1458") ? true : (stryCov_9fa48("1458", "1459", "1460"), minimumApiLevel !== null)) policy.minimumApiLevel = minimumApiLevel;
    if (stryMutAct_9fa48("1462") ? false : stryMutAct_9fa48("1461") ? true : (stryCov_9fa48("1461", "1462"), settings.passcodeRequired)) {
      if (stryMutAct_9fa48("1463")) {
        {}
      } else {
        stryCov_9fa48("1463");
        // The work challenge takes the requirement as written; on a personal phone Android 12+ reduces device-scoped
        // rules to a complexity band, so the device lock itself is only asked to be "medium".
        policy.passwordPolicies = personal ? stryMutAct_9fa48("1464") ? [] : (stryCov_9fa48("1464"), [stryMutAct_9fa48("1465") ? {} : (stryCov_9fa48("1465"), {
          ...passwordRequirement(settings, stryMutAct_9fa48("1466") ? "" : (stryCov_9fa48("1466"), 'SCOPE_PROFILE')),
          unifiedLockSettings: stryMutAct_9fa48("1467") ? "" : (stryCov_9fa48("1467"), 'ALLOW_UNIFIED_WORK_AND_PERSONAL_LOCK')
        }), stryMutAct_9fa48("1468") ? {} : (stryCov_9fa48("1468"), {
          passwordScope: stryMutAct_9fa48("1469") ? "" : (stryCov_9fa48("1469"), 'SCOPE_DEVICE'),
          passwordQuality: stryMutAct_9fa48("1470") ? "" : (stryCov_9fa48("1470"), 'COMPLEXITY_MEDIUM')
        })]) : stryMutAct_9fa48("1471") ? [] : (stryCov_9fa48("1471"), [passwordRequirement(settings, stryMutAct_9fa48("1472") ? "" : (stryCov_9fa48("1472"), 'SCOPE_DEVICE'))]);
      }
    }
    // Settings the fixtures and Fleet show AMAPI accepting in rules; the rest is judged by our compliance engine.
    const enforced = stryMutAct_9fa48("1473") ? [] : (stryCov_9fa48("1473"), [...(policy.passwordPolicies ? stryMutAct_9fa48("1474") ? [] : (stryCov_9fa48("1474"), [stryMutAct_9fa48("1475") ? "" : (stryCov_9fa48("1475"), 'passwordPolicies')]) : stryMutAct_9fa48("1476") ? ["Stryker was here"] : (stryCov_9fa48("1476"), [])), ...(policy.minimumApiLevel ? stryMutAct_9fa48("1477") ? [] : (stryCov_9fa48("1477"), [stryMutAct_9fa48("1478") ? "" : (stryCov_9fa48("1478"), 'minimumApiLevel')]) : stryMutAct_9fa48("1479") ? ["Stryker was here"] : (stryCov_9fa48("1479"), []))]);
    if (stryMutAct_9fa48("1483") ? enforced.length <= 0 : stryMutAct_9fa48("1482") ? enforced.length >= 0 : stryMutAct_9fa48("1481") ? false : stryMutAct_9fa48("1480") ? true : (stryCov_9fa48("1480", "1481", "1482", "1483"), enforced.length > 0)) {
      if (stryMutAct_9fa48("1484")) {
        {}
      } else {
        stryCov_9fa48("1484");
        policy.policyEnforcementRules = enforcementRules(enforced, blockAfterDays, wipeAfterDays, personal ? stryMutAct_9fa48("1485") ? "" : (stryCov_9fa48("1485"), 'BLOCK_SCOPE_WORK_PROFILE') : stryMutAct_9fa48("1486") ? "" : (stryCov_9fa48("1486"), 'BLOCK_SCOPE_DEVICE'));
      }
    }
    return policy;
  }
}