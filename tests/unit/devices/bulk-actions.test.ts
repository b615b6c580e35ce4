import { describe, expect, it } from 'vitest';
import { BULK_ACTIONS, bulkRefusal, countByReason, isDisruptive, type BulkTarget } from '../../../src/domain/devices/bulk-actions.js';

const device = (over: Partial<BulkTarget> = {}): BulkTarget => ({ platform: 'APPLE', ownership: 'CORPORATE', status: 'ENROLLED', userId: 'u-1', ...over });
const STATUSES = ['PENDING', 'ENROLLED', 'RETIRING', 'UNENROLLED', 'WIPED'] as const;

describe('bulk actions: what IT may do to many devices at once', () => {
  it('never offers a full wipe in bulk', () => {
    expect(BULK_ACTIONS).not.toContain('WIPE_FULL');
    expect(BULK_ACTIONS).not.toContain('WIPE');
  });

  it('treats lock and selective wipe as disruptive (step-up MFA, approver, cap), and nothing else', () => {
    expect(isDisruptive('LOCK')).toBe(true);
    expect(isDisruptive('WIPE_SELECTIVE')).toBe(true);
    for (const action of ['REEVALUATE', 'REFRESH_POSTURE', 'NOTIFY_USER'] as const) expect(isDisruptive(action)).toBe(false);
  });
});

describe('bulk lock and selective wipe follow the single-device rules', () => {
  it.each(['LOCK', 'WIPE_SELECTIVE'] as const)('%s reaches enrolled devices, personal ones included', (action) => {
    expect(bulkRefusal(device(), action)).toBeNull();
    expect(bulkRefusal(device({ ownership: 'PERSONAL', platform: 'ANDROID', userId: null }), action)).toBeNull();
  });

  it.each(['LOCK', 'WIPE_SELECTIVE'] as const)('%s leaves out devices that cannot take commands, saying why', (action) => {
    expect(bulkRefusal(device({ status: 'RETIRING' }), action)).toBe('The device is being retired; it takes no more commands');
    expect(bulkRefusal(device({ status: 'UNENROLLED' }), action)).toBe('The device is unenrolled; it no longer takes commands');
    expect(bulkRefusal(device({ status: 'WIPED', ownership: 'PERSONAL' }), action)).toBe('The device is wiped; it no longer takes commands');
    expect(bulkRefusal(device({ status: 'PENDING' }), action)).toMatch(/not completed enrolment/);
  });
});

describe('bulk posture refresh', () => {
  it('asks enrolled Apple devices to report', () => {
    expect(bulkRefusal(device({ platform: 'APPLE' }), 'REFRESH_POSTURE')).toBeNull();
    expect(bulkRefusal(device({ platform: 'APPLE', ownership: 'PERSONAL' }), 'REFRESH_POSTURE')).toBeNull();
  });

  it('leaves out enrolled Android devices: they report on their own schedule', () => {
    expect(bulkRefusal(device({ platform: 'ANDROID' }), 'REFRESH_POSTURE')).toBe('Android devices report posture on their own; nothing to ask for');
  });

  it.each(['PENDING', 'RETIRING', 'UNENROLLED', 'WIPED'] as const)('leaves out a %s device, which reports nothing', (status) => {
    expect(bulkRefusal(device({ status }), 'REFRESH_POSTURE')).toBe(`The device is ${status.toLowerCase()}; it reports nothing`);
    expect(bulkRefusal(device({ status, platform: 'ANDROID' }), 'REFRESH_POSTURE')).toBe(`The device is ${status.toLowerCase()}; it reports nothing`);
  });
});

describe('bulk user notification', () => {
  it('reaches every device with a user, whatever its status', () => {
    for (const status of STATUSES) expect(bulkRefusal(device({ status }), 'NOTIFY_USER')).toBeNull();
  });

  it('leaves out devices nobody is assigned to', () => {
    expect(bulkRefusal(device({ userId: null }), 'NOTIFY_USER')).toBe('The device has no user to notify');
    expect(bulkRefusal(device({ userId: '' }), 'NOTIFY_USER')).toBe('The device has no user to notify');
  });
});

describe('bulk re-evaluation', () => {
  it('judges enrolled and pending devices again', () => {
    expect(bulkRefusal(device({ status: 'ENROLLED' }), 'REEVALUATE')).toBeNull();
    expect(bulkRefusal(device({ status: 'PENDING' }), 'REEVALUATE')).toBeNull();
  });

  it.each(['RETIRING', 'UNENROLLED', 'WIPED'] as const)('leaves out a %s device, which is no longer judged', (status) => {
    expect(bulkRefusal(device({ status }), 'REEVALUATE')).toBe(`The device is ${status.toLowerCase()}; it is no longer judged`);
  });
});

describe("a dry run's summary of refusals", () => {
  it('counts devices per reason', () => {
    expect(countByReason([
      { reason: 'The device has no user to notify' },
      { reason: 'Device not found' },
      { reason: 'The device has no user to notify' },
      { reason: 'The device has no user to notify' },
    ])).toEqual({ 'The device has no user to notify': 3, 'Device not found': 1 });
  });

  it('is empty when nothing is refused', () => {
    expect(countByReason([])).toEqual({});
  });
});
