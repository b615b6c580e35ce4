import type { DeviceActionTarget } from '../storage/device-action-target.js';
import type { ApplePushClaim } from '../storage/command-queue.js';
import type { Platform } from '../generated/prisma/enums.js';
import type { ActionOptions, DeviceAction, PlannedCommand } from '../domain/commands/device-actions.js';

export type { ActionOptions, DeviceAction, DeviceActionTarget, PlannedCommand };

/** A command as its delivery claim returned it (src/storage/command-queue.ts claimCommandDelivery). */
export interface ClaimedDelivery {
  deviceId: string;
  status: string;
  /** Apple: the device's push target and whether this is its only live command, read with the claim. */
  applePush?: ApplePushClaim;
}

/**
 * One platform's way of carrying out device actions. Apple implements it with MDM commands fetched by the
 * device after an APNs push; Android with Android Management API device commands.
 */
export interface CommandChannel {
  readonly platform: Platform;
  /**
   * The platform command that performs `action` on this device, from the device and its enrolment as the request
   * read them (one statement: storage/device-action-target.ts). Throws AppError('UNPROCESSABLE') when the
   * enrolment cannot do it (e.g. EraseDevice on an Apple User Enrolment).
   */
  plan(target: DeviceActionTarget, action: DeviceAction, options: ActionOptions): PlannedCommand;
  /**
   * Makes the device act on a stored QUEUED command: an APNs push (Apple) or devices.issueCommand (Android).
   * Must be safe to call more than once for the same command id: retries and the reconciler rely on it.
   * `claimed` is the command as the delivery claim just returned it, so a channel need not read it again.
   */
  deliver(commandId: string, claimed?: ClaimedDelivery): Promise<void>;
}

export class UnavailableChannel implements CommandChannel {
  constructor(readonly platform: Platform) {}
  plan(): PlannedCommand {
    throw new Error(`${this.platform} commands are not available in this build`);
  }
  async deliver(): Promise<void> {
    throw new Error(`${this.platform} commands are not available in this build`);
  }
}
