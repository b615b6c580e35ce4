// @ts-nocheck
import type { BaseDeps } from '../../container.js';
import { AppError } from '../../errors.js';
import { redactDeviceFor, type Actor } from '../../domain/access.js';
import type { CommandStatus } from '../../generated/prisma/enums.js';
import { toCommandView, type CommandView } from './command-view.js';
import { findVisibleDevice } from './visible-device.js';

/** The device's command queue and history, newest first (keyset cursor = last command id). */
export async function listDeviceCommands(
  deps: Pick<BaseDeps, 'db' | 'audit'>,
  actor: Actor,
  deviceId: string,
  query: { limit: number; cursor?: string; status?: CommandStatus },
): Promise<{ items: CommandView[]; nextCursor: string | null }> {
  if (query.cursor && !/^[0-9a-f-]{36}$/i.test(query.cursor)) throw new AppError('VALIDATION_FAILED', 'Invalid cursor');
  const device = await findVisibleDevice(deps.db, actor, deviceId);
  const rows = await deps.db.command.findMany({
    where: { deviceId, ...(query.status ? { status: query.status } : {}) },
    orderBy: [{ requestedAt: 'desc' }, { id: 'desc' }],
    take: query.limit + 1,
    ...(query.cursor ? { cursor: { id: query.cursor }, skip: 1 } : {}),
  });
  if (device.userId !== actor.userId) {
    await deps.audit.record({ actorType: 'user', actorId: actor.userId, action: 'device.commands.viewed', targetType: 'device', targetId: deviceId, ip: actor.ip ?? null });
  }
  const items = rows.slice(0, query.limit).map((row) => redactDeviceFor(device.view, toCommandView(row)));
  return { items, nextCursor: rows.length > query.limit ? items[items.length - 1]!.id : null };
}
