// @ts-nocheck
import type { Deps } from '../../container.js';
import { AppError } from '../../errors.js';
import type { Tx } from '../../db/prisma.js';
import { decodePush, belongsToEnterprise, MalformedPushError, type AndroidNotification, type PubsubPushBody } from '../../mdm/android/notifications.js';
import { requireAmapi } from '../../mdm/android/services.js';
import { requestEvaluation } from '../../storage/posture-store.js';
import { applyAndroidDeviceReport } from './apply-android-device-report.js';
import { announceSettledCommand, applyAndroidOperation } from './apply-android-operation.js';

export interface PushInput {
  authorization: string | undefined;
  body: unknown;
  ip: string | null;
}

export interface PushResult {
  messageId?: string;
  outcome: string;
}

/**
 * One Pub/Sub push from AMAPI. Unauthenticated pushes are refused (401, audited). An authenticated message is
 * handled once: its id is recorded in the same transaction as its effects, so a redelivery is a no-op and a
 * failure rolls both back (the non-2xx answer makes Pub/Sub redeliver).
 */
export async function handleAndroidPush(deps: Deps, input: PushInput): Promise<PushResult> {
  const verdict = await deps.android.pushVerifier.verify(input.authorization);
  if (!verdict.ok) {
    await deps.audit.record({ actorType: 'anonymous', action: 'android.pubsub.rejected', ip: input.ip, details: { reason: verdict.reason } });
    throw new AppError('UNAUTHENTICATED', 'Push request is not authenticated');
  }
  const { enterprise } = requireAmapi(deps.android.amapi);
  let decoded;
  try {
    decoded = decodePush((input.body ?? {}) as PubsubPushBody);
  } catch (error) {
    if (!(error instanceof MalformedPushError)) throw error;
    // Authenticated but unreadable: acknowledged (a redelivery would be just as unreadable) and kept for review.
    await deps.audit.record({ actorType: 'system', action: 'android.pubsub.malformed', ip: input.ip, details: { reason: error.message } });
    return { outcome: 'malformed' };
  }
  const { messageId, publishTime, notification } = decoded;
  const now = deps.clock.now();

  const result = await deps.db.$transaction(async (tx): Promise<Handled> => {
    const inserted = await tx.androidPubsubMessage.createMany({
      data: [{ messageId, notificationType: notification.type, publishTime, receivedAt: now, outcome: 'processing' }],
      skipDuplicates: true,
    });
    if (inserted.count === 0) return { outcome: 'duplicate' };
    const handled = await apply(deps, tx, enterprise, notification, publishTime ?? now);
    await tx.androidPubsubMessage.update({ where: { messageId }, data: { outcome: handled.outcome } });
    return handled;
  });
  if (result.evaluate) await requestEvaluation(deps, result.evaluate);
  await announceSettledCommand(deps, result.settled);
  if (result.outcome === 'foreign-enterprise') {
    await deps.audit.record({ actorType: 'system', action: 'android.pubsub.foreign', ip: input.ip, details: { messageId, type: notification.type } });
  }
  return { messageId, outcome: result.outcome };
}

interface Handled {
  outcome: string;
  /** Device to re-judge once the transaction has committed. */
  evaluate?: string;
  /** Command that reached a final state, to announce once committed. */
  settled?: string;
}

async function apply(deps: Deps, tx: Tx, enterprise: string, notification: AndroidNotification, fallbackTime: Date): Promise<Handled> {
  if (notification.kind === 'device') {
    if (!belongsToEnterprise(notification.device.name!, enterprise)) return { outcome: 'foreign-enterprise' };
    const applied = await applyAndroidDeviceReport(deps, tx, notification.device, fallbackTime);
    return { outcome: applied.outcome, evaluate: applied.evaluate ? applied.deviceId : undefined, settled: applied.settledCommandId };
  }
  if (notification.kind === 'command') {
    if (!belongsToEnterprise(notification.operation.name!, enterprise)) return { outcome: 'foreign-enterprise' };
    const applied = await applyAndroidOperation(deps, notification.operation, tx);
    return { outcome: applied.outcome, settled: applied.settledCommandId };
  }
  return { outcome: 'ignored' };
}
