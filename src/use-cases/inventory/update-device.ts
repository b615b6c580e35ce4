import type { BaseDeps } from '../../deps.js';
import { auditActorOf, isFleetAdmin, type Actor } from '../../domain/access.js';
import { AppError, notFound } from '../../errors.js';
import { getDevice } from './get-device.js';

export interface DeviceChanges {
  assetTag?: string | null;
  displayName?: string | null;
  notes?: string | null;
}

/** IT's own labels on a device (asset tag, display name, notes); audited with the values before and after. */
export async function updateDevice(deps: Pick<BaseDeps, 'db' | 'audit'>, actor: Actor, deviceId: string, changes: DeviceChanges) {
  if (!isFleetAdmin(actor)) throw new AppError('FORBIDDEN', 'Only IT and ADMIN can edit devices');
  const fields = (Object.keys(changes) as (keyof DeviceChanges)[]).filter((k) => changes[k] !== undefined);
  if (fields.length === 0) throw new AppError('VALIDATION_FAILED', 'Nothing to change: give assetTag, displayName or notes');
  await deps.db.$transaction(async (tx) => {
    const before = await tx.device.findUnique({ where: { id: deviceId }, select: { assetTag: true, displayName: true, notes: true } });
    if (!before) throw notFound('Device');
    const data = Object.fromEntries(fields.map((k) => [k, changes[k]]));
    await tx.device.update({ where: { id: deviceId }, data });
    await deps.audit.record(
      { ...auditActorOf(actor), action: 'device.updated', targetType: 'device', targetId: deviceId, details: { before: Object.fromEntries(fields.map((k) => [k, before[k]])), after: data } },
      tx,
    );
  });
  return getDevice(deps, actor, deviceId);
}
