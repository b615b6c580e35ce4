import { Type } from 'typebox';
import { defineJob, type JobDefinition } from '../job-queue.js';

/**
 * One wake-up attempt for a command due one (deduplicated per command while waiting). PostgreSQL stays the source
 * of truth: the delivery path claims the command under a lease, so a duplicate job does nothing.
 */
export const deliverCommandJob = defineJob({
  name: 'operations.deliver-command',
  queue: 'commands',
  payload: Type.Object({ commandId: Type.String({ format: 'uuid' }) }),
  attempts: 6,
  backoffMs: 2_000,
});

/** Posts one signed event to one subscriber endpoint; retried with exponential backoff. */
export const deliverWebhookJob = defineJob({
  name: 'operations.deliver-webhook',
  queue: 'webhooks',
  payload: Type.Object({ deliveryId: Type.String({ format: 'uuid' }) }),
  attempts: 8,
  backoffMs: 5_000,
});

/**
 * The delivery sweep: expires commands past their deadline, queues a delivery for every command due a (re-)push
 * and every webhook delivery missing from Redis. Every worker runs it on a timer (COMMAND_SWEEP_INTERVAL_MS) rather
 * than a BullMQ schedule, so losing Redis data cannot stop it; it can still be queued as a job.
 */
export const reconcileDeliveriesJob = defineJob({
  name: 'operations.reconcile-deliveries',
  queue: 'default',
  payload: Type.Object({}),
  attempts: 1,
});

/** Turns device status changes (recorded by a database trigger) into `device.status_changed` webhooks. */
export const publishDeviceEventsJob = defineJob({
  name: 'operations.publish-device-events',
  queue: 'webhooks',
  payload: Type.Object({}),
  attempts: 1,
  everyMs: 10_000,
});

export const deliveryJobs: JobDefinition[] = [
  publishDeviceEventsJob,
  deliverCommandJob,
  deliverWebhookJob,
  reconcileDeliveriesJob,
];
