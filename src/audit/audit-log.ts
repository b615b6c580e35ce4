import type { DbOrTx, Prisma } from '../db/prisma.js';

export type ActorType = 'user' | 'device' | 'system' | 'anonymous';

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

export function createAuditLog(db: DbOrTx): AuditLog {
  return {
    async record(entry, tx) {
      await (tx ?? db).auditEvent.create({
        data: {
          actorType: entry.actorType,
          actorId: entry.actorId ?? null,
          action: entry.action,
          targetType: entry.targetType ?? null,
          targetId: entry.targetId ?? null,
          ip: entry.ip ?? null,
          details: (entry.details ?? undefined) as Prisma.InputJsonValue | undefined,
        },
      });
    },
  };
}
