import type { Deps } from '../../deps.js';
import { ApnsTimeoutError, PushNotConfiguredError } from '../../integrations/apple/apns-client.js';
import { parseBackoff } from '../../domain/commands/status.js';
import { markDevicePushed, noteFailedPush } from '../../storage/command-queue.js';
import { findPushTarget, type PushTarget } from '../../storage/apple-device-store.js';

export class PushRetryableError extends Error {}

/**
 * One APNs wake-up for a device (job `apple.push-device`). When APNs accepts it, the device's waiting commands
 * record the push and when the next one is due (COMMAND_REPUSH_BACKOFF_SECONDS) unless the device fetches them.
 * A gone token (410, BadDeviceToken) is marked invalid and not retried; throttling, server errors, no answer within
 * APNS_REQUEST_TIMEOUT_MS and an unreachable APNs are failed pushes: counted (mdm_apns_pushes_total), noted on the
 * device's waiting commands (`error`) and thrown, so the job retries with backoff (and the delivery sweep re-pushes
 * once the command's lease runs out).
 */
export async function pushDevice(deps: Deps, deviceId: string, known?: PushTarget | null): Promise<'sent' | 'skipped' | 'token-invalid'> {
  // `known`: the target as the delivery claim read it a moment ago (the command channel's single-command push).
  const enrollment = known === undefined ? await findPushTarget(deps.db, deviceId) : known;
  if (!enrollment?.pushTokenHex || !enrollment.pushMagic || enrollment.pushTokenInvalidAt || enrollment.checkedOutAt) return 'skipped';
  const sentAt = deps.clock.now();
  const count = (outcome: 'accepted' | 'token_invalid' | 'error_status' | 'timeout' | 'unreachable') => deps.metrics.apnsPushes.inc({ outcome });
  /** A failed push: counted, noted on the device's waiting commands, thrown for the job to retry with backoff. */
  const failed = async (outcome: 'error_status' | 'timeout' | 'unreachable', error: Error): Promise<never> => {
    count(outcome);
    await noteFailedPush(deps.db, deviceId, deps.clock.now(), `APNs push failed: ${error.message}`).catch((noteError: unknown) =>
      deps.logger.warn({ err: noteError, deviceId }, 'could not note the failed push on the commands'),
    );
    throw error;
  };
  let result;
  try {
    result = await deps.apple.apns.push(enrollment.pushTokenHex, enrollment.pushMagic);
  } catch (error) {
    if (error instanceof PushNotConfiguredError) {
      deps.logger.warn({ deviceId }, 'APNs push skipped: no push certificate configured');
      return 'skipped';
    }
    return failed(error instanceof ApnsTimeoutError ? 'timeout' : 'unreachable', error instanceof Error ? error : new Error(String(error)));
  }
  if (result.status === 200) {
    count('accepted');
    await recordPush(deps, deviceId, sentAt);
    return 'sent';
  }
  if (result.status === 410 || (result.status === 400 && result.reason === 'BadDeviceToken')) {
    count('token_invalid');
    const now = deps.clock.now();
    // Only the token we pushed to is invalid: a TokenUpdate that raced us keeps its fresh token.
    await deps.db.appleEnrollment.updateMany({ where: { id: enrollment.id, pushTokenHex: enrollment.pushTokenHex }, data: { pushTokenInvalidAt: now } });
    await deps.audit.record({
      actorType: 'system',
      action: 'apple.push.token_invalid',
      targetType: 'device',
      targetId: deviceId,
      details: { status: result.status, reason: result.reason ?? null },
    });
    return 'token-invalid';
  }
  return failed('error_status', new PushRetryableError(`APNs answered ${result.status}${result.reason ? ` (${result.reason})` : ''}`));
}

/** APNs accepted: the device's waiting commands are pushed once more; re-pushes (2nd and later) are audited. */
async function recordPush(deps: Deps, deviceId: string, sentAt: Date) {
  const backoff = parseBackoff(deps.config.COMMAND_REPUSH_BACKOFF_SECONDS)!;
  const pushed = await markDevicePushed(deps.db, deviceId, sentAt, deps.clock.now(), backoff);
  const repushed = pushed.filter((c) => c.pushes > 1);
  if (repushed.length === 0) return;
  await deps.audit.record({
    actorType: 'system',
    actorId: 'delivery',
    action: 'command.pushed',
    targetType: 'device',
    targetId: deviceId,
    details: { commands: repushed.map((c) => ({ commandId: c.id, push: c.pushes })) },
  });
}
