// @ts-nocheck
import type { BaseDeps } from '../../container.js';
import { notFound } from '../../errors.js';
import { deviceViewFor, redactDeviceFor, type Actor } from '../../domain/access.js';
import type { ComplianceStateName } from '../../domain/compliance/judge.js';

export interface ComplianceChangeView {
  at: string;
  from: ComplianceStateName | null;
  to: ComplianceStateName;
  reason: string;
  failingRules: string[];
  policyVersion: number;
}

/**
 * A device's compliance state changes, newest first. Visible to whoever may see the device's user (the user,
 * their manager, IT, ADMIN); devices without a user only to IT and ADMIN; 404 for everyone else.
 */
export async function listDeviceComplianceHistory(deps: Pick<BaseDeps, 'db' | 'audit'>, actor: Actor, deviceId: string, limit: number): Promise<{ items: ComplianceChangeView[] }> {
  const device = await deps.db.device.findUnique({ where: { id: deviceId }, select: { user: { select: { id: true, managerId: true } } } });
  const view = device ? deviceViewFor(actor, device.user) : null;
  if (!device || !view) throw notFound('Device');
  const rows = await deps.db.complianceStateChange.findMany({ where: { deviceId }, orderBy: [{ at: 'desc' }, { id: 'desc' }], take: limit });
  if (device.user?.id !== actor.userId) {
    await deps.audit.record({ actorType: 'user', actorId: actor.userId, action: 'compliance.history_viewed', targetType: 'device', targetId: deviceId, ip: actor.ip ?? null });
  }
  return redactDeviceFor(view, {
    items: rows.map((r) => ({ at: r.at.toISOString(), from: r.fromState, to: r.toState, reason: r.reason, failingRules: r.failingRules, policyVersion: r.policyVersion })),
  });
}
