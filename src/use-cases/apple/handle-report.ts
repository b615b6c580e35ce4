import type { Deps } from '../../deps.js';
import type { AppleEnrollment, Prisma } from '../../generated/prisma/client.js';
import { encodeCommand } from '../../mdm/apple/commands.js';
import { isOurCommandUuid, parseReport, type CommandReport } from '../../mdm/apple/messages.js';
import { toJsonValue } from '../../mdm/apple/plist.js';
import { deviceFactsFromDeviceInformation, postureFromDeviceInformation, postureFromSecurityInfo } from '../../mdm/apple/posture.js';
import type { PostureReport } from '../../domain/posture.js';
import { recordPostureReport } from '../compliance/record-posture-report.js';
import { requestEvaluation } from '../compliance/request-evaluation.js';
import { ensureDataProtectionProfile } from './ensure-data-protection-profile.js';
import { authenticateDevice, type DeviceRequest } from './authenticate-device.js';
import { decodeDeviceBody, requireBoundEnrollment } from './device-messages.js';
import type { DeviceReply } from './handle-checkin.js';

/**
 * PUT /mdm/apple/connect: stores the result the device reports, then hands it the next queued command
 * (or an empty 200, which ends the session). NotNow leaves the command queued and skips it for this session.
 */
export async function handleReport(deps: Deps, request: Omit<DeviceRequest, 'endpoint'>): Promise<DeviceReply> {
  const auth = await authenticateDevice(deps, { ...request, endpoint: 'connect' });
  const report = await decodeDeviceBody(deps, request.body, 'connect', request.ip, parseReport);
  if (report.identity.userChannel) return { status: 200 };
  const enrollment = await requireBoundEnrollment(deps, auth, report.identity, 'connect', request.ip);
  const now = deps.clock.now();

  await deps.db.$transaction([
    deps.db.appleEnrollment.update({ where: { id: enrollment.id }, data: { lastSeenAt: now } }),
    deps.db.device.update({ where: { id: enrollment.deviceId }, data: { lastSeenAt: now } }),
  ]);
  if (report.commandUuid) await storeResult(deps, enrollment, report, now);

  // After a NotNow the device is busy: offer only commands it has not put off (NanoMDM's skipNotNow), else it loops.
  return nextCommand(deps, enrollment.deviceId, report.status === 'NotNow', now);
}

async function storeResult(deps: Deps, enrollment: AppleEnrollment, report: CommandReport, now: Date) {
  const commandUuid = report.commandUuid!;
  const command = isOurCommandUuid(commandUuid)
    ? await deps.db.command.findFirst({ where: { id: commandUuid.toLowerCase(), deviceId: enrollment.deviceId } })
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

  if (report.status === 'NotNow') {
    await deps.db.command.updateMany({ where: { id: command.id, status: { in: ['SENT', 'QUEUED'] } }, data: { status: 'QUEUED', notNowAt: now } });
    return;
  }
  const acknowledged = report.status === 'Acknowledged';
  const result = toJsonValue(report.result) as Prisma.InputJsonValue;
  const changed = await deps.db.command.updateMany({
    where: { id: command.id, status: { in: ['SENT', 'QUEUED'] } },
    data: acknowledged
      ? { status: 'ACKNOWLEDGED', acknowledgedAt: now, result }
      : { status: 'FAILED', failedAt: now, result, error: { status: report.status, errorChain: (toJsonValue(report.errorChain ?? []) as Prisma.InputJsonValue) } },
  });
  if (changed.count !== 1) return;
  await deps.audit.record({
    actorType: 'device',
    actorId: enrollment.enrollmentId,
    action: acknowledged ? 'device.command.acknowledged' : 'device.command.failed',
    targetType: 'device',
    targetId: enrollment.deviceId,
    details: { commandId: command.id, requestType: command.requestType, status: report.status, ...(report.errorChain ? { errorChain: toJsonValue(report.errorChain) } : {}) },
  });
  if (acknowledged) await applyResult(deps, enrollment, command.requestType, report, now);
}

async function applyResult(deps: Deps, enrollment: AppleEnrollment, requestType: string, report: CommandReport, now: Date) {
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
      posture = postureFromSecurityInfo(report.result);
      break;
    case 'ProfileList':
      await deps.db.appleEnrollment.update({ where: { id: enrollment.id }, data: { lastProfileList: raw } });
      // The data_leak rule reads the profile list: judge the device against what it now reports.
      await requestEvaluation(deps, enrollment.deviceId);
      break;
    case 'EraseDevice':
      await deps.db.device.updateMany({ where: { id: enrollment.deviceId, status: 'ENROLLED' }, data: { status: 'WIPED' } });
      break;
    default:
      break;
  }
  if (posture) await recordPostureReport(deps, enrollment.deviceId, { ...posture, lastCheckInAt: now }, now);
  // Data protection profile: installed once DeviceInformation says whether the device is supervised (which decides
  // what goes in it), and re-installed at any later report if the device lost it. Sits beside the passcode profile.
  if (requestType === 'DeviceInformation') await ensureDataProtectionProfile(deps, enrollment.deviceId);
}

async function nextCommand(deps: Deps, deviceId: string, skipNotNow: boolean, now: Date): Promise<DeviceReply> {
  // SENT without a result is sent again: the device may have lost the response (Apple devices report on reconnect).
  for (let attempt = 0; attempt < 3; attempt += 1) {
    const next = await deps.db.command.findFirst({
      where: { deviceId, status: { in: ['QUEUED', 'SENT'] }, ...(skipNotNow ? { notNowAt: null } : {}) },
      orderBy: [{ priority: 'desc' }, { requestedAt: 'asc' }, { id: 'asc' }],
    });
    if (!next) return { status: 200 };
    const claimed = await deps.db.command.updateMany({
      where: { id: next.id, status: { in: ['QUEUED', 'SENT'] } },
      data: { status: 'SENT', sentAt: now, attempts: { increment: 1 } },
    });
    if (claimed.count === 1) return { status: 200, body: encodeCommand(next.id, next.requestType, next.payload as Record<string, unknown>) };
  }
  return { status: 200 };
}
