/**
 * What every value from outside (HTTP bodies and queries, device plists, third-party JSON) must satisfy before it
 * is used or stored: no text PostgreSQL cannot store (NUL in text and JSONB, unpaired UTF-16 surrogates in JSONB)
 * and no nesting deeper than we ever produce (deep values overflow the stack of whoever walks them next).
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
export const MAX_NESTING_DEPTH = 64;
export interface InputProblem {
  /** JSON-pointer-like path of the offending value, '' for the root. */
  path: string;
  message: string;
}

/** Text PostgreSQL can store: no NUL, no lone surrogate (which JSON would carry as an escape JSONB refuses). */
export function isStorableText(text: string): boolean {
  if (stryMutAct_9fa48("932")) {
    {}
  } else {
    stryCov_9fa48("932");
    return stryMutAct_9fa48("935") ? !text.includes('\u0000') || text.isWellFormed() : stryMutAct_9fa48("934") ? false : stryMutAct_9fa48("933") ? true : (stryCov_9fa48("933", "934", "935"), (stryMutAct_9fa48("936") ? text.includes('\u0000') : (stryCov_9fa48("936"), !text.includes(stryMutAct_9fa48("937") ? "" : (stryCov_9fa48("937"), '\u0000')))) && text.isWellFormed());
  }
}

/**
 * The first problem in `value`, or null. Object keys are checked like strings. Stops at `maxDepth`, so the walk
 * itself cannot overflow whatever arrives.
 */
export function findInputProblem(value: unknown, maxDepth = MAX_NESTING_DEPTH): InputProblem | null {
  if (stryMutAct_9fa48("938")) {
    {}
  } else {
    stryCov_9fa48("938");
    return walk(value, stryMutAct_9fa48("939") ? "Stryker was here!" : (stryCov_9fa48("939"), ''), 0, maxDepth);
  }
}
function walk(value: unknown, path: string, depth: number, maxDepth: number): InputProblem | null {
  if (stryMutAct_9fa48("940")) {
    {}
  } else {
    stryCov_9fa48("940");
    if (stryMutAct_9fa48("943") ? typeof value !== 'string' : stryMutAct_9fa48("942") ? false : stryMutAct_9fa48("941") ? true : (stryCov_9fa48("941", "942", "943"), typeof value === (stryMutAct_9fa48("944") ? "" : (stryCov_9fa48("944"), 'string')))) return isStorableText(value) ? null : stryMutAct_9fa48("945") ? {} : (stryCov_9fa48("945"), {
      path,
      message: stryMutAct_9fa48("946") ? "" : (stryCov_9fa48("946"), 'must not contain NUL characters or unpaired surrogates')
    });
    if (stryMutAct_9fa48("949") ? value === null && typeof value !== 'object' : stryMutAct_9fa48("948") ? false : stryMutAct_9fa48("947") ? true : (stryCov_9fa48("947", "948", "949"), (stryMutAct_9fa48("951") ? value !== null : stryMutAct_9fa48("950") ? false : (stryCov_9fa48("950", "951"), value === null)) || (stryMutAct_9fa48("953") ? typeof value === 'object' : stryMutAct_9fa48("952") ? false : (stryCov_9fa48("952", "953"), typeof value !== (stryMutAct_9fa48("954") ? "" : (stryCov_9fa48("954"), 'object')))))) return null;
    if (stryMutAct_9fa48("957") ? value instanceof Uint8Array && value instanceof Date : stryMutAct_9fa48("956") ? false : stryMutAct_9fa48("955") ? true : (stryCov_9fa48("955", "956", "957"), value instanceof Uint8Array || value instanceof Date)) return null;
    if (stryMutAct_9fa48("961") ? depth < maxDepth : stryMutAct_9fa48("960") ? depth > maxDepth : stryMutAct_9fa48("959") ? false : stryMutAct_9fa48("958") ? true : (stryCov_9fa48("958", "959", "960", "961"), depth >= maxDepth)) return stryMutAct_9fa48("962") ? {} : (stryCov_9fa48("962"), {
      path,
      message: stryMutAct_9fa48("963") ? `` : (stryCov_9fa48("963"), `must not be nested more than ${maxDepth} levels deep`)
    });
    if (stryMutAct_9fa48("965") ? false : stryMutAct_9fa48("964") ? true : (stryCov_9fa48("964", "965"), Array.isArray(value))) {
      if (stryMutAct_9fa48("966")) {
        {}
      } else {
        stryCov_9fa48("966");
        for (let i = 0; stryMutAct_9fa48("969") ? i >= value.length : stryMutAct_9fa48("968") ? i <= value.length : stryMutAct_9fa48("967") ? false : (stryCov_9fa48("967", "968", "969"), i < value.length); stryMutAct_9fa48("970") ? i -= 1 : (stryCov_9fa48("970"), i += 1)) {
          if (stryMutAct_9fa48("971")) {
            {}
          } else {
            stryCov_9fa48("971");
            const problem = walk(value[i], stryMutAct_9fa48("972") ? `` : (stryCov_9fa48("972"), `${path}/${i}`), stryMutAct_9fa48("973") ? depth - 1 : (stryCov_9fa48("973"), depth + 1), maxDepth);
            if (stryMutAct_9fa48("975") ? false : stryMutAct_9fa48("974") ? true : (stryCov_9fa48("974", "975"), problem)) return problem;
          }
        }
        return null;
      }
    }
    for (const [key, inner] of Object.entries(value)) {
      if (stryMutAct_9fa48("976")) {
        {}
      } else {
        stryCov_9fa48("976");
        const here = stryMutAct_9fa48("977") ? `` : (stryCov_9fa48("977"), `${path}/${key}`);
        if (stryMutAct_9fa48("980") ? false : stryMutAct_9fa48("979") ? true : stryMutAct_9fa48("978") ? isStorableText(key) : (stryCov_9fa48("978", "979", "980"), !isStorableText(key))) return stryMutAct_9fa48("981") ? {} : (stryCov_9fa48("981"), {
          path: here,
          message: stryMutAct_9fa48("982") ? "" : (stryCov_9fa48("982"), 'property names must not contain NUL characters or unpaired surrogates')
        });
        const problem = walk(inner, here, stryMutAct_9fa48("983") ? depth - 1 : (stryCov_9fa48("983"), depth + 1), maxDepth);
        if (stryMutAct_9fa48("985") ? false : stryMutAct_9fa48("984") ? true : (stryCov_9fa48("984", "985"), problem)) return problem;
      }
    }
    return null;
  }
}