/**
 * The life of a command, for both platforms. A command is stored before anything else happens (PostgreSQL is the
 * source of truth) and then moves only along the transitions below; the command queue store turns each event into
 * one guarded UPDATE (`WHERE status IN statusesAllowing(event)`), so a repeated or late event changes nothing.
 *
 * Delivery is tracked beside the status: a QUEUED command is pushed (APNs accepted the wake-up, `pushes` counts
 * them) and pushed again with backoff until the device fetches it (Apple: SENT) or Google accepts it (Android:
 * SENT); SENT without a result is pushed again too, because the device may have lost our answer or we its report.
 */
export const COMMAND_STATUSES = ['REQUESTED', 'AWAITING_APPROVAL', 'QUEUED', 'SENT', 'ACKNOWLEDGED', 'FAILED', 'CANCELLED', 'EXPIRED'] as const;
export type CommandStatus = (typeof COMMAND_STATUSES)[number];

export type CommandEvent =
  /** A second IT/ADMIN approved a full wipe. */
  | 'approve'
  /** The device took the command: Apple fetched it in a session, or AMAPI accepted devices.issueCommand. */
  | 'send'
  /** Apple NotNow: the device is busy (locked); it stays queued and is offered again next session. */
  | 'not_now'
  | 'acknowledge'
  | 'fail'
  /** A person withdrew it before the device had it. */
  | 'cancel'
  /** The device left management: nothing can reach it any more. */
  | 'abandon'
  /** Not delivered before its deadline. */
  | 'expire';

const TRANSITIONS: Record<CommandEvent, Partial<Record<CommandStatus, CommandStatus>>> = {
  approve: { AWAITING_APPROVAL: 'QUEUED' },
  // SENT → SENT: re-sending after a lost acknowledgement is allowed (same CommandUUID, at-least-once to the device).
  send: { QUEUED: 'SENT', SENT: 'SENT' },
  not_now: { QUEUED: 'QUEUED', SENT: 'QUEUED' },
  acknowledge: { QUEUED: 'ACKNOWLEDGED', SENT: 'ACKNOWLEDGED' },
  fail: { QUEUED: 'FAILED', SENT: 'FAILED' },
  // Once SENT the device may be acting on it, and MDM has no way to recall a delivered command.
  cancel: { REQUESTED: 'CANCELLED', AWAITING_APPROVAL: 'CANCELLED', QUEUED: 'CANCELLED' },
  abandon: { REQUESTED: 'CANCELLED', AWAITING_APPROVAL: 'CANCELLED', QUEUED: 'CANCELLED', SENT: 'CANCELLED' },
  expire: { QUEUED: 'EXPIRED', SENT: 'EXPIRED' },
};

/** The status `event` moves a command in `from` to, or null when the event does not apply (duplicate, too late). */
export function nextStatus(from: CommandStatus, event: CommandEvent): CommandStatus | null {
  return TRANSITIONS[event][from] ?? null;
}

/** The statuses from which `event` applies: the guard of the store's UPDATE. */
export function statusesAllowing(event: CommandEvent): CommandStatus[] {
  return Object.keys(TRANSITIONS[event]) as CommandStatus[];
}


export const isFinal = (status: CommandStatus): boolean =>
  status === 'ACKNOWLEDGED' || status === 'FAILED' || status === 'CANCELLED' || status === 'EXPIRED';

/** The webhook and audit family, the same for Apple and Android. */
export const COMMAND_EVENT_TYPES = [
  'command.requested',
  'command.queued',
  'command.sent',
  'command.acknowledged',
  'command.failed',
  'command.cancelled',
  'command.expired',
] as const;
export type CommandEventType = (typeof COMMAND_EVENT_TYPES)[number];

/** The event that announces a command reaching `status`; null for statuses nobody is told about on their own. */
export function eventTypeFor(status: CommandStatus): CommandEventType | null {
  switch (status) {
    case 'REQUESTED':
    case 'AWAITING_APPROVAL':
      return 'command.requested';
    case 'QUEUED':
      return 'command.queued';
    case 'SENT':
      return 'command.sent';
    case 'ACKNOWLEDGED':
      return 'command.acknowledged';
    case 'FAILED':
      return 'command.failed';
    case 'CANCELLED':
      return 'command.cancelled';
    case 'EXPIRED':
      return 'command.expired';
  }
}

/**
 * Parses COMMAND_REPUSH_BACKOFF_SECONDS ("60,300,900,3600"): the wait after the 1st, 2nd, ... push before the next
 * one; the last value repeats (the cap). Returns null when malformed.
 */
export function parseBackoff(text: string): number[] | null {
  const parts = text.split(',').map((p) => p.trim());
  if (parts.length === 0 || parts.some((p) => !/^[0-9]+$/.test(p))) return null;
  const seconds = parts.map(Number);
  return seconds.every((s) => s >= 1) ? seconds : null;
}

/** Seconds to wait after a command's `pushes`-th push (1-based) before pushing it again. */
export function repushDelaySeconds(pushes: number, backoff: readonly number[]): number {
  const index = Math.min(Math.max(pushes, 1), backoff.length) - 1;
  return backoff[index]!;
}
