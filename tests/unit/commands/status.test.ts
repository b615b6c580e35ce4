import { describe, expect, it } from 'vitest';
import {
  COMMAND_STATUSES,
  eventTypeFor,
  isFinal,
  nextStatus,
  parseBackoff,
  repushDelaySeconds,
  statusesAllowing,
  type CommandEvent,
  type CommandStatus,
} from '../../../src/domain/commands/status.js';

const EVENTS: CommandEvent[] = ['approve', 'send', 'not_now', 'acknowledge', 'fail', 'cancel', 'abandon', 'expire'];

// The whole machine, written out: every (status, event) pair not listed here must be refused (null).
const ALLOWED: Record<string, CommandStatus> = {
  'AWAITING_APPROVAL approve': 'QUEUED',
  'QUEUED send': 'SENT',
  'SENT send': 'SENT', // re-sent after a lost acknowledgement
  'QUEUED not_now': 'QUEUED',
  'SENT not_now': 'QUEUED',
  'QUEUED acknowledge': 'ACKNOWLEDGED',
  'SENT acknowledge': 'ACKNOWLEDGED',
  'QUEUED fail': 'FAILED',
  'SENT fail': 'FAILED',
  'REQUESTED cancel': 'CANCELLED',
  'AWAITING_APPROVAL cancel': 'CANCELLED',
  'QUEUED cancel': 'CANCELLED',
  'REQUESTED abandon': 'CANCELLED',
  'AWAITING_APPROVAL abandon': 'CANCELLED',
  'QUEUED abandon': 'CANCELLED',
  'SENT abandon': 'CANCELLED',
  'QUEUED expire': 'EXPIRED',
  'SENT expire': 'EXPIRED',
};

describe('command status machine', () => {
  const table = COMMAND_STATUSES.flatMap((from) => EVENTS.map((event) => [from, event, ALLOWED[`${from} ${event}`] ?? null] as const));

  it.each(table)('%s + %s → %s', (from, event, expected) => {
    expect(nextStatus(from, event)).toBe(expected);
    expect(statusesAllowing(event).includes(from)).toBe(expected !== null);
  });

  it('never leaves a final status: a late or repeated report changes nothing', () => {
    for (const from of COMMAND_STATUSES.filter(isFinal)) {
      for (const event of EVENTS) expect(nextStatus(from, event)).toBeNull();
    }
  });

  it('announces every status with one event of the command.* family', () => {
    expect(COMMAND_STATUSES.map(eventTypeFor)).toEqual([
      'command.requested', 'command.requested', 'command.queued', 'command.sent', 'command.acknowledged', 'command.failed', 'command.cancelled', 'command.expired',
    ]);
  });
});

describe('re-push backoff', () => {
  it('waits per push number and repeats the last (capped) value', () => {
    const backoff = parseBackoff('60, 300,900,3600')!;
    expect([1, 2, 3, 4, 5, 50].map((p) => repushDelaySeconds(p, backoff))).toEqual([60, 300, 900, 3600, 3600, 3600]);
    expect(repushDelaySeconds(0, backoff)).toBe(60);
  });

  it('refuses malformed lists', () => {
    expect(parseBackoff('')).toBeNull();
    expect(parseBackoff('60,,300')).toBeNull();
    expect(parseBackoff('0')).toBeNull();
    expect(parseBackoff('1.5')).toBeNull();
  });
});
