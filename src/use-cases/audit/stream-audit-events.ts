import type { Deps } from '../../deps.js';
import { SIGNATURE_HEADER, signatureHeader } from '../../integrations/webhooks/signature.js';
import { advanceAuditStream, claimAuditStream, failAuditStream, releaseAuditStream, sealedAuditEventsAfter } from '../../storage/audit-stream-cursor.js';
import { auditEventRecord } from './audit-event-record.js';

/** Waits after the 1st, 2nd, … failed delivery: doubling from a second, at most five minutes. */
export const auditStreamBackoffMs = (failures: number) => Math.min(1_000 * 2 ** Math.max(0, failures - 1), 300_000);

export interface AuditStreamRound {
  /** Events the receiver acknowledged in this round. */
  delivered: number;
  /** The receiver did not acknowledge (network error or non-2xx): the same events go again after a backoff. */
  failed: boolean;
}

/**
 * One round of the audit webhook (AUDIT_WEBHOOK_URL): the next sealed events after the receiver's last acknowledged
 * position, in chain order, in one POST signed like every webhook (x-mdm-signature). The position only moves on a
 * 2xx, so every event is delivered at least once: after a lost acknowledgement, a crash or a receiver outage the
 * stream resumes from the last acknowledged position, and receivers dedupe by `position`. Each event carries its
 * position, hash and previous hash, and the batch says which position and hash it continues from, so the receiver
 * can verify the chain without gaps.
 */
export async function streamAuditEvents(deps: Pick<Deps, 'db' | 'clock' | 'config' | 'webhooks' | 'logger'>): Promise<AuditStreamRound> {
  const { db, clock, config } = deps;
  const url = config.AUDIT_WEBHOOK_URL;
  const secret = config.AUDIT_WEBHOOK_SECRET;
  if (!url || !secret) return { delivered: 0, failed: false };
  const now = clock.now();
  // Held for longer than one request can take, so no other worker sends the same batch meanwhile.
  const cursor = await claimAuditStream(db, url, now, new Date(now.getTime() + config.WEBHOOK_TIMEOUT_MS + 30_000));
  if (!cursor) return { delivered: 0, failed: false };
  const events = await sealedAuditEventsAfter(db, cursor.position, config.AUDIT_WEBHOOK_BATCH_SIZE);
  if (events.length === 0) {
    await releaseAuditStream(db, url, now);
    return { delivered: 0, failed: false };
  }
  const first = events[0]!;
  const last = events.at(-1)!;
  const body = JSON.stringify({
    type: 'audit.events',
    continuesFrom: { position: cursor.position.toString(), hash: first.prevHash },
    events: events.map(auditEventRecord),
  });
  let failure: string | null = null;
  try {
    const { status } = await deps.webhooks.client.post(url, body, {
      [SIGNATURE_HEADER]: signatureHeader(secret, Math.floor(now.getTime() / 1000), body),
      'x-mdm-event': 'audit.events',
      'x-mdm-event-id': `audit-${first.seq}-${last.seq}`,
      'user-agent': 'mdm-webhooks/1',
    });
    if (status < 200 || status >= 300) failure = `HTTP ${status}`;
  } catch (error) {
    failure = error instanceof Error ? error.message : String(error);
  }
  const after = clock.now();
  if (failure !== null) {
    const failures = cursor.failures + 1;
    await failAuditStream(db, url, failure, new Date(after.getTime() + auditStreamBackoffMs(failures)));
    deps.logger.warn({ failures, position: cursor.position.toString(), error: failure }, 'audit webhook delivery failed; retrying from the same position');
    return { delivered: 0, failed: true };
  }
  await advanceAuditStream(db, url, cursor.position, { position: last.seq!, hash: last.hash! }, after);
  return { delivered: events.length, failed: false };
}
