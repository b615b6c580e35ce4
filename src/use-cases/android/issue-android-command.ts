import type { Deps } from '../../deps.js';
import { createSecretBox } from '../../domain/auth/secret-box.js';
import type { Actor } from '../../domain/access.js';
import { AppError, notFound } from '../../errors.js';
import { DEFAULT_COMMAND_DURATION, LOST_MODE_DURATION } from '../../mdm/android/commands.js';
import { SEALED_PASSWORD_KEY } from '../../integrations/android/command-channel.js';
import { queueCommands } from '../commands/queue-commands.js';
import { deliverCommand } from '../commands/deliver-command.js';
import { toCommandView, type CommandView } from '../commands/command-view.js';

export type AndroidOnlyCommand =
  | { type: 'RESET_PASSWORD'; newPassword: string; lockNow?: boolean }
  | { type: 'START_LOST_MODE'; message: string; phoneNumber?: string; email?: string; organization?: string }
  | { type: 'STOP_LOST_MODE' };

export interface AndroidCommandAccepted {
  command: CommandView;
  effect: string;
  replayed: boolean;
}

const message = (text: string) => ({ defaultMessage: text });

/**
 * Android commands with no generic equivalent (lock and wipe go through the operations API): RESET_PASSWORD and
 * lost mode, queued through the one command pipeline (the delivery job issues them to Google and retries).
 * The new password is sealed in the stored payload until it is sent and never stored in clear.
 */
export async function issueAndroidCommand(deps: Deps, actor: Actor, deviceId: string, input: AndroidOnlyCommand): Promise<AndroidCommandAccepted> {
  const device = await deps.db.device.findUnique({ where: { id: deviceId }, include: { android: true } });
  if (!device || device.platform !== 'ANDROID') throw notFound('Device');
  if (device.status !== 'ENROLLED' || !device.android?.amapiName) throw new AppError('UNPROCESSABLE', 'The device is not enrolled');
  const workProfile = device.android.managementMode === 'PROFILE_OWNER';
  let payload: Record<string, unknown>;
  let effect: string;
  switch (input.type) {
    case 'RESET_PASSWORD':
      payload = {
        duration: DEFAULT_COMMAND_DURATION,
        resetPasswordFlags: input.lockNow === false ? ['REQUIRE_ENTRY'] : ['REQUIRE_ENTRY', 'LOCK_NOW'],
        [SEALED_PASSWORD_KEY]: createSecretBox(deps.config.DATA_ENCRYPTION_KEY).seal(input.newPassword),
      };
      effect = workProfile
        ? 'Sets a new work-profile password; the user must enter it to open work apps.'
        : 'Sets a new device password; the user must enter it to unlock the device.';
      break;
    case 'START_LOST_MODE':
      if (device.ownership === 'PERSONAL') {
        throw new AppError('UNPROCESSABLE', 'Lost mode is only available on company-owned Android devices');
      }
      payload = {
        duration: LOST_MODE_DURATION,
        startLostModeParams: {
          lostMessage: message(input.message),
          ...(input.phoneNumber ? { lostPhoneNumber: message(input.phoneNumber) } : {}),
          ...(input.email ? { lostEmailAddress: input.email } : {}),
          ...(input.organization ? { lostOrganization: message(input.organization) } : {}),
        },
      };
      effect = 'Locks the device into lost mode showing the message and contact details; it reports its location.';
      break;
    case 'STOP_LOST_MODE':
      if (device.ownership === 'PERSONAL') throw new AppError('UNPROCESSABLE', 'Lost mode is only available on company-owned Android devices');
      payload = { duration: DEFAULT_COMMAND_DURATION };
      effect = 'Takes the device out of lost mode.';
      break;
  }
  const [command] = await queueCommands(deps, {
    deviceId,
    commands: [{ requestType: input.type, payload }],
    reason: `${input.type} requested through the API`,
    requestedById: actor.userId,
    actor: { actorType: 'user', actorId: actor.userId, ip: actor.ip ?? null },
  });
  // Try at once so the caller usually sees it SENT; if Google is unreachable the delivery job retries (the claim
  // makes sure only one of the two issues it).
  await deliverCommand(deps, command!.id, { finalAttempt: false }).catch((error) =>
    deps.logger.warn({ err: error, commandId: command!.id }, 'android command delivery failed; retrying in the background'),
  );
  const stored = await deps.db.command.findUniqueOrThrow({ where: { id: command!.id } });
  return { command: toCommandView(stored), effect, replayed: false };
}
