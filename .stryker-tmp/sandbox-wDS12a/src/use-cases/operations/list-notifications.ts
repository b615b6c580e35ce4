// @ts-nocheck
import type { Deps } from '../../container.js';
import type { Actor } from '../../domain/access.js';

/** Notifications for the caller: those addressed to them and to their role. */
export async function listNotifications(deps: Pick<Deps, 'db'>, actor: Actor, limit: number) {
  const rows = await deps.db.notification.findMany({
    where: { OR: [{ userId: actor.userId }, { audience: actor.role }] },
    orderBy: { createdAt: 'desc' },
    take: limit,
  });
  return {
    items: rows.map((n) => ({ id: n.id, kind: n.kind, subject: n.subject, body: n.body, incidentId: n.incidentId, createdAt: n.createdAt.toISOString() })),
  };
}
