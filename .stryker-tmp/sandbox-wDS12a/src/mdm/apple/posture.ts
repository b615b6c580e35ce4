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
import type { PostureReport } from '../../storage/posture-store.js';
import { isDict, type PlistDict } from './plist.js';

/**
 * Normalised posture from command results. A key the device did not send stays undefined ("not reported"),
 * never false: User Enrolment hides PasscodePresent, macOS reports FileVault instead of data protection.
 */
export function postureFromDeviceInformation(result: PlistDict): PostureReport {
  if (stryMutAct_9fa48("2320")) {
    {}
  } else {
    stryCov_9fa48("2320");
    const answers = isDict(result.QueryResponses) ? result.QueryResponses : {};
    const report: PostureReport = {};
    if (stryMutAct_9fa48("2323") ? typeof answers.OSVersion !== 'string' : stryMutAct_9fa48("2322") ? false : stryMutAct_9fa48("2321") ? true : (stryCov_9fa48("2321", "2322", "2323"), typeof answers.OSVersion === (stryMutAct_9fa48("2324") ? "" : (stryCov_9fa48("2324"), 'string')))) report.osVersion = answers.OSVersion;
    if (stryMutAct_9fa48("2327") ? typeof answers.BuildVersion !== 'string' : stryMutAct_9fa48("2326") ? false : stryMutAct_9fa48("2325") ? true : (stryCov_9fa48("2325", "2326", "2327"), typeof answers.BuildVersion === (stryMutAct_9fa48("2328") ? "" : (stryCov_9fa48("2328"), 'string')))) report.osBuild = answers.BuildVersion;
    if (stryMutAct_9fa48("2331") ? typeof answers.IsSupervised !== 'boolean' : stryMutAct_9fa48("2330") ? false : stryMutAct_9fa48("2329") ? true : (stryCov_9fa48("2329", "2330", "2331"), typeof answers.IsSupervised === (stryMutAct_9fa48("2332") ? "" : (stryCov_9fa48("2332"), 'boolean')))) report.supervised = answers.IsSupervised;
    return report;
  }
}

