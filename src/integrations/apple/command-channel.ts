import type { BaseDeps } from '../../deps.js';
import type { ActionOptions, ClaimedDelivery, CommandChannel, DeviceAction, DeviceActionTarget, PlannedCommand } from '../command-channel.js';
import { AppError } from '../../errors.js';
import { refusal } from '../../mdm/apple/commands.js';
import { pushDeviceJob } from '../../jobs/definitions/apple.js';
import { traitsOf } from '../../storage/apple-enrollment-traits.js';
import type { PushTarget } from '../../storage/apple-device-store.js';

/** One APNs wake-up of a device whose push target the caller has read (the use case apple/push-device.ts). */
export type PushNow = (deviceId: string, target: PushTarget | null) => Promise<unknown>;

/** Apple's CommandChannel: plans MDM commands for generic actions; delivers by APNs push (the device then connects). */
export class AppleCommandChannel implements CommandChannel {
  readonly platform = 'APPLE' as const;

  /** `pushNow`: the push itself, given by the composition root (a use case; integrations do not import those). */
  constructor(
    private readonly deps: BaseDeps,
    private readonly pushNow?: PushNow,
  ) {}

  plan({ device, apple: enrollment }: DeviceActionTarget, action: DeviceAction, options: ActionOptions): PlannedCommand {
    if (!enrollment) throw new AppError('NOT_FOUND', 'Device not found');
    const traits = traitsOf(device, enrollment, enrollment.productName);
    let planned: PlannedCommand;
    switch (action) {
      case 'LOCK':
        planned = {
          requestType: 'DeviceLock',
          payload: {
            ...(options.message ? { Message: options.message } : {}),
            ...(options.phoneNumber ? { PhoneNumber: options.phoneNumber } : {}),
            ...(options.pin && traits.macOS ? { PIN: options.pin } : {}),
          },
          effect: 'locks the screen; the user unlocks with their passcode',
        };
        break;
      case 'WIPE_FULL':
        planned = {
          requestType: 'EraseDevice',
          payload: { ...(options.pin && traits.macOS ? { PIN: options.pin } : {}), PreserveDataPlan: true },
          effect: 'erases all content and settings on the device (factory reset)',
        };
        break;
      case 'WIPE_SELECTIVE':
        if (!enrollment.profileIdentifier) throw new AppError('UNPROCESSABLE', 'This device has no enrolment profile to remove');
        planned = {
          requestType: 'RemoveProfile',
          payload: { Identifier: enrollment.profileIdentifier },
          effect: 'removes the management profile and everything installed through it (managed apps, accounts, profiles); personal data is untouched',
        };
        break;
    }
    const refused = refusal(planned.requestType as 'DeviceLock' | 'EraseDevice' | 'RemoveProfile', traits);
    if (refused) throw new AppError('UNPROCESSABLE', refused);
    return planned;
  }

  async deliver(commandId: string, claimed?: ClaimedDelivery): Promise<void> {
    const command = claimed ?? (await this.readCommand(commandId));
    if (command.status !== 'QUEUED' && command.status !== 'SENT') return;
    // The device's only live command, its push target read with the claim: pushed here, in this delivery job (one
    // job and no second read per wipe or lock). A failed push throws, so the delivery job releases the claim and
    // retries as for any failed delivery.
    if (this.pushNow && command.applePush?.alone) {
      try {
        await this.pushNow(command.deviceId, command.applePush.target);
      } catch (error) {
        // Worded as the push job notes a failed push on the device's commands: the release keeps this message.
        throw new Error(`APNs push failed: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
      }
      return;
    }
    // Pushes for one device coalesce: one waits at most, and one asked for while another is being sent is kept
    // and sent after it, so a command queued during a push still gets a push of its own (the push job records
    // which commands each accepted push covered).
    await this.deps.queue.enqueue(pushDeviceJob, { deviceId: command.deviceId }, { dedupeId: `apple-push-${command.deviceId}`, keepLastIfActive: true });
  }

  private async readCommand(commandId: string): Promise<ClaimedDelivery> {
    const command = await this.deps.db.command.findUnique({ where: { id: commandId }, include: { device: { select: { platform: true } } } });
    if (!command || command.device.platform !== 'APPLE') throw new AppError('NOT_FOUND', 'Command not found');
    return command;
  }
}
