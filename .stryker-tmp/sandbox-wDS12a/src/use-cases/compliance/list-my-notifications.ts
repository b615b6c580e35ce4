// @ts-nocheck
import type { BaseDeps } from '../../container.js';
import type { Actor } from '../../domain/access.js';

export interface ComplianceNotificationView {
  id: string;
  deviceId: string;
  kind: string;
  subject: string;
  body: string;
  createdAt: string;
}

/** The compliance messages escalation left for the caller (about their own devices, or their team's), newest first. */
export async function listMyNotifications(deps: Pick<BaseDeps, 'db'>, actor: Actor, limit: number): Promise<{ items: ComplianceNotificationView[] }> {
  const rows = await deps.db.complianceNotification.findMany({ where: { recipientUserId: actor.userId }, orderBy: { createdAt: 'desc' }, take: limit });
  return { items: rows.map((n) => ({ id: n.id, deviceId: n.deviceId, kind: n.kind, subject: n.subject, body: n.body, createdAt: n.createdAt.toISOString() })) };
}
