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
export function judge(
  results: RuleResult[],
  previous: { failureClocks: Map<string, Date>; episodeStartedAt: Date | null },
  gracePeriodHours: number,
  now: Date,
): Judgement {
  const failing = results.filter((r) => r.status === 'fail').map((r) => r.rule);
  const unknown = results.filter((r) => r.status === 'unknown').map((r) => r.rule);
  const failureClocks = new Map<RuleId, Date>();
  for (const rule of failing) failureClocks.set(rule, previous.failureClocks.get(rule) ?? now);
  for (const rule of unknown) {
    const since = previous.failureClocks.get(rule);
    if (since) failureClocks.set(rule, since);
  }

  if (failing.length === 0) {
    return { state: unknown.length > 0 ? 'UNKNOWN' : 'COMPLIANT', failing, unknown, failureClocks, graceDeadline: null, episodeStartedAt: null };
  }
  const earliest = Math.min(...failing.map((rule) => failureClocks.get(rule)!.getTime()));
  const graceDeadline = new Date(earliest + gracePeriodHours * HOUR_MS);
  return {
    state: now.getTime() < graceDeadline.getTime() ? 'IN_GRACE' : 'NONCOMPLIANT',
    failing,
    unknown,
    failureClocks,
    graceDeadline,
    episodeStartedAt: previous.episodeStartedAt ?? new Date(earliest),
  };
}

/** Why the state is what it is, in one line for history and audit. */
export function describeChange(from: ComplianceStateName | null, to: Judgement): string {
  switch (to.state) {
    case 'COMPLIANT':
      return 'every rule passes';
    case 'UNKNOWN':
      return `no data yet for: ${to.unknown.join(', ')}`;
    case 'IN_GRACE':
      return `failing: ${to.failing.join(', ')}; grace until ${to.graceDeadline!.toISOString()}`;
    case 'NONCOMPLIANT':
      return from === 'IN_GRACE'
        ? `grace period ended with failing: ${to.failing.join(', ')}`
        : `failing: ${to.failing.join(', ')}; no grace left`;
  }
}

/**
 * Escalation steps due by `now` for a device whose grace ended at `graceDeadline`, and when the next one falls due.
 */
export function dueEscalation(steps: EscalationStep[], graceDeadline: Date, now: Date): { due: EscalationStep[]; nextAt: Date | null } {
  const due: EscalationStep[] = [];
  let nextAt: Date | null = null;
  for (const step of orderedSteps(steps)) {
    const at = new Date(graceDeadline.getTime() + step.afterHours * HOUR_MS);
    if (at.getTime() <= now.getTime()) due.push(step);
    else if (!nextAt) nextAt = at;
  }
  return { due, nextAt };
}
