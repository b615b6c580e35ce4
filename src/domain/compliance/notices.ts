import type { RuleResult } from './rules.js';

/**
 * What the device's user is told about a failure episode, and when. Pure: the use case stores and schedules.
 * The user hears at once when a device starts failing (with the deadline and the fix), is reminded before the
 * deadline, and is told when it is fixed. The escalation ladder (NOTIFY_USER/NOTIFY_MANAGER after the deadline)
 * runs on top of this.
 */
export type NoticeKind = 'DEVICE_FAILING' | 'DEVICE_REMINDER' | 'DEVICE_FIXED';

export interface Notice {
  kind: NoticeKind;
  subject: string;
  body: string;
}

const HOUR_MS = 3_600_000;

const deviceName = (platform: 'APPLE' | 'ANDROID') => (platform === 'APPLE' ? 'Apple device' : 'Android device');
const when = (deadline: Date) => deadline.toISOString().replace('T', ' ').slice(0, 16) + ' UTC';

function fixes(results: RuleResult[]): string[] {
  return results.filter((r) => r.status === 'fail').map((r) => `- ${r.remediation ?? r.expected} (expected ${r.expected}; now ${r.actual})`);
}

export function failingNotice(platform: 'APPLE' | 'ANDROID', results: RuleResult[], deadline: Date): Notice {
  return {
    kind: 'DEVICE_FAILING',
    subject: `Your ${deviceName(platform)} needs attention by ${when(deadline)}`,
    body: [`Your ${deviceName(platform)} does not meet the security policy. Please fix the following by ${when(deadline)}, or access to work services may be restricted:`, ...fixes(results)].join('\n'),
  };
}

export function reminderNotice(platform: 'APPLE' | 'ANDROID', results: RuleResult[], deadline: Date): Notice {
  return {
    kind: 'DEVICE_REMINDER',
    subject: `Reminder: fix your ${deviceName(platform)} by ${when(deadline)}`,
    body: [`Your ${deviceName(platform)} still does not meet the security policy. The deadline is ${when(deadline)}:`, ...fixes(results)].join('\n'),
  };
}

export function fixedNotice(platform: 'APPLE' | 'ANDROID'): Notice {
  return {
    kind: 'DEVICE_FIXED',
    subject: `Your ${deviceName(platform)} meets the security policy again`,
    body: `Thank you: your ${deviceName(platform)} meets the security policy again. Nothing more to do.`,
  };
}

/** When to remind: a day before the deadline, or halfway through a grace period shorter than two days. */
export function reminderAt(episodeStartedAt: Date, deadline: Date): Date | null {
  const grace = deadline.getTime() - episodeStartedAt.getTime();
  if (grace <= 0) return null;
  const lead = Math.min(24 * HOUR_MS, grace / 2);
  return new Date(deadline.getTime() - lead);
}
