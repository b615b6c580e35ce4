import type { Deps } from '../../deps.js';
import type { Prisma } from '../../generated/prisma/client.js';
import { parseBackoff } from '../../domain/commands/status.js';
import { findDeviceCommand, nextCommandFor, storeCommandOutcomeRecorded, storeCommandReport } from '../../storage/command-queue.js';
import { commandStepEntry, recordCommandStep } from '../commands/command-events.js';
import { toCommandView } from '../commands/command-view.js';
import { encodeCommand } from '../../mdm/apple/commands.js';
import { isOurCommandUuid, parseReport, type CommandReport } from '../../mdm/apple/messages.js';
import { toJsonValue } from '../../mdm/apple/plist.js';
import { deviceFactsFromDeviceInformation, postureFromDeviceInformation, postureFromSecurityInfo } from '../../mdm/apple/posture.js';
import type { PostureReport } from '../../domain/posture.js';
import type { DeviceEnrollment } from '../../storage/apple-device-store.js';
import { recordPostureReport } from '../compliance/record-posture-report.js';
import { recordProfileList, recordProfileResult } from './record-profile-results.js';
import { syncAppleProfiles } from './sync-apple-profiles.js';
import { settleRetirement } from '../devices/settle-retirement.js';
import { authenticateDevice, type DeviceRequest } from './authenticate-device.js';
import { keepsHardwareIdentifiers, withoutHardwareIdentifiers } from '../../domain/devices/minimum-identifiers.js';
import { decodeDeviceBody, requireBoundEnrollment } from './device-messages.js';
import type { DeviceReply } from './handle-checkin.js';

/**
 * PUT /mdm/apple/connect: stores the result the device reports, then hands it the next queued command
 * (or an empty 200, which ends the session). NotNow leaves the command queued and skips it for this session.
 */
export async function handleReport(deps: Deps, request: Omit<DeviceRequest, 'endpoint'>): Promise<DeviceReply> {
  // The certificate, its enrolment and the next queued command come back in one read.
  const auth = await authenticateDevice(deps, { ...request, endpoint: 'connect' }, { withNextCommand: true });
  const report = await decodeDeviceBody(deps, request.body, 'connect', request.ip, parseReport);
  if (report.identity.userChannel) return { status: 200 };
  const enrollment = await requireBoundEnrollment(deps, auth, report.identity, 'connect', request.ip);
  const now = deps.clock.now();
  deps.apple.lastSeen.touch(enrollment.id, enrollment.deviceId, now);

  if (!report.commandUuid) {
    // Idle: the queue as read with the session is current. Nothing queued: that read was the whole request.
    if (!auth.nextCommand) return { status: 200 };
    return nextCommand(deps, enrollment.deviceId, false, now);
  }
  await storeResult(deps, enrollment, report, now);
  // After a NotNow the device is busy: offer only commands it has not put off (NanoMDM's skipNotNow), else it loops.
  return nextCommand(deps, enrollment.deviceId, report.status === 'NotNow', now);
}

