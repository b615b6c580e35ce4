import { Type } from 'typebox';
import { defineJob, type JobDefinition } from '../job-queue.js';

/**
 * Delivers one stored QUEUED command through its platform channel. Job ids are `command-<id>-<round>`:
 * PostgreSQL stays the source of truth, and the delivery path itself refuses to deliver a command twice.
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
 * Re-queues commands and webhook deliveries stored as pending in PostgreSQL but missing from Redis
 * (Redis lost its data, a worker died holding a job). A job scheduler runs it at worker start, then on a cadence.
 */
export const reconcileDeliveriesJob = defineJob({
  name: 'operations.reconcile-deliveries',
  queue: 'default',
  payload: Type.Object({}),
  attempts: 1,
  everyMs: 60_000,
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
