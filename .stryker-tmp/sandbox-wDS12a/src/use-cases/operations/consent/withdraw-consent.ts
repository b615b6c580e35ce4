// @ts-nocheck
import type { Deps } from '../../../container.js';
import type { Actor } from '../../../domain/access.js';
import { AppError } from '../../../errors.js';
import { requestDeviceAction } from '../../commands/request-device-action.js';

/**
 * Withdrawing consent ends the organisation's hold on the person's own devices: each enrolled personal device
 * gets a selective wipe (organisation data and the enrolment only), which unenrols it when the device confirms;
 * a device still pending enrolment is unenrolled at once.
 */
export async function withdrawConsent(deps: Pick<Deps, 'db' | 'queue' | 'audit' | 'clock' | 'config' | 'logger' | 'apple' | 'android' | 'operations'>, actor: Actor) {
  const now = deps.clock.now();
  const { count } = await deps.db.consent.updateMany({ where: { userId: actor.userId, withdrawnAt: null }, data: { withdrawnAt: now } });
  if (count === 0) throw new AppError('CONFLICT', 'You have no consent to withdraw');
  await deps.audit.record({ actorType: 'user', actorId: actor.userId, action: 'consent.withdrawn', targetType: 'user', targetId: actor.userId, ip: actor.ip ?? null });

  const devices = await deps.db.device.findMany({ where: { userId: actor.userId, ownership: 'PERSONAL', status: { in: ['PENDING', 'ENROLLED'] } } });
  const wipes: { deviceId: string; commandId: string | null; error?: string }[] = [];
  for (const device of devices) {
    if (device.status === 'PENDING') {
      await deps.db.device.updateMany({ where: { id: device.id, status: 'PENDING' }, data: { status: 'UNENROLLED' } });
      wipes.push({ deviceId: device.id, commandId: null });
      continue;
    }
    try {
      const { command } = await requestDeviceAction(deps, { system: 'consent', onBehalfOf: actor.userId }, {
        deviceId: device.id,
        action: 'WIPE_SELECTIVE',
        reason: 'BYOD consent withdrawn by the device owner',
        idempotencyKey: `consent-withdrawn-${device.id}-${now.getTime()}`,
      });
      wipes.push({ deviceId: device.id, commandId: command.id });
    } catch (error) {
      wipes.push({ deviceId: device.id, commandId: null, error: error instanceof Error ? error.message : String(error) });
    }
  }
  try {
    await deps.operations.webhooks.publish('consent.withdrawn', { userId: actor.userId, at: now.toISOString(), devices: wipes });
  } catch (error) {
    deps.logger.warn({ err: error }, 'could not publish consent webhook');
  }
  return { withdrawnAt: now.toISOString(), devices: wipes };
}
