// @ts-nocheck
import type { Clock } from '../clock.js';
import type { Db, DbOrTx, Prisma, Tx } from '../db/prisma.js';
import { auditEventHash, GENESIS_HASH } from './audit-hash.js';

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

/**
 * Serialises appends to the chain. Held until the writing transaction ends, so the next writer reads the
 * hash of a committed predecessor and two writers can never link to the same event (a fork).
 */
export const AUDIT_CHAIN_LOCK = 0x6d646d_617564; // "mdm" "aud"

/**
 * Appends hash-chained events: each stores the previous event's hash and its own hash over both, so
 * editing, inserting or deleting a row anywhere shows up in GET /v1/audit/verify.
 */
export function createAuditLog(db: Db, clock: Clock): AuditLog {
  const append = async (entry: AuditEntry, tx: Tx) => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(${AUDIT_CHAIN_LOCK}::bigint)`;
    const last = await tx.auditEvent.findFirst({ orderBy: { id: 'desc' }, select: { hash: true } });
    const prevHash = last?.hash ?? GENESIS_HASH;
    const fields = {
      at: clock.now(),
      actorType: entry.actorType,
      actorId: entry.actorId ?? null,
      action: entry.action,
      targetType: entry.targetType ?? null,
      targetId: entry.targetId ?? null,
      ip: entry.ip ?? null,
      details: entry.details ?? null,
    };
    await tx.auditEvent.create({
      data: {
        ...fields,
        details: (entry.details ?? undefined) as Prisma.InputJsonValue | undefined,
        prevHash,
        hash: auditEventHash(prevHash, fields),
      },
    });
  };
  return {
    async record(entry, tx) {
      if (tx && tx !== db) {
        await append(entry, tx as Tx);
        return;
      }
      // Waiting for the chain lock can take a while under a burst of writes (bulk wipes): see createPrisma's
      // transaction options.
      await db.$transaction((inner) => append(entry, inner));
    },
  };
}
