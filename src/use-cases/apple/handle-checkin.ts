import type { Deps } from '../../deps.js';
import { AppError } from '../../errors.js';
import type { Prisma } from '../../generated/prisma/client.js';
import { postureQueries } from '../../mdm/apple/commands.js';
import { parseCheckin, type CheckinMessage } from '../../mdm/apple/messages.js';
import { toJsonValue } from '../../mdm/apple/plist.js';
import type { DeviceEnrollment } from '../../storage/apple-device-store.js';
import { recordPostureReport } from '../compliance/record-posture-report.js';
import { decideReEnrolment, survivesDeviceSideUnenrolment } from '../../domain/devices/re-enrolment.js';
import { hashedDeviceIdentity, keepsHardwareIdentifiers, matchesStoredIdentity, storedDeviceIdentity, withoutHardwareIdentifiers } from '../../domain/devices/minimum-identifiers.js';
import { authenticateDevice, type DeviceRequest } from './authenticate-device.js';
import { decodeDeviceBody, requireBoundEnrollment } from './device-messages.js';
import { queueAppleCommands } from './queue-commands.js';
import { closeOpenCommandsOfDevice } from '../../storage/command-queue.js';
import { settleRetirement } from '../devices/settle-retirement.js';

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
  if (enrollment.enrollmentId && !matchesStoredIdentity(enrollment.enrollmentId, message.identity.id)) return refuse('certificate belongs to another device');
  if (enrollment.certSha256 && enrollment.certSha256 !== certificateSha256) return refuse('enrolment is bound to another certificate');
  const topic = await deps.apple.apns.topic();
  if (topic && message.topic !== topic) return refuse('push topic does not match our push certificate');

  const now = clock.now();
  const identity = message.identity;
  // The same device enrolling again (new profile) replaces its live enrolment, but only for the same person and
  // ownership; a certificate may never be used to end someone else's enrolment by naming its UDID.
  const incoming = await db.device.findUniqueOrThrow({ where: { id: enrollment.deviceId }, select: { userId: true, ownership: true } });
  const keepIdentifiers = keepsHardwareIdentifiers(incoming.ownership);
  // Either stored form of this identity: as sent (corporate, User Enrolment) or hashed (personal device enrolment).
  const previous = await db.appleEnrollment.findFirst({
    where: { enrollmentId: { in: [identity.id, hashedDeviceIdentity(identity.id)] } },
    include: { device: { select: { userId: true, ownership: true } } },
  });
  if (previous && previous.id !== enrollment.id && !previous.checkedOutAt) {
    const decision = decideReEnrolment(previous.device, incoming);
    if (!decision.allowed) {
      await deps.audit.record({
        actorType: 'device',
        actorId: message.identity.id,
        action: 'apple.enrollment.takeover_refused',
        targetType: 'device',
        targetId: previous.deviceId,
        ip,
        details: { endpoint: 'checkin', reason: decision.reason, anomaly: true, claimingDeviceId: enrollment.deviceId, certificateSha256 },
      });
      throw new AppError('BAD_SIGNATURE', 'This device identity belongs to another enrolment');
    }
  }
  await db.$transaction(async (tx) => {
    if (previous && previous.id !== enrollment.id && !previous.checkedOutAt) {
      await endEnrollment(deps, tx, previous.id, previous.deviceId, now, 'replaced by a new enrolment of the same device');
    }
    await tx.appleEnrollment.update({
      where: { id: enrollment.id },
      data: {
        type: identity.kind,
        enrollmentId: storedDeviceIdentity(identity.id, identity.kind, incoming.ownership),
        udid: keepIdentifiers ? (identity.udid ?? null) : null,
        appleEnrollmentId: identity.enrollmentId ?? null,
        certSha256: certificateSha256,
        topic: message.topic,
        // Push stays off until this enrolment's TokenUpdate.
        pushTokenHex: null,
        pushMagic: null,
        authenticatedAt: now,
        lastSeenAt: now,
        lastAuthenticate: toJsonValue(keepIdentifiers ? message.raw : withoutHardwareIdentifiers(message.raw)) as Prisma.InputJsonValue,
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
        ...(message.serialNumber && keepIdentifiers ? { serialNumber: message.serialNumber } : {}),
      },
    });
    await deps.audit.record(
      {
        actorType: 'device',
        actorId: storedDeviceIdentity(identity.id, identity.kind, incoming.ownership),
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

async function tokenUpdate(deps: Deps, enrollment: DeviceEnrollment, message: Extract<CheckinMessage, { type: 'TokenUpdate' }>) {
  const now = deps.clock.now();
  deps.apple.lastSeen.touch(enrollment.id, enrollment.deviceId, now);
  // Hot path: devices re-send TokenUpdate at will. One that changes nothing writes nothing (the enrolment was read
  // with the certificate); only the coalesced last-seen time moves.
  const unchanged =
    enrollment.tokenUpdatedAt !== null &&
    enrollment.pushTokenInvalidAt === null &&
    enrollment.topic === message.topic &&
    enrollment.pushTokenHex === message.tokenHex &&
    enrollment.pushMagic === message.pushMagic &&
    enrollment.awaitingConfiguration === message.awaitingConfiguration;
  if (unchanged) return;
  // Authenticate already made the device ENROLLED (a bound enrolment implies it): one write of the enrolment row.
  await deps.db.appleEnrollment.update({
    where: { id: enrollment.id },
    data: {
      topic: message.topic,
      pushTokenHex: message.tokenHex,
      pushMagic: message.pushMagic,
      pushTokenInvalidAt: null,
      awaitingConfiguration: message.awaitingConfiguration,
      tokenUpdatedAt: now,
    },
    select: { id: true },
  });
  if (!enrollment.tokenUpdatedAt) {
    // First TokenUpdate: the device can now be woken, so ask for its posture right away. Its DeviceInformation
    // answer (supervised or not) then installs every profile the policy derives for it in one round, checked by
    // one ProfileList (handle-report.ts → sync-apple-profiles.ts).
    const device = await deps.db.device.findUniqueOrThrow({ where: { id: enrollment.deviceId }, select: { ownership: true } });
    await queueAppleCommands(deps, enrollment.deviceId, postureCommands(enrollment.type ?? 'DEVICE', device.ownership), {
      requestedById: null,
      reason: 'posture and profiles after enrolment',
    });
  }
}

/** Posture queries; a personal device is asked no more than a User Enrolment may be (no hardware identifiers). */
export function postureCommands(kind: 'DEVICE' | 'USER', ownership: 'CORPORATE' | 'PERSONAL' = 'CORPORATE') {
  return [
    { requestType: 'DeviceInformation', payload: { Queries: postureQueries(ownership === 'PERSONAL' ? 'USER' : kind) } },
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
  // A device being retired checks out once it removed the profile: that is its answer to the RemoveProfile.
  await settleRetirement(deps, enrollment.deviceId, { checkedOut: true });
}

/** Unenrols: stops pushes, revokes the identity, cancels what the device will never fetch. */
async function endEnrollment(deps: Deps, tx: Prisma.TransactionClient, enrollmentRowId: string, deviceId: string, now: Date, reason: string) {
  await tx.appleEnrollment.update({
    where: { id: enrollmentRowId },
    data: { checkedOutAt: now, enrollmentId: null, certSha256: null, pushTokenHex: null, pushMagic: null },
  });
  await tx.appleCertificate.updateMany({ where: { enrollmentId: enrollmentRowId, revokedAt: null }, data: { revokedAt: now, revokedReason: reason } });
  await tx.device.updateMany({ where: { id: deviceId, status: { in: ['PENDING', 'ENROLLED', 'RETIRING'] } }, data: { status: 'UNENROLLED' } });
  const device = await tx.device.findUniqueOrThrow({ where: { id: deviceId }, select: { ownership: true } });
  const pending = await tx.command.findMany({
    where: { deviceId, status: { in: ['REQUESTED', 'AWAITING_APPROVAL', 'QUEUED', 'SENT'] } },
    select: { id: true, requestType: true, action: true },
  });
  // Only the device can have caused this (CheckOut, a new Authenticate): a corporate device's lock or wipe stays.
  const kept = pending.filter((command) => survivesDeviceSideUnenrolment(device.ownership, command)).map((command) => command.id);
  await closeOpenCommandsOfDevice(tx, deviceId, { as: 'CANCELLED', now, reason, exceptIds: kept });
  await deps.audit.record({ actorType: 'system', action: 'apple.enrollment.ended', targetType: 'device', targetId: deviceId, details: { reason } }, tx);
}
