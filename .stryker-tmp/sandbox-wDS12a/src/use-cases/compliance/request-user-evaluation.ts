// @ts-nocheck
import type { BaseDeps } from '../../container.js';
import { requestEvaluation } from '../../storage/posture-store.js';

/** Queues a compliance evaluation of every managed device of a user (their MFA enrolment changed). */
export async function requestUserDevicesEvaluation(deps: Pick<BaseDeps, 'db' | 'queue'>, userId: string): Promise<number> {
  const devices = await deps.db.device.findMany({ where: { userId, status: { in: ['PENDING', 'ENROLLED'] } }, select: { id: true } });
  for (const { id } of devices) await requestEvaluation(deps, id);
  return devices.length;
}
