import { describe, expect, it } from 'vitest';
import { COMMAND_STATUSES, isFinal, nextStatus, parseBackoff, repushDelaySeconds, statusesAllowing } from '../../../src/domain/commands/status.js';

describe('which command statuses are final', () => {
  it('a command that was answered, failed, withdrawn or expired is finished', () => {
    for (const status of ['ACKNOWLEDGED', 'FAILED', 'CANCELLED', 'EXPIRED'] as const) expect(isFinal(status)).toBe(true);
  });

  it('a command still waiting for approval, delivery or an answer is not', () => {
    for (const status of ['REQUESTED', 'AWAITING_APPROVAL', 'QUEUED', 'SENT'] as const) expect(isFinal(status)).toBe(false);
  });

  it('exactly the final statuses accept no event at all', () => {
    const events = ['approve', 'send', 'not_now', 'acknowledge', 'fail', 'cancel', 'abandon', 'expire'] as const;
    for (const status of COMMAND_STATUSES) {
      expect(events.every((event) => nextStatus(status, event) === null)).toBe(isFinal(status));
    }
  });

  it('a delivered command can no longer be withdrawn by a person, only abandoned with the device', () => {
    expect(nextStatus('SENT', 'cancel')).toBeNull();
    expect(statusesAllowing('cancel')).not.toContain('SENT');
    expect(nextStatus('SENT', 'abandon')).toBe('CANCELLED');
  });
});

describe('COMMAND_REPUSH_BACKOFF_SECONDS', () => {
  it('accepts one wait of a single second', () => {
    expect(parseBackoff('1')).toEqual([1]);
    expect(parseBackoff('1,1')).toEqual([1, 1]);
  });

  it('trims spaces around each value', () => {
    expect(parseBackoff(' 60 , 300 ')).toEqual([60, 300]);
  });

  it('refuses a zero wait anywhere in the list, not only the first', () => {
    expect(parseBackoff('0,60')).toBeNull();
    expect(parseBackoff('60,0')).toBeNull();
    expect(parseBackoff('60,300,0,900')).toBeNull();
  });

  it('refuses any value that is not a whole number of seconds, wherever it is', () => {
    expect(parseBackoff('60,abc')).toBeNull();
    expect(parseBackoff('60,-5')).toBeNull();
    expect(parseBackoff('60,1e3')).toBeNull();
    expect(parseBackoff('60;300')).toBeNull();
    expect(parseBackoff(',')).toBeNull();
    expect(parseBackoff('60,\u0000')).toBeNull();
  });

  it('uses the first wait for a command never pushed and the last as the cap', () => {
    const backoff = parseBackoff('60,300')!;
    expect(repushDelaySeconds(-3, backoff)).toBe(60);
    expect(repushDelaySeconds(2, backoff)).toBe(300);
    expect(repushDelaySeconds(Number.MAX_SAFE_INTEGER, backoff)).toBe(300);
  });
});
