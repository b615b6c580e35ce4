import type { BaseDeps } from '../../deps.js';
import { evaluateDeviceJob } from '../../jobs/definitions/compliance.js';

/** Queues a compliance evaluation of one device (posture, ownership or its user's MFA changed). */
export async function requestEvaluation(deps: Pick<BaseDeps, 'queue'>, deviceId: string): Promise<void> {
  await deps.queue.enqueue(evaluateDeviceJob, { deviceId });
}

/** Queues a compliance evaluation of every managed device of a user (their MFA enrolment changed). */
export async function requestUserDevicesEvaluation(deps: Pick<BaseDeps, 'db' | 'queue'>, userId: string): Promise<number> {
  const devices = await deps.db.device.findMany({ where: { userId, status: { in: ['PENDING', 'ENROLLED'] } }, select: { id: true } });
  for (const { id } of devices) await requestEvaluation(deps, id);
  return devices.length;
}
