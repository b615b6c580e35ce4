import type { Clock } from '../clock.js';
import { queryRows, utc, type Db, type DbOrTx, type Prisma } from '../db/prisma.js';

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
      if (tx && tx !== db) {
        await tx.auditEvent.create({
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
        return;
      }
      // On its own (device requests, reads of the log): one plain INSERT, without Prisma's per-query overhead.
      await queryRows(db, auditEventInsertSql('$1::timestamp', 2), [utc(clock.now()), ...auditEventParameters(entry)]);
    },
  };
}

/**
 * The plain INSERT of one audit event: `at` is the SQL for its time (a parameter reference), the other columns are
 * the parameters from `$<first>` on, in auditEventParameters' order. With `from`, one event per row of that relation
 * (a CTE of the change it records: no row, no event).
 */
export function auditEventInsertSql(at: string, first: number, from?: string): string {
  const p = (offset: number) => `$${first + offset}`;
  return `INSERT INTO "AuditEvent" (${AUDIT_EVENT_COLUMNS})
      SELECT ${at}, ${p(0)}, ${p(1)}, ${p(2)}, ${p(3)}, ${p(4)}, ${p(5)}, ${p(6)}::jsonb${from ? ` FROM ${from}` : ''}`;
}

/** The columns every plain INSERT into AuditEvent names: "at", then auditEventParameters' order. */
const AUDIT_EVENT_FIELDS = ['at', 'actorType', 'actorId', 'action', 'targetType', 'targetId', 'ip', 'details'] as const;

/** AUDIT_EVENT_FIELDS as a column list, each qualified by `alias` when given (a join with a same-named column). */
export function auditEventColumns(alias?: string): string {
  return AUDIT_EVENT_FIELDS.map((field) => (alias ? `${alias}."${field}"` : `"${field}"`)).join(', ');
}

export const AUDIT_EVENT_COLUMNS = auditEventColumns();

/**
 * For statements storing many events at once over `unnest`: the arguments of the columns after "at" from
 * `$<first>` on (seven arrays, in auditEventParameters' order) and the names they take, as AUDIT_EVENT_COLUMNS
 * spells them.
 */
export function auditEventUnnest(first: number): { arrays: string; names: string } {
  const types = ['text', 'text', 'text', 'text', 'text', 'text', 'jsonb'];
  return {
    arrays: types.map((type, k) => `$${first + k}::${type}[]`).join(', '),
    names: AUDIT_EVENT_FIELDS.slice(1).map((field) => `"${field}"`).join(', '),
  };
}

/** The parameters of auditEventUnnest: each column's values over `entries`, in order. */
export function auditEventArrays(entries: readonly AuditEntry[]): unknown[][] {
  const rows = entries.map(auditEventParameters);
  return AUDIT_EVENT_FIELDS.slice(1).map((_, k) => rows.map((values) => values[k]));
}

/**
 * An event's columns after `at`, in the order of every plain INSERT into AuditEvent ("actorType", "actorId",
 * "action", "targetType", "targetId", "ip", "details" as JSON text): here and in the statements that store an event
 * with the change it records (src/storage/command-queue.ts).
 */
export function auditEventParameters(entry: AuditEntry): unknown[] {
  return [
    entry.actorType,
    entry.actorId ?? null,
    entry.action,
    entry.targetType ?? null,
    entry.targetId ?? null,
    entry.ip ?? null,
    entry.details === undefined ? null : JSON.stringify(entry.details),
  ];
}
