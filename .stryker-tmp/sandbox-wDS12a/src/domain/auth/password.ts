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
import { randomBytes, scrypt, timingSafeEqual } from 'node:crypto';
import { promisify } from 'node:util';
const scryptAsync = promisify(scrypt) as (password: string, salt: Buffer, keylen: number, options: object) => Promise<Buffer>;

// OWASP's scrypt floor (N=2^17, r=8, p=1) costs ~128 MiB per hash; 2^15 keeps logins fast on small
// machines while staying memory-hard. Parameters are stored per hash, so they can be raised later.
const N = 2 ** 15;
const R = 8;
const P = 1;
const KEY_LENGTH = 32;
const MAX_MEM = stryMutAct_9fa48("157") ? 64 * 1024 / 1024 : (stryCov_9fa48("157"), (stryMutAct_9fa48("158") ? 64 / 1024 : (stryCov_9fa48("158"), 64 * 1024)) * 1024);
export async function hashPassword(password: string): Promise<string> {
  if (stryMutAct_9fa48("159")) {
    {}
  } else {
    stryCov_9fa48("159");
    const salt = randomBytes(16);
    const hash = await scryptAsync(password, salt, KEY_LENGTH, stryMutAct_9fa48("160") ? {} : (stryCov_9fa48("160"), {
      N,
      r: R,
      p: P,
      maxmem: MAX_MEM
    }));
    return stryMutAct_9fa48("161") ? `` : (stryCov_9fa48("161"), `scrypt$${N}$${R}$${P}$${salt.toString(stryMutAct_9fa48("162") ? "" : (stryCov_9fa48("162"), 'base64'))}$${hash.toString(stryMutAct_9fa48("163") ? "" : (stryCov_9fa48("163"), 'base64'))}`);
  }
}
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  if (stryMutAct_9fa48("164")) {
    {}
  } else {
    stryCov_9fa48("164");
    const [scheme, n, r, p, salt, hash] = stored.split(stryMutAct_9fa48("165") ? "" : (stryCov_9fa48("165"), '$'));
    if (stryMutAct_9fa48("168") ? (scheme !== 'scrypt' || !n || !r || !p || !salt) && !hash : stryMutAct_9fa48("167") ? false : stryMutAct_9fa48("166") ? true : (stryCov_9fa48("166", "167", "168"), (stryMutAct_9fa48("170") ? (scheme !== 'scrypt' || !n || !r || !p) && !salt : stryMutAct_9fa48("169") ? false : (stryCov_9fa48("169", "170"), (stryMutAct_9fa48("172") ? (scheme !== 'scrypt' || !n || !r) && !p : stryMutAct_9fa48("171") ? false : (stryCov_9fa48("171", "172"), (stryMutAct_9fa48("174") ? (scheme !== 'scrypt' || !n) && !r : stryMutAct_9fa48("173") ? false : (stryCov_9fa48("173", "174"), (stryMutAct_9fa48("176") ? scheme !== 'scrypt' && !n : stryMutAct_9fa48("175") ? false : (stryCov_9fa48("175", "176"), (stryMutAct_9fa48("178") ? scheme === 'scrypt' : stryMutAct_9fa48("177") ? false : (stryCov_9fa48("177", "178"), scheme !== (stryMutAct_9fa48("179") ? "" : (stryCov_9fa48("179"), 'scrypt')))) || (stryMutAct_9fa48("180") ? n : (stryCov_9fa48("180"), !n)))) || (stryMutAct_9fa48("181") ? r : (stryCov_9fa48("181"), !r)))) || (stryMutAct_9fa48("182") ? p : (stryCov_9fa48("182"), !p)))) || (stryMutAct_9fa48("183") ? salt : (stryCov_9fa48("183"), !salt)))) || (stryMutAct_9fa48("184") ? hash : (stryCov_9fa48("184"), !hash)))) return stryMutAct_9fa48("185") ? true : (stryCov_9fa48("185"), false);
    const expected = Buffer.from(hash, stryMutAct_9fa48("186") ? "" : (stryCov_9fa48("186"), 'base64'));
    const actual = await scryptAsync(password, Buffer.from(salt, stryMutAct_9fa48("187") ? "" : (stryCov_9fa48("187"), 'base64')), expected.length, stryMutAct_9fa48("188") ? {} : (stryCov_9fa48("188"), {
      N: Number(n),
      r: Number(r),
      p: Number(p),
      maxmem: MAX_MEM
    }));
    return timingSafeEqual(actual, expected);
  }
}

/** A hash of nothing, compared against when the email is unknown so response time does not reveal accounts. */
export const DUMMY_PASSWORD_HASH = stryMutAct_9fa48("189") ? "" : (stryCov_9fa48("189"), 'scrypt$32768$8$1$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=');
export function passwordProblems(password: string): string[] {
  if (stryMutAct_9fa48("190")) {
    {}
  } else {
    stryCov_9fa48("190");
    const problems: string[] = stryMutAct_9fa48("191") ? ["Stryker was here"] : (stryCov_9fa48("191"), []);
    if (stryMutAct_9fa48("195") ? password.length >= 12 : stryMutAct_9fa48("194") ? password.length <= 12 : stryMutAct_9fa48("193") ? false : stryMutAct_9fa48("192") ? true : (stryCov_9fa48("192", "193", "194", "195"), password.length < 12)) problems.push(stryMutAct_9fa48("197") ? "" : (stryCov_9fa48("197"), 'must be at least 12 characters'));
    if (stryMutAct_9fa48("201") ? password.length <= 256 : stryMutAct_9fa48("200") ? password.length >= 256 : stryMutAct_9fa48("199") ? false : stryMutAct_9fa48("198") ? true : (stryCov_9fa48("198", "199", "200", "201"), password.length > 256)) problems.push(stryMutAct_9fa48("203") ? "" : (stryCov_9fa48("203"), 'must be at most 256 characters'));
    return problems;
  }
}