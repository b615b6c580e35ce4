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
import { X509Certificate } from 'node:crypto';

/**
 * The device certificate a TLS-terminating proxy forwards: RFC 9440 `Client-Cert: :<base64 DER>:` or nginx's
 * `$ssl_client_escaped_cert` (URL-escaped PEM). Returns null when the value is neither.
 */
export function certificateFromProxyHeader(value: string | undefined): X509Certificate | null {
  if (stryMutAct_9fa48("1716")) {
    {}
  } else {
    stryCov_9fa48("1716");
    if (stryMutAct_9fa48("1719") ? !value && value.length > 16_384 : stryMutAct_9fa48("1718") ? false : stryMutAct_9fa48("1717") ? true : (stryCov_9fa48("1717", "1718", "1719"), (stryMutAct_9fa48("1720") ? value : (stryCov_9fa48("1720"), !value)) || (stryMutAct_9fa48("1723") ? value.length <= 16_384 : stryMutAct_9fa48("1722") ? value.length >= 16_384 : stryMutAct_9fa48("1721") ? false : (stryCov_9fa48("1721", "1722", "1723"), value.length > 16_384)))) return null;
    try {
      if (stryMutAct_9fa48("1724")) {
        {}
      } else {
        stryCov_9fa48("1724");
        const trimmed = stryMutAct_9fa48("1725") ? value : (stryCov_9fa48("1725"), value.trim());
        if (stryMutAct_9fa48("1728") ? trimmed.startsWith(':') || trimmed.endsWith(':') : stryMutAct_9fa48("1727") ? false : stryMutAct_9fa48("1726") ? true : (stryCov_9fa48("1726", "1727", "1728"), (stryMutAct_9fa48("1729") ? trimmed.endsWith(':') : (stryCov_9fa48("1729"), trimmed.startsWith(stryMutAct_9fa48("1730") ? "" : (stryCov_9fa48("1730"), ':')))) && (stryMutAct_9fa48("1731") ? trimmed.startsWith(':') : (stryCov_9fa48("1731"), trimmed.endsWith(stryMutAct_9fa48("1732") ? "" : (stryCov_9fa48("1732"), ':')))))) return new X509Certificate(Buffer.from(stryMutAct_9fa48("1733") ? trimmed : (stryCov_9fa48("1733"), trimmed.slice(1, stryMutAct_9fa48("1734") ? +1 : (stryCov_9fa48("1734"), -1))), stryMutAct_9fa48("1735") ? "" : (stryCov_9fa48("1735"), 'base64')));
        const pem = decodeURIComponent(trimmed);
        if (stryMutAct_9fa48("1737") ? false : stryMutAct_9fa48("1736") ? true : (stryCov_9fa48("1736", "1737"), pem.includes(stryMutAct_9fa48("1738") ? "" : (stryCov_9fa48("1738"), '-----BEGIN CERTIFICATE-----')))) return new X509Certificate(pem);
      }
    } catch {
      if (stryMutAct_9fa48("1739")) {
        {}
      } else {
        stryCov_9fa48("1739");
        return null;
      }
    }
    return null;
  }
}