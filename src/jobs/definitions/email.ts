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

/** Posts one notification to the Teams/Slack channel; 429, 5xx and network failures retried with backoff (about 2 hours). */
export const postChatNotificationJob = defineJob({
  name: 'chat.post',
  queue: 'webhooks',
  payload: Type.Object({ notificationId: Type.String({ format: 'uuid' }) }),
  attempts: 8,
  backoffMs: 30_000,
});

/** Queues the role-addressed notifications for the channel. */
export const dispatchChatNotificationsJob = defineJob({
  name: 'chat.dispatch',
  queue: 'webhooks',
  payload: Type.Object({}),
  attempts: 1,
  everyMs: 10_000,
});

export const emailJobs: JobDefinition[] = [sendEmailJob, dispatchEmailsJob, sendDigestsJob, postChatNotificationJob, dispatchChatNotificationsJob];
