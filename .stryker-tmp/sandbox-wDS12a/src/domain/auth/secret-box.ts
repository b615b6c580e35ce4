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
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

/**
 * Seals small secrets (TOTP seeds) with AES-256-GCM so a database dump alone does not reveal them.
 * Format: v1.<iv>.<tag>.<ciphertext>, base64url parts; the version leaves room for key rotation.
 */
export interface SecretBox {
  seal(plaintext: string): string;
  open(sealed: string): string;
}
export function createSecretBox(keyBase64: string): SecretBox {
  if (stryMutAct_9fa48("204")) {
    {}
  } else {
    stryCov_9fa48("204");
    const key = Buffer.from(keyBase64, stryMutAct_9fa48("205") ? "" : (stryCov_9fa48("205"), 'base64'));
    if (stryMutAct_9fa48("208") ? key.length === 32 : stryMutAct_9fa48("207") ? false : stryMutAct_9fa48("206") ? true : (stryCov_9fa48("206", "207", "208"), key.length !== 32)) throw new Error(stryMutAct_9fa48("210") ? "" : (stryCov_9fa48("210"), 'The data encryption key must be 32 bytes (base64)'));
    return stryMutAct_9fa48("211") ? {} : (stryCov_9fa48("211"), {
      seal(plaintext) {
        if (stryMutAct_9fa48("212")) {
          {}
        } else {
          stryCov_9fa48("212");
          const iv = randomBytes(12);
          const cipher = createCipheriv(stryMutAct_9fa48("213") ? "" : (stryCov_9fa48("213"), 'aes-256-gcm'), key, iv);
          const body = Buffer.concat(stryMutAct_9fa48("214") ? [] : (stryCov_9fa48("214"), [cipher.update(plaintext, stryMutAct_9fa48("215") ? "" : (stryCov_9fa48("215"), 'utf8')), cipher.final()]));
          return (stryMutAct_9fa48("216") ? [] : (stryCov_9fa48("216"), [stryMutAct_9fa48("217") ? "" : (stryCov_9fa48("217"), 'v1'), iv, cipher.getAuthTag(), body])).map(stryMutAct_9fa48("218") ? () => undefined : (stryCov_9fa48("218"), p => (stryMutAct_9fa48("221") ? typeof p !== 'string' : stryMutAct_9fa48("220") ? false : stryMutAct_9fa48("219") ? true : (stryCov_9fa48("219", "220", "221"), typeof p === (stryMutAct_9fa48("222") ? "" : (stryCov_9fa48("222"), 'string')))) ? p : p.toString(stryMutAct_9fa48("223") ? "" : (stryCov_9fa48("223"), 'base64url')))).join(stryMutAct_9fa48("224") ? "" : (stryCov_9fa48("224"), '.'));
        }
      },
      open(sealed) {
        if (stryMutAct_9fa48("225")) {
          {}
        } else {
          stryCov_9fa48("225");
          const [version, iv, tag, body] = sealed.split(stryMutAct_9fa48("226") ? "" : (stryCov_9fa48("226"), '.'));
          if (stryMutAct_9fa48("229") ? (version !== 'v1' || !iv || !tag) && body === undefined : stryMutAct_9fa48("228") ? false : stryMutAct_9fa48("227") ? true : (stryCov_9fa48("227", "228", "229"), (stryMutAct_9fa48("231") ? (version !== 'v1' || !iv) && !tag : stryMutAct_9fa48("230") ? false : (stryCov_9fa48("230", "231"), (stryMutAct_9fa48("233") ? version !== 'v1' && !iv : stryMutAct_9fa48("232") ? false : (stryCov_9fa48("232", "233"), (stryMutAct_9fa48("235") ? version === 'v1' : stryMutAct_9fa48("234") ? false : (stryCov_9fa48("234", "235"), version !== (stryMutAct_9fa48("236") ? "" : (stryCov_9fa48("236"), 'v1')))) || (stryMutAct_9fa48("237") ? iv : (stryCov_9fa48("237"), !iv)))) || (stryMutAct_9fa48("238") ? tag : (stryCov_9fa48("238"), !tag)))) || (stryMutAct_9fa48("240") ? body !== undefined : stryMutAct_9fa48("239") ? false : (stryCov_9fa48("239", "240"), body === undefined)))) throw new Error(stryMutAct_9fa48("242") ? "" : (stryCov_9fa48("242"), 'Unrecognised sealed secret'));
          const decipher = createDecipheriv(stryMutAct_9fa48("243") ? "" : (stryCov_9fa48("243"), 'aes-256-gcm'), key, Buffer.from(iv, stryMutAct_9fa48("244") ? "" : (stryCov_9fa48("244"), 'base64url')));
          decipher.setAuthTag(Buffer.from(tag, stryMutAct_9fa48("246") ? "" : (stryCov_9fa48("246"), 'base64url')));
          return Buffer.concat(stryMutAct_9fa48("247") ? [] : (stryCov_9fa48("247"), [decipher.update(Buffer.from(body, stryMutAct_9fa48("248") ? "" : (stryCov_9fa48("248"), 'base64url'))), decipher.final()])).toString(stryMutAct_9fa48("249") ? "" : (stryCov_9fa48("249"), 'utf8'));
        }
      }
    });
  }
}