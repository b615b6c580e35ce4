import type { BaseDeps } from '../../deps.js';
import type { DbOrTx } from '../../db/prisma.js';
import type { PostureReport } from '../../domain/posture.js';
import { storePostureReport } from '../../storage/posture-store.js';
import { requestEvaluation } from './request-evaluation.js';

/**
 * Stores a device's posture report and, when it changed anything, queues the device for compliance evaluation,
 * unless `tx` is given: then the caller calls requestEvaluation after the transaction commits, so the evaluation
 * sees the new posture. Returns whether the posture changed.
 */
export async function recordPostureReport(
  deps: Pick<BaseDeps, 'db' | 'queue'>,
  deviceId: string,
  report: PostureReport,
  reportedAt: Date,
  tx?: DbOrTx,
): Promise<boolean> {
  const changed = await storePostureReport(tx ?? deps.db, deviceId, report, reportedAt);
  if (changed && !tx) await requestEvaluation(deps, deviceId);
  return changed;
}
