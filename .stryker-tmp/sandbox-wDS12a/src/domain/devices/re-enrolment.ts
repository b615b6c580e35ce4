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
import type { Ownership } from '../../generated/prisma/enums.js';

/** The device record an enrolment belongs to, as far as re-enrolment is concerned. */
export interface EnrolledDeviceFacts {
  userId: string | null;
  ownership: Ownership;
}
export type ReEnrolmentDecision = {
  allowed: true;
} | {
  allowed: false;
  reason: string;
};

/**
 * May a new enrolment take over the identity (UDID / EnrollmentID) of a live one? Only a phone re-installing its
 * own profile: the same person and the same ownership. Anything else is someone claiming another device's identity
 * (a personal phone naming a colleague's corporate UDID to end its enrolment and cancel its wipe), so it is refused.
 */
export function decideReEnrolment(live: EnrolledDeviceFacts, incoming: EnrolledDeviceFacts): ReEnrolmentDecision {
  if (stryMutAct_9fa48("883")) {
    {}
  } else {
    stryCov_9fa48("883");
    if (stryMutAct_9fa48("886") ? live.userId === null && incoming.userId === null : stryMutAct_9fa48("885") ? false : stryMutAct_9fa48("884") ? true : (stryCov_9fa48("884", "885", "886"), (stryMutAct_9fa48("888") ? live.userId !== null : stryMutAct_9fa48("887") ? false : (stryCov_9fa48("887", "888"), live.userId === null)) || (stryMutAct_9fa48("890") ? incoming.userId !== null : stryMutAct_9fa48("889") ? false : (stryCov_9fa48("889", "890"), incoming.userId === null)))) return stryMutAct_9fa48("891") ? {} : (stryCov_9fa48("891"), {
      allowed: stryMutAct_9fa48("892") ? true : (stryCov_9fa48("892"), false),
      reason: stryMutAct_9fa48("893") ? "" : (stryCov_9fa48("893"), 'the live enrolment or the new one has no owner')
    });
    if (stryMutAct_9fa48("896") ? live.userId === incoming.userId : stryMutAct_9fa48("895") ? false : stryMutAct_9fa48("894") ? true : (stryCov_9fa48("894", "895", "896"), live.userId !== incoming.userId)) return stryMutAct_9fa48("897") ? {} : (stryCov_9fa48("897"), {
      allowed: stryMutAct_9fa48("898") ? true : (stryCov_9fa48("898"), false),
      reason: stryMutAct_9fa48("899") ? "" : (stryCov_9fa48("899"), 'the device is enrolled for another user')
    });
    if (stryMutAct_9fa48("902") ? live.ownership === incoming.ownership : stryMutAct_9fa48("901") ? false : stryMutAct_9fa48("900") ? true : (stryCov_9fa48("900", "901", "902"), live.ownership !== incoming.ownership)) return stryMutAct_9fa48("903") ? {} : (stryCov_9fa48("903"), {
      allowed: stryMutAct_9fa48("904") ? true : (stryCov_9fa48("904"), false),
      reason: stryMutAct_9fa48("905") ? "" : (stryCov_9fa48("905"), 'the device is enrolled with another ownership')
    });
    return stryMutAct_9fa48("906") ? {} : (stryCov_9fa48("906"), {
      allowed: stryMutAct_9fa48("907") ? false : (stryCov_9fa48("907"), true)
    });
  }
}

/** Apple request types and generic actions that lock or erase a device. */
const PROTECTED_REQUEST_TYPES: ReadonlySet<string> = new Set(stryMutAct_9fa48("908") ? [] : (stryCov_9fa48("908"), [stryMutAct_9fa48("909") ? "" : (stryCov_9fa48("909"), 'DeviceLock'), stryMutAct_9fa48("910") ? "" : (stryCov_9fa48("910"), 'EraseDevice'), stryMutAct_9fa48("911") ? "" : (stryCov_9fa48("911"), 'LOCK'), stryMutAct_9fa48("912") ? "" : (stryCov_9fa48("912"), 'WIPE'), stryMutAct_9fa48("913") ? "" : (stryCov_9fa48("913"), 'WIPE_FULL'), stryMutAct_9fa48("914") ? "" : (stryCov_9fa48("914"), 'WIPE_SELECTIVE')]));
const PROTECTED_ACTIONS: ReadonlySet<string> = new Set(stryMutAct_9fa48("915") ? [] : (stryCov_9fa48("915"), [stryMutAct_9fa48("916") ? "" : (stryCov_9fa48("916"), 'LOCK'), stryMutAct_9fa48("917") ? "" : (stryCov_9fa48("917"), 'WIPE_FULL'), stryMutAct_9fa48("918") ? "" : (stryCov_9fa48("918"), 'WIPE_SELECTIVE')]));

/**
 * A pending lock or wipe of a corporate device survives anything the device itself sends (CheckOut, a new
 * Authenticate): otherwise removing the profile, or forging a re-enrolment, would cancel the wipe of a lost phone.
 */
export function survivesDeviceSideUnenrolment(ownership: Ownership, command: {
  requestType: string;
  action: string | null;
}): boolean {
  if (stryMutAct_9fa48("919")) {
    {}
  } else {
    stryCov_9fa48("919");
    if (stryMutAct_9fa48("922") ? ownership === 'CORPORATE' : stryMutAct_9fa48("921") ? false : stryMutAct_9fa48("920") ? true : (stryCov_9fa48("920", "921", "922"), ownership !== (stryMutAct_9fa48("923") ? "" : (stryCov_9fa48("923"), 'CORPORATE')))) return stryMutAct_9fa48("924") ? true : (stryCov_9fa48("924"), false);
    return stryMutAct_9fa48("927") ? PROTECTED_REQUEST_TYPES.has(command.requestType) && command.action !== null && PROTECTED_ACTIONS.has(command.action) : stryMutAct_9fa48("926") ? false : stryMutAct_9fa48("925") ? true : (stryCov_9fa48("925", "926", "927"), PROTECTED_REQUEST_TYPES.has(command.requestType) || (stryMutAct_9fa48("929") ? command.action !== null || PROTECTED_ACTIONS.has(command.action) : stryMutAct_9fa48("928") ? false : (stryCov_9fa48("928", "929"), (stryMutAct_9fa48("931") ? command.action === null : stryMutAct_9fa48("930") ? true : (stryCov_9fa48("930", "931"), command.action !== null)) && PROTECTED_ACTIONS.has(command.action))));
  }
}