async function storeResult(deps: Deps, enrollment: DeviceEnrollment, sent: CommandReport, now: Date) {
  let report = sent;
  const commandUuid = report.commandUuid!;
  const command = isOurCommandUuid(commandUuid)
    ? await findDeviceCommand(deps.db, enrollment.deviceId, commandUuid.toLowerCase())
    : null;
  if (!command) {
    // A result we cannot place must not block the queue (micromdm#1040); keep it in the audit trail.
    await deps.audit.record({
      actorType: 'device',
      actorId: enrollment.enrollmentId,
      action: 'apple.command.unknown_result',
      targetType: 'device',
      targetId: enrollment.deviceId,
      details: { commandUuid, status: report.status },
    });
    return;
  }
  if (command.status !== 'SENT' && command.status !== 'QUEUED') return; // duplicate or late report
  // A personal phone's serial, UDID, IMEI and the like are dropped before anything is stored, whatever was asked.
  if (!keepsHardwareIdentifiers(command.device.ownership)) report = { ...report, result: withoutHardwareIdentifiers(report.result) };

  if (report.status === 'NotNow') {
    await storeCommandReport(deps.db, command.id, { outcome: 'not_now' }, now);
    return;
  }
  const acknowledged = report.status === 'Acknowledged';
  const result = toJsonValue(report.result);
  // Applied once: a second report of the same result (the device retrying after a lost answer) finds it final.
  // The result and its audit event are one statement, so a connection lost in between cannot leave one without the other.
  const outcome = acknowledged ? { outcome: 'acknowledge' as const, result } : { outcome: 'fail' as const, result, error: { status: report.status, errorChain: toJsonValue(report.errorChain ?? []) } };
  const step = acknowledged ? 'command.acknowledged' : 'command.failed';
  const { device: _device, ...commandRow } = command;
  const outcomeStored = await storeCommandOutcomeRecorded(deps.db, commandRow, outcome, now, (row) => ({
    audit: commandStepEntry(row, step, { actorType: 'device', actorId: enrollment.enrollmentId, ip: null }, {
      reportStatus: report.status,
      ...(report.errorChain ? { errorChain: toJsonValue(report.errorChain) } : {}),
    }),
    // Subscribers hear of it from the same statement (the outbox row commits with the result).
    webhook: { eventType: step, data: { command: toCommandView(row) } },
  }));
  if (!outcomeStored) return;
  const stored = outcomeStored.row;
  if (command.requestType === 'InstallProfile' || command.requestType === 'RemoveProfile') {
    await recordProfileResult(deps, enrollment.deviceId, command.id, command.requestType, acknowledged, report.errorChain ?? null);
  }
  // The RemoveProfile of a retirement: its answer finishes the retirement (identity revoked, UNENROLLED).
  await settleRetirement(deps, enrollment.deviceId, { command: stored });
  await deps.webhooks.publisher.queue(outcomeStored.outbox);
  if (acknowledged) await applyResult(deps, enrollment, command.requestType, report, now);
  // The managed profiles (passcode, data protection) follow DeviceInformation: it says whether the device is
  // supervised, which decides what the restrictions profile carries. At enrolment this is the first install; at a
  // posture refresh it puts back what is missing or outdated. A device that cannot answer still gets its profiles.
  if (command.requestType === 'DeviceInformation') {
    await syncAppleProfiles(deps, enrollment.deviceId, { reason: 'profiles derived from the compliance policy' });
  }
}

async function applyResult(deps: Deps, enrollment: DeviceEnrollment, requestType: string, report: CommandReport, now: Date) {
  const raw = toJsonValue(report.result) as Prisma.InputJsonValue;
  let posture: PostureReport | undefined;
  switch (requestType) {
    case 'DeviceInformation': {
      const facts = deviceFactsFromDeviceInformation(report.result, enrollment.type ?? 'DEVICE');
      await deps.db.$transaction([
        deps.db.appleEnrollment.update({ where: { id: enrollment.id }, data: { lastDeviceInformation: raw, lastDeviceInfoAt: now } }),
        deps.db.device.update({
          where: { id: enrollment.deviceId },
          data: Object.fromEntries(Object.entries(facts).filter(([, v]) => v !== undefined)),
        }),
      ]);
      posture = postureFromDeviceInformation(report.result);
      break;
    }
    case 'SecurityInfo':
      await deps.db.appleEnrollment.update({ where: { id: enrollment.id }, data: { lastSecurityInfo: raw, lastSecurityInfoAt: now } });
      posture = postureFromSecurityInfo(report.result, enrollment.type ?? 'DEVICE');
      break;
    case 'ProfileList':
      // Stored and verified in one place, which queues the one evaluation when anything changed.
      await recordProfileList(deps, enrollment, report.result, now);
      break;
    case 'EraseDevice':
      await deps.db.device.updateMany({ where: { id: enrollment.deviceId, status: 'ENROLLED' }, data: { status: 'WIPED' } });
      break;
    default:
      break;
  }
  if (posture) await recordPostureReport(deps, enrollment.deviceId, { ...posture, lastCheckInAt: now }, now);
}

async function nextCommand(deps: Deps, deviceId: string, skipNotNow: boolean, now: Date): Promise<DeviceReply> {
  // SENT without a result is sent again: the device may have lost the response (Apple devices report on reconnect).
  const next = await nextCommandFor(deps.db, deviceId, { skipNotNow, now, backoff: parseBackoff(deps.config.COMMAND_REPUSH_BACKOFF_SECONDS)! });
  if (!next) return { status: 200 };
  const { command, firstSend } = next;
  // For the log and for subscribers in one statement: this runs on every command a device fetches.
  if (firstSend) await recordCommandStep(deps, command, 'command.sent', { actorType: 'system', actorId: 'apple', ip: null });
  return { status: 200, body: encodeCommand(command.id, command.requestType, command.payload as Record<string, unknown>) };
}
