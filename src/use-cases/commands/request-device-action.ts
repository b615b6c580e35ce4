import type { Deps } from '../../deps.js';
import { UnavailableChannel, type ActionOptions, type CommandChannel, type DeviceAction } from '../../integrations/command-channel.js';
import type { Command, Device } from '../../generated/prisma/client.js';
import { isFleetAdmin } from '../../domain/access.js';
import { isSystem, needsApproval, refusalFor, requesterUserId, type Requester } from '../../domain/commands/device-actions.js';
import { AppError, notFound } from '../../errors.js';
import { findCommandByIdempotencyKey, isUniqueViolation } from '../../storage/command-queue.js';
import { readDeviceActionTarget, type DeviceActionTarget } from '../../storage/device-action-target.js';
import { queueCommands } from './queue-commands.js';
import { toCommandView, type CommandView } from './command-view.js';
import { assertRecentMfa } from '../auth/assert-recent-mfa.js';

export interface DeviceActionRequest extends ActionOptions {
  deviceId: string;
  action: DeviceAction;
  reason: string;
  /** Retrying with the same key (per requester) returns the first request's command instead of a second one. */
  idempotencyKey?: string | null;
}

export interface DeviceActionResult {
  command: CommandView;
  /** What the platform command does, e.g. "removes the work profile only". */
  effect: string | null;
  /** True when the idempotency key matched an earlier request and nothing new was created. */
  replayed: boolean;
}

const DEVICE_ACTION_PRIORITY = 10;

export type ActionDeps = Pick<Deps, 'db' | 'queue' | 'audit' | 'clock' | 'config' | 'logger' | 'apple' | 'android' | 'webhooks'>;

export function channelFor(deps: Pick<Deps, 'apple' | 'android'>, device: Pick<Device, 'platform'>): CommandChannel {
  return device.platform === 'APPLE' ? deps.apple.channel : deps.android.channel;
}

/**
 * Lock or wipe one device. The command is stored in PostgreSQL first (the source of truth), then a job
 * delivers it; when Redis is unavailable the reconciler queues it later. Full wipes may wait for a second
 * person's approval (FULL_WIPE_REQUIRES_APPROVAL).
 */
export async function requestDeviceAction(deps: ActionDeps, requester: Requester, input: DeviceActionRequest): Promise<DeviceActionResult> {
  const { audit } = deps;
  if (!isSystem(requester) && !isFleetAdmin(requester)) throw new AppError('FORBIDDEN', 'Only IT and ADMIN can lock or wipe devices');
  const requestedById = requesterUserId(requester);
  const key = input.idempotencyKey ?? null;

  // One read: the device, what its channel plans from, and whether this is a retry of an earlier request.
  const { target, earlierCommandId } = await readDeviceActionTarget(deps.db, input.deviceId, key ? { requestedById, key } : null);
  if (earlierCommandId) {
    const earlier = await findCommandByIdempotencyKey(deps.db, requestedById, key!);
    if (earlier) return replay(earlier, input);
  }
  if (!target) throw notFound('Device');
  const { device } = target;
  const actorFields = auditActor(requester);
  const refusal = refusalFor(device, input.action);
  if (refusal) {
    await audit.record({ ...actorFields, action: 'command.refused', targetType: 'device', targetId: device.id, details: { action: input.action, reason: refusal.message } });
    throw new AppError(refusal.code, refusal.message, { details: { action: input.action, ownership: device.ownership, deviceStatus: device.status } });
  }
  if (input.action === 'WIPE_FULL' && !isSystem(requester)) assertRecentMfa(deps, requester);

  const planned = plan(channelFor(deps, device), target, input);
  const status = needsApproval(input.action, deps.config.FULL_WIPE_REQUIRES_APPROVAL) ? 'AWAITING_APPROVAL' : 'QUEUED';

  let command;
  try {
    [command] = await queueCommands(deps, {
      deviceId: device.id,
      // Ahead of routine queries in the device's queue: a lost device may only check in once.
      commands: [{ requestType: planned.requestType, payload: planned.payload, priority: DEVICE_ACTION_PRIORITY, action: input.action, status }],
      reason: input.reason,
      requestedById,
      idempotencyKey: key,
      actor: actorFields,
      auditDetails: { ownership: device.ownership, ...(isSystem(requester) ? { onBehalfOf: requester.onBehalfOf ?? null } : {}) },
    });
  } catch (error) {
    // Two retries with one key raced; the loser answers with the winner's command.
    if (key && isUniqueViolation(error)) {
      const earlier = await findCommandByIdempotencyKey(deps.db, requestedById, key);
      if (earlier) return replay(earlier, input);
    }
    throw error;
  }
  return { command: toCommandView(command!), effect: planned.effect, replayed: false };
}

function plan(channel: CommandChannel, target: DeviceActionTarget, input: DeviceActionRequest) {
  if (channel instanceof UnavailableChannel) {
    throw new AppError('SERVICE_UNAVAILABLE', `${target.device.platform} device commands are not available on this server`);
  }
  return channel.plan(target, input.action, { message: input.message, phoneNumber: input.phoneNumber, pin: input.pin });
}

function replay(earlier: Command, input: DeviceActionRequest): DeviceActionResult {
  if (earlier.deviceId !== input.deviceId || earlier.action !== input.action) {
    throw new AppError('CONFLICT', 'This Idempotency-Key was already used for a different request', { details: { commandId: earlier.id } });
  }
  return { command: toCommandView(earlier), effect: null, replayed: true };
}

export function auditActor(requester: Requester) {
  return isSystem(requester)
    ? { actorType: 'system' as const, actorId: requester.system, ip: null }
    : { actorType: 'user' as const, actorId: requester.userId, ip: requester.ip ?? null };
}

