import { describe, expect, it } from 'vitest';
import {
  DEFAULT_COMMAND_DURATION, operationOutcome, planAndroidAction, planAndroidRetirement, redactCommand,
  RETIREMENT_WIPE_REASON, WIPE_COMMAND_DURATION, type AndroidRetirementTarget, type AndroidTarget,
} from '../../../src/mdm/android/commands.js';
import type { AmapiCommand, AmapiOperation } from '../../../src/mdm/android/amapi-types.js';
import { AppError } from '../../../src/errors.js';
import { androidFixture } from '../../../tools/fixtures.js';

/**
 * Lock and wipe requests become AMAPI commands. The one promise that must never break: a personally-owned phone
 * only ever loses its work profile, never its owner's data (developers.google.com/android/management/deprovision-device).
 */
const byod: AndroidTarget = { ownership: 'PERSONAL', managementMode: 'PROFILE_OWNER' };
const cope: AndroidTarget = { ownership: 'CORPORATE', managementMode: 'PROFILE_OWNER' };
const fullyManaged: AndroidTarget = { ownership: 'CORPORATE', managementMode: 'DEVICE_OWNER' };

/** The AppError a call throws, so a test can check its code, message and details. */
function refusal(call: () => unknown): AppError {
  try {
    call();
  } catch (error) {
    expect(error).toBeInstanceOf(AppError);
    return error as AppError;
  }
  throw new Error('expected a refusal');
}

describe('planAndroidAction: lock', () => {
  it('sends the plain LOCK command with the default ten-minute validity to every kind of enrolled device', () => {
    for (const target of [byod, cope, fullyManaged]) {
      const plan = planAndroidAction(target, 'LOCK', {});
      expect(plan.requestType).toBe('LOCK');
      expect(plan.payload).toEqual({ type: 'LOCK', duration: '600s' });
    }
    expect(DEFAULT_COMMAND_DURATION).toBe(androidFixture<AmapiCommand>('command-request-lock.json').duration);
  });

  it('tells the administrator a work-profile lock locks the work profile, and a fully managed lock the whole device', () => {
    expect(planAndroidAction(byod, 'LOCK', {}).effect).toMatch(/^Locks the work profile/);
    expect(planAndroidAction(cope, 'LOCK', {}).effect).toMatch(/personal apps/);
    expect(planAndroidAction(fullyManaged, 'LOCK', {}).effect).toBe('Locks the device as if its screen timeout had expired.');
  });

  it('refuses any command to a device that has no management mode yet, with a 422 that says why', () => {
    for (const action of ['LOCK', 'WIPE_SELECTIVE', 'WIPE_FULL'] as const) {
      const error = refusal(() => planAndroidAction({ ownership: 'CORPORATE', managementMode: null }, action, {}));
      expect(error.code).toBe('UNPROCESSABLE');
      expect(error.message).toBe('The Android device has not finished enrolment; nothing can be sent to it yet');
    }
    expect(() => planAndroidAction({ ownership: 'PERSONAL', managementMode: '' }, 'LOCK', {})).toThrow(/not finished enrolment/);
  });
});

