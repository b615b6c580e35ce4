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
import type { OwnershipKey, PlatformKey, RuleSettings } from './policy.js';

/** What the engine knows about one device. Null means "not reported", never "false". */
export interface DeviceFacts {
  platform: PlatformKey;
  ownership: OwnershipKey;
  posture: {
    encrypted: boolean | null;
    passcodePresent: boolean | null;
    passcodeCompliant: boolean | null;
    passcodeMinLength: number | null;
    autoLockMinutes: number | null;
    osVersion: string | null;
    securityPatchLevel: Date | null;
    compromised: boolean | null;
    lastCheckInAt: Date | null;
  } | null;
  /** Falls back for the OS version and check-in time when the posture lacks them. */
  device: {
    osVersion: string | null;
    lastSeenAt: Date | null;
  };
  /** Null when the device has no user assigned. */
  user: {
    mfaEnrolled: boolean;
  } | null;
}
export const RULE_IDS = ['encryption', 'passcode', 'passcode_length', 'auto_lock', 'os_version', 'patch_age', 'integrity', 'check_in', 'mfa'] as const;
export type RuleId = typeof RULE_IDS[number];
export type RuleStatus = 'pass' | 'fail' | 'unknown';
export interface RuleResult {
  rule: RuleId;
  status: RuleStatus;
  expected: string;
  actual: string;
  /** What the person can do on their own phone; null when the rule passes. */
  remediation: string | null;
}

/** A rule returns null when the policy switches it off or it does not apply to the platform. */
type Rule = (facts: DeviceFacts, settings: RuleSettings, now: Date) => RuleResult | null;
const DAY_MS = 86_400_000;
const NOT_REPORTED = stryMutAct_9fa48("521") ? "" : (stryCov_9fa48("521"), 'not reported yet');

