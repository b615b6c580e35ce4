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
import type { Role } from '../generated/prisma/enums.js';

/** The authenticated caller, as every use case receives it. */
export interface Actor {
  userId: string;
  role: Role;
  sessionId?: string;
  mfaAt?: Date | null;
  ip?: string | null;
}
export const isFleetAdmin = stryMutAct_9fa48("0") ? () => undefined : (stryCov_9fa48("0"), (() => {
  const isFleetAdmin = (actor: Actor) => stryMutAct_9fa48("3") ? actor.role === 'ADMIN' && actor.role === 'IT' : stryMutAct_9fa48("2") ? false : stryMutAct_9fa48("1") ? true : (stryCov_9fa48("1", "2", "3"), (stryMutAct_9fa48("5") ? actor.role !== 'ADMIN' : stryMutAct_9fa48("4") ? false : (stryCov_9fa48("4", "5"), actor.role === (stryMutAct_9fa48("6") ? "" : (stryCov_9fa48("6"), 'ADMIN')))) || (stryMutAct_9fa48("8") ? actor.role !== 'IT' : stryMutAct_9fa48("7") ? false : (stryCov_9fa48("7", "8"), actor.role === (stryMutAct_9fa48("9") ? "" : (stryCov_9fa48("9"), 'IT')))));
  return isFleetAdmin;
})());

/**
 * Who may see a person's record and devices: themselves, their manager, IT and ADMIN.
 * Callers answer 404 (not 403) otherwise, so ids of other teams' people are not confirmed.
 */
export function canSeeUser(actor: Actor, target: {
  id: string;
  managerId: string | null;
}): boolean {
  if (stryMutAct_9fa48("10")) {
    {}
  } else {
    stryCov_9fa48("10");
    if (stryMutAct_9fa48("12") ? false : stryMutAct_9fa48("11") ? true : (stryCov_9fa48("11", "12"), isFleetAdmin(actor))) return stryMutAct_9fa48("13") ? false : (stryCov_9fa48("13"), true);
    if (stryMutAct_9fa48("16") ? actor.userId !== target.id : stryMutAct_9fa48("15") ? false : stryMutAct_9fa48("14") ? true : (stryCov_9fa48("14", "15", "16"), actor.userId === target.id)) return stryMutAct_9fa48("17") ? false : (stryCov_9fa48("17"), true);
    return stryMutAct_9fa48("20") ? actor.role === 'MANAGER' || target.managerId === actor.userId : stryMutAct_9fa48("19") ? false : stryMutAct_9fa48("18") ? true : (stryCov_9fa48("18", "19", "20"), (stryMutAct_9fa48("22") ? actor.role !== 'MANAGER' : stryMutAct_9fa48("21") ? true : (stryCov_9fa48("21", "22"), actor.role === (stryMutAct_9fa48("23") ? "" : (stryCov_9fa48("23"), 'MANAGER')))) && (stryMutAct_9fa48("25") ? target.managerId !== actor.userId : stryMutAct_9fa48("24") ? true : (stryCov_9fa48("24", "25"), target.managerId === actor.userId)));
  }
}

/**
 * What of a device an actor sees: `full` (its user, IT, ADMIN), `manager` (the user's manager: state and failing
 * rule names, never identifiers or raw device data), or null: the device does not exist for them (404).
 */
export type DeviceView = 'full' | 'manager';

