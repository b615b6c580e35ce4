import type { TSchema } from 'typebox';
import type { JobDefinition, JobHandler } from './job-queue.js';
import { expireAndroidEnrollmentsJob, prunePubsubMessagesJob, pushAndroidPoliciesJob, reconcileAndroidOperationsJob } from './definitions/android.js';
import { expireEnrollmentsJob, pushDeviceJob, refreshPostureJob, syncFleetProfilesJob } from './definitions/apple.js';
import { escalateDeviceJob, evaluateDeviceJob, reevaluateFleetJob, remindUserJob, runEscalationActionJob, sweepComplianceJob } from './definitions/compliance.js';
import { runBulkActionJob } from './definitions/inventory.js';
import { dispatchChatNotificationsJob, dispatchEmailsJob, postChatNotificationJob, sendDigestsJob, sendEmailJob } from './definitions/email.js';
import { applyRetentionJob, foldMetricDeltasJob } from './definitions/observability.js';
import { dispatchChatNotifications } from '../use-cases/email/dispatch-chat-notifications.js';
import { dispatchEmails } from '../use-cases/email/dispatch-emails.js';
import { postChatNotification } from '../use-cases/email/post-chat-notification.js';
import { sendEmail } from '../use-cases/email/send-email.js';
import { sendDigests } from '../use-cases/email/send-digests.js';
import { foldMetricDeltas } from '../use-cases/observability/fold-metric-deltas.js';
import { applyRetention } from '../use-cases/retention/apply-retention.js';
import { deliverCommandJob, deliverWebhookJob, publishDeviceEventsJob, reconcileDeliveriesJob } from './definitions/delivery.js';
import { expireAndroidEnrollments } from '../use-cases/android/expire-android-enrollments.js';
import { prunePubsubMessages } from '../use-cases/android/prune-pubsub-messages.js';
import { pushAndroidPolicies } from '../use-cases/android/push-android-policies.js';
import { reconcileAndroidOperations } from '../use-cases/android/reconcile-android-operations.js';
import { expireAppleEnrollments } from '../use-cases/apple/expire-enrollments.js';
import { pushDevice } from '../use-cases/apple/push-device.js';
import { refreshApplePosture } from '../use-cases/apple/refresh-posture.js';
import { syncFleetProfiles } from '../use-cases/apple/sync-fleet-profiles.js';
import { remindDeviceUser } from '../use-cases/compliance/notify-device-user.js';
import { deliverCommand } from '../use-cases/commands/deliver-command.js';
import { reconcileDeliveries } from '../use-cases/commands/reconcile-deliveries.js';
import { escalateDevice } from '../use-cases/compliance/escalate-device.js';
import { evaluateDevice } from '../use-cases/compliance/evaluate-device.js';
import { reevaluateFleetBatch } from '../use-cases/compliance/reevaluate-fleet.js';
import { runEscalationAction } from '../use-cases/compliance/run-escalation-action.js';
import { sweepCompliance } from '../use-cases/compliance/sweep-compliance.js';
import { runBulkActionBatch } from '../use-cases/inventory/run-bulk-action.js';
import { deliverWebhook } from '../use-cases/webhooks/deliver-webhook.js';
import { publishDeviceEvents } from '../use-cases/webhooks/publish-device-events.js';

export type NamedHandler = readonly [name: string, handle: JobHandler];

/** Pairs a contract with its handler, typing the handler's payload from the contract's schema. */
const on = <S extends TSchema>(job: JobDefinition<S>, handle: JobHandler<S>): NamedHandler => [job.name, handle as JobHandler];

/** What the worker runs for each job contract. A list, not a map, so the registry can refuse a name handled twice. */
export const jobHandlers: readonly NamedHandler[] = [
  on(pushDeviceJob, async ({ deviceId }, deps) => void (await pushDevice(deps, deviceId))),
  on(refreshPostureJob, async (_payload, deps) => void (await refreshApplePosture(deps))),
  on(expireEnrollmentsJob, async (_payload, deps) => void (await expireAppleEnrollments(deps))),
  on(syncFleetProfilesJob, async (payload, deps) => void (await syncFleetProfiles(deps, payload))),

  on(pushAndroidPoliciesJob, async (settings, deps) => {
    if (!deps.android.amapi) return;
    await pushAndroidPolicies(deps, settings.CORPORATE || settings.PERSONAL ? settings : undefined);
  }),
  on(reconcileAndroidOperationsJob, async (_payload, deps) => void (await reconcileAndroidOperations(deps))),
  on(prunePubsubMessagesJob, async (_payload, deps) => void (await prunePubsubMessages(deps))),
  on(expireAndroidEnrollmentsJob, async (_payload, deps) => void (await expireAndroidEnrollments(deps))),

  on(evaluateDeviceJob, async ({ deviceId }, deps) => void (await evaluateDevice(deps, deviceId))),
  on(reevaluateFleetJob, async (payload, deps) => void (await reevaluateFleetBatch(deps, payload))),
  on(escalateDeviceJob, async ({ deviceId }, deps) => void (await escalateDevice(deps, deviceId))),
  on(runEscalationActionJob, async ({ actionId }, deps, ctx) => void (await runEscalationAction(deps, actionId, { lastAttempt: ctx.attempt >= ctx.maxAttempts }))),
  on(remindUserJob, async (payload, deps) => void (await remindDeviceUser(deps, payload))),
  on(sweepComplianceJob, async (payload, deps) => void (await sweepCompliance(deps, payload))),

  on(deliverCommandJob, async ({ commandId }, deps, ctx) => void (await deliverCommand(deps, commandId, { finalAttempt: ctx.attempt >= ctx.maxAttempts }))),
  on(deliverWebhookJob, async ({ deliveryId }, deps, ctx) => void (await deliverWebhook(deps, deliveryId, { finalAttempt: ctx.attempt >= ctx.maxAttempts }))),
  on(reconcileDeliveriesJob, async (_payload, deps) => void (await reconcileDeliveries(deps))),
  on(runBulkActionJob, async (payload, deps) => void (await runBulkActionBatch(deps, payload))),
  on(sendEmailJob, async ({ deliveryId }, deps, ctx) => void (await sendEmail(deps, deliveryId, { finalAttempt: ctx.attempt >= ctx.maxAttempts }))),
  on(dispatchEmailsJob, async (_payload, deps) => void (await dispatchEmails(deps))),
  on(sendDigestsJob, async (_payload, deps) => void (await sendDigests(deps))),
  on(postChatNotificationJob, async ({ notificationId }, deps, ctx) => void (await postChatNotification(deps, notificationId, { finalAttempt: ctx.attempt >= ctx.maxAttempts }))),
  on(dispatchChatNotificationsJob, async (_payload, deps) => void (await dispatchChatNotifications(deps))),
  on(foldMetricDeltasJob, async (_payload, deps) => void (await foldMetricDeltas(deps))),
  on(applyRetentionJob, async (_payload, deps) => void (await applyRetention(deps))),
  on(publishDeviceEventsJob, async (_payload, deps) => void (await publishDeviceEvents(deps))),
];
