import type { Deps } from '../../deps.js';
import { AppError } from '../../errors.js';
import type { Prisma } from '../../generated/prisma/client.js';
import { postureQueries } from '../../mdm/apple/commands.js';
import { parseCheckin, type CheckinMessage } from '../../mdm/apple/messages.js';
import { toJsonValue } from '../../mdm/apple/plist.js';
import { recordPostureReport } from '../compliance/record-posture-report.js';
import { authenticateDevice, type DeviceRequest } from './authenticate-device.js';
import { decodeDeviceBody, requireBoundEnrollment } from './device-messages.js';
import { queueAppleCommands } from './queue-commands.js';
import { closeOpenCommandsOfDevice } from '../../storage/command-queue.js';

export interface DeviceReply {
  status: number;
  body?: Buffer;
}

const EMPTY: DeviceReply = { status: 200 };

/** PUT /mdm/apple/checkin: Authenticate, TokenUpdate, CheckOut; other message types are declined per Apple. */
export async function handleCheckin(deps: Deps, request: Omit<DeviceRequest, 'endpoint'>): Promise<DeviceReply> {
  const auth = await authenticateDevice(deps, { ...request, endpoint: 'checkin' });
  const message = await decodeDeviceBody(deps, request.body, 'checkin', request.ip, parseCheckin);

  if (message.identity.userChannel) {
    // We do not run per-user channels; declining UserAuthenticate with 410 is Apple's documented way to say so.
    return message.type === 'Other' && message.messageType === 'UserAuthenticate' ? { status: 410 } : EMPTY;
  }
  switch (message.type) {
    case 'Authenticate':
      await authenticate(deps, auth.enrollmentRowId, auth.certificateSha256, message, request.ip);
      return EMPTY;
    case 'TokenUpdate':
      await tokenUpdate(deps, await requireBoundEnrollment(deps, auth, message.identity, 'checkin', request.ip), message);
      return EMPTY;
    case 'CheckOut':
      await checkOut(deps, await requireBoundEnrollment(deps, auth, message.identity, 'checkin', request.ip), request.ip);
      return EMPTY;
    default:
      await requireBoundEnrollment(deps, auth, message.identity, 'checkin', request.ip);
      // No bootstrap-token escrow here (the capability is not advertised): nothing stored, nothing to return.
      if (message.messageType === 'GetBootstrapToken' || message.messageType === 'SetBootstrapToken') return EMPTY;
      if (message.messageType === 'UserAuthenticate') return { status: 410 };
      throw new AppError('BAD_REQUEST', `Check-in message ${message.messageType} is not supported by this server`);
  }
}

async function authenticate(
  deps: Deps,
  enrollmentRowId: string,
  certificateSha256: string,
  message: Extract<CheckinMessage, { type: 'Authenticate' }>,
  ip: string | null,
) {
  const { db, clock } = deps;
  const enrollment = await db.appleEnrollment.findUnique({ where: { id: enrollmentRowId } });
  const refuse = async (reason: string) => {
    await deps.audit.record({
      actorType: 'device',
      actorId: message.identity.id,
      action: 'apple.request.rejected',
      targetType: 'device',
      targetId: enrollment?.deviceId ?? null,
      ip,
      details: { endpoint: 'checkin', reason, certificateSha256 },
    });
    throw new AppError('BAD_SIGNATURE', reason);
  };
  if (!enrollment || enrollment.checkedOutAt) return refuse('enrolment has ended');
  if (enrollment.enrollmentId && enrollment.enrollmentId !== message.identity.id) return refuse('certificate belongs to another device');
  if (enrollment.certSha256 && enrollment.certSha256 !== certificateSha256) return refuse('enrolment is bound to another certificate');
  const topic = await deps.apple.apns.topic();
  if (topic && message.topic !== topic) return refuse('push topic does not match our push certificate');

  const now = clock.now();
  const identity = message.identity;
  await db.$transaction(async (tx) => {
    // The same device enrolling again (new profile): the previous enrolment of that UDID/EnrollmentID ends here.
    const previous = await tx.appleEnrollment.findUnique({ where: { enrollmentId: identity.id } });
    if (previous && previous.id !== enrollment.id) {
      await endEnrollment(deps, tx, previous.id, previous.deviceId, now, 'replaced by a new enrolment of the same device');
    }
    await tx.appleEnrollment.update({
      where: { id: enrollment.id },
      data: {
        type: identity.kind,
        enrollmentId: identity.id,
        udid: identity.udid ?? null,
        appleEnrollmentId: identity.enrollmentId ?? null,
        certSha256: certificateSha256,
        topic: message.topic,
        // Push stays off until this enrolment's TokenUpdate.
        pushTokenHex: null,
        pushMagic: null,
        authenticatedAt: now,
        lastSeenAt: now,
        lastAuthenticate: toJsonValue(message.raw) as Prisma.InputJsonValue,
      },
    });
    await tx.device.update({
      where: { id: enrollment.deviceId },
      data: {
        status: 'ENROLLED',
        enrolledAt: now,
        lastSeenAt: now,
        ...(message.model ? { model: message.model } : {}),
        ...(message.deviceName ? { displayName: message.deviceName } : {}),
        ...(message.osVersion ? { osVersion: message.osVersion } : {}),
        ...(message.serialNumber ? { serialNumber: message.serialNumber } : {}),
      },
    });
    await deps.audit.record(
      {
        actorType: 'device',
        actorId: identity.id,
        action: 'apple.device.authenticated',
        targetType: 'device',
        targetId: enrollment.deviceId,
        ip,
        details: { enrollmentType: identity.kind, certificateSha256, osVersion: message.osVersion ?? null, productName: message.productName ?? null },
      },
      tx,
    );
  });
  await recordPostureReport(
    deps,
    enrollment.deviceId,
    { osVersion: message.osVersion, osBuild: message.buildVersion, lastCheckInAt: now },
    now,
  );
}

