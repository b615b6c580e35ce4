import type { BaseDeps } from '../../deps.js';
import { managerInventoryShape } from '../../domain/devices/device-redaction.js';
import { auditActorOf, deviceViewFor, redactDeviceFor, type Actor } from '../../domain/access.js';
import { notFound } from '../../errors.js';
import { deviceComplianceInclude, toDeviceComplianceView } from '../compliance/device-compliance-view.js';

const iso = (d: Date | null | undefined) => (d ? d.toISOString() : null);
const RECENT_COMMANDS = 10;

/** Posture facts with when the device reported them (null value: not reported yet, never "false"). */
const POSTURE_FACTS = ['encrypted', 'passcodePresent', 'passcodeCompliant', 'passcodeMinLength', 'autoLockMinutes', 'osVersion', 'osBuild', 'securityPatchLevel', 'compromised', 'supervised'] as const;

/**
 * One device as a single document: enrolment, posture (with when each fact was reported), compliance with failing
 * rules, escalation, recent commands and open incidents. Visible to the device's user, their manager and IT/ADMIN
 * (404 for anyone else), and redacted for the viewer by the one rule (redactDeviceFor).
 */
export async function getDevice(deps: Pick<BaseDeps, 'db' | 'audit'>, actor: Actor, deviceId: string) {
  const device = await deps.db.device.findUnique({
    where: { id: deviceId },
    include: {
      ...deviceComplianceInclude,
      user: { select: { id: true, name: true, email: true, managerId: true } },
      posture: true,
      compliance: { include: { detail: { select: { results: true } } } },
      appleEnrollment: { select: { type: true, userEnrollment: true, udid: true, enrollmentId: true, authenticatedAt: true, lastSeenAt: true, checkedOutAt: true, pushTokenInvalidAt: true, lastDeviceInfoAt: true, lastSecurityInfoAt: true } },
      android: { select: { amapiName: true, managementMode: true, policyName: true, appliedState: true, policyCompliant: true, lastStatusReportAt: true } },
      commands: { orderBy: { requestedAt: 'desc' }, take: RECENT_COMMANDS, select: { id: true, action: true, requestType: true, status: true, requestedAt: true, acknowledgedAt: true, failedAt: true } },
      complianceActions: { orderBy: { createdAt: 'desc' }, take: 20, select: { action: true, status: true, detail: true, commandId: true, episodeStartedAt: true, createdAt: true, completedAt: true } },
      incidents: { where: { status: 'OPEN' }, select: { id: true, kind: true, status: true, openedAt: true, riskLevel: true } },
    },
  });
  const view = device ? deviceViewFor(actor, device.user) : null;
  if (!device || !view) throw notFound('Device');

  const compliance = toDeviceComplianceView(device, view !== 'manager');
  const posture = device.posture;
  // Each fact's time is the time of the report it came from: Apple splits facts over two queries, Android sends one.
  const factTimes: Record<string, Date | null | undefined> = device.platform === 'APPLE'
    ? { encrypted: device.appleEnrollment?.lastSecurityInfoAt, passcodePresent: device.appleEnrollment?.lastSecurityInfoAt, passcodeCompliant: device.appleEnrollment?.lastSecurityInfoAt }
    : {};
  const a = device.appleEnrollment;
  const g = device.android;
  const document = {
    id: device.id,
    platform: device.platform,
    ownership: device.ownership,
    status: device.status,
    displayName: device.displayName,
    model: device.model,
    serialNumber: device.serialNumber,
    udid: a?.udid ?? null,
    imei: null as string | null,
    osVersion: posture?.osVersion ?? device.osVersion,
    assetTag: device.assetTag,
    notes: device.notes,
    enrolledAt: iso(device.enrolledAt),
    lastSeenAt: iso(device.lastSeenAt),
    user: device.user ? { id: device.user.id, name: device.user.name, email: device.user.email } : null,
    enrollment: {
      type: a ? (a.type === 'USER' || (!a.type && a.userEnrollment) ? 'APPLE_USER' : 'APPLE_DEVICE') : g?.managementMode === 'PROFILE_OWNER' ? 'ANDROID_WORK_PROFILE' : g?.managementMode === 'DEVICE_OWNER' ? 'ANDROID_FULLY_MANAGED' : null,
      enrolledAt: iso(device.enrolledAt),
      apple: a ? { enrollmentId: a.enrollmentId, authenticatedAt: iso(a.authenticatedAt), lastCheckInAt: iso(a.lastSeenAt), checkedOutAt: iso(a.checkedOutAt), pushTokenValid: a.pushTokenInvalidAt === null } : null,
      android: g ? { deviceName: g.amapiName, managementMode: g.managementMode, policyName: g.policyName, appliedState: g.appliedState, policyCompliant: g.policyCompliant, lastStatusReportAt: iso(g.lastStatusReportAt) } : null,
    },
    posture: posture
      ? {
          reportedAt: posture.reportedAt.toISOString(),
          lastCheckInAt: iso(posture.lastCheckInAt),
          facts: Object.fromEntries(POSTURE_FACTS.map((fact) => {
            const value = posture[fact];
            return [fact, { value: value instanceof Date ? value.toISOString().slice(0, 10) : value, reportedAt: value === null ? null : iso(factTimes[fact] ?? posture.reportedAt) }];
          })),
        }
      : null,
    compliance: {
      state: compliance.state,
      graceDeadline: compliance.graceDeadline,
      blocked: compliance.blocked,
      policyVersion: compliance.policyVersion,
      evaluatedAt: compliance.evaluatedAt,
      stateChangedAt: iso(device.compliance?.stateChangedAt),
      failingRules: compliance.failingRules,
      unknownRules: compliance.unknownRules,
    },
    escalation: {
      episodeStartedAt: iso(device.compliance?.episodeStartedAt),
      actions: device.complianceActions.map((s) => ({ action: s.action, status: s.status, detail: s.detail, commandId: s.commandId, episodeStartedAt: s.episodeStartedAt.toISOString(), createdAt: s.createdAt.toISOString(), completedAt: iso(s.completedAt) })),
    },
    recentCommands: device.commands.map((c) => ({ id: c.id, action: c.action, requestType: c.requestType, status: c.status, requestedAt: c.requestedAt.toISOString(), acknowledgedAt: iso(c.acknowledgedAt), failedAt: iso(c.failedAt) })),
    openIncidents: device.incidents.map((i) => ({ id: i.id, kind: i.kind, status: i.status, openedAt: i.openedAt.toISOString(), riskLevel: i.riskLevel })),
  };
  if (view !== 'owner') {
    await deps.audit.record({ ...auditActorOf(actor), action: 'device.viewed', targetType: 'device', targetId: device.id, details: { audience: view } });
  }
  return redactDeviceFor(view, view === 'manager' ? managerInventoryShape(document) : document);
}