/** Per-platform wording: staff follow these on their own phone, so name the real Settings path. */
const byPlatform = stryMutAct_9fa48("522") ? () => undefined : (stryCov_9fa48("522"), (() => {
  const byPlatform = (platform: PlatformKey, apple: string, android: string) => (stryMutAct_9fa48("525") ? platform !== 'APPLE' : stryMutAct_9fa48("524") ? false : stryMutAct_9fa48("523") ? true : (stryCov_9fa48("523", "524", "525"), platform === (stryMutAct_9fa48("526") ? "" : (stryCov_9fa48("526"), 'APPLE')))) ? apple : android;
  return byPlatform;
})());
const unknownRemediation = stryMutAct_9fa48("527") ? () => undefined : (stryCov_9fa48("527"), (() => {
  const unknownRemediation = (platform: PlatformKey) => byPlatform(platform, stryMutAct_9fa48("528") ? "" : (stryCov_9fa48("528"), 'Keep your iPhone or iPad switched on and connected to the internet for a few minutes so it can report its settings.'), stryMutAct_9fa48("529") ? "" : (stryCov_9fa48("529"), 'Keep your phone switched on and connected to the internet, and open the Android Device Policy app once, so it can report its settings.'));
  return unknownRemediation;
})());
function result(rule: RuleId, status: RuleStatus, expected: string, actual: string, fix: string, platform: PlatformKey): RuleResult {
  if (stryMutAct_9fa48("530")) {
    {}
  } else {
    stryCov_9fa48("530");
    return stryMutAct_9fa48("531") ? {} : (stryCov_9fa48("531"), {
      rule,
      status,
      expected,
      actual,
      remediation: (stryMutAct_9fa48("534") ? status !== 'pass' : stryMutAct_9fa48("533") ? false : stryMutAct_9fa48("532") ? true : (stryCov_9fa48("532", "533", "534"), status === (stryMutAct_9fa48("535") ? "" : (stryCov_9fa48("535"), 'pass')))) ? null : (stryMutAct_9fa48("538") ? status !== 'unknown' : stryMutAct_9fa48("537") ? false : stryMutAct_9fa48("536") ? true : (stryCov_9fa48("536", "537", "538"), status === (stryMutAct_9fa48("539") ? "" : (stryCov_9fa48("539"), 'unknown')))) ? unknownRemediation(platform) : fix
    });
  }
}
function flag(value: boolean | null | undefined, yes: string, no: string): string {
  if (stryMutAct_9fa48("540")) {
    {}
  } else {
    stryCov_9fa48("540");
    return (stryMutAct_9fa48("543") ? value === null && value === undefined : stryMutAct_9fa48("542") ? false : stryMutAct_9fa48("541") ? true : (stryCov_9fa48("541", "542", "543"), (stryMutAct_9fa48("545") ? value !== null : stryMutAct_9fa48("544") ? false : (stryCov_9fa48("544", "545"), value === null)) || (stryMutAct_9fa48("547") ? value !== undefined : stryMutAct_9fa48("546") ? false : (stryCov_9fa48("546", "547"), value === undefined)))) ? NOT_REPORTED : value ? yes : no;
  }
}
const encryption: Rule = ({
  platform,
  posture
}, settings) => {
  if (stryMutAct_9fa48("548")) {
    {}
  } else {
    stryCov_9fa48("548");
    if (stryMutAct_9fa48("551") ? false : stryMutAct_9fa48("550") ? true : stryMutAct_9fa48("549") ? settings.encryptionRequired : (stryCov_9fa48("549", "550", "551"), !settings.encryptionRequired)) return null;
    const value = stryMutAct_9fa48("552") ? posture?.encrypted && null : (stryCov_9fa48("552"), (stryMutAct_9fa48("553") ? posture.encrypted : (stryCov_9fa48("553"), posture?.encrypted)) ?? null);
    return result(stryMutAct_9fa48("554") ? "" : (stryCov_9fa48("554"), 'encryption'), (stryMutAct_9fa48("557") ? value !== null : stryMutAct_9fa48("556") ? false : stryMutAct_9fa48("555") ? true : (stryCov_9fa48("555", "556", "557"), value === null)) ? stryMutAct_9fa48("558") ? "" : (stryCov_9fa48("558"), 'unknown') : value ? stryMutAct_9fa48("559") ? "" : (stryCov_9fa48("559"), 'pass') : stryMutAct_9fa48("560") ? "" : (stryCov_9fa48("560"), 'fail'), stryMutAct_9fa48("561") ? "" : (stryCov_9fa48("561"), 'encrypted'), flag(value, stryMutAct_9fa48("562") ? "" : (stryCov_9fa48("562"), 'encrypted'), stryMutAct_9fa48("563") ? "" : (stryCov_9fa48("563"), 'not encrypted')), byPlatform(platform, stryMutAct_9fa48("564") ? "" : (stryCov_9fa48("564"), 'Open Settings → Face ID & Passcode (or Touch ID & Passcode) → Turn Passcode On: an iPhone or iPad encrypts its storage as soon as a passcode is set.'), stryMutAct_9fa48("565") ? "" : (stryCov_9fa48("565"), 'Open Settings → Security & privacy → More security settings → Encryption & credentials → Encrypt phone, and keep it charging until it finishes.')), platform);
  }
};
const passcode: Rule = ({
  platform,
  posture
}, settings) => {
  if (stryMutAct_9fa48("566")) {
    {}
  } else {
    stryCov_9fa48("566");
    if (stryMutAct_9fa48("569") ? false : stryMutAct_9fa48("568") ? true : stryMutAct_9fa48("567") ? settings.passcodeRequired : (stryCov_9fa48("567", "568", "569"), !settings.passcodeRequired)) return null;
    const value = stryMutAct_9fa48("570") ? posture?.passcodePresent && null : (stryCov_9fa48("570"), (stryMutAct_9fa48("571") ? posture.passcodePresent : (stryCov_9fa48("571"), posture?.passcodePresent)) ?? null);
    return result(stryMutAct_9fa48("572") ? "" : (stryCov_9fa48("572"), 'passcode'), (stryMutAct_9fa48("575") ? value !== null : stryMutAct_9fa48("574") ? false : stryMutAct_9fa48("573") ? true : (stryCov_9fa48("573", "574", "575"), value === null)) ? stryMutAct_9fa48("576") ? "" : (stryCov_9fa48("576"), 'unknown') : value ? stryMutAct_9fa48("577") ? "" : (stryCov_9fa48("577"), 'pass') : stryMutAct_9fa48("578") ? "" : (stryCov_9fa48("578"), 'fail'), stryMutAct_9fa48("579") ? "" : (stryCov_9fa48("579"), 'passcode set'), flag(value, stryMutAct_9fa48("580") ? "" : (stryCov_9fa48("580"), 'passcode set'), stryMutAct_9fa48("581") ? "" : (stryCov_9fa48("581"), 'no passcode')), byPlatform(platform, stryMutAct_9fa48("582") ? "" : (stryCov_9fa48("582"), 'Open Settings → Face ID & Passcode (or Touch ID & Passcode) → Turn Passcode On and choose a passcode.'), stryMutAct_9fa48("583") ? "" : (stryCov_9fa48("583"), 'Open Settings → Security & privacy → Screen lock (or Device unlock → Screen lock) and choose a PIN or password.')), platform);
  }
};
const passcodeLength: Rule = ({
  platform,
  posture
}, settings) => {
  if (stryMutAct_9fa48("584")) {
    {}
  } else {
    stryCov_9fa48("584");
    const min = settings.passcodeMinLength;
    if (stryMutAct_9fa48("587") ? min !== null : stryMutAct_9fa48("586") ? false : stryMutAct_9fa48("585") ? true : (stryCov_9fa48("585", "586", "587"), min === null)) return null;
    const length = stryMutAct_9fa48("588") ? posture?.passcodeMinLength && null : (stryCov_9fa48("588"), (stryMutAct_9fa48("589") ? posture.passcodeMinLength : (stryCov_9fa48("589"), posture?.passcodeMinLength)) ?? null);
    const fix = byPlatform(platform, stryMutAct_9fa48("590") ? `` : (stryCov_9fa48("590"), `Open Settings → Face ID & Passcode → Change Passcode, tap Passcode Options and choose a code of at least ${min} digits or characters.`), stryMutAct_9fa48("591") ? `` : (stryCov_9fa48("591"), `Open Settings → Security & privacy → Screen lock, confirm your current lock and choose a PIN or password of at least ${min} characters.`));
    const expected = stryMutAct_9fa48("592") ? `` : (stryCov_9fa48("592"), `at least ${min} characters`);
    // No passcode at all fails the length rule too: there is nothing to wait for.
    if (stryMutAct_9fa48("595") ? posture?.passcodePresent !== false : stryMutAct_9fa48("594") ? false : stryMutAct_9fa48("593") ? true : (stryCov_9fa48("593", "594", "595"), (stryMutAct_9fa48("596") ? posture.passcodePresent : (stryCov_9fa48("596"), posture?.passcodePresent)) === (stryMutAct_9fa48("597") ? true : (stryCov_9fa48("597"), false)))) return result(stryMutAct_9fa48("598") ? "" : (stryCov_9fa48("598"), 'passcode_length'), stryMutAct_9fa48("599") ? "" : (stryCov_9fa48("599"), 'fail'), expected, stryMutAct_9fa48("600") ? "" : (stryCov_9fa48("600"), 'no passcode'), fix, platform);
    if (stryMutAct_9fa48("603") ? length !== null : stryMutAct_9fa48("602") ? false : stryMutAct_9fa48("601") ? true : (stryCov_9fa48("601", "602", "603"), length === null)) {
      if (stryMutAct_9fa48("604")) {
        {}
      } else {
        stryCov_9fa48("604");
        // The device says its passcode breaks the enforced profile but not its length: that is still a failure.
        if (stryMutAct_9fa48("607") ? posture?.passcodeCompliant !== false : stryMutAct_9fa48("606") ? false : stryMutAct_9fa48("605") ? true : (stryCov_9fa48("605", "606", "607"), (stryMutAct_9fa48("608") ? posture.passcodeCompliant : (stryCov_9fa48("608"), posture?.passcodeCompliant)) === (stryMutAct_9fa48("609") ? true : (stryCov_9fa48("609"), false)))) return result(stryMutAct_9fa48("610") ? "" : (stryCov_9fa48("610"), 'passcode_length'), stryMutAct_9fa48("611") ? "" : (stryCov_9fa48("611"), 'fail'), expected, stryMutAct_9fa48("612") ? "" : (stryCov_9fa48("612"), 'passcode does not meet the enforced requirements'), fix, platform);
        return result(stryMutAct_9fa48("613") ? "" : (stryCov_9fa48("613"), 'passcode_length'), stryMutAct_9fa48("614") ? "" : (stryCov_9fa48("614"), 'unknown'), expected, NOT_REPORTED, fix, platform);
      }
    }
    return result(stryMutAct_9fa48("615") ? "" : (stryCov_9fa48("615"), 'passcode_length'), (stryMutAct_9fa48("619") ? length < min : stryMutAct_9fa48("618") ? length > min : stryMutAct_9fa48("617") ? false : stryMutAct_9fa48("616") ? true : (stryCov_9fa48("616", "617", "618", "619"), length >= min)) ? stryMutAct_9fa48("620") ? "" : (stryCov_9fa48("620"), 'pass') : stryMutAct_9fa48("621") ? "" : (stryCov_9fa48("621"), 'fail'), expected, stryMutAct_9fa48("622") ? `` : (stryCov_9fa48("622"), `${length} characters`), fix, platform);
  }
};
const autoLock: Rule = ({
  platform,
  posture
}, settings) => {
  if (stryMutAct_9fa48("623")) {
    {}
  } else {
    stryCov_9fa48("623");
    const max = settings.maxAutoLockMinutes;
    if (stryMutAct_9fa48("626") ? max !== null : stryMutAct_9fa48("625") ? false : stryMutAct_9fa48("624") ? true : (stryCov_9fa48("624", "625", "626"), max === null)) return null;
    const minutes = stryMutAct_9fa48("627") ? posture?.autoLockMinutes && null : (stryCov_9fa48("627"), (stryMutAct_9fa48("628") ? posture.autoLockMinutes : (stryCov_9fa48("628"), posture?.autoLockMinutes)) ?? null);
    const fix = byPlatform(platform, stryMutAct_9fa48("629") ? `` : (stryCov_9fa48("629"), `Open Settings → Display & Brightness → Auto-Lock and choose ${max} minute${(stryMutAct_9fa48("632") ? max !== 1 : stryMutAct_9fa48("631") ? false : stryMutAct_9fa48("630") ? true : (stryCov_9fa48("630", "631", "632"), max === 1)) ? stryMutAct_9fa48("633") ? "Stryker was here!" : (stryCov_9fa48("633"), '') : stryMutAct_9fa48("634") ? "" : (stryCov_9fa48("634"), 's')} or less.`), stryMutAct_9fa48("635") ? `` : (stryCov_9fa48("635"), `Open Settings → Display → Screen timeout and choose ${max} minute${(stryMutAct_9fa48("638") ? max !== 1 : stryMutAct_9fa48("637") ? false : stryMutAct_9fa48("636") ? true : (stryCov_9fa48("636", "637", "638"), max === 1)) ? stryMutAct_9fa48("639") ? "Stryker was here!" : (stryCov_9fa48("639"), '') : stryMutAct_9fa48("640") ? "" : (stryCov_9fa48("640"), 's')} or less.`));
    const expected = stryMutAct_9fa48("641") ? `` : (stryCov_9fa48("641"), `${max} minutes or less`);
    if (stryMutAct_9fa48("644") ? minutes !== null : stryMutAct_9fa48("643") ? false : stryMutAct_9fa48("642") ? true : (stryCov_9fa48("642", "643", "644"), minutes === null)) return result(stryMutAct_9fa48("645") ? "" : (stryCov_9fa48("645"), 'auto_lock'), stryMutAct_9fa48("646") ? "" : (stryCov_9fa48("646"), 'unknown'), expected, NOT_REPORTED, fix, platform);
    return result(stryMutAct_9fa48("647") ? "" : (stryCov_9fa48("647"), 'auto_lock'), (stryMutAct_9fa48("651") ? minutes > max : stryMutAct_9fa48("650") ? minutes < max : stryMutAct_9fa48("649") ? false : stryMutAct_9fa48("648") ? true : (stryCov_9fa48("648", "649", "650", "651"), minutes <= max)) ? stryMutAct_9fa48("652") ? "" : (stryCov_9fa48("652"), 'pass') : stryMutAct_9fa48("653") ? "" : (stryCov_9fa48("653"), 'fail'), expected, stryMutAct_9fa48("654") ? `` : (stryCov_9fa48("654"), `${minutes} minutes`), fix, platform);
  }
};

