import type { BaseDeps } from '../../deps.js';
import type { ActionOptions, CommandChannel, DeviceAction, DeviceActionTarget, PlannedCommand } from '../command-channel.js';
import { createSecretBox } from '../../domain/auth/secret-box.js';
import { AppError, notFound } from '../../errors.js';
import { markCommandAccepted } from '../../storage/command-queue.js';
import type { AmapiClient } from './amapi-client.js';
import type { AmapiCommand, AmapiOperation } from '../../mdm/android/amapi-types.js';
import { planAndroidAction } from '../../mdm/android/commands.js';

/** A claim on issuing a command older than this is taken to be from a process that died mid-call. */
const STALE_CLAIM_MS = 2 * 60_000;

/** Payload key holding a RESET_PASSWORD password sealed with DATA_ENCRYPTION_KEY until it is sent; removed after. */
export const SEALED_PASSWORD_KEY = 'newPasswordSealed';

type ChannelDeps = Pick<BaseDeps, 'db' | 'clock' | 'audit' | 'config' | 'logger' | 'queue'>;

/**
 * Called with an Operation Google reports finished in its issueCommand answer, so its outcome is applied at once
 * rather than at the next notification or poll. Wired by the composition root to the use case that applies it.
 */
export type OperationDoneHandler = (operation: AmapiOperation) => Promise<void>;

/** Android Management API device commands (devices.issueCommand), tracked by their long-running Operation. */
export class AndroidCommandChannel implements CommandChannel {
  readonly platform = 'ANDROID' as const;

  constructor(
    private readonly deps: ChannelDeps,
    private readonly amapi: { client: AmapiClient; enterprise: string } | null,
    private readonly onOperationDone: OperationDoneHandler,
  ) {}

  plan({ device, android }: DeviceActionTarget, action: DeviceAction, options: ActionOptions): PlannedCommand {
    return planAndroidAction({ ownership: device.ownership, managementMode: android?.managementMode ?? null }, action, options);
  }

  async deliver(commandId: string): Promise<void> {
    const { db, clock } = this.deps;
    const command = await db.command.findUnique({
      where: { id: commandId },
      include: { device: { include: { android: true } }, androidOperation: true },
    });
    if (!command) throw notFound('Command');
    if (command.device.platform !== 'ANDROID') throw new Error(`Command ${commandId} is not for an Android device`);
    if (command.androidOperation?.operationName) return;
    if (command.status !== 'QUEUED' && command.status !== 'SENT') return;
    if (!this.amapi) throw new AppError('SERVICE_UNAVAILABLE', 'Android management is not configured');
    const deviceName = command.device.android?.amapiName;
    if (!deviceName || command.device.status !== 'ENROLLED') {
      throw new AppError('UNPROCESSABLE', 'The Android device is not enrolled; the command cannot be sent');
    }

    const now = clock.now();
    const created = await db.androidOperation.createMany({ data: [{ commandId, claimedAt: now }], skipDuplicates: true });
    if (created.count === 0) {
      const reclaimed = await db.androidOperation.updateMany({
        where: { commandId, operationName: null, claimedAt: { lt: new Date(now.getTime() - STALE_CLAIM_MS) } },
        data: { claimedAt: now },
      });
      // Another delivery holds the claim or has issued the command already.
      if (reclaimed.count === 0) return;
    }

    const payload = { ...(command.payload as Record<string, unknown>) };
    const sealed = payload[SEALED_PASSWORD_KEY];
    delete payload[SEALED_PASSWORD_KEY];
    const body: AmapiCommand = { ...payload, type: command.requestType };
    if (typeof sealed === 'string') body.newPassword = createSecretBox(this.deps.config.DATA_ENCRYPTION_KEY).open(sealed);

    let operation;
    try {
      operation = await this.amapi.client.issueCommand(deviceName, body);
    } catch (error) {
      // Release the claim so a retry (job backoff or the operations reconciler) can issue it.
      await db.androidOperation.deleteMany({ where: { commandId, operationName: null } });
      throw error;
    }
    if (!operation.name) throw new Error('issueCommand returned an operation without a name');

    await db.$transaction(async (tx) => {
      await tx.androidOperation.update({ where: { commandId }, data: { operationName: operation.name, issuedAt: clock.now() } });
      await markCommandAccepted(tx, commandId, clock.now(), payload, { operation: operation.name });
    });
    if (operation.done) await this.onOperationDone(operation);
  }
}
