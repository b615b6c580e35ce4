import type { Deps } from '../../deps.js';
import type { Prisma, Tx } from '../../db/prisma.js';
import { isFleetAdmin, type Actor } from '../../domain/access.js';
import { AppError, notFound } from '../../errors.js';
import { closeOpenCommandsOfDevice } from '../../storage/command-queue.js';
import { revokeAppleIdentity } from '../../storage/apple-device-store.js';
import { loadEnrollmentTraits } from '../../storage/apple-enrollment-traits.js';
import { retirementEffect } from '../../mdm/apple/commands.js';
import { planAndroidRetirement, type AndroidRetirementPlan } from '../../mdm/android/commands.js';
import { AmapiError } from '../../integrations/android/amapi-client.js';
import { requireAmapi } from '../../integrations/android/services.js';
import { requestEvaluation } from '../compliance/request-evaluation.js';
import { announceCommands, stageCommands, type StagedCommands } from '../commands/queue-commands.js';
import { toRetirementView, type RetirementView } from './retirement-view.js';

export interface RetiredDevice {
  deviceId: string;
  /**
   * CANCELLED: a pending enrolment that never completed; RETIRED: out of management now; RETIRING: an Apple device
   * has been asked to remove its management profile and is retired when it answers (or the request expires).
   */
  outcome: 'CANCELLED' | 'RETIRED' | 'RETIRING';
  status: 'UNENROLLED' | 'RETIRING';
  cancelledCommands: number;
  revokedCertificates: number;
  retirement: RetirementView;
}

type RetireDeps = Pick<Deps, 'db' | 'audit' | 'clock' | 'queue' | 'config' | 'logger' | 'webhooks' | 'android'>;

/** Ahead of anything else still in the device's queue (everything else is cancelled anyway). */
const REMOVE_PROFILE_PRIORITY = 20;

interface Finished {
  method: 'NONE' | 'AMAPI_DELETE';
  effect: string;
  outcome: string;
  details: Record<string, unknown>;
}

/**
 * IT cancels a pending enrolment or retires a device. The record stays (history and audit kept) and nothing is
 * left queued that could never be delivered.
 * - Apple: the device is first asked to remove its enrolment profile (RemoveProfile of its PayloadIdentifier, through
 *   the one command pipeline), which takes the managed apps, accounts and profiles with it; on User Enrolment only
 *   the managed data goes. The identity is revoked when the device answers (or checks out), or when the command
 *   fails or expires; a NotNow keeps it waiting. Until then the device is RETIRING and takes no other command.
 * - Android: the device is deleted at Google (enterprises.devices.delete), which removes a personal phone's work
 *   profile and factory resets a company-owned one; a personal device is never fully wiped.
 */
export async function retireDevice(deps: RetireDeps, actor: Actor, deviceId: string, reason: string): Promise<RetiredDevice> {
  if (!isFleetAdmin(actor)) throw new AppError('FORBIDDEN', 'Only IT and ADMIN can cancel enrolments or retire devices');
  const device = await deps.db.device.findUnique({ where: { id: deviceId }, include: { appleEnrollment: { select: { profileIdentifier: true, checkedOutAt: true } }, android: true } });
  if (!device) throw notFound('Device');
  refuseFinished(device.status, device.id);

  let result: RetiredDevice;
  if (device.status === 'PENDING') {
    result = await finishAtOnce(deps, actor, deviceId, 'PENDING', reason, { method: 'NONE', effect: 'NOTHING', outcome: 'ENROLMENT_CANCELLED', details: {} });
  } else if (device.platform === 'ANDROID') {
    result = await retireAndroid(deps, actor, device, reason);
  } else if (!device.appleEnrollment?.profileIdentifier || device.appleEnrollment.checkedOutAt) {
    // Nothing we could ask the device to remove: it never downloaded a profile of ours, or it already left.
    result = await finishAtOnce(deps, actor, deviceId, device.status, reason, {
      method: 'NONE',
      effect: 'NOTHING',
      outcome: 'NOT_REACHABLE',
      details: { why: 'the device has no enrolment profile of ours to remove' },
    });
  } else {
    return startAppleRetirement(deps, actor, deviceId, reason);
  }
  // Compliance stops judging it (its row goes), so reports no longer count it.
  await requestEvaluation(deps, deviceId);
  return result;
}

function refuseFinished(status: string, deviceId: string) {
  if (status === 'RETIRING') throw new AppError('CONFLICT', 'The device is already being retired', { details: { deviceId } });
  if (status === 'UNENROLLED' || status === 'WIPED') throw new AppError('CONFLICT', `The device is already ${status.toLowerCase()}`);
}

/** Locks the device row; the retirement goes on only if nobody changed its status since it was read. */
async function lockStatus(tx: Tx, deviceId: string, expected: string) {
  const locked = await tx.$queryRaw<{ status: string }[]>`SELECT status FROM "Device" WHERE id = ${deviceId}::uuid FOR UPDATE`;
  const status = locked[0]?.status;
  if (!status) throw notFound('Device');
  refuseFinished(status, deviceId);
  if (status !== expected) throw new AppError('CONFLICT', `The device became ${status.toLowerCase()} meanwhile; try again`);
}

