import { Type } from 'typebox';
import { defineJob, type JobDefinition } from '../job-queue.js';

/** Sends one stored e-mail; temporary SMTP failures are retried with exponential backoff (about 4 hours in all). */
export const sendEmailJob = defineJob({
  name: 'email.send',
  queue: 'email',
  payload: Type.Object({ deliveryId: Type.String({ format: 'uuid' }) }),
  attempts: 10,
  backoffMs: 30_000,
});

/** Queues the e-mails the notification triggers wrote. */
export const dispatchEmailsJob = defineJob({
  name: 'email.dispatch',
  queue: 'email',
  payload: Type.Object({}),
  attempts: 1,
  everyMs: 10_000,
});

/** Builds managers' digests. */
export const sendDigestsJob = defineJob({
  name: 'email.digests',
  queue: 'email',
  payload: Type.Object({}),
  attempts: 1,
  everyMs: 5 * 60_000,
});

export const emailJobs: JobDefinition[] = [sendEmailJob, dispatchEmailsJob, sendDigestsJob];
