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
import { orderedSteps, type EscalationStep } from './policy.js';
import type { RuleId, RuleResult } from './rules.js';
export type ComplianceStateName = 'COMPLIANT' | 'IN_GRACE' | 'NONCOMPLIANT' | 'UNKNOWN';
const HOUR_MS = 3_600_000;
export interface Judgement {
  state: ComplianceStateName;
  failing: RuleId[];
  unknown: RuleId[];
  /** First-failing time per rule to keep. Rules that pass (or are no longer checked) drop out, so their clock resets. */
  failureClocks: Map<RuleId, Date>;
  graceDeadline: Date | null;
  episodeStartedAt: Date | null;
}

/**
 * Turns rule results into a device state. The grace deadline runs from the earliest first-failing time of the
 * rules failing now, so re-evaluating never extends it. A rule that goes from failing to unknown keeps its clock:
 * losing data must not buy extra grace.
 */
export function judge(results: RuleResult[], previous: {
  failureClocks: Map<string, Date>;
  episodeStartedAt: Date | null;
}, gracePeriodHours: number, now: Date): Judgement {
  if (stryMutAct_9fa48("290")) {
    {}
  } else {
    stryCov_9fa48("290");
    const failing = stryMutAct_9fa48("291") ? results.map(r => r.rule) : (stryCov_9fa48("291"), results.filter(stryMutAct_9fa48("292") ? () => undefined : (stryCov_9fa48("292"), r => stryMutAct_9fa48("295") ? r.status !== 'fail' : stryMutAct_9fa48("294") ? false : stryMutAct_9fa48("293") ? true : (stryCov_9fa48("293", "294", "295"), r.status === (stryMutAct_9fa48("296") ? "" : (stryCov_9fa48("296"), 'fail'))))).map(stryMutAct_9fa48("297") ? () => undefined : (stryCov_9fa48("297"), r => r.rule)));
    const unknown = stryMutAct_9fa48("298") ? results.map(r => r.rule) : (stryCov_9fa48("298"), results.filter(stryMutAct_9fa48("299") ? () => undefined : (stryCov_9fa48("299"), r => stryMutAct_9fa48("302") ? r.status !== 'unknown' : stryMutAct_9fa48("301") ? false : stryMutAct_9fa48("300") ? true : (stryCov_9fa48("300", "301", "302"), r.status === (stryMutAct_9fa48("303") ? "" : (stryCov_9fa48("303"), 'unknown'))))).map(stryMutAct_9fa48("304") ? () => undefined : (stryCov_9fa48("304"), r => r.rule)));
    const failureClocks = new Map<RuleId, Date>();
    for (const rule of failing) failureClocks.set(rule, stryMutAct_9fa48("306") ? previous.failureClocks.get(rule) && now : (stryCov_9fa48("306"), previous.failureClocks.get(rule) ?? now));
    for (const rule of unknown) {
      if (stryMutAct_9fa48("307")) {
        {}
      } else {
        stryCov_9fa48("307");
        const since = previous.failureClocks.get(rule);
        if (stryMutAct_9fa48("309") ? false : stryMutAct_9fa48("308") ? true : (stryCov_9fa48("308", "309"), since)) if (stryMutAct_9fa48("310")) {
          ;
        } else {
          stryCov_9fa48("310");
          failureClocks.set(rule, since);
        }
      }
    }
    if (stryMutAct_9fa48("313") ? failing.length !== 0 : stryMutAct_9fa48("312") ? false : stryMutAct_9fa48("311") ? true : (stryCov_9fa48("311", "312", "313"), failing.length === 0)) {
      if (stryMutAct_9fa48("314")) {
        {}
      } else {
        stryCov_9fa48("314");
        return stryMutAct_9fa48("315") ? {} : (stryCov_9fa48("315"), {
          state: (stryMutAct_9fa48("319") ? unknown.length <= 0 : stryMutAct_9fa48("318") ? unknown.length >= 0 : stryMutAct_9fa48("317") ? false : stryMutAct_9fa48("316") ? true : (stryCov_9fa48("316", "317", "318", "319"), unknown.length > 0)) ? stryMutAct_9fa48("320") ? "" : (stryCov_9fa48("320"), 'UNKNOWN') : stryMutAct_9fa48("321") ? "" : (stryCov_9fa48("321"), 'COMPLIANT'),
          failing,
          unknown,
          failureClocks,
          graceDeadline: null,
          episodeStartedAt: null
        });
      }
    }
    const earliest = stryMutAct_9fa48("322") ? Math.max(...failing.map(rule => failureClocks.get(rule)!.getTime())) : (stryCov_9fa48("322"), Math.min(...failing.map(stryMutAct_9fa48("323") ? () => undefined : (stryCov_9fa48("323"), rule => failureClocks.get(rule)!.getTime()))));
    const graceDeadline = new Date(stryMutAct_9fa48("324") ? earliest - gracePeriodHours * HOUR_MS : (stryCov_9fa48("324"), earliest + (stryMutAct_9fa48("325") ? gracePeriodHours / HOUR_MS : (stryCov_9fa48("325"), gracePeriodHours * HOUR_MS))));
    return stryMutAct_9fa48("326") ? {} : (stryCov_9fa48("326"), {
      state: (stryMutAct_9fa48("330") ? now.getTime() >= graceDeadline.getTime() : stryMutAct_9fa48("329") ? now.getTime() <= graceDeadline.getTime() : stryMutAct_9fa48("328") ? false : stryMutAct_9fa48("327") ? true : (stryCov_9fa48("327", "328", "329", "330"), now.getTime() < graceDeadline.getTime())) ? stryMutAct_9fa48("331") ? "" : (stryCov_9fa48("331"), 'IN_GRACE') : stryMutAct_9fa48("332") ? "" : (stryCov_9fa48("332"), 'NONCOMPLIANT'),
      failing,
      unknown,
      failureClocks,
      graceDeadline,
      episodeStartedAt: stryMutAct_9fa48("333") ? previous.episodeStartedAt && new Date(earliest) : (stryCov_9fa48("333"), previous.episodeStartedAt ?? new Date(earliest))
    });
  }
}

