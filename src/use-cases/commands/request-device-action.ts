import type { Deps } from '../../deps.js';
import { UnavailableChannel, type ActionOptions, type CommandChannel, type DeviceAction } from '../../integrations/command-channel.js';
import type { Device } from '../../generated/prisma/client.js';
import { Prisma } from '../../db/prisma.js';
import { isFleetAdmin } from '../../domain/access.js';
import { isSystem, needsApproval, refusalFor, requesterUserId, type Requester } from '../../domain/commands/device-actions.js';
import { AppError, notFound } from '../../errors.js';
import { queueCommandDelivery } from '../../jobs/delivery-queue.js';
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
  const { db, audit, clock } = deps;
  if (!isSystem(requester) && !isFleetAdmin(requester)) throw new AppError('FORBIDDEN', 'Only IT and ADMIN can lock or wipe devices');
  const requestedById = requesterUserId(requester);
  const key = input.idempotencyKey ?? null;

  if (key) {
    const earlier = await findByIdempotencyKey(deps, requestedById, key);
    if (earlier) return replay(earlier, input);
  }

  const device = await db.device.findUnique({ where: { id: input.deviceId } });
  if (!device) throw notFound('Device');
  const actorFields = auditActor(requester);
  const refusal = refusalFor(device, input.action);
  if (refusal) {
    await audit.record({ ...actorFields, action: 'command.refused', targetType: 'device', targetId: device.id, details: { action: input.action, reason: refusal.message } });
    throw new AppError(refusal.code, refusal.message, { details: { action: input.action, ownership: device.ownership, deviceStatus: device.status } });
  }
  if (input.action === 'WIPE_FULL' && !isSystem(requester)) assertRecentMfa(deps, requester);

  const planned = await plan(channelFor(deps, device), device, input);
  const status = needsApproval(input.action, deps.config.FULL_WIPE_REQUIRES_APPROVAL) ? 'AWAITING_APPROVAL' : 'QUEUED';
  const now = clock.now();

  let command;
  try {
    command = await db.$transaction(async (tx) => {
      const created = await tx.command.create({
        data: {
          deviceId: device.id,
          action: input.action,
          requestType: planned.requestType,
          // Ahead of routine queries in the device's queue: a lost device may only check in once.
          priority: DEVICE_ACTION_PRIORITY,
          payload: planned.payload as Prisma.InputJsonValue,
          status,
          reason: input.reason,
          requestedById,
          idempotencyKey: key,
          requestedAt: now,
          queuedAt: status === 'QUEUED' ? now : null,
        },
      });
      await audit.record(
        {
          ...actorFields,
          action: 'command.requested',
          targetType: 'device',
          targetId: device.id,
          details: { commandId: created.id, action: input.action, requestType: planned.requestType, status, reason: input.reason, ownership: device.ownership, ...(isSystem(requester) ? { onBehalfOf: requester.onBehalfOf ?? null } : {}) },
        },
        tx,
      );
      // The webhook outbox row commits with the command and its audit event: one transaction per accepted request.
      const deliveries = await deps.webhooks.publisher.stage(tx, `command.${created.status.toLowerCase()}`, { command: toCommandView(created) });
      return { ...created, deliveries };
    });
  } catch (error) {
    // Two retries with one key raced; the loser answers with the winner's command.
    if (key && error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002') {
      const earlier = await findByIdempotencyKey(deps, requestedById, key);
      if (earlier) return replay(earlier, input);
    }
    throw error;
  }

  // Jobs only after commit; a Redis failure is logged, and the reconciler queues what PostgreSQL holds.
  if (status === 'QUEUED') await queueCommandDelivery(deps, command.id);
  await deps.webhooks.publisher.queue(command.deliveries);
  return { command: toCommandView(command), effect: planned.effect, replayed: false };
}

async function plan(channel: CommandChannel, device: Device, input: DeviceActionRequest) {
  if (channel instanceof UnavailableChannel) {
    throw new AppError('SERVICE_UNAVAILABLE', `${device.platform} device commands are not available on this server`);
  }
  return channel.plan(device, input.action, { message: input.message, phoneNumber: input.phoneNumber, pin: input.pin });
}

async function findByIdempotencyKey(deps: Pick<Deps, 'db'>, requestedById: string | null, key: string) {
  return deps.db.command.findFirst({ where: { requestedById, idempotencyKey: key } });
}

function replay(earlier: Awaited<ReturnType<typeof findByIdempotencyKey>> & object, input: DeviceActionRequest): DeviceActionResult {
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

/** Webhook subscribers follow a command through its steps (`command.queued`, `command.dispatched`, ...). */
export async function publishCommandEvent(deps: Pick<Deps, 'webhooks' | 'logger'>, command: Parameters<typeof toCommandView>[0], eventType?: string) {
  try {
    await deps.webhooks.publisher.publish(eventType ?? `command.${command.status.toLowerCase()}`, { command: toCommandView(command) });
  } catch (error) {
    deps.logger.warn({ err: error, commandId: command.id }, 'could not publish command webhook');
  }
}
