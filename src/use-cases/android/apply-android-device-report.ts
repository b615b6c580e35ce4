import type { BaseDeps } from '../../deps.js';
import type { Prisma, Tx } from '../../db/prisma.js';
import type { AmapiDevice } from '../../mdm/android/amapi-types.js';
import { deviceFacts } from '../../mdm/android/posture.js';
import { recordPostureReport } from '../compliance/record-posture-report.js';
import { markWiped, WIPING_COMMANDS } from './apply-android-operation.js';
import { closeOpenCommandsOfDevice, storeCommandReport } from '../../storage/command-queue.js';

export type DeviceReportApplied = 'unknown-device' | 'enrolled' | 'updated' | 'stale' | 'wiped' | 'unenrolled' | 'already-removed';

export interface DeviceReportResult {
  outcome: DeviceReportApplied;
  /** Our device id when known; the caller queues a compliance evaluation after commit. */
  deviceId?: string;
  evaluate: boolean;
  /** A wipe command acknowledged by this report, to announce after commit. */
  settledCommandId?: string;
}

/**
 * Applies an ENROLLMENT or STATUS_REPORT Device snapshot. Snapshots arrive unordered: one older than the last
 * applied report changes nothing, and nothing revives a device whose final (DELETED) report was seen.
 */
export async function applyAndroidDeviceReport(
  deps: Pick<BaseDeps, 'db' | 'queue' | 'clock' | 'audit'>,
  tx: Tx,
  amapiDevice: AmapiDevice,
  fallbackTime: Date,
): Promise<DeviceReportResult> {
  const name = amapiDevice.name!;
  let android = await tx.androidDevice.findUnique({ where: { amapiName: name }, include: { device: true } });
  if (!android && amapiDevice.enrollmentTokenName) {
    android = await tx.androidDevice.findUnique({ where: { enrollmentTokenName: amapiDevice.enrollmentTokenName }, include: { device: true } });
  }
  // A device enrolled with a token this service did not create (console, another EMM tool): not ours to track.
  if (!android) return { outcome: 'unknown-device', evaluate: false };
  const deviceId = android.deviceId;
  const policy = amapiDevice.appliedPolicyName
    ? await tx.androidPolicy.findUnique({ where: { name: amapiDevice.appliedPolicyName }, select: { maximumTimeToLockMs: true } })
    : null;
  const facts = deviceFacts(amapiDevice, policy?.maximumTimeToLockMs);
  const reportedAt = facts.reportedAt ?? fallbackTime;
  const removed = android.device.status === 'WIPED' || android.device.status === 'UNENROLLED';

  if (facts.deleted) {
    if (removed) {
      // Google's final report after a retirement (devices.delete): the record says Google confirmed it.
      await tx.deviceRetirement.updateMany({ where: { deviceId, method: 'AMAPI_DELETE', confirmedAt: null }, data: { confirmedAt: reportedAt } });
      return { outcome: 'already-removed', deviceId, evaluate: false };
    }
    const wipe = await tx.command.findFirst({
      where: { deviceId, requestType: { in: WIPING_COMMANDS }, status: { in: ['QUEUED', 'SENT', 'ACKNOWLEDGED'] } },
      orderBy: { requestedAt: 'desc' },
    });
    let settledCommandId: string | undefined;
    if (wipe) {
      await markWiped(tx, deviceId);
      const acked = await storeCommandReport(tx, wipe.id, { outcome: 'acknowledge', result: undefined }, deps.clock.now());
      if (acked) settledCommandId = wipe.id;
    } else {
      // Nobody here asked for it: the user removed the work profile, or an admin deleted the device in Google's console.
      await tx.device.update({ where: { id: deviceId }, data: { status: 'UNENROLLED' } });
    }
    // Nothing else can reach a device Google no longer manages.
    await closeOpenCommandsOfDevice(tx, deviceId, { as: 'FAILED', now: deps.clock.now(), reason: 'The device left Android management before carrying this out', exceptIds: wipe ? [wipe.id] : [] });
    await tx.androidDevice.update({ where: { deviceId }, data: { amapiName: name, appliedState: 'DELETED' } });
    await deps.audit.record(
      { actorType: 'system', action: wipe ? 'android.device.wiped' : 'android.device.unenrolled', targetType: 'device', targetId: deviceId, details: { amapiName: name, commandId: wipe?.id } },
      tx,
    );
    return { outcome: wipe ? 'wiped' : 'unenrolled', deviceId, evaluate: true, settledCommandId };
  }
  if (removed) return { outcome: 'already-removed', deviceId, evaluate: false };

  const firstEnrolment = android.device.status === 'PENDING';
  // The "newer than what is stored" test and the write are one statement, so two reports of one device racing
  // in parallel deliveries cannot leave the older one stored.
  const { count: newer } = await tx.androidDevice.updateMany({
    where: { deviceId, OR: [{ lastStatusReportAt: null }, { lastStatusReportAt: { lte: reportedAt } }] },
    data: {
      ...facts.android,
      nonComplianceDetails: facts.android.nonComplianceDetails as unknown as Prisma.InputJsonValue,
      amapiName: name,
      lastStatusReportAt: reportedAt,
    },
  });
  if (newer === 0) {
    if (!android.amapiName) await tx.androidDevice.update({ where: { deviceId }, data: { amapiName: name } });
    return { outcome: 'stale', deviceId, evaluate: false };
  }
  const enrolledAt = amapiDevice.enrollmentTime ? new Date(amapiDevice.enrollmentTime) : reportedAt;
  await tx.device.update({
    where: { id: deviceId },
    data: {
      ...facts.device,
      ...(facts.ownership ? { ownership: facts.ownership } : {}),
      lastSeenAt: reportedAt,
      ...(firstEnrolment ? { status: 'ENROLLED', enrolledAt: Number.isNaN(enrolledAt.getTime()) ? reportedAt : enrolledAt } : {}),
    },
  });
  const postureChanged = await recordPostureReport(deps, deviceId, facts.posture, reportedAt, tx);
  if (firstEnrolment) {
    await deps.audit.record(
      {
        actorType: 'system',
        action: 'android.device.enrolled',
        targetType: 'device',
        targetId: deviceId,
        details: { amapiName: name, ownership: facts.android.ownership, managementMode: facts.android.managementMode },
      },
      tx,
    );
  }
  const ownershipChanged = facts.ownership !== null && facts.ownership !== android.device.ownership;
  return { outcome: firstEnrolment ? 'enrolled' : 'updated', deviceId, evaluate: postureChanged || firstEnrolment || ownershipChanged };
}