async function finishAtOnce(deps: RetireDeps, actor: Actor, deviceId: string, previousStatus: string, reason: string, finished: Finished): Promise<RetiredDevice> {
  const now = deps.clock.now();
  const outcome: RetiredDevice['outcome'] = previousStatus === 'PENDING' ? 'CANCELLED' : 'RETIRED';
  return deps.db.$transaction(async (tx) => {
    await lockStatus(tx, deviceId, previousStatus);
    await tx.device.update({ where: { id: deviceId }, data: { status: 'UNENROLLED' } });
    const revokedCertificates = await revokeAppleIdentity(tx, deviceId, now, `device ${outcome.toLowerCase()} by IT: ${reason}`);
    const cancelledCommands = (await closeOpenCommandsOfDevice(tx, deviceId, { as: 'CANCELLED', now, reason: `device ${outcome.toLowerCase()}` })).length;
    const row = await tx.deviceRetirement.create({
      data: {
        deviceId,
        requestedById: actor.userId,
        requestedAt: now,
        reason,
        method: finished.method,
        effect: finished.effect,
        state: 'COMPLETED',
        outcome: finished.outcome,
        finishedAt: now,
        details: finished.details as Prisma.InputJsonValue,
      },
    });
    await deps.audit.record(
      {
        actorType: 'user',
        actorId: actor.userId,
        action: outcome === 'CANCELLED' ? 'device.enrollment_cancelled' : 'device.retired',
        targetType: 'device',
        targetId: deviceId,
        ip: actor.ip ?? null,
        details: { reason, previousStatus, cancelledCommands, revokedCertificates, method: finished.method, effect: finished.effect, outcome: finished.outcome, ...finished.details },
      },
      tx,
    );
    return { deviceId, outcome, status: 'UNENROLLED' as const, cancelledCommands, revokedCertificates, retirement: toRetirementView(row) };
  });
}

/** RETIRING now, RemoveProfile queued in the same transaction; settleRetirement finishes it when the command ends. */
async function startAppleRetirement(deps: RetireDeps, actor: Actor, deviceId: string, reason: string): Promise<RetiredDevice> {
  const now = deps.clock.now();
  const { enrollment, traits } = await loadEnrollmentTraits(deps.db, deviceId);
  const { effect, description } = retirementEffect(traits);
  let staged: StagedCommands | undefined;
  const result = await deps.db.$transaction(async (tx) => {
    await lockStatus(tx, deviceId, 'ENROLLED');
    await tx.device.update({ where: { id: deviceId }, data: { status: 'RETIRING' } });
    const cancelledCommands = (await closeOpenCommandsOfDevice(tx, deviceId, { as: 'CANCELLED', now, reason: 'device being retired' })).length;
    staged = await stageCommands(deps, tx, {
      deviceId,
      commands: [{ requestType: 'RemoveProfile', payload: { Identifier: enrollment.profileIdentifier! }, priority: REMOVE_PROFILE_PRIORITY }],
      reason: `Device retired by IT: ${reason}`,
      requestedById: actor.userId,
      actor: { actorType: 'user', actorId: actor.userId, ip: actor.ip ?? null },
      auditDetails: { retirement: true, effect },
    });
    const command = staged.rows[0]!;
    const row = await tx.deviceRetirement.create({
      data: {
        deviceId,
        requestedById: actor.userId,
        requestedAt: now,
        reason,
        method: 'APPLE_REMOVE_PROFILE',
        commandId: command.id,
        effect,
        state: 'PENDING',
        details: { description, profileIdentifier: enrollment.profileIdentifier, enrollmentType: traits.kind, ownership: traits.ownership },
      },
    });
    await deps.audit.record(
      {
        actorType: 'user',
        actorId: actor.userId,
        action: 'device.retirement_started',
        targetType: 'device',
        targetId: deviceId,
        ip: actor.ip ?? null,
        details: { reason, cancelledCommands, commandId: command.id, effect, profileIdentifier: enrollment.profileIdentifier },
      },
      tx,
    );
    return { deviceId, outcome: 'RETIRING' as const, status: 'RETIRING' as const, cancelledCommands, revokedCertificates: 0, retirement: toRetirementView(row) };
  });
  await announceCommands(deps, staged!);
  await requestEvaluation(deps, deviceId);
  return result;
}

/**
 * Google is asked first, outside any transaction: a device Google already forgot (404) counts as deleted, so a
 * retry after a failure here, or two requests racing, end the same way; only one of them records the retirement.
 */
async function retireAndroid(
  deps: RetireDeps,
  actor: Actor,
  device: { id: string; status: string; ownership: 'CORPORATE' | 'PERSONAL'; android: { amapiName: string | null; managementMode: string | null; ownership: string | null } | null },
  reason: string,
): Promise<RetiredDevice> {
  const name = device.android?.amapiName;
  if (!name) {
    return finishAtOnce(deps, actor, device.id, device.status, reason, { method: 'NONE', effect: 'NOTHING', outcome: 'NOT_REACHABLE', details: { why: 'Google never reported this device' } });
  }
  const plan: AndroidRetirementPlan = planAndroidRetirement({
    ownership: device.ownership,
    managementMode: device.android?.managementMode ?? null,
    googleOwnership: device.android?.ownership ?? null,
  });
  const amapi = requireAmapi(deps.android.amapi);
  let outcome = 'DELETED_AT_GOOGLE';
  try {
    await amapi.client.deleteDevice(name, { wipeDataFlags: plan.wipeDataFlags, ...(plan.wipeReasonMessage ? { wipeReasonMessage: plan.wipeReasonMessage } : {}) });
  } catch (error) {
    if (!(error instanceof AmapiError)) throw error;
    if (error.status !== 404) {
      throw new AppError('SERVICE_UNAVAILABLE', `Google did not delete the device (${error.status}); nothing was changed, try again`, { cause: error });
    }
    outcome = 'ALREADY_GONE_AT_GOOGLE';
  }
  return finishAtOnce(deps, actor, device.id, device.status, reason, {
    method: 'AMAPI_DELETE',
    effect: plan.effect,
    outcome,
    details: {
      description: plan.description,
      amapiName: name,
      wipeDataFlags: plan.wipeDataFlags,
      managementMode: device.android?.managementMode ?? null,
      googleOwnership: device.android?.ownership ?? null,
    },
  });
}