/** The one visibility rule for devices. `owner` is the device's user (null for a device nobody holds). */
export function deviceViewFor(actor: Actor, owner: {
  id: string;
  managerId: string | null;
} | null): DeviceView | null {
  if (stryMutAct_9fa48("26")) {
    {}
  } else {
    stryCov_9fa48("26");
    if (stryMutAct_9fa48("28") ? false : stryMutAct_9fa48("27") ? true : (stryCov_9fa48("27", "28"), isFleetAdmin(actor))) return stryMutAct_9fa48("29") ? "" : (stryCov_9fa48("29"), 'full');
    if (stryMutAct_9fa48("32") ? false : stryMutAct_9fa48("31") ? true : stryMutAct_9fa48("30") ? owner : (stryCov_9fa48("30", "31", "32"), !owner)) return null;
    if (stryMutAct_9fa48("35") ? owner.id !== actor.userId : stryMutAct_9fa48("34") ? false : stryMutAct_9fa48("33") ? true : (stryCov_9fa48("33", "34", "35"), owner.id === actor.userId)) return stryMutAct_9fa48("36") ? "" : (stryCov_9fa48("36"), 'full');
    if (stryMutAct_9fa48("39") ? actor.role === 'MANAGER' || owner.managerId === actor.userId : stryMutAct_9fa48("38") ? false : stryMutAct_9fa48("37") ? true : (stryCov_9fa48("37", "38", "39"), (stryMutAct_9fa48("41") ? actor.role !== 'MANAGER' : stryMutAct_9fa48("40") ? true : (stryCov_9fa48("40", "41"), actor.role === (stryMutAct_9fa48("42") ? "" : (stryCov_9fa48("42"), 'MANAGER')))) && (stryMutAct_9fa48("44") ? owner.managerId !== actor.userId : stryMutAct_9fa48("43") ? true : (stryCov_9fa48("43", "44"), owner.managerId === actor.userId)))) return stryMutAct_9fa48("45") ? "" : (stryCov_9fa48("45"), 'manager');
    return null;
  }
}

/**
 * Field names a manager may receive with a non-null value, at any depth of any device-related response, webhook or
 * export. Everything else (serial numbers, UDIDs, IMEIs, device names, command payloads and results, observed values,
 * app lists, network identifiers, locations) is replaced by null. A field not listed here is hidden by default, so
 * a new field never leaks by being forgotten.
 */
