// @ts-nocheck
import { Type } from 'typebox';
import { defineJob, type JobDefinition } from '../job-queue.js';
import { deliverCommand } from '../../use-cases/operations/deliver-command.js';
import { deliverWebhook } from '../../use-cases/operations/deliver-webhook.js';
import { reconcileDeliveries } from '../../use-cases/operations/reconcile-deliveries.js';
import { publishDeviceEvents } from '../../use-cases/operations/publish-device-events.js';

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
  async handle({ commandId }, deps, ctx) {
    await deliverCommand(deps, commandId, { finalAttempt: ctx.attempt >= ctx.maxAttempts });
  },
});

/** Posts one signed event to one subscriber endpoint; retried with exponential backoff. */
export const deliverWebhookJob = defineJob({
  name: 'operations.deliver-webhook',
  queue: 'webhooks',
  payload: Type.Object({ deliveryId: Type.String({ format: 'uuid' }) }),
  attempts: 8,
  backoffMs: 5_000,
  async handle({ deliveryId }, deps, ctx) {
    await deliverWebhook(deps, deliveryId, { finalAttempt: ctx.attempt >= ctx.maxAttempts });
  },
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
  async handle(_payload, deps) {
    await reconcileDeliveries(deps);
  },
});

/** Turns device status changes (recorded by a database trigger) into `device.status_changed` webhooks. */
export const publishDeviceEventsJob = defineJob({
  name: 'operations.publish-device-events',
  queue: 'webhooks',
  payload: Type.Object({}),
  attempts: 1,
  everyMs: 10_000,
  async handle(_payload, deps) {
    await publishDeviceEvents(deps);
  },
});

export const operationsJobs: JobDefinition[] = [
  publishDeviceEventsJob as unknown as JobDefinition,
  deliverCommandJob as unknown as JobDefinition,
  deliverWebhookJob as unknown as JobDefinition,
  reconcileDeliveriesJob as unknown as JobDefinition,
];
