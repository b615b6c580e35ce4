/**
 * The one step-up rule: MFA counts as recent when it was proven at most `maxAgeSeconds` before `now`.
 * No MFA in this session is never recent.
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
export function isRecentMfa(mfaAt: Date | null | undefined, now: Date, maxAgeSeconds: number): boolean {
  if (stryMutAct_9fa48("250")) {
    {}
  } else {
    stryCov_9fa48("250");
    if (stryMutAct_9fa48("253") ? false : stryMutAct_9fa48("252") ? true : stryMutAct_9fa48("251") ? mfaAt : (stryCov_9fa48("251", "252", "253"), !mfaAt)) return stryMutAct_9fa48("254") ? true : (stryCov_9fa48("254"), false);
    return stryMutAct_9fa48("258") ? now.getTime() - mfaAt.getTime() > maxAgeSeconds * 1000 : stryMutAct_9fa48("257") ? now.getTime() - mfaAt.getTime() < maxAgeSeconds * 1000 : stryMutAct_9fa48("256") ? false : stryMutAct_9fa48("255") ? true : (stryCov_9fa48("255", "256", "257", "258"), (stryMutAct_9fa48("259") ? now.getTime() + mfaAt.getTime() : (stryCov_9fa48("259"), now.getTime() - mfaAt.getTime())) <= (stryMutAct_9fa48("260") ? maxAgeSeconds / 1000 : (stryCov_9fa48("260"), maxAgeSeconds * 1000)));
  }
}