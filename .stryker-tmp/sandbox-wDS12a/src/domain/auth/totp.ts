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
import { generate, generateSecret, generateURI, verify } from 'otplib';
export function newTotpSecret(): string {
  if (stryMutAct_9fa48("266")) {
    {}
  } else {
    stryCov_9fa48("266");
    return generateSecret();
  }
}
export function totpUri(secret: string, issuer: string, account: string): string {
  if (stryMutAct_9fa48("267")) {
    {}
  } else {
    stryCov_9fa48("267");
    return generateURI(stryMutAct_9fa48("268") ? {} : (stryCov_9fa48("268"), {
      issuer,
      label: account,
      secret
    }));
  }
}

/**
 * Accepts the current code and the one either side (30 s of clock drift), never a time step at or before
 * `lastUsedStep`, so an observed code cannot be replayed. Returns the accepted step, or null.
 */
export async function checkTotp(secret: string, code: string, now: Date, lastUsedStep: number | null): Promise<number | null> {
  if (stryMutAct_9fa48("269")) {
    {}
  } else {
    stryCov_9fa48("269");
    if (stryMutAct_9fa48("272") ? false : stryMutAct_9fa48("271") ? true : stryMutAct_9fa48("270") ? /^\d{6}$/.test(code) : (stryCov_9fa48("270", "271", "272"), !(stryMutAct_9fa48("276") ? /^\D{6}$/ : stryMutAct_9fa48("275") ? /^\d$/ : stryMutAct_9fa48("274") ? /^\d{6}/ : stryMutAct_9fa48("273") ? /\d{6}$/ : (stryCov_9fa48("273", "274", "275", "276"), /^\d{6}$/)).test(code))) return null;
    const result = await verify(stryMutAct_9fa48("277") ? {} : (stryCov_9fa48("277"), {
      secret,
      token: code,
      epoch: Math.floor(stryMutAct_9fa48("278") ? now.getTime() * 1000 : (stryCov_9fa48("278"), now.getTime() / 1000)),
      epochTolerance: 30,
      ...((stryMutAct_9fa48("281") ? lastUsedStep === null : stryMutAct_9fa48("280") ? false : stryMutAct_9fa48("279") ? true : (stryCov_9fa48("279", "280", "281"), lastUsedStep !== null)) ? stryMutAct_9fa48("282") ? {} : (stryCov_9fa48("282"), {
        afterTimeStep: lastUsedStep
      }) : {})
    }));
    return (stryMutAct_9fa48("285") ? result.valid || 'timeStep' in result : stryMutAct_9fa48("284") ? false : stryMutAct_9fa48("283") ? true : (stryCov_9fa48("283", "284", "285"), result.valid && (stryMutAct_9fa48("286") ? "" : (stryCov_9fa48("286"), 'timeStep')) in result)) ? result.timeStep : null;
  }
}
export async function totpCode(secret: string, now: Date): Promise<string> {
  if (stryMutAct_9fa48("287")) {
    {}
  } else {
    stryCov_9fa48("287");
    return generate(stryMutAct_9fa48("288") ? {} : (stryCov_9fa48("288"), {
      secret,
      epoch: Math.floor(stryMutAct_9fa48("289") ? now.getTime() * 1000 : (stryCov_9fa48("289"), now.getTime() / 1000))
    }));
  }
}