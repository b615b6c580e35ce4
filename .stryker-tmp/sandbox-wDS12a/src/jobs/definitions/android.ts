// @ts-nocheck
import { Type } from 'typebox';
import { defineJob, type JobDefinition } from '../job-queue.js';
import { AndroidPolicySettings, pushAndroidPolicies } from '../../use-cases/android/push-android-policies.js';
import { expireAndroidEnrollments } from '../../use-cases/android/expire-android-enrollments.js';
import { reconcileAndroidOperations } from '../../use-cases/android/reconcile-android-operations.js';

/**
 * Rebuilds and patches the AMAPI policies: from the given settings, or (empty payload) from the compliance policy
 * in force. Compliance queues it, with its ANDROID settings, after every policy change (update-policy.ts).
 */
export const pushAndroidPoliciesJob = defineJob({
  name: 'android.push-policies',
  queue: 'default',
  payload: AndroidPolicySettings,
  attempts: 6,
  backoffMs: 10_000,
  async handle(settings, deps) {
    if (!deps.android.amapi) return;
    await pushAndroidPolicies(deps, settings.CORPORATE || settings.PERSONAL ? settings : undefined);
  },
});

/** Fallback for lost COMMAND notifications: polls unfinished operations. */
export const reconcileAndroidOperationsJob = defineJob({
  name: 'android.reconcile-operations',
  queue: 'commands',
  payload: Type.Object({}),
  attempts: 1,
  everyMs: 5 * 60_000,
  async handle(_payload, deps) {
    await reconcileAndroidOperations(deps);
  },
});

/** Pub/Sub redelivers for at most 7 days; message ids older than that can no longer come back. */
export const prunePubsubMessagesJob = defineJob({
  name: 'android.prune-pubsub-messages',
  queue: 'default',
  payload: Type.Object({}),
  attempts: 1,
  everyMs: 6 * 3600_000,
  async handle(_payload, deps) {
    const cutoff = new Date(deps.clock.now().getTime() - 8 * 86_400_000);
    await deps.db.androidPubsubMessage.deleteMany({ where: { receivedAt: { lt: cutoff } } });
  },
});

/** Removes Android devices whose enrolment token expired before any phone used it. */
export const expireAndroidEnrollmentsJob = defineJob({
  name: 'android.expire-enrollments',
  queue: 'default',
  payload: Type.Object({}),
  attempts: 1,
  everyMs: 3600_000,
  async handle(_payload, deps) {
    await expireAndroidEnrollments(deps);
  },
});

export const androidJobs: JobDefinition[] = [
  pushAndroidPoliciesJob,
  reconcileAndroidOperationsJob,
  prunePubsubMessagesJob,
  expireAndroidEnrollmentsJob,
] as unknown as JobDefinition[];