describe('planAndroidAction: selective wipe', () => {
  it('on a personal work profile sends WIPE (AMAPI removes only the work profile), valid for 30 days, with the reason shown', () => {
    const plan = planAndroidAction(byod, 'WIPE_SELECTIVE', { message: 'You left Example Ltd.' });
    expect(plan.requestType).toBe('WIPE');
    // No wipeDataFlags: external storage of someone's own phone is not the organisation's.
    expect(plan.payload).toEqual({ type: 'WIPE', duration: '2592000s', wipeParams: { wipeReason: { defaultMessage: 'You left Example Ltd.' } } });
    expect(plan.effect).toBe('Removes the work profile only; personal apps and data on the device are untouched.');
  });

  it('shows a default reason on the phone when the administrator gave none', () => {
    const plan = planAndroidAction(byod, 'WIPE_SELECTIVE', {});
    expect(plan.payload).toMatchObject({ wipeParams: { wipeReason: { defaultMessage: 'Your organisation has removed its data from this device.' } } });
  });

  it('on a company-owned work profile relinquishes ownership, keeping the personal side', () => {
    const plan = planAndroidAction(cope, 'WIPE_SELECTIVE', { message: 'ignored' });
    expect(plan.requestType).toBe('RELINQUISH_OWNERSHIP');
    expect(plan.payload).toEqual({ type: 'RELINQUISH_OWNERSHIP', duration: WIPE_COMMAND_DURATION });
    expect(plan.effect).toBe('Removes the work profile and releases this company-owned device to personal use; personal data is kept.');
  });

  it('is refused on a device we call personal that Google manages whole, where WIPE would factory reset it', () => {
    const error = refusal(() => planAndroidAction({ ownership: 'PERSONAL', managementMode: 'DEVICE_OWNER' }, 'WIPE_SELECTIVE', {}));
    expect(error.code).toBe('UNPROCESSABLE');
    expect(error.message).toMatch(/recorded as personally owned but Google manages it as a fully managed device/);
  });

  it('is refused on a fully managed device, pointing to the full wipe instead', () => {
    const error = refusal(() => planAndroidAction(fullyManaged, 'WIPE_SELECTIVE', {}));
    expect(error.code).toBe('UNPROCESSABLE');
    expect(error.message).toBe('A fully managed Android device has no separate work data to remove; use a full wipe (factory reset) instead');
  });
});

describe('planAndroidAction: full wipe', () => {
  it('is refused on a personally-owned device, whatever its management mode, naming the selective wipe as the remedy', () => {
    for (const managementMode of ['PROFILE_OWNER', 'DEVICE_OWNER']) {
      const error = refusal(() => planAndroidAction({ ownership: 'PERSONAL', managementMode }, 'WIPE_FULL', { message: 'x' }));
      expect(error.code).toBe('UNPROCESSABLE');
      expect(error.message).toBe(
        'A personally-owned Android device cannot be factory reset by the organisation; a selective wipe removes the work profile',
      );
    }
  });

  it('factory resets a company-owned device including external storage, valid for 30 days so an offline phone still gets it', () => {
    for (const target of [fullyManaged, cope]) {
      const plan = planAndroidAction(target, 'WIPE_FULL', { message: 'Returned to IT' });
      expect(plan.requestType).toBe('WIPE');
      expect(plan.payload).toEqual({
        type: 'WIPE',
        duration: androidFixture<AmapiCommand>('command-request-wipe.json').duration,
        wipeParams: { wipeDataFlags: ['WIPE_EXTERNAL_STORAGE'], wipeReason: { defaultMessage: 'Returned to IT' } },
      });
      expect(plan.effect).toBe('Factory resets the company-owned device: every app and all data, including external storage, are erased.');
    }
  });
});

