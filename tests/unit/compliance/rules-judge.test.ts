import { describe, expect, it } from 'vitest';
import Value from 'typebox/value';
import { describeChange, dueEscalation, judge } from '../../../src/domain/compliance/judge.js';
import { orderedSteps, PolicyDocumentSchema, policyProblems, type EscalationStep, type PolicyDocument } from '../../../src/domain/compliance/policy.js';
import { findPreset, PRESETS, UNAPPROVED_APPS } from '../../../src/domain/compliance/presets.js';
import type { RuleResult } from '../../../src/domain/compliance/rules.js';

// From rule results to a device state and its one-line history entry; the policy document's own checks; presets.

const HOUR = 3_600_000;
const T0 = new Date('2026-09-21T12:00:00Z');
const at = (hours: number) => new Date(T0.getTime() + hours * HOUR);
const r = (rule: RuleResult['rule'], status: RuleResult['status']): RuleResult =>
  ({ rule, status, expected: '', actual: '', evidence: '', remediation: status === 'pass' ? null : 'fix' });
const none = { failureClocks: new Map<string, Date>(), episodeStartedAt: null };

describe('judging rule results', () => {
  it('a rule with no data and no failure behind it starts no clock', () => {
    const j = judge([r('check_in', 'unknown'), r('mfa', 'pass')], none, 72, T0);
    expect(j.failureClocks.size).toBe(0);
    expect(j.failureClocks.has('check_in')).toBe(false);
  });

  it('a new episode starts at the earliest failure still failing', () => {
    const clocks = new Map([['passcode', at(-10)], ['encryption', at(-30)]]);
    const j = judge([r('passcode', 'fail'), r('encryption', 'fail')], { failureClocks: clocks, episodeStartedAt: null }, 72, T0);
    expect(j.episodeStartedAt).toEqual(at(-30));
    expect(j.graceDeadline).toEqual(at(42));
  });
});

describe('one-line explanation of a state change', () => {
  it('compliant: every rule passes', () => {
    expect(describeChange('IN_GRACE', judge([r('mfa', 'pass')], none, 72, T0))).toBe('every rule passes');
  });

  it('unknown: lists every rule without data', () => {
    expect(describeChange(null, judge([r('encryption', 'unknown'), r('check_in', 'unknown')], none, 72, T0)))
      .toBe('no data yet for: encryption, check_in');
  });

  it('in grace: lists every failing rule and the deadline', () => {
    expect(describeChange('COMPLIANT', judge([r('passcode', 'fail'), r('mfa', 'fail')], none, 24, T0)))
      .toBe(`failing: passcode, mfa; grace until ${at(24).toISOString()}`);
  });

  it('non-compliant straight away (no grace period) is not "grace period ended"', () => {
    const j = judge([r('passcode', 'fail'), r('integrity', 'fail')], none, 0, T0);
    expect(describeChange('COMPLIANT', j)).toBe('failing: passcode, integrity; no grace left');
    expect(describeChange(null, j)).toBe('failing: passcode, integrity; no grace left');
    expect(describeChange('IN_GRACE', j)).toBe('grace period ended with failing: passcode, integrity');
  });
});

describe('escalation order', () => {
  it('steps with the same delay run in the order written', () => {
    const steps: EscalationStep[] = [
      { action: 'LOCK', afterHours: 24 },
      { action: 'NOTIFY_USER', afterHours: 0 },
      { action: 'NOTIFY_MANAGER', afterHours: 0 },
      { action: 'BLOCK', afterHours: 0 },
      { action: 'WIPE_SELECTIVE', afterHours: 24 },
    ];
    expect(orderedSteps(steps).map((s) => s.action)).toEqual(['NOTIFY_USER', 'NOTIFY_MANAGER', 'BLOCK', 'LOCK', 'WIPE_SELECTIVE']);
    expect(dueEscalation(steps, T0, at(24)).due.map((s) => s.action)).toEqual(['NOTIFY_USER', 'NOTIFY_MANAGER', 'BLOCK', 'LOCK', 'WIPE_SELECTIVE']);
  });
});

