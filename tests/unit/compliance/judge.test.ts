import { describe, expect, it } from 'vitest';
import { describeChange, dueEscalation, judge } from '../../../src/domain/compliance/judge.js';
import type { RuleResult } from '../../../src/domain/compliance/rules.js';

const HOUR = 3_600_000;
const T0 = new Date('2026-09-21T12:00:00Z');
const at = (hours: number) => new Date(T0.getTime() + hours * HOUR);
const r = (rule: RuleResult['rule'], status: RuleResult['status']): RuleResult => ({ rule, status, expected: '', actual: '', evidence: '', remediation: status === 'pass' ? null : 'fix' });
const none = { failureClocks: new Map<string, Date>(), episodeStartedAt: null };

describe('compliance state from rule results', () => {
  it('is COMPLIANT when every rule passes', () => {
    expect(judge([r('encryption', 'pass'), r('mfa', 'pass')], none, 72, T0)).toMatchObject({ state: 'COMPLIANT', graceDeadline: null, episodeStartedAt: null });
  });

  it('is UNKNOWN, not compliant and not failing, when a rule has no data yet', () => {
    const j = judge([r('encryption', 'pass'), r('check_in', 'unknown')], none, 72, T0);
    expect(j).toMatchObject({ state: 'UNKNOWN', failing: [], unknown: ['check_in'], graceDeadline: null });
  });

  it('starts grace at the first failure and keeps the deadline on re-evaluation', () => {
    const first = judge([r('passcode', 'fail')], none, 72, T0);
    expect(first).toMatchObject({ state: 'IN_GRACE', graceDeadline: at(72), episodeStartedAt: T0 });
    const later = judge([r('passcode', 'fail')], { failureClocks: first.failureClocks, episodeStartedAt: first.episodeStartedAt }, 72, at(10));
    expect(later.graceDeadline).toEqual(at(72));
    expect(later.failureClocks.get('passcode')).toEqual(T0);
  });

  it('becomes NONCOMPLIANT once the deadline passes', () => {
    const clocks = new Map([['passcode', T0]]);
    expect(judge([r('passcode', 'fail')], { failureClocks: clocks, episodeStartedAt: T0 }, 72, at(72)).state).toBe('NONCOMPLIANT');
    expect(judge([r('passcode', 'fail')], { failureClocks: clocks, episodeStartedAt: T0 }, 72, at(71.9)).state).toBe('IN_GRACE');
  });

  it('with no grace period a failure is non-compliant at once', () => {
    expect(judge([r('integrity', 'fail')], none, 0, T0).state).toBe('NONCOMPLIANT');
  });

  it('uses the earliest failing rule for the deadline; a rule that passes again clears its clock', () => {
    const clocks = new Map([['passcode', T0], ['encryption', at(24)]]);
    const both = judge([r('passcode', 'fail'), r('encryption', 'fail')], { failureClocks: clocks, episodeStartedAt: T0 }, 72, at(30));
    expect(both.graceDeadline).toEqual(at(72));
    const fixedOne = judge([r('passcode', 'pass'), r('encryption', 'fail')], { failureClocks: clocks, episodeStartedAt: T0 }, 72, at(30));
    expect(fixedOne.graceDeadline).toEqual(at(96));
    expect([...fixedOne.failureClocks.keys()]).toEqual(['encryption']);
  });

  it('keeps the clock of a failing rule that turns unknown, so losing data buys no grace', () => {
    const clocks = new Map([['passcode', T0]]);
    const j = judge([r('passcode', 'unknown')], { failureClocks: clocks, episodeStartedAt: T0 }, 72, at(5));
    expect(j.state).toBe('UNKNOWN');
    expect(j.failureClocks.get('passcode')).toEqual(T0);
    expect(judge([r('passcode', 'fail')], { failureClocks: j.failureClocks, episodeStartedAt: null }, 72, at(80)).state).toBe('NONCOMPLIANT');
  });

  it('explains each change in one line', () => {
    const grace = judge([r('passcode', 'fail')], none, 72, T0);
    expect(describeChange('COMPLIANT', grace)).toBe(`failing: passcode; grace until ${at(72).toISOString()}`);
    const ended = judge([r('passcode', 'fail')], { failureClocks: grace.failureClocks, episodeStartedAt: T0 }, 72, at(73));
    expect(describeChange('IN_GRACE', ended)).toBe('grace period ended with failing: passcode');
  });
});

describe('escalation schedule', () => {
  const steps = [
    { action: 'BLOCK' as const, afterHours: 24 },
    { action: 'NOTIFY_USER' as const, afterHours: 0 },
    { action: 'NOTIFY_MANAGER' as const, afterHours: 0 },
    { action: 'WIPE_SELECTIVE' as const, afterHours: 168 },
  ];

  it('runs steps in order of delay after the deadline and says when the next one falls due', () => {
    expect(dueEscalation(steps, T0, T0)).toEqual({ due: [steps[1], steps[2]], nextAt: at(24) });
    expect(dueEscalation(steps, T0, at(30))).toEqual({ due: [steps[1], steps[2], steps[0]], nextAt: at(168) });
    expect(dueEscalation(steps, T0, at(200)).nextAt).toBeNull();
  });
});
