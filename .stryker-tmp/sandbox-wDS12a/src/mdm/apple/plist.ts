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
import * as plist from 'plist';
import { findInputProblem, MAX_NESTING_DEPTH } from '../../domain/input-hygiene.js';

/** A device body we refuse to interpret: callers answer 400 and change nothing. */
export class PlistError extends Error {
  constructor(message: string) {
    if (stryMutAct_9fa48("2155")) {
      {}
    } else {
      stryCov_9fa48("2155");
      super(message);
      this.name = stryMutAct_9fa48("2156") ? "" : (stryCov_9fa48("2156"), 'PlistError');
    }
  }
}
export type PlistDict = Record<string, unknown>;

// The only DOCTYPE a device sends: no internal subset, so no entity can be declared through it.
const APPLE_DOCTYPE = stryMutAct_9fa48("2171") ? /^<!DOCTYPE\s+plist\s+PUBLIC\s+"-\/\/Apple(?:\s+Computer)?\/\/DTD PLIST 1\.0\/\/EN"\s+"http:\/\/www\.apple\.com\/DTDs\/PropertyList-1\.0\.dtd"\S*>$/ : stryMutAct_9fa48("2170") ? /^<!DOCTYPE\s+plist\s+PUBLIC\s+"-\/\/Apple(?:\s+Computer)?\/\/DTD PLIST 1\.0\/\/EN"\s+"http:\/\/www\.apple\.com\/DTDs\/PropertyList-1\.0\.dtd"\s>$/ : stryMutAct_9fa48("2169") ? /^<!DOCTYPE\s+plist\s+PUBLIC\s+"-\/\/Apple(?:\s+Computer)?\/\/DTD PLIST 1\.0\/\/EN"\S+"http:\/\/www\.apple\.com\/DTDs\/PropertyList-1\.0\.dtd"\s*>$/ : stryMutAct_9fa48("2168") ? /^<!DOCTYPE\s+plist\s+PUBLIC\s+"-\/\/Apple(?:\s+Computer)?\/\/DTD PLIST 1\.0\/\/EN"\s"http:\/\/www\.apple\.com\/DTDs\/PropertyList-1\.0\.dtd"\s*>$/ : stryMutAct_9fa48("2167") ? /^<!DOCTYPE\s+plist\s+PUBLIC\s+"-\/\/Apple(?:\S+Computer)?\/\/DTD PLIST 1\.0\/\/EN"\s+"http:\/\/www\.apple\.com\/DTDs\/PropertyList-1\.0\.dtd"\s*>$/ : stryMutAct_9fa48("2166") ? /^<!DOCTYPE\s+plist\s+PUBLIC\s+"-\/\/Apple(?:\sComputer)?\/\/DTD PLIST 1\.0\/\/EN"\s+"http:\/\/www\.apple\.com\/DTDs\/PropertyList-1\.0\.dtd"\s*>$/ : stryMutAct_9fa48("2165") ? /^<!DOCTYPE\s+plist\s+PUBLIC\s+"-\/\/Apple(?:\s+Computer)\/\/DTD PLIST 1\.0\/\/EN"\s+"http:\/\/www\.apple\.com\/DTDs\/PropertyList-1\.0\.dtd"\s*>$/ : stryMutAct_9fa48("2164") ? /^<!DOCTYPE\s+plist\s+PUBLIC\S+"-\/\/Apple(?:\s+Computer)?\/\/DTD PLIST 1\.0\/\/EN"\s+"http:\/\/www\.apple\.com\/DTDs\/PropertyList-1\.0\.dtd"\s*>$/ : stryMutAct_9fa48("2163") ? /^<!DOCTYPE\s+plist\s+PUBLIC\s"-\/\/Apple(?:\s+Computer)?\/\/DTD PLIST 1\.0\/\/EN"\s+"http:\/\/www\.apple\.com\/DTDs\/PropertyList-1\.0\.dtd"\s*>$/ : stryMutAct_9fa48("2162") ? /^<!DOCTYPE\s+plist\S+PUBLIC\s+"-\/\/Apple(?:\s+Computer)?\/\/DTD PLIST 1\.0\/\/EN"\s+"http:\/\/www\.apple\.com\/DTDs\/PropertyList-1\.0\.dtd"\s*>$/ : stryMutAct_9fa48("2161") ? /^<!DOCTYPE\s+plist\sPUBLIC\s+"-\/\/Apple(?:\s+Computer)?\/\/DTD PLIST 1\.0\/\/EN"\s+"http:\/\/www\.apple\.com\/DTDs\/PropertyList-1\.0\.dtd"\s*>$/ : stryMutAct_9fa48("2160") ? /^<!DOCTYPE\S+plist\s+PUBLIC\s+"-\/\/Apple(?:\s+Computer)?\/\/DTD PLIST 1\.0\/\/EN"\s+"http:\/\/www\.apple\.com\/DTDs\/PropertyList-1\.0\.dtd"\s*>$/ : stryMutAct_9fa48("2159") ? /^<!DOCTYPE\splist\s+PUBLIC\s+"-\/\/Apple(?:\s+Computer)?\/\/DTD PLIST 1\.0\/\/EN"\s+"http:\/\/www\.apple\.com\/DTDs\/PropertyList-1\.0\.dtd"\s*>$/ : stryMutAct_9fa48("2158") ? /^<!DOCTYPE\s+plist\s+PUBLIC\s+"-\/\/Apple(?:\s+Computer)?\/\/DTD PLIST 1\.0\/\/EN"\s+"http:\/\/www\.apple\.com\/DTDs\/PropertyList-1\.0\.dtd"\s*>/ : stryMutAct_9fa48("2157") ? /<!DOCTYPE\s+plist\s+PUBLIC\s+"-\/\/Apple(?:\s+Computer)?\/\/DTD PLIST 1\.0\/\/EN"\s+"http:\/\/www\.apple\.com\/DTDs\/PropertyList-1\.0\.dtd"\s*>$/ : (stryCov_9fa48("2157", "2158", "2159", "2160", "2161", "2162", "2163", "2164", "2165", "2166", "2167", "2168", "2169", "2170", "2171"), /^<!DOCTYPE\s+plist\s+PUBLIC\s+"-\/\/Apple(?:\s+Computer)?\/\/DTD PLIST 1\.0\/\/EN"\s+"http:\/\/www\.apple\.com\/DTDs\/PropertyList-1\.0\.dtd"\s*>$/);

