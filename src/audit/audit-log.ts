import type { Clock } from '../clock.js';
import type { Db, DbOrTx, Prisma } from '../db/prisma.js';

export type ActorType = 'user' | 'device' | 'system' | 'anonymous' | 'service_account';

export interface AuditEntry {
  actorType: ActorType;
  actorId?: string | null;
  action: string;
  targetType?: string | null;
  targetId?: string | null;
  ip?: string | null;
  details?: Record<string, unknown>;
}

/** Who did what to what. Pass `tx` to write the event in the same transaction as the change it records. */
export interface AuditLog {
  record(entry: AuditEntry, tx?: DbOrTx): Promise<void>;
}

/**
 * Records events. A writer only inserts its event, unsealed, in its own transaction (so an action and its record
 * commit together) and never waits for anyone else's: the sealer (src/storage/audit-sealer.ts, run by the worker)
 * links committed events into the hash chain shortly after, so editing, inserting or deleting a sealed row
 * anywhere shows up in GET /v1/audit/verify.
 */
export function createAuditLog(db: Db, clock: Clock): AuditLog {
  return {
    async record(entry, tx) {
      await (tx ?? db).auditEvent.create({
        data: {
          at: clock.now(),
          actorType: entry.actorType,
          actorId: entry.actorId ?? null,
          action: entry.action,
          targetType: entry.targetType ?? null,
          targetId: entry.targetId ?? null,
          ip: entry.ip ?? null,
          details: (entry.details ?? undefined) as Prisma.InputJsonValue | undefined,
        },
        select: { id: true },
      });
    },
  };
}