/** Why the state is what it is, in one line for history and audit. */
export function describeChange(from: ComplianceStateName | null, to: Judgement): string {
  if (stryMutAct_9fa48("334")) {
    {}
  } else {
    stryCov_9fa48("334");
    switch (to.state) {
      case stryMutAct_9fa48("336") ? "" : (stryCov_9fa48("336"), 'COMPLIANT'):
        if (stryMutAct_9fa48("335")) {} else {
          stryCov_9fa48("335");
          return stryMutAct_9fa48("337") ? "" : (stryCov_9fa48("337"), 'every rule passes');
        }
      case stryMutAct_9fa48("339") ? "" : (stryCov_9fa48("339"), 'UNKNOWN'):
        if (stryMutAct_9fa48("338")) {} else {
          stryCov_9fa48("338");
          return stryMutAct_9fa48("340") ? `` : (stryCov_9fa48("340"), `no data yet for: ${to.unknown.join(stryMutAct_9fa48("341") ? "" : (stryCov_9fa48("341"), ', '))}`);
        }
      case stryMutAct_9fa48("343") ? "" : (stryCov_9fa48("343"), 'IN_GRACE'):
        if (stryMutAct_9fa48("342")) {} else {
          stryCov_9fa48("342");
          return stryMutAct_9fa48("344") ? `` : (stryCov_9fa48("344"), `failing: ${to.failing.join(stryMutAct_9fa48("345") ? "" : (stryCov_9fa48("345"), ', '))}; grace until ${to.graceDeadline!.toISOString()}`);
        }
      case stryMutAct_9fa48("347") ? "" : (stryCov_9fa48("347"), 'NONCOMPLIANT'):
        if (stryMutAct_9fa48("346")) {} else {
          stryCov_9fa48("346");
          return (stryMutAct_9fa48("350") ? from !== 'IN_GRACE' : stryMutAct_9fa48("349") ? false : stryMutAct_9fa48("348") ? true : (stryCov_9fa48("348", "349", "350"), from === (stryMutAct_9fa48("351") ? "" : (stryCov_9fa48("351"), 'IN_GRACE')))) ? stryMutAct_9fa48("352") ? `` : (stryCov_9fa48("352"), `grace period ended with failing: ${to.failing.join(stryMutAct_9fa48("353") ? "" : (stryCov_9fa48("353"), ', '))}`) : stryMutAct_9fa48("354") ? `` : (stryCov_9fa48("354"), `failing: ${to.failing.join(stryMutAct_9fa48("355") ? "" : (stryCov_9fa48("355"), ', '))}; no grace left`);
        }
    }
  }
}

/**
 * Escalation steps due by `now` for a device whose grace ended at `graceDeadline`, and when the next one falls due.
 */
export function dueEscalation(steps: EscalationStep[], graceDeadline: Date, now: Date): {
  due: EscalationStep[];
  nextAt: Date | null;
} {
  if (stryMutAct_9fa48("356")) {
    {}
  } else {
    stryCov_9fa48("356");
    const due: EscalationStep[] = stryMutAct_9fa48("357") ? ["Stryker was here"] : (stryCov_9fa48("357"), []);
    let nextAt: Date | null = null;
    for (const step of orderedSteps(steps)) {
      if (stryMutAct_9fa48("358")) {
        {}
      } else {
        stryCov_9fa48("358");
        const at = new Date(stryMutAct_9fa48("359") ? graceDeadline.getTime() - step.afterHours * HOUR_MS : (stryCov_9fa48("359"), graceDeadline.getTime() + (stryMutAct_9fa48("360") ? step.afterHours / HOUR_MS : (stryCov_9fa48("360"), step.afterHours * HOUR_MS))));
        if (stryMutAct_9fa48("364") ? at.getTime() > now.getTime() : stryMutAct_9fa48("363") ? at.getTime() < now.getTime() : stryMutAct_9fa48("362") ? false : stryMutAct_9fa48("361") ? true : (stryCov_9fa48("361", "362", "363", "364"), at.getTime() <= now.getTime())) {
          if (stryMutAct_9fa48("365")) {
            ;
          } else {
            stryCov_9fa48("365");
            due.push(step);
          }
        } else if (stryMutAct_9fa48("368") ? false : stryMutAct_9fa48("367") ? true : stryMutAct_9fa48("366") ? nextAt : (stryCov_9fa48("366", "367", "368"), !nextAt)) nextAt = at;
      }
    }
    return stryMutAct_9fa48("369") ? {} : (stryCov_9fa48("369"), {
      due,
      nextAt
    });
  }
}