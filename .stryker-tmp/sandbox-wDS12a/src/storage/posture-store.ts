// @ts-nocheck
import type { BaseDeps } from '../container.js';
import type { DbOrTx } from '../db/prisma.js';
import { evaluateDeviceJob } from '../jobs/definitions/compliance.js';

/** Normalised posture fields; leave a field undefined when a report does not cover it (it keeps its old value). */
export interface PostureReport {
  encrypted?: boolean | null;
  passcodePresent?: boolean | null;
  passcodeCompliant?: boolean | null;
  passcodeMinLength?: number | null;
  autoLockMinutes?: number | null;
  osVersion?: string | null;
  osBuild?: string | null;
  securityPatchLevel?: Date | null;
  compromised?: boolean | null;
  supervised?: boolean | null;
  lastCheckInAt?: Date | null;
}

const FIELDS = [
  'encrypted', 'passcodePresent', 'passcodeCompliant', 'passcodeMinLength', 'autoLockMinutes', 'osVersion',
  'osBuild', 'securityPatchLevel', 'compromised', 'supervised', 'lastCheckInAt',
] as const satisfies readonly (keyof PostureReport)[];

/**
 * Applies a posture report produced by the device at `reportedAt`. A report older than the one already applied
 * changes nothing (reports can arrive out of order: Pub/Sub redelivery, delayed command results).
 * Returns whether the posture changed; when it did, the device is queued for compliance evaluation, unless
 * `tx` is given: then call requestEvaluation after the transaction commits, so the evaluation sees the new posture.
 */
export async function applyPostureReport(
  deps: Pick<BaseDeps, 'db' | 'queue'>,
  deviceId: string,
  report: PostureReport,
  reportedAt: Date,
  tx?: DbOrTx,
): Promise<boolean> {
  const db = tx ?? deps.db;
  const values = Object.fromEntries(FIELDS.filter((f) => report[f] !== undefined).map((f) => [f, report[f]]));
  // One statement decides "newer or not" and writes, so two concurrent reports cannot both win.
  const { count } = await db.devicePosture.updateMany({
    where: { deviceId, reportedAt: { lte: reportedAt } },
    data: { ...values, reportedAt },
  });
  let changed = count === 1;
  if (!changed) {
    const existing = await db.devicePosture.findUnique({ where: { deviceId }, select: { reportedAt: true } });
    if (existing) return false;
    const created = await db.devicePosture.createMany({ data: [{ deviceId, ...values, reportedAt }], skipDuplicates: true });
    changed = created.count === 1;
    if (!changed) return applyPostureReport(deps, deviceId, report, reportedAt, tx);
  }
  if (!tx) await requestEvaluation(deps, deviceId);
  return true;
}

/** Queues a compliance evaluation of one device (posture, ownership or its user's MFA changed). */
export async function requestEvaluation(deps: Pick<BaseDeps, 'queue'>, deviceId: string): Promise<void> {
  await deps.queue.enqueue(evaluateDeviceJob, { deviceId });
}