export const MANAGER_VISIBLE_FIELDS: ReadonlySet<string> = new Set(stryMutAct_9fa48("46") ? [] : (stryCov_9fa48("46"), [// identity of the records themselves (our ids, not the device's)
stryMutAct_9fa48("47") ? "" : (stryCov_9fa48("47"), 'id'), stryMutAct_9fa48("48") ? "" : (stryCov_9fa48("48"), 'deviceId'), stryMutAct_9fa48("49") ? "" : (stryCov_9fa48("49"), 'userId'), stryMutAct_9fa48("50") ? "" : (stryCov_9fa48("50"), 'user'), stryMutAct_9fa48("51") ? "" : (stryCov_9fa48("51"), 'name'), stryMutAct_9fa48("52") ? "" : (stryCov_9fa48("52"), 'email'), stryMutAct_9fa48("53") ? "" : (stryCov_9fa48("53"), 'devices'), stryMutAct_9fa48("54") ? "" : (stryCov_9fa48("54"), 'items'), stryMutAct_9fa48("55") ? "" : (stryCov_9fa48("55"), 'nextCursor'), // compliance state and failing rule names
stryMutAct_9fa48("56") ? "" : (stryCov_9fa48("56"), 'platform'), stryMutAct_9fa48("57") ? "" : (stryCov_9fa48("57"), 'ownership'), stryMutAct_9fa48("58") ? "" : (stryCov_9fa48("58"), 'state'), stryMutAct_9fa48("59") ? "" : (stryCov_9fa48("59"), 'status'), stryMutAct_9fa48("60") ? "" : (stryCov_9fa48("60"), 'graceDeadline'), stryMutAct_9fa48("61") ? "" : (stryCov_9fa48("61"), 'blocked'), stryMutAct_9fa48("62") ? "" : (stryCov_9fa48("62"), 'policyVersion'), stryMutAct_9fa48("63") ? "" : (stryCov_9fa48("63"), 'evaluatedAt'), stryMutAct_9fa48("64") ? "" : (stryCov_9fa48("64"), 'stateChangedAt'), stryMutAct_9fa48("65") ? "" : (stryCov_9fa48("65"), 'failingRules'), stryMutAct_9fa48("66") ? "" : (stryCov_9fa48("66"), 'unknownRules'), stryMutAct_9fa48("67") ? "" : (stryCov_9fa48("67"), 'rule'), stryMutAct_9fa48("68") ? "" : (stryCov_9fa48("68"), 'expected'), stryMutAct_9fa48("69") ? "" : (stryCov_9fa48("69"), 'remediation'), stryMutAct_9fa48("70") ? "" : (stryCov_9fa48("70"), 'failingSince'), stryMutAct_9fa48("71") ? "" : (stryCov_9fa48("71"), 'at'), stryMutAct_9fa48("72") ? "" : (stryCov_9fa48("72"), 'from'), stryMutAct_9fa48("73") ? "" : (stryCov_9fa48("73"), 'to'), stryMutAct_9fa48("74") ? "" : (stryCov_9fa48("74"), 'reason'), stryMutAct_9fa48("75") ? "" : (stryCov_9fa48("75"), 'access'), stryMutAct_9fa48("76") ? "" : (stryCov_9fa48("76"), 'policyCompliant'), stryMutAct_9fa48("77") ? "" : (stryCov_9fa48("77"), 'appliedState'), stryMutAct_9fa48("78") ? "" : (stryCov_9fa48("78"), 'managementMode'), stryMutAct_9fa48("79") ? "" : (stryCov_9fa48("79"), 'securityPosture'), stryMutAct_9fa48("80") ? "" : (stryCov_9fa48("80"), 'securityRisks'), stryMutAct_9fa48("81") ? "" : (stryCov_9fa48("81"), 'policyName'), stryMutAct_9fa48("82") ? "" : (stryCov_9fa48("82"), 'appliedPolicyVersion'), stryMutAct_9fa48("83") ? "" : (stryCov_9fa48("83"), 'lastStatusReportAt'), stryMutAct_9fa48("84") ? "" : (stryCov_9fa48("84"), 'enrollmentTokenExpiresAt'), stryMutAct_9fa48("85") ? "" : (stryCov_9fa48("85"), 'nonComplianceDetails'), stryMutAct_9fa48("86") ? "" : (stryCov_9fa48("86"), 'settingName'), stryMutAct_9fa48("87") ? "" : (stryCov_9fa48("87"), 'nonComplianceReason'), // commands: what was asked and where it stands, never its payload, result or error details
stryMutAct_9fa48("88") ? "" : (stryCov_9fa48("88"), 'action'), stryMutAct_9fa48("89") ? "" : (stryCov_9fa48("89"), 'requestType'), stryMutAct_9fa48("90") ? "" : (stryCov_9fa48("90"), 'priority'), stryMutAct_9fa48("91") ? "" : (stryCov_9fa48("91"), 'attempts'), stryMutAct_9fa48("92") ? "" : (stryCov_9fa48("92"), 'requestedById'), stryMutAct_9fa48("93") ? "" : (stryCov_9fa48("93"), 'approvedById'), stryMutAct_9fa48("94") ? "" : (stryCov_9fa48("94"), 'requestedAt'), stryMutAct_9fa48("95") ? "" : (stryCov_9fa48("95"), 'approvedAt'), stryMutAct_9fa48("96") ? "" : (stryCov_9fa48("96"), 'queuedAt'), stryMutAct_9fa48("97") ? "" : (stryCov_9fa48("97"), 'dispatchedAt'), stryMutAct_9fa48("98") ? "" : (stryCov_9fa48("98"), 'sentAt'), stryMutAct_9fa48("99") ? "" : (stryCov_9fa48("99"), 'acknowledgedAt'), stryMutAct_9fa48("100") ? "" : (stryCov_9fa48("100"), 'failedAt'), stryMutAct_9fa48("101") ? "" : (stryCov_9fa48("101"), 'cancelledAt'), // incidents: that one exists and how it is handled
stryMutAct_9fa48("102") ? "" : (stryCov_9fa48("102"), 'kind'), stryMutAct_9fa48("103") ? "" : (stryCov_9fa48("103"), 'description'), stryMutAct_9fa48("104") ? "" : (stryCov_9fa48("104"), 'openedById'), stryMutAct_9fa48("105") ? "" : (stryCov_9fa48("105"), 'openedAt'), stryMutAct_9fa48("106") ? "" : (stryCov_9fa48("106"), 'closedAt'), stryMutAct_9fa48("107") ? "" : (stryCov_9fa48("107"), 'closedById'), stryMutAct_9fa48("108") ? "" : (stryCov_9fa48("108"), 'assessment'), stryMutAct_9fa48("109") ? "" : (stryCov_9fa48("109"), 'dataCategories'), stryMutAct_9fa48("110") ? "" : (stryCov_9fa48("110"), 'riskLevel'), stryMutAct_9fa48("111") ? "" : (stryCov_9fa48("111"), 'assessedAt'), stryMutAct_9fa48("112") ? "" : (stryCov_9fa48("112"), 'assessedById'), stryMutAct_9fa48("113") ? "" : (stryCov_9fa48("113"), 'timeline'), stryMutAct_9fa48("114") ? "" : (stryCov_9fa48("114"), 'step'), stryMutAct_9fa48("115") ? "" : (stryCov_9fa48("115"), 'actorType'), stryMutAct_9fa48("116") ? "" : (stryCov_9fa48("116"), 'actorId')]));