/** Numeric comparison of dotted versions ("17.4.1" vs "17.5"); null when either cannot be read. */
export function compareVersions(a: string, b: string): number | null {
  if (stryMutAct_9fa48("655")) {
    {}
  } else {
    stryCov_9fa48("655");
    const parse = stryMutAct_9fa48("656") ? () => undefined : (stryCov_9fa48("656"), (() => {
      const parse = (v: string) => (stryMutAct_9fa48("663") ? /^\d+(\.\D+)*$/ : stryMutAct_9fa48("662") ? /^\d+(\.\d)*$/ : stryMutAct_9fa48("661") ? /^\d+(\.\d+)$/ : stryMutAct_9fa48("660") ? /^\D+(\.\d+)*$/ : stryMutAct_9fa48("659") ? /^\d(\.\d+)*$/ : stryMutAct_9fa48("658") ? /^\d+(\.\d+)*/ : stryMutAct_9fa48("657") ? /\d+(\.\d+)*$/ : (stryCov_9fa48("657", "658", "659", "660", "661", "662", "663"), /^\d+(\.\d+)*$/)).test(stryMutAct_9fa48("664") ? v : (stryCov_9fa48("664"), v.trim())) ? stryMutAct_9fa48("665") ? v.split('.').map(Number) : (stryCov_9fa48("665"), v.trim().split(stryMutAct_9fa48("666") ? "" : (stryCov_9fa48("666"), '.')).map(Number)) : null;
      return parse;
    })());
    const x = parse(a);
    const y = parse(b);
    if (stryMutAct_9fa48("669") ? !x && !y : stryMutAct_9fa48("668") ? false : stryMutAct_9fa48("667") ? true : (stryCov_9fa48("667", "668", "669"), (stryMutAct_9fa48("670") ? x : (stryCov_9fa48("670"), !x)) || (stryMutAct_9fa48("671") ? y : (stryCov_9fa48("671"), !y)))) return null;
    for (let i = 0; stryMutAct_9fa48("674") ? i >= Math.max(x.length, y.length) : stryMutAct_9fa48("673") ? i <= Math.max(x.length, y.length) : stryMutAct_9fa48("672") ? false : (stryCov_9fa48("672", "673", "674"), i < (stryMutAct_9fa48("675") ? Math.min(x.length, y.length) : (stryCov_9fa48("675"), Math.max(x.length, y.length)))); stryMutAct_9fa48("676") ? i-- : (stryCov_9fa48("676"), i++)) {
      if (stryMutAct_9fa48("677")) {
        {}
      } else {
        stryCov_9fa48("677");
        const diff = stryMutAct_9fa48("678") ? (x[i] ?? 0) + (y[i] ?? 0) : (stryCov_9fa48("678"), (stryMutAct_9fa48("679") ? x[i] && 0 : (stryCov_9fa48("679"), x[i] ?? 0)) - (stryMutAct_9fa48("680") ? y[i] && 0 : (stryCov_9fa48("680"), y[i] ?? 0)));
        if (stryMutAct_9fa48("683") ? diff === 0 : stryMutAct_9fa48("682") ? false : stryMutAct_9fa48("681") ? true : (stryCov_9fa48("681", "682", "683"), diff !== 0)) return Math.sign(diff);
      }
    }
    return 0;
  }
}
const osVersion: Rule = ({
  platform,
  posture,
  device
}, settings) => {
  if (stryMutAct_9fa48("684")) {
    {}
  } else {
    stryCov_9fa48("684");
    const min = settings.minOsVersion;
    if (stryMutAct_9fa48("687") ? min !== null : stryMutAct_9fa48("686") ? false : stryMutAct_9fa48("685") ? true : (stryCov_9fa48("685", "686", "687"), min === null)) return null;
    const name = byPlatform(platform, stryMutAct_9fa48("688") ? "" : (stryCov_9fa48("688"), 'iOS'), stryMutAct_9fa48("689") ? "" : (stryCov_9fa48("689"), 'Android'));
    const version = stryMutAct_9fa48("690") ? posture?.osVersion && device.osVersion : (stryCov_9fa48("690"), (stryMutAct_9fa48("691") ? posture.osVersion : (stryCov_9fa48("691"), posture?.osVersion)) ?? device.osVersion);
    const fix = byPlatform(platform, stryMutAct_9fa48("692") ? `` : (stryCov_9fa48("692"), `Open Settings → General → Software Update and install iOS ${min} or later. If it is not offered, this device is too old to keep using for work.`), stryMutAct_9fa48("693") ? `` : (stryCov_9fa48("693"), `Open Settings → System → Software update (on some phones Settings → Software update) and install Android ${min} or later. If it is not offered, this phone is too old to keep using for work.`));
    const expected = stryMutAct_9fa48("694") ? `` : (stryCov_9fa48("694"), `${name} ${min} or later`);
    if (stryMutAct_9fa48("697") ? false : stryMutAct_9fa48("696") ? true : stryMutAct_9fa48("695") ? version : (stryCov_9fa48("695", "696", "697"), !version)) return result(stryMutAct_9fa48("698") ? "" : (stryCov_9fa48("698"), 'os_version'), stryMutAct_9fa48("699") ? "" : (stryCov_9fa48("699"), 'unknown'), expected, NOT_REPORTED, fix, platform);
    const cmp = compareVersions(version, min);
    if (stryMutAct_9fa48("702") ? cmp !== null : stryMutAct_9fa48("701") ? false : stryMutAct_9fa48("700") ? true : (stryCov_9fa48("700", "701", "702"), cmp === null)) return result(stryMutAct_9fa48("703") ? "" : (stryCov_9fa48("703"), 'os_version'), stryMutAct_9fa48("704") ? "" : (stryCov_9fa48("704"), 'unknown'), expected, stryMutAct_9fa48("705") ? `` : (stryCov_9fa48("705"), `${name} ${version} (unreadable version)`), fix, platform);
    return result(stryMutAct_9fa48("706") ? "" : (stryCov_9fa48("706"), 'os_version'), (stryMutAct_9fa48("710") ? cmp < 0 : stryMutAct_9fa48("709") ? cmp > 0 : stryMutAct_9fa48("708") ? false : stryMutAct_9fa48("707") ? true : (stryCov_9fa48("707", "708", "709", "710"), cmp >= 0)) ? stryMutAct_9fa48("711") ? "" : (stryCov_9fa48("711"), 'pass') : stryMutAct_9fa48("712") ? "" : (stryCov_9fa48("712"), 'fail'), expected, stryMutAct_9fa48("713") ? `` : (stryCov_9fa48("713"), `${name} ${version}`), fix, platform);
  }
};
const patchAge: Rule = ({
  platform,
  posture
}, settings, now) => {
  if (stryMutAct_9fa48("714")) {
    {}
  } else {
    stryCov_9fa48("714");
    const max = settings.maxPatchAgeDays;
    // Apple ships security fixes inside OS updates and reports no patch level; the OS version rule covers it.
    if (stryMutAct_9fa48("717") ? max === null && platform !== 'ANDROID' : stryMutAct_9fa48("716") ? false : stryMutAct_9fa48("715") ? true : (stryCov_9fa48("715", "716", "717"), (stryMutAct_9fa48("719") ? max !== null : stryMutAct_9fa48("718") ? false : (stryCov_9fa48("718", "719"), max === null)) || (stryMutAct_9fa48("721") ? platform === 'ANDROID' : stryMutAct_9fa48("720") ? false : (stryCov_9fa48("720", "721"), platform !== (stryMutAct_9fa48("722") ? "" : (stryCov_9fa48("722"), 'ANDROID')))))) return null;
    const level = stryMutAct_9fa48("723") ? posture?.securityPatchLevel && null : (stryCov_9fa48("723"), (stryMutAct_9fa48("724") ? posture.securityPatchLevel : (stryCov_9fa48("724"), posture?.securityPatchLevel)) ?? null);
    const fix = stryMutAct_9fa48("725") ? `` : (stryCov_9fa48("725"), `Open Settings → Security & privacy → System & updates → Security update (on some phones Settings → Software update) and install the latest update; it must be from the last ${max} days.`);
    const expected = stryMutAct_9fa48("726") ? `` : (stryCov_9fa48("726"), `security patch no older than ${max} days`);
    if (stryMutAct_9fa48("729") ? false : stryMutAct_9fa48("728") ? true : stryMutAct_9fa48("727") ? level : (stryCov_9fa48("727", "728", "729"), !level)) return result(stryMutAct_9fa48("730") ? "" : (stryCov_9fa48("730"), 'patch_age'), stryMutAct_9fa48("731") ? "" : (stryCov_9fa48("731"), 'unknown'), expected, NOT_REPORTED, fix, platform);
    const age = Math.floor(stryMutAct_9fa48("732") ? (now.getTime() - level.getTime()) * DAY_MS : (stryCov_9fa48("732"), (stryMutAct_9fa48("733") ? now.getTime() + level.getTime() : (stryCov_9fa48("733"), now.getTime() - level.getTime())) / DAY_MS));
    return result(stryMutAct_9fa48("734") ? "" : (stryCov_9fa48("734"), 'patch_age'), (stryMutAct_9fa48("738") ? age > max : stryMutAct_9fa48("737") ? age < max : stryMutAct_9fa48("736") ? false : stryMutAct_9fa48("735") ? true : (stryCov_9fa48("735", "736", "737", "738"), age <= max)) ? stryMutAct_9fa48("739") ? "" : (stryCov_9fa48("739"), 'pass') : stryMutAct_9fa48("740") ? "" : (stryCov_9fa48("740"), 'fail'), expected, stryMutAct_9fa48("741") ? `` : (stryCov_9fa48("741"), `patch level ${stryMutAct_9fa48("742") ? level.toISOString() : (stryCov_9fa48("742"), level.toISOString().slice(0, 10))} (${age} days old)`), fix, platform);
  }
};
const integrity: Rule = ({
  platform,
  posture
}, settings) => {
  if (stryMutAct_9fa48("743")) {
    {}
  } else {
    stryCov_9fa48("743");
    if (stryMutAct_9fa48("746") ? false : stryMutAct_9fa48("745") ? true : stryMutAct_9fa48("744") ? settings.integrityRequired : (stryCov_9fa48("744", "745", "746"), !settings.integrityRequired)) return null;
    const compromised = stryMutAct_9fa48("747") ? posture?.compromised && null : (stryCov_9fa48("747"), (stryMutAct_9fa48("748") ? posture.compromised : (stryCov_9fa48("748"), posture?.compromised)) ?? null);
    return result(stryMutAct_9fa48("749") ? "" : (stryCov_9fa48("749"), 'integrity'), (stryMutAct_9fa48("752") ? compromised !== null : stryMutAct_9fa48("751") ? false : stryMutAct_9fa48("750") ? true : (stryCov_9fa48("750", "751", "752"), compromised === null)) ? stryMutAct_9fa48("753") ? "" : (stryCov_9fa48("753"), 'unknown') : compromised ? stryMutAct_9fa48("754") ? "" : (stryCov_9fa48("754"), 'fail') : stryMutAct_9fa48("755") ? "" : (stryCov_9fa48("755"), 'pass'), stryMutAct_9fa48("756") ? "" : (stryCov_9fa48("756"), 'not jailbroken or rooted'), flag(compromised, byPlatform(platform, stryMutAct_9fa48("757") ? "" : (stryCov_9fa48("757"), 'jailbroken or modified'), stryMutAct_9fa48("758") ? "" : (stryCov_9fa48("758"), 'rooted or modified software')), stryMutAct_9fa48("759") ? "" : (stryCov_9fa48("759"), 'intact')), byPlatform(platform, stryMutAct_9fa48("760") ? "" : (stryCov_9fa48("760"), 'This iPhone or iPad looks jailbroken. Back it up, then restore it with the latest iOS (Settings → General → Transfer or Reset iPhone), or ask IT for help.'), stryMutAct_9fa48("761") ? "" : (stryCov_9fa48("761"), 'This phone looks rooted or runs modified software. Reinstall the manufacturer’s official software and lock the bootloader, or ask IT for help.')), platform);
  }
};
const checkIn: Rule = ({
  platform,
  posture,
  device
}, settings, now) => {
  if (stryMutAct_9fa48("762")) {
    {}
  } else {
    stryCov_9fa48("762");
    const max = settings.maxCheckInAgeDays;
    if (stryMutAct_9fa48("765") ? max !== null : stryMutAct_9fa48("764") ? false : stryMutAct_9fa48("763") ? true : (stryCov_9fa48("763", "764", "765"), max === null)) return null;
    const last = stryMutAct_9fa48("766") ? posture?.lastCheckInAt && device.lastSeenAt : (stryCov_9fa48("766"), (stryMutAct_9fa48("767") ? posture.lastCheckInAt : (stryCov_9fa48("767"), posture?.lastCheckInAt)) ?? device.lastSeenAt);
    const fix = byPlatform(platform, stryMutAct_9fa48("768") ? "" : (stryCov_9fa48("768"), 'Connect the device to the internet and unlock it. If it still does not report, check Settings → General → VPN & Device Management: the work profile must still be installed.'), stryMutAct_9fa48("769") ? "" : (stryCov_9fa48("769"), 'Connect the phone to the internet and unlock it. If it still does not report, open Settings → Passwords & accounts (or Accounts) and check the work profile is switched on and not paused.'));
    const expected = stryMutAct_9fa48("770") ? `` : (stryCov_9fa48("770"), `reported within ${max} days`);
    if (stryMutAct_9fa48("773") ? false : stryMutAct_9fa48("772") ? true : stryMutAct_9fa48("771") ? last : (stryCov_9fa48("771", "772", "773"), !last)) return result(stryMutAct_9fa48("774") ? "" : (stryCov_9fa48("774"), 'check_in'), stryMutAct_9fa48("775") ? "" : (stryCov_9fa48("775"), 'unknown'), expected, stryMutAct_9fa48("776") ? "" : (stryCov_9fa48("776"), 'never reported'), fix, platform);
    const days = Math.floor(stryMutAct_9fa48("777") ? (now.getTime() - last.getTime()) * DAY_MS : (stryCov_9fa48("777"), (stryMutAct_9fa48("778") ? now.getTime() + last.getTime() : (stryCov_9fa48("778"), now.getTime() - last.getTime())) / DAY_MS));
    return result(stryMutAct_9fa48("779") ? "" : (stryCov_9fa48("779"), 'check_in'), (stryMutAct_9fa48("783") ? now.getTime() - last.getTime() > max * DAY_MS : stryMutAct_9fa48("782") ? now.getTime() - last.getTime() < max * DAY_MS : stryMutAct_9fa48("781") ? false : stryMutAct_9fa48("780") ? true : (stryCov_9fa48("780", "781", "782", "783"), (stryMutAct_9fa48("784") ? now.getTime() + last.getTime() : (stryCov_9fa48("784"), now.getTime() - last.getTime())) <= (stryMutAct_9fa48("785") ? max / DAY_MS : (stryCov_9fa48("785"), max * DAY_MS)))) ? stryMutAct_9fa48("786") ? "" : (stryCov_9fa48("786"), 'pass') : stryMutAct_9fa48("787") ? "" : (stryCov_9fa48("787"), 'fail'), expected, stryMutAct_9fa48("788") ? `` : (stryCov_9fa48("788"), `last report ${days} days ago`), fix, platform);
  }
};
const mfa: Rule = ({
  platform,
  user
}, settings) => {
  if (stryMutAct_9fa48("789")) {
    {}
  } else {
    stryCov_9fa48("789");
    if (stryMutAct_9fa48("792") ? false : stryMutAct_9fa48("791") ? true : stryMutAct_9fa48("790") ? settings.mfaRequired : (stryCov_9fa48("790", "791", "792"), !settings.mfaRequired)) return null;
    const fix = stryMutAct_9fa48("793") ? "" : (stryCov_9fa48("793"), 'Sign in to the staff portal and set up two-step verification with an authenticator app (Account → Two-step verification).');
    if (stryMutAct_9fa48("796") ? false : stryMutAct_9fa48("795") ? true : stryMutAct_9fa48("794") ? user : (stryCov_9fa48("794", "795", "796"), !user)) return result(stryMutAct_9fa48("797") ? "" : (stryCov_9fa48("797"), 'mfa'), stryMutAct_9fa48("798") ? "" : (stryCov_9fa48("798"), 'unknown'), stryMutAct_9fa48("799") ? "" : (stryCov_9fa48("799"), 'user has MFA'), stryMutAct_9fa48("800") ? "" : (stryCov_9fa48("800"), 'no user assigned to the device'), fix, platform);
    return result(stryMutAct_9fa48("801") ? "" : (stryCov_9fa48("801"), 'mfa'), user.mfaEnrolled ? stryMutAct_9fa48("802") ? "" : (stryCov_9fa48("802"), 'pass') : stryMutAct_9fa48("803") ? "" : (stryCov_9fa48("803"), 'fail'), stryMutAct_9fa48("804") ? "" : (stryCov_9fa48("804"), 'user has MFA'), user.mfaEnrolled ? stryMutAct_9fa48("805") ? "" : (stryCov_9fa48("805"), 'MFA enrolled') : stryMutAct_9fa48("806") ? "" : (stryCov_9fa48("806"), 'MFA not enrolled'), fix, platform);
  }
};
const RULES: Record<RuleId, Rule> = stryMutAct_9fa48("807") ? {} : (stryCov_9fa48("807"), {
  encryption,
  passcode,
  passcode_length: passcodeLength,
  auto_lock: autoLock,
  os_version: osVersion,
  patch_age: patchAge,
  integrity,
  check_in: checkIn,
  mfa
});

