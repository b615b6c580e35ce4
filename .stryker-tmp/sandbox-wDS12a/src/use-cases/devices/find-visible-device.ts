// @ts-nocheck
import type { DbOrTx, Prisma } from '../../db/prisma.js';
import { deviceViewFor, isFleetAdmin, type Actor, type DeviceView } from '../../domain/access.js';
import { notFound } from '../../errors.js';

/**
 * A device and the view the actor gets of it (see deviceViewFor); 404 when the actor may not see it at all, so
 * ids of other people's devices are never confirmed. Every device-scoped use case starts here.
 */
export async function findVisibleDevice(db: DbOrTx, actor: Actor, deviceId: string) {
  const device = await db.device.findUnique({ where: { id: deviceId }, include: { user: { select: { id: true, managerId: true } } } });
  if (!device) throw notFound('Device');
  const view = deviceViewFor(actor, device.user);
  if (!view) throw notFound('Device');
  return Object.assign(device, { view: view satisfies DeviceView });
}

/** The same rule as a Prisma filter, for lists (inventory, reports): the devices `actor` may see at all. */
export function visibleDeviceWhere(actor: Actor): Prisma.DeviceWhereInput {
  if (isFleetAdmin(actor)) return {};
  if (actor.role === 'MANAGER') return { OR: [{ userId: actor.userId }, { user: { managerId: actor.userId } }] };
  return { userId: actor.userId };
}
