// @ts-nocheck
import type { Deps } from '../../container.js';
import { PushNotConfiguredError } from '../../integrations/apple/apns-client.js';

export class PushRetryableError extends Error {}

/**
 * One APNs wake-up for a device (job `apple.push-device`). A gone token (410, BadDeviceToken) is marked invalid
 * and not retried; throttling and server errors throw so the job retries with backoff.
 */
export async function pushDevice(deps: Deps, deviceId: string): Promise<'sent' | 'skipped' | 'token-invalid'> {
  const enrollment = await deps.db.appleEnrollment.findUnique({ where: { deviceId } });
  if (!enrollment?.pushTokenHex || !enrollment.pushMagic || enrollment.pushTokenInvalidAt || enrollment.checkedOutAt) return 'skipped';
  let result;
  try {
    result = await deps.apple.apns.push(enrollment.pushTokenHex, enrollment.pushMagic);
  } catch (error) {
    if (error instanceof PushNotConfiguredError) {
      deps.logger.warn({ deviceId }, 'APNs push skipped: no push certificate configured');
      return 'skipped';
    }
    throw error;
  }
  if (result.status === 200) return 'sent';
  if (result.status === 410 || (result.status === 400 && result.reason === 'BadDeviceToken')) {
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
  throw new PushRetryableError(`APNs answered ${result.status}${result.reason ? ` (${result.reason})` : ''}`);
}
