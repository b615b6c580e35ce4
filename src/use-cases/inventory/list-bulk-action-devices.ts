import type { BaseDeps } from '../../deps.js';
import { Prisma } from '../../db/prisma.js';
import { isFleetAdmin, type Actor } from '../../domain/access.js';
import { AppError, notFound } from '../../errors.js';
import { EFFECTIVE_STATUS } from './get-bulk-action.js';
import { isUuid } from '../../domain/ids.js';

/** Each device of a bulk action with its outcome and command, in device id order (the cursor is the last id). */
export async function listBulkActionDevices(deps: Pick<BaseDeps, 'db'>, actor: Actor, bulkActionId: string, input: { limit: number; cursor?: string }) {
  if (!isFleetAdmin(actor)) throw new AppError('FORBIDDEN', 'Only IT and ADMIN can follow bulk actions');
  if (!(await deps.db.bulkAction.findUnique({ where: { id: bulkActionId }, select: { id: true } }))) throw notFound('Bulk action');
  const after = input.cursor ? Buffer.from(input.cursor, 'base64url').toString() : null;
  if (after !== null && !isUuid(after)) throw new AppError('VALIDATION_FAILED', 'Invalid cursor');
  const rows = await deps.db.$queryRaw<{ deviceId: string; status: string; refusal: string | null; error: string | null; commandId: string | null; commandStatus: string | null; requestType: string | null }[]>`
    SELECT i."deviceId", ${EFFECTIVE_STATUS} AS status, i.refusal, i.error, i."commandId", c.status::text AS "commandStatus", c."requestType"
    FROM "BulkActionItem" i LEFT JOIN "Command" c ON c.id = i."commandId"
    WHERE i."bulkActionId" = ${bulkActionId}::uuid ${after ? Prisma.sql`AND i."deviceId" > ${after}::uuid` : Prisma.empty}
    ORDER BY i."deviceId" LIMIT ${input.limit + 1}`;
  const page = rows.slice(0, input.limit);
  return {
    items: page.map((r) => ({
      deviceId: r.deviceId,
      status: r.status,
      refusal: r.refusal,
      error: r.error,
      command: r.commandId ? { id: r.commandId, status: r.commandStatus, requestType: r.requestType } : null,
    })),
    nextCursor: rows.length > input.limit ? Buffer.from(page.at(-1)!.deviceId).toString('base64url') : null,
  };
}
