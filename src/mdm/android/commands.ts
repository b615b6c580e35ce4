import type { Ownership } from '../../generated/prisma/enums.js';
import type { ActionOptions, DeviceAction, PlannedCommand } from '../../domain/commands/device-actions.js';
import { AppError } from '../../errors.js';
import type { AmapiCommand, AmapiOperation } from './amapi-types.js';

/** A command stays valid on AMAPI's side this long: a wipe must still reach a phone that is off for weeks. */
export const WIPE_COMMAND_DURATION = `${30 * 86_400}s`;
export const DEFAULT_COMMAND_DURATION = '600s';
export const LOST_MODE_DURATION = `${86_400}s`;

export interface AndroidTarget {
  ownership: Ownership;
  /** DEVICE_OWNER (fully managed) or PROFILE_OWNER (work profile, BYOD or company-owned); null before enrolment. */
  managementMode: string | null;
}

const message = (text: string) => ({ defaultMessage: text });

/**
 * Chooses the AMAPI command for a generic action:
 * - LOCK → LOCK.
 * - WIPE_SELECTIVE → on a personally-owned work profile, WIPE (AMAPI removes the work profile only; refused when
 *   the device we call personal is fully managed, where WIPE is a factory reset); on a
 *   company-owned work profile (COPE), RELINQUISH_OWNERSHIP (removes the work profile, leaves the personal side);
 *   refused on a fully managed device, whose only selective option would be a factory reset.
 * - WIPE_FULL → WIPE (factory reset) on company-owned devices; refused on personally-owned ones: the organisation
 *   may only remove its work profile from someone's own phone.
 */
export function planAndroidAction(target: AndroidTarget, action: DeviceAction, options: ActionOptions): PlannedCommand {
  if (!target.managementMode) {
    throw new AppError('UNPROCESSABLE', 'The Android device has not finished enrolment; nothing can be sent to it yet');
  }
  const workProfile = target.managementMode === 'PROFILE_OWNER';
  const reason = message(options.message ?? 'Your organisation has removed its data from this device.');
  switch (action) {
    case 'LOCK':
      return {
        requestType: 'LOCK',
        payload: { type: 'LOCK', duration: DEFAULT_COMMAND_DURATION },
        effect: workProfile
          ? 'Locks the work profile (the whole screen when the work profile shares the device lock); personal apps stay usable only on a separate lock.'
          : 'Locks the device as if its screen timeout had expired.',
      };
    case 'WIPE_SELECTIVE':
      // Google chooses what WIPE does from the device as it sees it: on a fully managed one it is a factory reset.
      // A device we call personal that Google manages whole is a record at odds with the phone: refuse, never guess.
      if (target.ownership === 'PERSONAL' && !workProfile) {
        throw new AppError(
          'UNPROCESSABLE',
          'This device is recorded as personally owned but Google manages it as a fully managed device, where a selective wipe would factory reset it; correct its ownership first',
        );
      }
      if (target.ownership === 'PERSONAL') {
        return {
          requestType: 'WIPE',
          payload: { type: 'WIPE', duration: WIPE_COMMAND_DURATION, wipeParams: { wipeReason: reason } },
          effect: 'Removes the work profile only; personal apps and data on the device are untouched.',
        };
      }
      if (workProfile) {
        return {
          requestType: 'RELINQUISH_OWNERSHIP',
          payload: { type: 'RELINQUISH_OWNERSHIP', duration: WIPE_COMMAND_DURATION },
          effect: 'Removes the work profile and releases this company-owned device to personal use; personal data is kept.',
        };
      }
      throw new AppError(
        'UNPROCESSABLE',
        'A fully managed Android device has no separate work data to remove; use a full wipe (factory reset) instead',
      );
    case 'WIPE_FULL':
      if (target.ownership === 'PERSONAL') {
        throw new AppError(
          'UNPROCESSABLE',
          'A personally-owned Android device cannot be factory reset by the organisation; a selective wipe removes the work profile',
        );
      }
      return {
        requestType: 'WIPE',
        payload: {
          type: 'WIPE',
          duration: WIPE_COMMAND_DURATION,
          wipeParams: { wipeDataFlags: ['WIPE_EXTERNAL_STORAGE'], wipeReason: reason },
        },
        effect: 'Factory resets the company-owned device: every app and all data, including external storage, are erased.',
      };
  }
}

