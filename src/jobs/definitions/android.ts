import { Type, type TSchema } from 'typebox';
import { defineJob, type JobDefinition } from '../job-queue.js';
import { DataLeakControlsSchema } from '../../domain/compliance/data-leak.js';

const Nullable = <T extends TSchema>(schema: T) => Type.Optional(Type.Union([schema, Type.Null()]));

/** Rule settings of one ownership; fields compliance has and AMAPI cannot enforce are ignored. */
function ruleSettings() {
  return Type.Object(
    {
      encryptionRequired: Type.Optional(Type.Boolean()),
      passcodeRequired: Type.Optional(Type.Boolean()),
      passcodeMinLength: Nullable(Type.Integer({ minimum: 1, maximum: 64 })),
      maxAutoLockMinutes: Nullable(Type.Integer({ minimum: 0, maximum: 1440 })),
      minOsVersion: Nullable(Type.String({ pattern: '^[0-9]+(\\.[0-9]+){0,3}$' })),
      gracePeriodHours: Nullable(Type.Integer({ minimum: 0 })),
      dataLeak: Type.Optional(DataLeakControlsSchema),
    },
    { additionalProperties: true },
  );
}

/** The settings pushAndroidPolicies accepts, per ownership; as the job payload, compliance's rule settings fit as they are. */
export const AndroidPolicySettings = Type.Object({ CORPORATE: Type.Optional(ruleSettings()), PERSONAL: Type.Optional(ruleSettings()) });

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
});

/** Fallback for lost COMMAND notifications: polls unfinished operations. */
export const reconcileAndroidOperationsJob = defineJob({
  name: 'android.reconcile-operations',
  queue: 'commands',
  payload: Type.Object({}),
  attempts: 1,
  everyMs: 5 * 60_000,
});

/** Pub/Sub redelivers for at most 7 days; message ids older than that can no longer come back. */
export const prunePubsubMessagesJob = defineJob({
  name: 'android.prune-pubsub-messages',
  queue: 'default',
  payload: Type.Object({}),
  attempts: 1,
  everyMs: 6 * 3600_000,
});

/** Removes Android devices whose enrolment token expired before any phone used it. */
export const expireAndroidEnrollmentsJob = defineJob({
  name: 'android.expire-enrollments',
  queue: 'default',
  payload: Type.Object({}),
  attempts: 1,
  everyMs: 3600_000,
});

export const androidJobs: JobDefinition[] = [
  pushAndroidPoliciesJob,
  reconcileAndroidOperationsJob,
  prunePubsubMessagesJob,
  expireAndroidEnrollmentsJob,
];
