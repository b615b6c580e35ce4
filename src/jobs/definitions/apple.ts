import { Type } from 'typebox';
import { defineJob, type JobDefinition } from '../job-queue.js';

/** Wakes one Apple device through APNs so it connects and fetches its queued commands. */
export const pushDeviceJob = defineJob({
  name: 'apple.push-device',
  queue: 'push',
  payload: Type.Object({ deviceId: Type.String({ format: 'uuid' }) }),
  attempts: 6,
  backoffMs: 5_000,
});

/**
 * Re-queries posture (DeviceInformation, SecurityInfo) of Apple devices whose last report is older than
 * APPLE_POSTURE_REFRESH_MS. Runs often and picks the due devices, so the interval is configuration, not code.
 */
export const refreshPostureJob = defineJob({
  name: 'apple.refresh-posture',
  queue: 'commands',
  payload: Type.Object({}),
  attempts: 3,
  everyMs: 15 * 60_000,
});

/** Moves devices whose enrolment link expired unused out of PENDING. */
export const expireEnrollmentsJob = defineJob({
  name: 'apple.expire-enrollments',
  queue: 'default',
  payload: Type.Object({}),
  attempts: 3,
  everyMs: 60 * 60_000,
});

/**
 * Installs the profiles a new compliance policy version derives (passcode policy, data protection restrictions) on
 * every enrolled Apple device: only the ones whose version changed.
 */
export const syncFleetProfilesJob = defineJob({
  name: 'apple.sync-profiles',
  queue: 'commands',
  payload: Type.Object({ policyVersion: Type.Integer({ minimum: 1 }), afterDeviceId: Type.Optional(Type.String({ format: 'uuid' })) }),
  attempts: 5,
  backoffMs: 5_000,
});

export const appleJobs: JobDefinition[] = [pushDeviceJob, refreshPostureJob, expireEnrollmentsJob, syncFleetProfilesJob];
