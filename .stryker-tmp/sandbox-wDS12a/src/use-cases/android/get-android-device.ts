// @ts-nocheck
import type { BaseDeps } from '../../container.js';
import { deviceViewFor, redactDeviceFor, type Actor } from '../../domain/access.js';
import { notFound } from '../../errors.js';

export interface AndroidDeviceView {
  deviceId: string;
  amapiName: string | null;
  managementMode: string | null;
  ownership: string | null;
  appliedState: string | null;
  policyName: string | null;
  appliedPolicyVersion: string | null;
  policyCompliant: boolean | null;
  nonComplianceDetails: unknown[];
  securityPosture: string | null;
  securityRisks: string[];
  apiLevel: number | null;
  lastStatusReportAt: string | null;
  enrollmentTokenExpiresAt: string | null;
}

/** What AMAPI last reported about one Android device; visible to its owner, their manager, IT and ADMIN. */
export async function getAndroidDevice(deps: Pick<BaseDeps, 'db' | 'audit'>, actor: Actor, deviceId: string): Promise<AndroidDeviceView> {
  const device = await deps.db.device.findUnique({
    where: { id: deviceId },
    include: { android: true, user: { select: { id: true, managerId: true } } },
  });
  const view = device ? deviceViewFor(actor, device.user) : null;
  if (!device || !device.android || !view) throw notFound('Android device');
  if (device.userId !== actor.userId) {
    await deps.audit.record({ actorType: 'user', actorId: actor.userId, action: 'android.device.viewed', targetType: 'device', targetId: device.id, ip: actor.ip ?? null });
  }
  const a = device.android;
  return redactDeviceFor(view, {
    deviceId: device.id,
    amapiName: a.amapiName,
    managementMode: a.managementMode,
    ownership: a.ownership,
    appliedState: a.appliedState,
    policyName: a.policyName,
    appliedPolicyVersion: a.appliedPolicyVersion,
    policyCompliant: a.policyCompliant,
    nonComplianceDetails: Array.isArray(a.nonComplianceDetails) ? a.nonComplianceDetails : [],
    securityPosture: a.securityPosture,
    securityRisks: a.securityRisks,
    apiLevel: a.apiLevel,
    lastStatusReportAt: a.lastStatusReportAt?.toISOString() ?? null,
    enrollmentTokenExpiresAt: a.enrollmentTokenExpiresAt?.toISOString() ?? null,
  });
}
