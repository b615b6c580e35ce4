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
import type { DeviceAction } from '../../commands/channel.js';
import type { Actor } from '../access.js';

/**
 * Who asks for a device action: a signed-in person, or an automatic process (compliance escalation,
 * the incident playbook, consent withdrawal) acting on a person's behalf or on its own.
 */
export type Requester = Actor | SystemRequester;
export interface SystemRequester {
  system: 'compliance' | 'incident' | 'consent';
  /** The person whose action started the process, if any (the staff member reporting a lost phone). */
  onBehalfOf?: string | null;
}
export const isSystem = stryMutAct_9fa48("986") ? () => undefined : (stryCov_9fa48("986"), (() => {
  const isSystem = (requester: Requester): requester is SystemRequester => (stryMutAct_9fa48("987") ? "" : (stryCov_9fa48("987"), 'system')) in requester;
  return isSystem;
})());
export const requesterUserId = stryMutAct_9fa48("988") ? () => undefined : (stryCov_9fa48("988"), (() => {
  const requesterUserId = (requester: Requester): string | null => isSystem(requester) ? stryMutAct_9fa48("989") ? requester.onBehalfOf && null : (stryCov_9fa48("989"), requester.onBehalfOf ?? null) : requester.userId;
  return requesterUserId;
})());
export interface ActionTarget {
  ownership: 'CORPORATE' | 'PERSONAL';
  status: 'PENDING' | 'ENROLLED' | 'UNENROLLED' | 'WIPED';
}
export type Refusal = {
  code: 'FORBIDDEN' | 'CONFLICT';
  message: string;
} | null;

/**
 * Rules that hold whoever asks. A full wipe of a personally-owned device would erase the person's own
 * photos and messages: the organisation may only remove what it put there (selective wipe).
 */
export function refusalFor(device: ActionTarget, action: DeviceAction): Refusal {
  if (stryMutAct_9fa48("990")) {
    {}
  } else {
    stryCov_9fa48("990");
    if (stryMutAct_9fa48("993") ? action === 'WIPE_FULL' || device.ownership === 'PERSONAL' : stryMutAct_9fa48("992") ? false : stryMutAct_9fa48("991") ? true : (stryCov_9fa48("991", "992", "993"), (stryMutAct_9fa48("995") ? action !== 'WIPE_FULL' : stryMutAct_9fa48("994") ? true : (stryCov_9fa48("994", "995"), action === (stryMutAct_9fa48("996") ? "" : (stryCov_9fa48("996"), 'WIPE_FULL')))) && (stryMutAct_9fa48("998") ? device.ownership !== 'PERSONAL' : stryMutAct_9fa48("997") ? true : (stryCov_9fa48("997", "998"), device.ownership === (stryMutAct_9fa48("999") ? "" : (stryCov_9fa48("999"), 'PERSONAL')))))) {
      if (stryMutAct_9fa48("1000")) {
        {}
      } else {
        stryCov_9fa48("1000");
        return stryMutAct_9fa48("1001") ? {} : (stryCov_9fa48("1001"), {
          code: stryMutAct_9fa48("1002") ? "" : (stryCov_9fa48("1002"), 'FORBIDDEN'),
          message: stryMutAct_9fa48("1003") ? "" : (stryCov_9fa48("1003"), 'A personally-owned device cannot be fully wiped; use a selective wipe')
        });
      }
    }
    if (stryMutAct_9fa48("1006") ? device.status === 'UNENROLLED' && device.status === 'WIPED' : stryMutAct_9fa48("1005") ? false : stryMutAct_9fa48("1004") ? true : (stryCov_9fa48("1004", "1005", "1006"), (stryMutAct_9fa48("1008") ? device.status !== 'UNENROLLED' : stryMutAct_9fa48("1007") ? false : (stryCov_9fa48("1007", "1008"), device.status === (stryMutAct_9fa48("1009") ? "" : (stryCov_9fa48("1009"), 'UNENROLLED')))) || (stryMutAct_9fa48("1011") ? device.status !== 'WIPED' : stryMutAct_9fa48("1010") ? false : (stryCov_9fa48("1010", "1011"), device.status === (stryMutAct_9fa48("1012") ? "" : (stryCov_9fa48("1012"), 'WIPED')))))) {
      if (stryMutAct_9fa48("1013")) {
        {}
      } else {
        stryCov_9fa48("1013");
        return stryMutAct_9fa48("1014") ? {} : (stryCov_9fa48("1014"), {
          code: stryMutAct_9fa48("1015") ? "" : (stryCov_9fa48("1015"), 'CONFLICT'),
          message: stryMutAct_9fa48("1016") ? `` : (stryCov_9fa48("1016"), `The device is ${stryMutAct_9fa48("1017") ? device.status.toUpperCase() : (stryCov_9fa48("1017"), device.status.toLowerCase())}; it no longer takes commands`)
        });
      }
    }
    return null;
  }
}

/** A full wipe cannot be undone: when the organisation asks for it, a second person confirms it. */
export function needsApproval(action: DeviceAction, approvalRequired: boolean): boolean {
  if (stryMutAct_9fa48("1018")) {
    {}
  } else {
    stryCov_9fa48("1018");
    return stryMutAct_9fa48("1021") ? action === 'WIPE_FULL' || approvalRequired : stryMutAct_9fa48("1020") ? false : stryMutAct_9fa48("1019") ? true : (stryCov_9fa48("1019", "1020", "1021"), (stryMutAct_9fa48("1023") ? action !== 'WIPE_FULL' : stryMutAct_9fa48("1022") ? true : (stryCov_9fa48("1022", "1023"), action === (stryMutAct_9fa48("1024") ? "" : (stryCov_9fa48("1024"), 'WIPE_FULL')))) && approvalRequired);
  }
}
export const isWipe = stryMutAct_9fa48("1025") ? () => undefined : (stryCov_9fa48("1025"), (() => {
  const isWipe = (action: DeviceAction) => stryMutAct_9fa48("1028") ? action === 'WIPE_FULL' && action === 'WIPE_SELECTIVE' : stryMutAct_9fa48("1027") ? false : stryMutAct_9fa48("1026") ? true : (stryCov_9fa48("1026", "1027", "1028"), (stryMutAct_9fa48("1030") ? action !== 'WIPE_FULL' : stryMutAct_9fa48("1029") ? false : (stryCov_9fa48("1029", "1030"), action === (stryMutAct_9fa48("1031") ? "" : (stryCov_9fa48("1031"), 'WIPE_FULL')))) || (stryMutAct_9fa48("1033") ? action !== 'WIPE_SELECTIVE' : stryMutAct_9fa48("1032") ? false : (stryCov_9fa48("1032", "1033"), action === (stryMutAct_9fa48("1034") ? "" : (stryCov_9fa48("1034"), 'WIPE_SELECTIVE')))));
  return isWipe;
})());
export function webhookEventFor(status: string): string {
  if (stryMutAct_9fa48("1035")) {
    {}
  } else {
    stryCov_9fa48("1035");
    return stryMutAct_9fa48("1036") ? `` : (stryCov_9fa48("1036"), `command.${stryMutAct_9fa48("1037") ? status.toUpperCase() : (stryCov_9fa48("1037"), status.toLowerCase())}`);
  }
}