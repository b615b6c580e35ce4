/**
 * Progressive lockout: after `threshold` consecutive failures the account locks for `baseSeconds`,
 * doubling with each further failure, capped at a day. Returns null while under the threshold.
 */
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
export function lockoutUntil(failures: number, now: Date, threshold: number, baseSeconds: number): Date | null {
  if (stryMutAct_9fa48("146")) {
    {}
  } else {
    stryCov_9fa48("146");
    if (stryMutAct_9fa48("150") ? failures >= threshold : stryMutAct_9fa48("149") ? failures <= threshold : stryMutAct_9fa48("148") ? false : stryMutAct_9fa48("147") ? true : (stryCov_9fa48("147", "148", "149", "150"), failures < threshold)) return null;
    const seconds = stryMutAct_9fa48("151") ? Math.max(baseSeconds * 2 ** (failures - threshold), 24 * 3600) : (stryCov_9fa48("151"), Math.min(stryMutAct_9fa48("152") ? baseSeconds / 2 ** (failures - threshold) : (stryCov_9fa48("152"), baseSeconds * 2 ** (stryMutAct_9fa48("153") ? failures + threshold : (stryCov_9fa48("153"), failures - threshold))), stryMutAct_9fa48("154") ? 24 / 3600 : (stryCov_9fa48("154"), 24 * 3600)));
    return new Date(stryMutAct_9fa48("155") ? now.getTime() - seconds * 1000 : (stryCov_9fa48("155"), now.getTime() + (stryMutAct_9fa48("156") ? seconds / 1000 : (stryCov_9fa48("156"), seconds * 1000))));
  }
}