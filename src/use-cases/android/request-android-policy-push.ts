import type { Deps } from '../../container.js';
import { pushAndroidPoliciesJob } from '../../jobs/definitions/android.js';

/**
 * Queues a push of the compliance policy in force to AMAPI. Compliance calls this after saving a policy version;
 * a Redis failure is logged, not thrown (the policy is saved; IT can re-push with POST /v1/android/policies/push).
 */
export async function requestAndroidPolicyPush(deps: Pick<Deps, 'android' | 'queue' | 'logger'>): Promise<void> {
  if (!deps.android.amapi) return;
  try {
    await deps.queue.enqueue(pushAndroidPoliciesJob, {});
  } catch (error) {
    deps.logger.warn({ err: error }, 'could not queue the Android policy push');
  }
}
