import type { BaseDeps } from '../../deps.js';
import { notFound } from '../../errors.js';
import { deviceViewFor, redactDeviceFor, type Actor } from '../../domain/access.js';
import { deviceComplianceInclude, toDeviceComplianceView, type DeviceComplianceView } from './device-compliance-view.js';

export interface UserComplianceView {
  userId: string;
  name: string;
  devices: DeviceComplianceView[];
}

/**
 * Every managed device of a person with its state, failing rules, remediation and grace deadline. Visible to
 * the person, their manager (without device details) and IT/ADMIN; anyone else gets 404.
 */
export async function getUserCompliance(deps: Pick<BaseDeps, 'db' | 'audit'>, actor: Actor, userId: string): Promise<UserComplianceView> {
  const user = await deps.db.user.findUnique({ where: { id: userId }, select: { id: true, name: true, managerId: true } });
  const view = user ? deviceViewFor(actor, user) : null;
  if (!user || !view) throw notFound('User');
  const devices = await deps.db.device.findMany({
    where: { userId, status: { in: ['PENDING', 'ENROLLED'] } },
    include: deviceComplianceInclude,
    orderBy: { createdAt: 'asc' },
  });
  if (actor.userId !== userId) {
    await deps.audit.record({ actorType: 'user', actorId: actor.userId, action: 'compliance.user_report_viewed', targetType: 'user', targetId: userId, ip: actor.ip ?? null });
  }
  return redactDeviceFor(view, { userId: user.id, name: user.name, devices: devices.map((d) => toDeviceComplianceView(d, view !== 'manager')) });
}
