import { describe, expect, it } from 'vitest';
import { isSystem, needsApproval, refusalFor, requesterUserId, type ActionTarget, type DeviceAction } from '../../../src/domain/commands/device-actions.js';

const ACTIONS: DeviceAction[] = ['LOCK', 'WIPE_SELECTIVE', 'WIPE_FULL'];
const target = (over: Partial<ActionTarget> = {}): ActionTarget => ({ ownership: 'CORPORATE', status: 'ENROLLED', ...over });

describe('which device actions each device status allows', () => {
  it('an enrolled corporate device takes a lock, a selective and a full wipe', () => {
    for (const action of ACTIONS) expect(refusalFor(target(), action)).toBeNull();
  });

  it('a personal device is never fully wiped: the remedy is a selective wipe', () => {
    expect(refusalFor(target({ ownership: 'PERSONAL' }), 'WIPE_FULL')).toEqual({
      code: 'FORBIDDEN',
      message: 'A personally-owned device cannot be fully wiped; use a selective wipe',
    });
    expect(refusalFor(target({ ownership: 'PERSONAL' }), 'WIPE_SELECTIVE')).toBeNull();
    expect(refusalFor(target({ ownership: 'PERSONAL' }), 'LOCK')).toBeNull();
  });

  it('forbids a full wipe of a personal device whatever its status', () => {
    for (const status of ['PENDING', 'RETIRING', 'UNENROLLED', 'WIPED'] as const) {
      expect(refusalFor(target({ ownership: 'PERSONAL', status }), 'WIPE_FULL')?.code).toBe('FORBIDDEN');
    }
  });

  it.each(ACTIONS)('a device being retired takes no %s', (action) => {
    expect(refusalFor(target({ status: 'RETIRING' }), action)).toEqual({ code: 'CONFLICT', message: 'The device is being retired; it takes no more commands' });
  });

  it.each(ACTIONS)('a device that left management takes no %s', (action) => {
    expect(refusalFor(target({ status: 'UNENROLLED' }), action)).toEqual({ code: 'CONFLICT', message: 'The device is unenrolled; it no longer takes commands' });
    expect(refusalFor(target({ status: 'WIPED' }), action)).toEqual({ code: 'CONFLICT', message: 'The device is wiped; it no longer takes commands' });
  });

  it.each(ACTIONS)('a device that never finished enrolling cannot receive a %s, and IT is told to cancel the enrolment', (action) => {
    expect(refusalFor(target({ status: 'PENDING' }), action)).toEqual({
      code: 'CONFLICT',
      message: 'The device has not completed enrolment, so it cannot receive commands; cancel the enrolment instead (POST /v1/devices/{id}/retire)',
    });
  });

  it('asks a second person to confirm only full wipes, and only when the organisation wants it', () => {
    expect(needsApproval('WIPE_FULL', true)).toBe(true);
    expect(needsApproval('WIPE_FULL', false)).toBe(false);
    expect(needsApproval('WIPE_SELECTIVE', true)).toBe(false);
    expect(needsApproval('LOCK', true)).toBe(false);
  });
});

describe('who asked for a device action', () => {
  it('a signed-in person is a person, recorded by their user id', () => {
    const actor = { userId: 'it-1', role: 'IT' as const };
    expect(isSystem(actor)).toBe(false);
    expect(requesterUserId(actor)).toBe('it-1');
  });

  it('an automatic process is a system, recorded as the person who started it if any', () => {
    expect(isSystem({ system: 'incident', onBehalfOf: 'anna' })).toBe(true);
    expect(requesterUserId({ system: 'incident', onBehalfOf: 'anna' })).toBe('anna');
  });

  it('an automatic process nobody started is recorded without a user', () => {
    expect(isSystem({ system: 'compliance' })).toBe(true);
    expect(requesterUserId({ system: 'compliance' })).toBeNull();
    expect(requesterUserId({ system: 'consent', onBehalfOf: null })).toBeNull();
  });
});