describe('operationOutcome', () => {
  const op = (fields: Partial<AmapiOperation>): AmapiOperation => ({ name: 'enterprises/e/devices/d/operations/1', ...fields });

  it('a pending operation is neither done nor succeeded, and names the operation and command type', () => {
    const outcome = operationOutcome(androidFixture<AmapiOperation>('operation-lock-issued.json'));
    expect(outcome).toEqual({
      done: false,
      succeeded: false,
      detail: { operation: 'enterprises/LC02my9vtl/devices/3b8f2c1a9d7e6f05/operations/1789552012345', type: 'LOCK' },
    });
    expect(operationOutcome(op({ done: false, metadata: { type: 'WIPE' }, error: { code: 9, message: 'x' } }))).toMatchObject({ done: false, succeeded: false });
  });

  it('an operation without metadata still reports its name', () => {
    expect(operationOutcome(op({ done: true }))).toEqual({ done: true, succeeded: true, detail: { operation: 'enterprises/e/devices/d/operations/1', type: undefined } });
  });

  it('a lost-mode status decides the outcome before anything else', () => {
    const stopped = operationOutcome(op({ done: true, metadata: { type: 'STOP_LOST_MODE', stopLostModeStatus: { status: 'NOT_IN_LOST_MODE' } } }));
    expect(stopped).toEqual({ done: true, succeeded: true, detail: { operation: 'enterprises/e/devices/d/operations/1', type: 'STOP_LOST_MODE', status: 'NOT_IN_LOST_MODE' } });
    const already = operationOutcome(op({ done: true, metadata: { type: 'START_LOST_MODE', startLostModeStatus: { status: 'ALREADY_IN_LOST_MODE' } } }));
    expect(already).toMatchObject({ done: true, succeeded: true });
    const exited = operationOutcome(op({ done: true, metadata: { type: 'START_LOST_MODE', startLostModeStatus: { status: 'USER_EXIT_LOST_MODE_RECENTLY' }, errorCode: 'UNKNOWN' } }));
    expect(exited).toEqual({ done: true, succeeded: false, detail: { operation: 'enterprises/e/devices/d/operations/1', type: 'START_LOST_MODE', status: 'USER_EXIT_LOST_MODE_RECENTLY' } });
  });

  it('a command error code fails the command and carries the error message when there is one', () => {
    const failed = operationOutcome(androidFixture<AmapiOperation>('operation-reboot-failed.json'));
    expect(failed).toEqual({
      done: true,
      succeeded: false,
      detail: {
        operation: 'enterprises/LC02my9vtl/devices/c41e7a90b2d3f618/operations/1789552099001',
        type: 'REBOOT',
        errorCode: 'MANAGEMENT_MODE',
        message: 'The management mode of the device does not support the command.',
      },
    });
    const bare = operationOutcome(op({ done: true, metadata: { type: 'REBOOT', errorCode: 'API_LEVEL' } }));
    expect(bare).toEqual({ done: true, succeeded: false, detail: { operation: 'enterprises/e/devices/d/operations/1', type: 'REBOOT', errorCode: 'API_LEVEL' } });
    const noMessage = operationOutcome(op({ done: true, metadata: { type: 'REBOOT', errorCode: 'INVALID_VALUE' }, error: { code: 3 } }));
    expect(noMessage.detail).not.toHaveProperty('message');
    expect(noMessage.succeeded).toBe(false);
  });

  it('the unspecified error code is no error', () => {
    expect(operationOutcome(op({ done: true, metadata: { type: 'LOCK', errorCode: 'COMMAND_ERROR_CODE_UNSPECIFIED' } }))).toEqual({
      done: true, succeeded: true, detail: { operation: 'enterprises/e/devices/d/operations/1', type: 'LOCK' },
    });
  });

  it('an Operation.error alone fails the command with its code and message', () => {
    expect(operationOutcome(op({ done: true, metadata: { type: 'WIPE' }, error: { code: 13, message: 'Internal error' } }))).toEqual({
      done: true, succeeded: false, detail: { operation: 'enterprises/e/devices/d/operations/1', type: 'WIPE', code: 13, message: 'Internal error' },
    });
    expect(operationOutcome(op({ done: true, error: {} }))).toMatchObject({ done: true, succeeded: false });
  });

  it('never copies a RESET_PASSWORD password into the stored detail', () => {
    const command = androidFixture<AmapiCommand>('command-request-reset-password.json');
    for (const done of [false, true]) {
      const outcome = operationOutcome(op({ done, metadata: command, error: { code: 3, message: 'bad' } }));
      expect(JSON.stringify(outcome)).not.toContain(command.newPassword);
    }
  });
});