async function tokenUpdate(
  deps: Deps,
  enrollment: { id: string; deviceId: string; type: 'DEVICE' | 'USER' | null; tokenUpdatedAt: Date | null },
  message: Extract<CheckinMessage, { type: 'TokenUpdate' }>,
) {
  const now = deps.clock.now();
  // Hot path (devices re-send TokenUpdate at will): one batch, no interactive transaction.
  await deps.db.$transaction([
    deps.db.appleEnrollment.update({
      where: { id: enrollment.id },
      data: {
        topic: message.topic,
        pushTokenHex: message.tokenHex,
        pushMagic: message.pushMagic,
        pushTokenInvalidAt: null,
        awaitingConfiguration: message.awaitingConfiguration,
        tokenUpdatedAt: now,
        lastSeenAt: now,
      },
    }),
    // Authenticate already made the device ENROLLED (a bound enrolment implies it): only the last-seen time moves.
    deps.db.device.update({ where: { id: enrollment.deviceId }, data: { lastSeenAt: now } }),
  ]);
  if (!enrollment.tokenUpdatedAt) {
    // First TokenUpdate: the device can now be woken, so ask for its posture right away.
    await queueAppleCommands(deps, enrollment.deviceId, postureCommands(enrollment.type ?? 'DEVICE'), {
      requestedById: null,
      reason: 'posture after enrolment',
    });
  }
}

export function postureCommands(kind: 'DEVICE' | 'USER') {
  return [
    { requestType: 'DeviceInformation', payload: { Queries: postureQueries(kind) } },
    { requestType: 'SecurityInfo', payload: {} },
  ];
}

async function checkOut(deps: Deps, enrollment: { id: string; deviceId: string }, ip: string | null) {
  const now = deps.clock.now();
  await deps.db.$transaction(async (tx) => {
    await endEnrollment(deps, tx, enrollment.id, enrollment.deviceId, now, 'device checked out (MDM profile removed)');
    await deps.audit.record(
      { actorType: 'device', action: 'apple.device.checked_out', targetType: 'device', targetId: enrollment.deviceId, ip },
      tx,
    );
  });
}

/** Unenrols: stops pushes, revokes the identity, cancels what the device will never fetch. */
async function endEnrollment(deps: Deps, tx: Prisma.TransactionClient, enrollmentRowId: string, deviceId: string, now: Date, reason: string) {
  await tx.appleEnrollment.update({
    where: { id: enrollmentRowId },
    data: { checkedOutAt: now, enrollmentId: null, certSha256: null, pushTokenHex: null, pushMagic: null },
  });
  await tx.appleCertificate.updateMany({ where: { enrollmentId: enrollmentRowId, revokedAt: null }, data: { revokedAt: now, revokedReason: reason } });
  await tx.device.updateMany({ where: { id: deviceId, status: { in: ['PENDING', 'ENROLLED'] } }, data: { status: 'UNENROLLED' } });
  await closeOpenCommandsOfDevice(tx, deviceId, { as: 'CANCELLED', now, reason });
  await deps.audit.record({ actorType: 'system', action: 'apple.enrollment.ended', targetType: 'device', targetId: deviceId, details: { reason } }, tx);
}