/** Runs every rule the settings switch on. Pure: `now` is the only notion of time. */
export function evaluateRules(facts: DeviceFacts, settings: RuleSettings, now: Date): RuleResult[] {
  if (stryMutAct_9fa48("808")) {
    {}
  } else {
    stryCov_9fa48("808");
    return stryMutAct_9fa48("809") ? RULE_IDS.map(id => RULES[id](facts, settings, now)) : (stryCov_9fa48("809"), RULE_IDS.map(stryMutAct_9fa48("810") ? () => undefined : (stryCov_9fa48("810"), id => RULES[id](facts, settings, now))).filter(stryMutAct_9fa48("811") ? () => undefined : (stryCov_9fa48("811"), (r): r is RuleResult => stryMutAct_9fa48("814") ? r === null : stryMutAct_9fa48("813") ? false : stryMutAct_9fa48("812") ? true : (stryCov_9fa48("812", "813", "814"), r !== null))));
  }
}

/** One rule alone, for tests and explanations. */
export function evaluateRule(id: RuleId, facts: DeviceFacts, settings: RuleSettings, now: Date): RuleResult | null {
  if (stryMutAct_9fa48("815")) {
    {}
  } else {
    stryCov_9fa48("815");
    return RULES[id](facts, settings, now);
  }
}