describe('redactCommand', () => {
  it('replaces the new password of RESET_PASSWORD and keeps everything else', () => {
    const command = androidFixture<AmapiCommand>('command-request-reset-password.json');
    expect(redactCommand(command)).toEqual({ type: 'RESET_PASSWORD', newPassword: '[redacted]', resetPasswordFlags: ['REQUIRE_ENTRY', 'LOCK_NOW'] });
    expect(redactCommand({ type: 'RESET_PASSWORD', newPassword: '' }).newPassword).toBe('[redacted]');
  });

  it('adds no password field to a command that had none', () => {
    const wipe = androidFixture<AmapiCommand>('command-request-wipe.json');
    const redacted = redactCommand(wipe);
    expect(redacted).toEqual(wipe);
    expect(redacted).not.toHaveProperty('newPassword');
  });
});

describe('planAndroidRetirement', () => {
  const target = (fields: Partial<AndroidRetirementTarget>): AndroidRetirementTarget => ({
    ownership: 'CORPORATE', managementMode: 'DEVICE_OWNER', googleOwnership: 'COMPANY_OWNED', ...fields,
  });
  const workProfileRemoval = {
    wipeDataFlags: [],
    wipeReasonMessage: RETIREMENT_WIPE_REASON,
    effect: 'WORK_PROFILE',
    description: 'Google removes the work profile and its apps and data when the phone next connects; personal apps and data are untouched.',
  };

  it('removes only the work profile of a personal phone, telling its owner why', () => {
    expect(planAndroidRetirement(target({ ownership: 'PERSONAL', managementMode: 'PROFILE_OWNER', googleOwnership: 'PERSONALLY_OWNED' }))).toEqual(workProfileRemoval);
    // AMAPI shows at most 200 characters before the work profile goes.
    expect(RETIREMENT_WIPE_REASON.length).toBeLessThanOrEqual(200);
  });

  it('treats a device as personal when either we or Google say so', () => {
    expect(planAndroidRetirement(target({ ownership: 'PERSONAL', managementMode: 'PROFILE_OWNER', googleOwnership: null }))).toEqual(workProfileRemoval);
    expect(planAndroidRetirement(target({ ownership: 'CORPORATE', managementMode: 'PROFILE_OWNER', googleOwnership: 'PERSONALLY_OWNED' }))).toEqual(workProfileRemoval);
  });

  it('refuses to delete a personal device that is not reported as a work profile, since Google could factory reset it', () => {
    for (const fields of [
      { ownership: 'PERSONAL' as const, managementMode: 'DEVICE_OWNER', googleOwnership: 'PERSONALLY_OWNED' },
      { ownership: 'PERSONAL' as const, managementMode: null, googleOwnership: null },
      { ownership: 'CORPORATE' as const, managementMode: 'DEVICE_OWNER', googleOwnership: 'PERSONALLY_OWNED' },
    ]) {
      const error = refusal(() => planAndroidRetirement(target(fields)));
      expect(error.code).toBe('UNPROCESSABLE');
      expect(error.message).toBe(
        'This personal Android device is not reported as a work profile, and deleting it at Google could factory reset it; remove the work profile on the phone instead',
      );
      expect(error.details).toEqual({ managementMode: fields.managementMode, googleOwnership: fields.googleOwnership });
    }
  });

  it('factory resets a company-owned device with its external storage and no message (Google shows none there)', () => {
    const factoryReset = {
      wipeDataFlags: ['WIPE_EXTERNAL_STORAGE'],
      effect: 'FACTORY_RESET',
      description: 'Google factory resets the company-owned device when it next connects: every app and all data, including external storage.',
    };
    expect(planAndroidRetirement(target({}))).toEqual(factoryReset);
    expect(planAndroidRetirement(target({ managementMode: 'PROFILE_OWNER' }))).toEqual(factoryReset);
    expect(planAndroidRetirement(target({ googleOwnership: null }))).toEqual(factoryReset);
    // Reset protection data is cleared so the phone can be set up for someone else.
    expect(planAndroidRetirement(target({})).wipeDataFlags).not.toContain('PRESERVE_RESET_PROTECTION_DATA');
  });
});
