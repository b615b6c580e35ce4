/** Plain-language names for the compliance rules (ids from src/domain/compliance/rules.ts). */
export const RULE_LABELS: Record<string, string> = {
  encryption: 'Storage encryption',
  passcode: 'Screen lock passcode',
  passcode_length: 'Passcode length',
  auto_lock: 'Automatic screen lock',
  os_version: 'Operating system version',
  patch_age: 'Security updates',
  integrity: 'Device integrity (not jailbroken or rooted)',
  check_in: 'Recent check-in',
  mfa: 'Two-step sign-in (MFA) on your account',
  data_leak: 'Work data protection (sharing and copy controls)',
};

export const ruleLabel = (rule: string) => RULE_LABELS[rule] ?? rule.replaceAll('_', ' ');

export type ComplianceState = 'COMPLIANT' | 'IN_GRACE' | 'NONCOMPLIANT' | 'UNKNOWN';

export const STATE_LABELS: Record<ComplianceState, string> = {
  COMPLIANT: 'Compliant',
  IN_GRACE: 'Action needed',
  NONCOMPLIANT: 'Not compliant',
  UNKNOWN: 'Waiting for the device',
};

export const STATE_ORDER: ComplianceState[] = ['NONCOMPLIANT', 'IN_GRACE', 'UNKNOWN', 'COMPLIANT'];

/** What the person should read first about one device. */
export function stateExplanation(state: ComplianceState, graceDeadline: string | null): string {
  switch (state) {
    case 'COMPLIANT':
      return 'This device meets the policy. Nothing to do.';
    case 'IN_GRACE':
      return graceDeadline ? 'Fix the items below before the deadline, or access to work apps will be blocked.' : 'Fix the items below.';
    case 'NONCOMPLIANT':
      return 'The deadline has passed: work access is restricted until the items below are fixed.';
    case 'UNKNOWN':
      return 'The device has not reported its security settings yet. Keep it switched on and connected.';
  }
}

export interface ChartBar {
  key: string;
  label: string;
  value: number;
  /** Share of the largest value, 0–1, for drawing the bar. */
  share: number;
}

/** Bars for a small chart, largest first, empty categories left out. */
export function toBars(counts: Record<string, number>, label: (key: string) => string = (k) => k): ChartBar[] {
  const entries = Object.entries(counts).filter(([, value]) => value > 0);
  const max = Math.max(1, ...entries.map(([, value]) => value));
  return entries
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .map(([key, value]) => ({ key, label: label(key), value, share: value / max }));
}
