import type { BaseDeps } from '../../deps.js';
import { auditActorOf, type Actor } from '../../domain/access.js';
import { AppError } from '../../errors.js';
import { auditEventRecord } from './audit-event-record.js';

const BATCH = 1000;
const MAX_RANGE_MS = 366 * 86_400_000;

export interface AuditExportRange {
  from: string;
  to: string;
}

/**
 * Audit events of a time range in chain order, one JSON object per line, with each event's hash, the hash it links
 * to and its position in the chain, so a SIEM can re-verify what it received and notice a gap. Read-only: batches are
 * walked by chain position so memory stays at one batch whatever the range. Only sealed events are exported: an
 * event still waiting for the sealer (about a second) has no position or hash yet and goes out with a later export.
 * ADMIN and audit:read keys only.
 */
export async function* exportAuditEvents(deps: Pick<BaseDeps, 'db' | 'audit'>, actor: Actor, range: AuditExportRange): AsyncGenerator<string> {
  if (actor.role !== 'ADMIN' && !actor.serviceAccount?.scopes.includes('audit:read')) throw new AppError('FORBIDDEN', 'Only ADMIN can export the audit log');
  const from = new Date(range.from);
  const to = new Date(range.to);
  if (!(from < to)) throw new AppError('VALIDATION_FAILED', '`from` must be before `to`');
  if (to.getTime() - from.getTime() > MAX_RANGE_MS) throw new AppError('VALIDATION_FAILED', 'Export at most a year at a time');
  // Recorded before the first line leaves: the export itself is in the chain it exports (if inside the range).
  await deps.audit.record({ ...auditActorOf(actor), action: 'audit.exported', targetType: 'audit', details: { from: range.from, to: range.to } });
  let after = 0n;
  for (;;) {
    const rows = await deps.db.auditEvent.findMany({ where: { at: { gte: from, lt: to }, seq: { gt: after } }, orderBy: { seq: 'asc' }, take: BATCH });
    for (const e of rows) {
      yield JSON.stringify(auditEventRecord(e)) + '\n';
    }
    if (rows.length < BATCH) return;
    after = rows.at(-1)!.seq!;
  }
}
