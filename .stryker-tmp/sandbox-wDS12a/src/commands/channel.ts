// @ts-nocheck
import type { Device } from '../generated/prisma/client.js';
import type { Platform } from '../generated/prisma/enums.js';

/** What IT (or compliance escalation) asks of a device, whatever its platform. */
export type DeviceAction = 'LOCK' | 'WIPE_SELECTIVE' | 'WIPE_FULL';

export interface ActionOptions {
  /** Shown on the lock screen where the platform supports it. */
  message?: string;
  phoneNumber?: string;
  /** Apple DeviceLock / EraseDevice PIN (macOS). */
  pin?: string;
}

export interface PlannedCommand {
  /** The platform's request type as stored on Command.requestType (DeviceLock, EraseDevice, RemoveProfile, LOCK, WIPE, ...). */
  requestType: string;
  payload: Record<string, unknown>;
  /** Shown to the API caller, e.g. "removes the work profile only; personal data is untouched". */
  effect: string;
}

/**
 * One platform's way of carrying out device actions. Apple implements it with MDM commands fetched by the
 * device after an APNs push; Android with Android Management API device commands.
 */
export interface CommandChannel {
  readonly platform: Platform;
  /**
   * The platform command that performs `action` on this device. Throws AppError('UNPROCESSABLE') when the
   * enrolment cannot do it (e.g. EraseDevice on an Apple User Enrolment).
   */
  plan(device: Device, action: DeviceAction, options: ActionOptions): Promise<PlannedCommand>;
  /**
   * Makes the device act on a stored QUEUED command: an APNs push (Apple) or devices.issueCommand (Android).
   * Must be safe to call more than once for the same command id: retries and the reconciler rely on it.
   */
  deliver(commandId: string): Promise<void>;
}

export class UnavailableChannel implements CommandChannel {
  constructor(readonly platform: Platform) {}
  async plan(): Promise<PlannedCommand> {
    throw new Error(`${this.platform} commands are not available in this build`);
  }
  async deliver(): Promise<void> {
    throw new Error(`${this.platform} commands are not available in this build`);
  }
}
