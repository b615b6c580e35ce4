// @ts-nocheck
import type { BaseDeps } from '../../container.js';
import { notFound } from '../../errors.js';
import type { ComplianceStateName } from '../../domain/compliance/judge.js';

export interface DeviceAccessView {
  deviceId: string;
  access: 'allow' | 'deny';
  blocked: boolean;
  state: ComplianceStateName;
  reason: string;
}

/**
 * The answer an identity provider or VPN acts on. Deny when escalation blocked the device or the device is not
 * (or no longer) managed; otherwise allow and pass the state along so the caller can apply stricter rules itself.
 */
export async function getDeviceAccess(deps: Pick<BaseDeps, 'db'>, deviceId: string): Promise<DeviceAccessView> {
  const device = await deps.db.device.findUnique({ where: { id: deviceId }, select: { id: true, status: true, compliance: { select: { state: true, blocked: true } } } });
  if (!device) throw notFound('Device');
  const state = device.compliance?.state ?? 'UNKNOWN';
  const blocked = device.compliance?.blocked ?? false;
  if (device.status !== 'ENROLLED') return { deviceId, access: 'deny', blocked, state, reason: `device is ${device.status.toLowerCase()}` };
  if (blocked) return { deviceId, access: 'deny', blocked, state, reason: 'blocked by compliance escalation: the grace period ended with rules failing' };
  return { deviceId, access: 'allow', blocked, state, reason: state === 'COMPLIANT' ? 'compliant' : `not blocked (state ${state})` };
}