/**
 * Decodes an XML plist whose top level is a dict. Entity declarations and any DOCTYPE other than Apple's standard
 * one are refused before the XML parser sees the body (billion-laughs, external entities). The size cap is the
 * HTTP body limit; `maxBytes` is a second guard for callers outside HTTP.
 */
export function decodePlist(body: Buffer | string, maxBytes = stryMutAct_9fa48("2172") ? 4 * 1024 / 1024 : (stryCov_9fa48("2172"), (stryMutAct_9fa48("2173") ? 4 / 1024 : (stryCov_9fa48("2173"), 4 * 1024)) * 1024)): PlistDict {
  if (stryMutAct_9fa48("2174")) {
    {}
  } else {
    stryCov_9fa48("2174");
    const text = (stryMutAct_9fa48("2177") ? typeof body !== 'string' : stryMutAct_9fa48("2176") ? false : stryMutAct_9fa48("2175") ? true : (stryCov_9fa48("2175", "2176", "2177"), typeof body === (stryMutAct_9fa48("2178") ? "" : (stryCov_9fa48("2178"), 'string')))) ? body : body.toString(stryMutAct_9fa48("2179") ? "" : (stryCov_9fa48("2179"), 'utf8'));
    if (stryMutAct_9fa48("2183") ? Buffer.byteLength(text) <= maxBytes : stryMutAct_9fa48("2182") ? Buffer.byteLength(text) >= maxBytes : stryMutAct_9fa48("2181") ? false : stryMutAct_9fa48("2180") ? true : (stryCov_9fa48("2180", "2181", "2182", "2183"), Buffer.byteLength(text) > maxBytes)) throw new PlistError(stryMutAct_9fa48("2185") ? "" : (stryCov_9fa48("2185"), 'plist too large'));
    if (stryMutAct_9fa48("2187") ? false : stryMutAct_9fa48("2186") ? true : (stryCov_9fa48("2186", "2187"), /<!ENTITY/i.test(text))) throw new PlistError(stryMutAct_9fa48("2189") ? "" : (stryCov_9fa48("2189"), 'XML entity declarations are not allowed'));
    const doctypes = stryMutAct_9fa48("2190") ? text.match(/<!DOCTYPE[^>]*>/gi) && [] : (stryCov_9fa48("2190"), text.match(stryMutAct_9fa48("2192") ? /<!DOCTYPE[>]*>/gi : stryMutAct_9fa48("2191") ? /<!DOCTYPE[^>]>/gi : (stryCov_9fa48("2191", "2192"), /<!DOCTYPE[^>]*>/gi)) ?? (stryMutAct_9fa48("2193") ? ["Stryker was here"] : (stryCov_9fa48("2193"), [])));
    if (stryMutAct_9fa48("2196") ? doctypes.length > 1 && doctypes[0] && !APPLE_DOCTYPE.test(doctypes[0]) : stryMutAct_9fa48("2195") ? false : stryMutAct_9fa48("2194") ? true : (stryCov_9fa48("2194", "2195", "2196"), (stryMutAct_9fa48("2199") ? doctypes.length <= 1 : stryMutAct_9fa48("2198") ? doctypes.length >= 1 : stryMutAct_9fa48("2197") ? false : (stryCov_9fa48("2197", "2198", "2199"), doctypes.length > 1)) || (stryMutAct_9fa48("2201") ? doctypes[0] || !APPLE_DOCTYPE.test(doctypes[0]) : stryMutAct_9fa48("2200") ? false : (stryCov_9fa48("2200", "2201"), doctypes[0] && (stryMutAct_9fa48("2202") ? APPLE_DOCTYPE.test(doctypes[0]) : (stryCov_9fa48("2202"), !APPLE_DOCTYPE.test(doctypes[0]))))))) throw new PlistError(stryMutAct_9fa48("2204") ? "" : (stryCov_9fa48("2204"), 'unexpected DOCTYPE'));
    if (stryMutAct_9fa48("2206") ? false : stryMutAct_9fa48("2205") ? true : (stryCov_9fa48("2205", "2206"), (stryMutAct_9fa48("2208") ? /<!DOCTYPE[>]*\[/i : stryMutAct_9fa48("2207") ? /<!DOCTYPE[^>]\[/i : (stryCov_9fa48("2207", "2208"), /<!DOCTYPE[^>]*\[/i)).test(text))) throw new PlistError(stryMutAct_9fa48("2210") ? "" : (stryCov_9fa48("2210"), 'DOCTYPE internal subsets are not allowed'));
    if (stryMutAct_9fa48("2213") ? false : stryMutAct_9fa48("2212") ? true : stryMutAct_9fa48("2211") ? /^\s*(<\?xml[^>]*\?>\s*)?(<!DOCTYPE[^>]*>\s*)?<plist[\s>]/.test(text) : (stryCov_9fa48("2211", "2212", "2213"), !(stryMutAct_9fa48("2228") ? /^\s*(<\?xml[^>]*\?>\s*)?(<!DOCTYPE[^>]*>\s*)?<plist[\S>]/ : stryMutAct_9fa48("2227") ? /^\s*(<\?xml[^>]*\?>\s*)?(<!DOCTYPE[^>]*>\s*)?<plist[^\s>]/ : stryMutAct_9fa48("2226") ? /^\s*(<\?xml[^>]*\?>\s*)?(<!DOCTYPE[^>]*>\S*)?<plist[\s>]/ : stryMutAct_9fa48("2225") ? /^\s*(<\?xml[^>]*\?>\s*)?(<!DOCTYPE[^>]*>\s)?<plist[\s>]/ : stryMutAct_9fa48("2224") ? /^\s*(<\?xml[^>]*\?>\s*)?(<!DOCTYPE[>]*>\s*)?<plist[\s>]/ : stryMutAct_9fa48("2223") ? /^\s*(<\?xml[^>]*\?>\s*)?(<!DOCTYPE[^>]>\s*)?<plist[\s>]/ : stryMutAct_9fa48("2222") ? /^\s*(<\?xml[^>]*\?>\s*)?(<!DOCTYPE[^>]*>\s*)<plist[\s>]/ : stryMutAct_9fa48("2221") ? /^\s*(<\?xml[^>]*\?>\S*)?(<!DOCTYPE[^>]*>\s*)?<plist[\s>]/ : stryMutAct_9fa48("2220") ? /^\s*(<\?xml[^>]*\?>\s)?(<!DOCTYPE[^>]*>\s*)?<plist[\s>]/ : stryMutAct_9fa48("2219") ? /^\s*(<\?xml[>]*\?>\s*)?(<!DOCTYPE[^>]*>\s*)?<plist[\s>]/ : stryMutAct_9fa48("2218") ? /^\s*(<\?xml[^>]\?>\s*)?(<!DOCTYPE[^>]*>\s*)?<plist[\s>]/ : stryMutAct_9fa48("2217") ? /^\s*(<\?xml[^>]*\?>\s*)(<!DOCTYPE[^>]*>\s*)?<plist[\s>]/ : stryMutAct_9fa48("2216") ? /^\S*(<\?xml[^>]*\?>\s*)?(<!DOCTYPE[^>]*>\s*)?<plist[\s>]/ : stryMutAct_9fa48("2215") ? /^\s(<\?xml[^>]*\?>\s*)?(<!DOCTYPE[^>]*>\s*)?<plist[\s>]/ : stryMutAct_9fa48("2214") ? /\s*(<\?xml[^>]*\?>\s*)?(<!DOCTYPE[^>]*>\s*)?<plist[\s>]/ : (stryCov_9fa48("2214", "2215", "2216", "2217", "2218", "2219", "2220", "2221", "2222", "2223", "2224", "2225", "2226", "2227", "2228"), /^\s*(<\?xml[^>]*\?>\s*)?(<!DOCTYPE[^>]*>\s*)?<plist[\s>]/)).test(text))) throw new PlistError(stryMutAct_9fa48("2230") ? "" : (stryCov_9fa48("2230"), 'not an XML plist'));
    // Counted before parsing: the parser and everything after it (storage, audit) walk values recursively.
    if (stryMutAct_9fa48("2234") ? containerDepth(text) <= MAX_NESTING_DEPTH : stryMutAct_9fa48("2233") ? containerDepth(text) >= MAX_NESTING_DEPTH : stryMutAct_9fa48("2232") ? false : stryMutAct_9fa48("2231") ? true : (stryCov_9fa48("2231", "2232", "2233", "2234"), containerDepth(text) > MAX_NESTING_DEPTH)) throw new PlistError(stryMutAct_9fa48("2236") ? `` : (stryCov_9fa48("2236"), `plist nested more than ${MAX_NESTING_DEPTH} levels deep`));
    let value: unknown;
    try {
      if (stryMutAct_9fa48("2237")) {
        {}
      } else {
        stryCov_9fa48("2237");
        value = plist.parse(text);
      }
    } catch (error) {
      if (stryMutAct_9fa48("2238")) {
        {}
      } else {
        stryCov_9fa48("2238");
        if (stryMutAct_9fa48("2239")) {
          ;
        } else {
          stryCov_9fa48("2239");
          throw new PlistError(stryMutAct_9fa48("2240") ? `` : (stryCov_9fa48("2240"), `malformed plist: ${(error as Error).message.split(stryMutAct_9fa48("2241") ? "" : (stryCov_9fa48("2241"), '\n'))[0]}`));
        }
      }
    }
    if (stryMutAct_9fa48("2244") ? false : stryMutAct_9fa48("2243") ? true : stryMutAct_9fa48("2242") ? isDict(value) : (stryCov_9fa48("2242", "2243", "2244"), !isDict(value))) throw new PlistError(stryMutAct_9fa48("2246") ? "" : (stryCov_9fa48("2246"), 'plist top level is not a dict'));
    const problem = findInputProblem(value);
    if (stryMutAct_9fa48("2248") ? false : stryMutAct_9fa48("2247") ? true : (stryCov_9fa48("2247", "2248"), problem)) throw new PlistError(stryMutAct_9fa48("2250") ? `` : (stryCov_9fa48("2250"), `${problem.path} ${problem.message}`));
    return value;
  }
}

/** The deepest nesting of <dict> and <array> elements in the text (self-closing ones do not nest). */
export function containerDepth(text: string): number {
  if (stryMutAct_9fa48("2251")) {
    {}
  } else {
    stryCov_9fa48("2251");
    let depth = 0;
    let deepest = 0;
    for (const match of text.matchAll(stryMutAct_9fa48("2255") ? /<(\/?)(dict|array)\s*(\/)>/g : stryMutAct_9fa48("2254") ? /<(\/?)(dict|array)\S*(\/?)>/g : stryMutAct_9fa48("2253") ? /<(\/?)(dict|array)\s(\/?)>/g : stryMutAct_9fa48("2252") ? /<(\/)(dict|array)\s*(\/?)>/g : (stryCov_9fa48("2252", "2253", "2254", "2255"), /<(\/?)(dict|array)\s*(\/?)>/g))) {
      if (stryMutAct_9fa48("2256")) {
        {}
      } else {
        stryCov_9fa48("2256");
        if (stryMutAct_9fa48("2258") ? false : stryMutAct_9fa48("2257") ? true : (stryCov_9fa48("2257", "2258"), match[3])) continue;
        stryMutAct_9fa48("2259") ? depth -= match[1] ? -1 : 1 : (stryCov_9fa48("2259"), depth += match[1] ? stryMutAct_9fa48("2260") ? +1 : (stryCov_9fa48("2260"), -1) : 1);
        if (stryMutAct_9fa48("2264") ? depth <= deepest : stryMutAct_9fa48("2263") ? depth >= deepest : stryMutAct_9fa48("2262") ? false : stryMutAct_9fa48("2261") ? true : (stryCov_9fa48("2261", "2262", "2263", "2264"), depth > deepest)) deepest = depth;
      }
    }
    return deepest;
  }
}
export function encodePlist(value: PlistDict): Buffer {
  if (stryMutAct_9fa48("2265")) {
    {}
  } else {
    stryCov_9fa48("2265");
    return Buffer.from(plist.build(value as plist.PlistValue), stryMutAct_9fa48("2266") ? "" : (stryCov_9fa48("2266"), 'utf8'));
  }
}
export function isDict(value: unknown): value is PlistDict {
  if (stryMutAct_9fa48("2267")) {
    {}
  } else {
    stryCov_9fa48("2267");
    return stryMutAct_9fa48("2270") ? typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Uint8Array) || !(value instanceof Date) : stryMutAct_9fa48("2269") ? false : stryMutAct_9fa48("2268") ? true : (stryCov_9fa48("2268", "2269", "2270"), (stryMutAct_9fa48("2272") ? typeof value === 'object' && value !== null && !Array.isArray(value) || !(value instanceof Uint8Array) : stryMutAct_9fa48("2271") ? true : (stryCov_9fa48("2271", "2272"), (stryMutAct_9fa48("2274") ? typeof value === 'object' && value !== null || !Array.isArray(value) : stryMutAct_9fa48("2273") ? true : (stryCov_9fa48("2273", "2274"), (stryMutAct_9fa48("2276") ? typeof value === 'object' || value !== null : stryMutAct_9fa48("2275") ? true : (stryCov_9fa48("2275", "2276"), (stryMutAct_9fa48("2278") ? typeof value !== 'object' : stryMutAct_9fa48("2277") ? true : (stryCov_9fa48("2277", "2278"), typeof value === (stryMutAct_9fa48("2279") ? "" : (stryCov_9fa48("2279"), 'object')))) && (stryMutAct_9fa48("2281") ? value === null : stryMutAct_9fa48("2280") ? true : (stryCov_9fa48("2280", "2281"), value !== null)))) && (stryMutAct_9fa48("2282") ? Array.isArray(value) : (stryCov_9fa48("2282"), !Array.isArray(value))))) && (stryMutAct_9fa48("2283") ? value instanceof Uint8Array : (stryCov_9fa48("2283"), !(value instanceof Uint8Array))))) && (stryMutAct_9fa48("2284") ? value instanceof Date : (stryCov_9fa48("2284"), !(value instanceof Date))));
  }
}

/**
 * A plist value as JSON for storage and audit: `<data>` becomes `{ "$data": base64 }`, dates ISO strings.
 * `fromJsonValue` reverses it, so stored command payloads can carry binary (InstallProfile.Payload).
 */
export function toJsonValue(value: unknown): unknown {
  if (stryMutAct_9fa48("2285")) {
    {}
  } else {
    stryCov_9fa48("2285");
    if (stryMutAct_9fa48("2287") ? false : stryMutAct_9fa48("2286") ? true : (stryCov_9fa48("2286", "2287"), value instanceof Uint8Array)) return stryMutAct_9fa48("2288") ? {} : (stryCov_9fa48("2288"), {
      $data: Buffer.from(value).toString(stryMutAct_9fa48("2289") ? "" : (stryCov_9fa48("2289"), 'base64'))
    });
    if (stryMutAct_9fa48("2291") ? false : stryMutAct_9fa48("2290") ? true : (stryCov_9fa48("2290", "2291"), value instanceof Date)) return value.toISOString();
    if (stryMutAct_9fa48("2293") ? false : stryMutAct_9fa48("2292") ? true : (stryCov_9fa48("2292", "2293"), Array.isArray(value))) return value.map(toJsonValue);
    if (stryMutAct_9fa48("2295") ? false : stryMutAct_9fa48("2294") ? true : (stryCov_9fa48("2294", "2295"), isDict(value))) return Object.fromEntries(Object.entries(value).map(stryMutAct_9fa48("2296") ? () => undefined : (stryCov_9fa48("2296"), ([k, v]) => stryMutAct_9fa48("2297") ? [] : (stryCov_9fa48("2297"), [k, toJsonValue(v)]))));
    return value;
  }
}
export function fromJsonValue(value: unknown): unknown {
  if (stryMutAct_9fa48("2298")) {
    {}
  } else {
    stryCov_9fa48("2298");
    if (stryMutAct_9fa48("2300") ? false : stryMutAct_9fa48("2299") ? true : (stryCov_9fa48("2299", "2300"), Array.isArray(value))) return value.map(fromJsonValue);
    if (stryMutAct_9fa48("2302") ? false : stryMutAct_9fa48("2301") ? true : (stryCov_9fa48("2301", "2302"), isDict(value))) {
      if (stryMutAct_9fa48("2303")) {
        {}
      } else {
        stryCov_9fa48("2303");
        const keys = Object.keys(value);
        if (stryMutAct_9fa48("2306") ? keys.length === 1 && keys[0] === '$data' || typeof value.$data === 'string' : stryMutAct_9fa48("2305") ? false : stryMutAct_9fa48("2304") ? true : (stryCov_9fa48("2304", "2305", "2306"), (stryMutAct_9fa48("2308") ? keys.length === 1 || keys[0] === '$data' : stryMutAct_9fa48("2307") ? true : (stryCov_9fa48("2307", "2308"), (stryMutAct_9fa48("2310") ? keys.length !== 1 : stryMutAct_9fa48("2309") ? true : (stryCov_9fa48("2309", "2310"), keys.length === 1)) && (stryMutAct_9fa48("2312") ? keys[0] !== '$data' : stryMutAct_9fa48("2311") ? true : (stryCov_9fa48("2311", "2312"), keys[0] === (stryMutAct_9fa48("2313") ? "" : (stryCov_9fa48("2313"), '$data')))))) && (stryMutAct_9fa48("2315") ? typeof value.$data !== 'string' : stryMutAct_9fa48("2314") ? true : (stryCov_9fa48("2314", "2315"), typeof value.$data === (stryMutAct_9fa48("2316") ? "" : (stryCov_9fa48("2316"), 'string')))))) return Buffer.from(value.$data, stryMutAct_9fa48("2317") ? "" : (stryCov_9fa48("2317"), 'base64'));
        return Object.fromEntries(Object.entries(value).map(stryMutAct_9fa48("2318") ? () => undefined : (stryCov_9fa48("2318"), ([k, v]) => stryMutAct_9fa48("2319") ? [] : (stryCov_9fa48("2319"), [k, fromJsonValue(v)]))));
      }
    }
    return value;
  }
}