/** Device facts worth showing on the Device row (only what the device itself reported). */
export function deviceFactsFromDeviceInformation(result: PlistDict, kind: 'DEVICE' | 'USER') {
  if (stryMutAct_9fa48("2333")) {
    {}
  } else {
    stryCov_9fa48("2333");
    const answers = isDict(result.QueryResponses) ? result.QueryResponses : {};
    const text = stryMutAct_9fa48("2334") ? () => undefined : (stryCov_9fa48("2334"), (() => {
      const text = (key: string) => (stryMutAct_9fa48("2337") ? typeof answers[key] === 'string' || answers[key] : stryMutAct_9fa48("2336") ? false : stryMutAct_9fa48("2335") ? true : (stryCov_9fa48("2335", "2336", "2337"), (stryMutAct_9fa48("2339") ? typeof answers[key] !== 'string' : stryMutAct_9fa48("2338") ? true : (stryCov_9fa48("2338", "2339"), typeof answers[key] === (stryMutAct_9fa48("2340") ? "" : (stryCov_9fa48("2340"), 'string')))) && answers[key])) ? answers[key] as string : undefined;
      return text;
    })());
    return stryMutAct_9fa48("2341") ? {} : (stryCov_9fa48("2341"), {
      model: stryMutAct_9fa48("2342") ? (text('ModelName') ?? text('ProductName')) && text('Model') : (stryCov_9fa48("2342"), (stryMutAct_9fa48("2343") ? text('ModelName') && text('ProductName') : (stryCov_9fa48("2343"), text(stryMutAct_9fa48("2344") ? "" : (stryCov_9fa48("2344"), 'ModelName')) ?? text(stryMutAct_9fa48("2345") ? "" : (stryCov_9fa48("2345"), 'ProductName')))) ?? text(stryMutAct_9fa48("2346") ? "" : (stryCov_9fa48("2346"), 'Model'))),
      displayName: text(stryMutAct_9fa48("2347") ? "" : (stryCov_9fa48("2347"), 'DeviceName')),
      osVersion: text(stryMutAct_9fa48("2348") ? "" : (stryCov_9fa48("2348"), 'OSVersion')),
      // User Enrolment must not reveal the serial; ignore one even if something sent it.
      serialNumber: (stryMutAct_9fa48("2351") ? kind !== 'DEVICE' : stryMutAct_9fa48("2350") ? false : stryMutAct_9fa48("2349") ? true : (stryCov_9fa48("2349", "2350", "2351"), kind === (stryMutAct_9fa48("2352") ? "" : (stryCov_9fa48("2352"), 'DEVICE')))) ? text(stryMutAct_9fa48("2353") ? "" : (stryCov_9fa48("2353"), 'SerialNumber')) : undefined
    });
  }
}
export function postureFromSecurityInfo(result: PlistDict): PostureReport {
  if (stryMutAct_9fa48("2354")) {
    {}
  } else {
    stryCov_9fa48("2354");
    const info = isDict(result.SecurityInfo) ? result.SecurityInfo : {};
    const report: PostureReport = {};
    const passcodePresent = (stryMutAct_9fa48("2357") ? typeof info.PasscodePresent !== 'boolean' : stryMutAct_9fa48("2356") ? false : stryMutAct_9fa48("2355") ? true : (stryCov_9fa48("2355", "2356", "2357"), typeof info.PasscodePresent === (stryMutAct_9fa48("2358") ? "" : (stryCov_9fa48("2358"), 'boolean')))) ? info.PasscodePresent : undefined;
    if (stryMutAct_9fa48("2361") ? passcodePresent === undefined : stryMutAct_9fa48("2360") ? false : stryMutAct_9fa48("2359") ? true : (stryCov_9fa48("2359", "2360", "2361"), passcodePresent !== undefined)) report.passcodePresent = passcodePresent;
    if (stryMutAct_9fa48("2364") ? typeof info.PasscodeCompliant !== 'boolean' : stryMutAct_9fa48("2363") ? false : stryMutAct_9fa48("2362") ? true : (stryCov_9fa48("2362", "2363", "2364"), typeof info.PasscodeCompliant === (stryMutAct_9fa48("2365") ? "" : (stryCov_9fa48("2365"), 'boolean')))) report.passcodeCompliant = info.PasscodeCompliant;
    if (stryMutAct_9fa48("2368") ? typeof info.FDE_Enabled !== 'boolean' : stryMutAct_9fa48("2367") ? false : stryMutAct_9fa48("2366") ? true : (stryCov_9fa48("2366", "2367", "2368"), typeof info.FDE_Enabled === (stryMutAct_9fa48("2369") ? "" : (stryCov_9fa48("2369"), 'boolean')))) {
      if (stryMutAct_9fa48("2370")) {
        {}
      } else {
        stryCov_9fa48("2370");
        report.encrypted = info.FDE_Enabled;
      }
    } else if (stryMutAct_9fa48("2373") ? typeof info.HardwareEncryptionCaps !== 'number' : stryMutAct_9fa48("2372") ? false : stryMutAct_9fa48("2371") ? true : (stryCov_9fa48("2371", "2372", "2373"), typeof info.HardwareEncryptionCaps === (stryMutAct_9fa48("2374") ? "" : (stryCov_9fa48("2374"), 'number')))) {
      if (stryMutAct_9fa48("2375")) {
        {}
      } else {
        stryCov_9fa48("2375");
        // iOS data protection needs both block- and file-level encryption (3) and a passcode to protect the keys.
        const capable = stryMutAct_9fa48("2378") ? (info.HardwareEncryptionCaps & 3) !== 3 : stryMutAct_9fa48("2377") ? false : stryMutAct_9fa48("2376") ? true : (stryCov_9fa48("2376", "2377", "2378"), (info.HardwareEncryptionCaps & 3) === 3);
        if (stryMutAct_9fa48("2381") ? false : stryMutAct_9fa48("2380") ? true : stryMutAct_9fa48("2379") ? capable : (stryCov_9fa48("2379", "2380", "2381"), !capable)) report.encrypted = stryMutAct_9fa48("2382") ? true : (stryCov_9fa48("2382"), false);else if (stryMutAct_9fa48("2385") ? passcodePresent === undefined : stryMutAct_9fa48("2384") ? false : stryMutAct_9fa48("2383") ? true : (stryCov_9fa48("2383", "2384", "2385"), passcodePresent !== undefined)) report.encrypted = passcodePresent;
      }
    }
    return report;
  }
}