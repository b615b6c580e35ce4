import type { DbOrTx } from '../../db/prisma.js';
import { notFound } from '../../errors.js';
import { canSeeUser, isFleetAdmin, type Actor } from '../../domain/access.js';

/** A device the actor may see (owner, owner's manager, IT, ADMIN); 404 otherwise, so ids are not confirmed. */
export async function findVisibleDevice(db: DbOrTx, actor: Actor, deviceId: string) {
  const device = await db.device.findUnique({ where: { id: deviceId }, include: { user: { select: { id: true, managerId: true } } } });
  if (!device) throw notFound('Device');
  if (isFleetAdmin(actor)) return device;
  if (!device.user || !canSeeUser(actor, device.user)) throw notFound('Device');
  return device;
}