describe('policy document checks', () => {
  const base = () => structuredClone(findPreset('cyber-essentials')!.document) as PolicyDocument;

  it('every preset is a valid document with no problems', () => {
    for (const preset of PRESETS) {
      expect(Value.Check(PolicyDocumentSchema, preset.document), preset.id).toBe(true);
      expect(policyProblems(preset.document), preset.id).toEqual([]);
    }
  });

  it('refuses an escalation action written twice, naming the ownership and the action', () => {
    const doc = base();
    doc.escalation.PERSONAL.push({ action: 'BLOCK', afterHours: 96 });
    expect(policyProblems(doc)).toEqual(['escalation.PERSONAL: BLOCK appears twice']);
  });

  it('reports a duplicate in each ownership, once per extra copy', () => {
    const doc = base();
    doc.escalation.CORPORATE.push({ action: 'NOTIFY_USER', afterHours: 1 }, { action: 'NOTIFY_USER', afterHours: 2 });
    doc.escalation.PERSONAL.push({ action: 'NOTIFY_MANAGER', afterHours: 48 });
    expect(policyProblems(doc)).toEqual([
      'escalation.CORPORATE: NOTIFY_USER appears twice',
      'escalation.CORPORATE: NOTIFY_USER appears twice',
      'escalation.PERSONAL: NOTIFY_MANAGER appears twice',
    ]);
  });

  it('refuses a camera switch-off on personal phones (data-leak choices no device could carry out)', () => {
    const doc = structuredClone(findPreset('nhs-dspt')!.document) as PolicyDocument;
    doc.settings.PERSONAL.ANDROID.dataLeak = { ...doc.settings.PERSONAL.ANDROID.dataLeak!, disableCamera: true };
    expect(policyProblems(doc)).toEqual([
      'settings.PERSONAL.ANDROID.dataLeak.disableCamera: the organisation does not switch off the camera of a personal phone',
    ]);
  });

  it('the schema refuses unreadable versions, unknown settings, a full wipe and out-of-range numbers', () => {
    const withApple = (patch: Record<string, unknown>) => {
      const doc = base() as unknown as { settings: { CORPORATE: { APPLE: Record<string, unknown> } } };
      Object.assign(doc.settings.CORPORATE.APPLE, patch);
      return Value.Check(PolicyDocumentSchema, doc);
    };
    expect(withApple({})).toBe(true);
    expect(withApple({ minOsVersion: '17.4.1' })).toBe(true);
    expect(withApple({ minOsVersion: '17.4 beta' })).toBe(false);
    expect(withApple({ minOsVersion: '17.4.1.0.1' })).toBe(false);
    expect(withApple({ minIPadOsVersion: null, minMacOsVersion: null })).toBe(true);
    expect(withApple({ notReportable: 'MAYBE' })).toBe(false);
    expect(withApple({ passcodeMinLength: 0 })).toBe(false);
    expect(withApple({ maxCheckInAgeDays: 0 })).toBe(false);
    expect(withApple({ gracePeriodHours: 24 * 90 + 1 })).toBe(false);
    expect(withApple({ jailbreakAllowed: true })).toBe(false);
    const wipe = base() as unknown as { escalation: { CORPORATE: { action: string; afterHours: number }[] } };
    wipe.escalation.CORPORATE.push({ action: 'WIPE', afterHours: 0 });
    expect(Value.Check(PolicyDocumentSchema, wipe)).toBe(false);
  });
});

describe('presets', () => {
  it('every unapproved app the presets block on Android has a package name, and Apple ones a bundle id', () => {
    const corporate = findPreset('nhs-dspt')!.document.settings.CORPORATE;
    expect(corporate.ANDROID.dataLeak!.appList!.apps).toEqual(UNAPPROVED_APPS.flatMap((a) => (a.android ? [a.android] : [])));
    expect(corporate.APPLE.dataLeak!.appList!.apps).toEqual(UNAPPROVED_APPS.flatMap((a) => (a.apple ? [a.apple] : [])));
    expect(corporate.APPLE.dataLeak!.appList!.apps).not.toContain(null);
    expect(findPreset('no-such-preset')).toBeUndefined();
  });
});
