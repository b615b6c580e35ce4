// @ts-nocheck
import type { BaseDeps } from '../../../container.js';
import type { Prisma } from '../../../db/prisma.js';
import type { Actor } from '../../../domain/access.js';
import { AppError } from '../../../errors.js';
import type { AuditEvent } from '../../../generated/prisma/client.js';

export interface AuditQuery {
  actorId?: string;
  targetType?: string;
  targetId?: string;
  /** Exact action, or a prefix ending in `.*` (`command.*`). */
  action?: string;
  from?: string;
  to?: string;
  limit: number;
  cursor?: string;
}

export function toAuditEventView(event: AuditEvent) {
  return {
    id: event.id.toString(),
    at: event.at.toISOString(),
    actorType: event.actorType,
    actorId: event.actorId,
    action: event.action,
    targetType: event.targetType,
    targetId: event.targetId,
    ip: event.ip,
    details: (event.details as Record<string, unknown> | null) ?? null,
    prevHash: event.prevHash,
    hash: event.hash,
  };
}

/** Newest first; `nextCursor` continues with older events. Reading the log is itself audited. */
export async function listAuditEvents(deps: Pick<BaseDeps, 'db' | 'audit'>, actor: Actor, query: AuditQuery) {
  if (actor.role !== 'ADMIN') throw new AppError('FORBIDDEN', 'Only an ADMIN can read the audit log');
  let cursor: bigint | undefined;
  if (query.cursor !== undefined) {
    if (!/^\d{1,19}$/.test(query.cursor)) throw new AppError('BAD_REQUEST', 'Invalid cursor');
    cursor = BigInt(query.cursor);
  }
  const where: Prisma.AuditEventWhereInput = {
    ...(query.actorId ? { actorId: query.actorId } : {}),
    ...(query.targetType ? { targetType: query.targetType } : {}),
    ...(query.targetId ? { targetId: query.targetId } : {}),
    ...(query.action ? (query.action.endsWith('.*') ? { action: { startsWith: query.action.slice(0, -1) } } : { action: query.action }) : {}),
    ...(query.from || query.to ? { at: { ...(query.from ? { gte: new Date(query.from) } : {}), ...(query.to ? { lt: new Date(query.to) } : {}) } } : {}),
    ...(cursor !== undefined ? { id: { lt: cursor } } : {}),
  };
  const rows = await deps.db.auditEvent.findMany({ where, orderBy: { id: 'desc' }, take: query.limit + 1 });
  const page = rows.slice(0, query.limit);
  await deps.audit.record({
    actorType: 'user',
    actorId: actor.userId,
    action: 'audit.read',
    ip: actor.ip ?? null,
    details: { filters: { ...query, cursor: undefined }, returned: page.length },
  });
  return { items: page.map(toAuditEventView), nextCursor: rows.length > query.limit ? page.at(-1)!.id.toString() : null };
}