/**
 * Applies a device view to any response value: unchanged for `full`; for `manager`, every field outside
 * MANAGER_VISIBLE_FIELDS becomes null at every depth (the shape stays, so response schemas still hold).
 */
export function redactDeviceFor<T>(view: DeviceView, value: T): T {
  if (stryMutAct_9fa48("117")) {
    {}
  } else {
    stryCov_9fa48("117");
    if (stryMutAct_9fa48("120") ? view !== 'full' : stryMutAct_9fa48("119") ? false : stryMutAct_9fa48("118") ? true : (stryCov_9fa48("118", "119", "120"), view === (stryMutAct_9fa48("121") ? "" : (stryCov_9fa48("121"), 'full')))) return value;
    return redact(value, 0) as T;
  }
}
const MAX_REDACTION_DEPTH = 32;
function redact(value: unknown, depth: number): unknown {
  if (stryMutAct_9fa48("122")) {
    {}
  } else {
    stryCov_9fa48("122");
    if (stryMutAct_9fa48("125") ? value === null && typeof value !== 'object' : stryMutAct_9fa48("124") ? false : stryMutAct_9fa48("123") ? true : (stryCov_9fa48("123", "124", "125"), (stryMutAct_9fa48("127") ? value !== null : stryMutAct_9fa48("126") ? false : (stryCov_9fa48("126", "127"), value === null)) || (stryMutAct_9fa48("129") ? typeof value === 'object' : stryMutAct_9fa48("128") ? false : (stryCov_9fa48("128", "129"), typeof value !== (stryMutAct_9fa48("130") ? "" : (stryCov_9fa48("130"), 'object')))))) return value;
    // Deeper than any response we build: nothing in there is for a manager.
    if (stryMutAct_9fa48("134") ? depth <= MAX_REDACTION_DEPTH : stryMutAct_9fa48("133") ? depth >= MAX_REDACTION_DEPTH : stryMutAct_9fa48("132") ? false : stryMutAct_9fa48("131") ? true : (stryCov_9fa48("131", "132", "133", "134"), depth > MAX_REDACTION_DEPTH)) return null;
    if (stryMutAct_9fa48("136") ? false : stryMutAct_9fa48("135") ? true : (stryCov_9fa48("135", "136"), Array.isArray(value))) return value.map(stryMutAct_9fa48("137") ? () => undefined : (stryCov_9fa48("137"), item => redact(item, stryMutAct_9fa48("138") ? depth - 1 : (stryCov_9fa48("138"), depth + 1))));
    if (stryMutAct_9fa48("140") ? false : stryMutAct_9fa48("139") ? true : (stryCov_9fa48("139", "140"), value instanceof Date)) return value;
    const out: Record<string, unknown> = {};
    for (const [key, inner] of Object.entries(value)) {
      if (stryMutAct_9fa48("141")) {
        {}
      } else {
        stryCov_9fa48("141");
        out[key] = MANAGER_VISIBLE_FIELDS.has(key) ? redact(inner, stryMutAct_9fa48("142") ? depth - 1 : (stryCov_9fa48("142"), depth + 1)) : (stryMutAct_9fa48("145") ? inner !== undefined : stryMutAct_9fa48("144") ? false : stryMutAct_9fa48("143") ? true : (stryCov_9fa48("143", "144", "145"), inner === undefined)) ? undefined : null;
      }
    }
    return out;
  }
}