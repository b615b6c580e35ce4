/** Steps the playbook can run by itself when an incident opens, in this order. */
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
export const AUTOMATIC_STEPS = ['contain', 'reset_credentials', 'notify'] as const;
export type AutomaticStep = typeof AUTOMATIC_STEPS[number];
export function parsePlaybook(spec: string): AutomaticStep[] {
  if (stryMutAct_9fa48("1038")) {
    {}
  } else {
    stryCov_9fa48("1038");
    const wanted = new Set(stryMutAct_9fa48("1039") ? spec.split(',').map(s => s.trim()) : (stryCov_9fa48("1039"), spec.split(stryMutAct_9fa48("1040") ? "" : (stryCov_9fa48("1040"), ',')).map(stryMutAct_9fa48("1041") ? () => undefined : (stryCov_9fa48("1041"), s => stryMutAct_9fa48("1042") ? s : (stryCov_9fa48("1042"), s.trim()))).filter(Boolean)));
    return stryMutAct_9fa48("1043") ? AUTOMATIC_STEPS : (stryCov_9fa48("1043"), AUTOMATIC_STEPS.filter(stryMutAct_9fa48("1044") ? () => undefined : (stryCov_9fa48("1044"), step => wanted.has(step))));
  }
}
export const RISK_LEVELS = ['low', 'medium', 'high'] as const;
export type RiskLevel = typeof RISK_LEVELS[number];

/**
 * A first risk suggestion: data categories on an unencrypted device are exposed to whoever holds it;
 * patient data raises the stakes (a reportable breach in most health regimes).
 */
export function suggestedRisk(input: {
  patientDataExposed: boolean | null;
  deviceEncrypted: boolean | null;
  dataCategories: string[];
}): RiskLevel {
  if (stryMutAct_9fa48("1045")) {
    {}
  } else {
    stryCov_9fa48("1045");
    if (stryMutAct_9fa48("1048") ? input.deviceEncrypted === false || input.patientDataExposed || input.dataCategories.length > 0 : stryMutAct_9fa48("1047") ? false : stryMutAct_9fa48("1046") ? true : (stryCov_9fa48("1046", "1047", "1048"), (stryMutAct_9fa48("1050") ? input.deviceEncrypted !== false : stryMutAct_9fa48("1049") ? true : (stryCov_9fa48("1049", "1050"), input.deviceEncrypted === (stryMutAct_9fa48("1051") ? true : (stryCov_9fa48("1051"), false)))) && (stryMutAct_9fa48("1053") ? input.patientDataExposed && input.dataCategories.length > 0 : stryMutAct_9fa48("1052") ? true : (stryCov_9fa48("1052", "1053"), input.patientDataExposed || (stryMutAct_9fa48("1056") ? input.dataCategories.length <= 0 : stryMutAct_9fa48("1055") ? input.dataCategories.length >= 0 : stryMutAct_9fa48("1054") ? false : (stryCov_9fa48("1054", "1055", "1056"), input.dataCategories.length > 0)))))) return stryMutAct_9fa48("1057") ? "" : (stryCov_9fa48("1057"), 'high');
    if (stryMutAct_9fa48("1059") ? false : stryMutAct_9fa48("1058") ? true : (stryCov_9fa48("1058", "1059"), input.patientDataExposed)) return stryMutAct_9fa48("1060") ? "" : (stryCov_9fa48("1060"), 'medium');
    return (stryMutAct_9fa48("1063") ? input.dataCategories.length > 0 || input.deviceEncrypted !== true : stryMutAct_9fa48("1062") ? false : stryMutAct_9fa48("1061") ? true : (stryCov_9fa48("1061", "1062", "1063"), (stryMutAct_9fa48("1066") ? input.dataCategories.length <= 0 : stryMutAct_9fa48("1065") ? input.dataCategories.length >= 0 : stryMutAct_9fa48("1064") ? true : (stryCov_9fa48("1064", "1065", "1066"), input.dataCategories.length > 0)) && (stryMutAct_9fa48("1068") ? input.deviceEncrypted === true : stryMutAct_9fa48("1067") ? true : (stryCov_9fa48("1067", "1068"), input.deviceEncrypted !== (stryMutAct_9fa48("1069") ? false : (stryCov_9fa48("1069"), true)))))) ? stryMutAct_9fa48("1070") ? "" : (stryCov_9fa48("1070"), 'medium') : stryMutAct_9fa48("1071") ? "" : (stryCov_9fa48("1071"), 'low');
  }
}