export interface OperationOutcome {
  done: boolean;
  succeeded: boolean;
  /** Stored on Command.result (success) or Command.error (failure); never contains a password. */
  detail: Record<string, unknown>;
}

// Lost-mode statuses meaning the device ended up in the requested state; any other value (RESET_PASSWORD_RECENTLY, ...) failed.
const REACHED_STATUS = new Set(['SUCCESS', 'ALREADY_IN_LOST_MODE', 'NOT_IN_LOST_MODE']);

/**
 * Classifies an Operation the way AMAPI's Command docs advise: command-specific status first, then
 * Command.errorCode, then Operation.error.
 */
export function operationOutcome(operation: AmapiOperation): OperationOutcome {
  const { newPassword: _secret, ...metadata } = operation.metadata ?? {};
  const detail: Record<string, unknown> = { operation: operation.name, type: metadata.type };
  if (!operation.done) return { done: false, succeeded: false, detail };
  const specific = metadata.startLostModeStatus?.status ?? metadata.stopLostModeStatus?.status;
  if (specific) {
    detail.status = specific;
    return { done: true, succeeded: REACHED_STATUS.has(specific), detail };
  }
  if (metadata.errorCode && metadata.errorCode !== 'COMMAND_ERROR_CODE_UNSPECIFIED') {
    detail.errorCode = metadata.errorCode;
    if (operation.error?.message) detail.message = operation.error.message;
    return { done: true, succeeded: false, detail };
  }
  if (operation.error) {
    detail.code = operation.error.code;
    detail.message = operation.error.message;
    return { done: true, succeeded: false, detail };
  }
  return { done: true, succeeded: true, detail };
}

/** Redacts what must never be stored: the new password of RESET_PASSWORD. */
export function redactCommand(command: AmapiCommand): AmapiCommand {
  const { newPassword, ...rest } = command;
  return newPassword === undefined ? rest : { ...rest, newPassword: '[redacted]' };
}

export interface AndroidRetirementTarget extends AndroidTarget {
  /** Google's own view of the device (Device.ownership: COMPANY_OWNED or PERSONALLY_OWNED), when reported. */
  googleOwnership: string | null;
}

export interface AndroidRetirementPlan {
  /** enterprises.devices.delete query parameters. */
  wipeDataFlags: string[];
  wipeReasonMessage?: string;
  effect: 'WORK_PROFILE' | 'FACTORY_RESET';
  description: string;
}

/** Shown on a personal phone before its work profile goes (AMAPI allows at most 200 characters). */
export const RETIREMENT_WIPE_REASON = 'Your organisation no longer manages this device and has removed its work profile. Your personal apps and data are untouched.';

/**
 * How retiring an Android device deletes it at Google (enterprises.devices.delete). Google decides the effect from
 * ownership: a personally-owned device loses its work profile only, a company-owned one (fully managed, or a
 * work profile on a company-owned phone) is factory reset. A personal device must never be fully wiped, so a
 * device that either side calls personal is retired only when it is a work profile (PROFILE_OWNER); anything
 * else is refused rather than risk a factory reset of someone's own phone.
 */
export function planAndroidRetirement(target: AndroidRetirementTarget): AndroidRetirementPlan {
  const personal = target.ownership === 'PERSONAL' || target.googleOwnership === 'PERSONALLY_OWNED';
  if (personal) {
    if (target.managementMode !== 'PROFILE_OWNER') {
      throw new AppError(
        'UNPROCESSABLE',
        'This personal Android device is not reported as a work profile, and deleting it at Google could factory reset it; remove the work profile on the phone instead',
        { details: { managementMode: target.managementMode, googleOwnership: target.googleOwnership } },
      );
    }
    return {
      wipeDataFlags: [],
      wipeReasonMessage: RETIREMENT_WIPE_REASON,
      effect: 'WORK_PROFILE',
      description: 'Google removes the work profile and its apps and data when the phone next connects; personal apps and data are untouched.',
    };
  }
  return {
    // External storage too: the device is the organisation's and goes back to stock. Reset protection data is
    // cleared (the flag to keep it is not sent) so the phone can be set up again for someone else.
    wipeDataFlags: ['WIPE_EXTERNAL_STORAGE'],
    effect: 'FACTORY_RESET',
    description: 'Google factory resets the company-owned device when it next connects: every app and all data, including external storage.',
  };
}
