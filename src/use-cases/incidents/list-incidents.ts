import type { Deps } from '../../deps.js';
import type { Prisma } from '../../db/prisma.js';
import { isFleetAdmin, type Actor } from '../../domain/access.js';
import { AppError } from '../../errors.js';
import { toIncidentView, type IncidentView } from './incident-view.js';

export interface IncidentFilter {
  status?: 'OPEN' | 'CLOSED';
  userId?: string;
  deviceId?: string;
  openedFrom?: string;
  openedTo?: string;
  limit: number;
  cursor?: string;
}

/** The cursor is the last row's (openedAt, id), opaque to callers. */
function decodeCursor(cursor: string): { openedAt: Date; id: string } {
  const [at, id] = Buffer.from(cursor, 'base64url').toString('utf8').split('|');
  const openedAt = new Date(at ?? '');
  if (!id || !/^[0-9a-f-]{36}$/i.test(id) || Number.isNaN(openedAt.getTime())) throw new AppError('VALIDATION_FAILED', 'Invalid cursor');
  return { openedAt, id };
}
const encodeCursor = (row: { openedAt: Date; id: string }) => Buffer.from(`${row.openedAt.toISOString()}|${row.id}`).toString('base64url');

/** Incidents for IT and ADMIN, newest first, filtered by status, user, device and opening time; cursor-paginated. */
export async function listIncidents(deps: Pick<Deps, 'db'>, actor: Actor, filter: IncidentFilter): Promise<{ items: IncidentView[]; nextCursor: string | null }> {
  if (!isFleetAdmin(actor)) throw new AppError('FORBIDDEN', 'Only IT and ADMIN can list incidents');
  const where: Prisma.IncidentWhereInput = {
    ...(filter.status ? { status: filter.status } : {}),
    ...(filter.userId ? { userId: filter.userId } : {}),
    ...(filter.deviceId ? { deviceId: filter.deviceId } : {}),
    ...(filter.openedFrom || filter.openedTo
      ? { openedAt: { ...(filter.openedFrom ? { gte: new Date(filter.openedFrom) } : {}), ...(filter.openedTo ? { lt: new Date(filter.openedTo) } : {}) } }
      : {}),
  };
  const after = filter.cursor ? decodeCursor(filter.cursor) : null;
  const rows = await deps.db.incident.findMany({
    where: after
      ? { AND: [where, { OR: [{ openedAt: { lt: after.openedAt } }, { openedAt: after.openedAt, id: { lt: after.id } }] }] }
      : where,
    orderBy: [{ openedAt: 'desc' }, { id: 'desc' }],
    take: filter.limit + 1,
    include: { steps: { orderBy: { seq: 'asc' } } },
  });
  const page = rows.slice(0, filter.limit);
  return { items: page.map(toIncidentView), nextCursor: rows.length > filter.limit ? encodeCursor(page.at(-1)!) : null };
}
