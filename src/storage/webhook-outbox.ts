import { randomUUID } from 'node:crypto';
import { queryRows, utc, type DbOrTx } from '../db/prisma.js';
import { auditEventInsertSql, auditEventParameters, type AuditEntry } from '../audit/audit-log.js';

/**
 * Stores one PENDING delivery of an event per active endpoint subscribed to it, in one statement, inside the
 * caller's transaction: the event commits with the change it reports (an outbox), or not at all. Queue the
 * returned ids after commit (`queueWebhookDeliveries`); if that fails the reconciler picks them up.
 * Subscription rule as endpointWants: no event types = everything; `area.*` = prefix; else exact.
 */
export async function storeWebhookEvent(tx: DbOrTx, now: Date, eventType: string, data: Record<string, unknown>): Promise<string[]> {
  const event = webhookEnvelope(now, eventType, data);
  const rows = await queryRows<{ id: string }>(tx, webhookOutboxInsertSql(1, '$4::timestamp'), [...webhookEventParameters(event), utc(now)]);
  return rows.map((r) => r.id);
}

/**
 * An audit event and the webhook deliveries of the event it reports, in ONE statement: they commit together, in
 * one round trip (a device fetching a command records `command.sent` for the log and for subscribers at once).
 * Returns the delivery ids to queue after commit, as storeWebhookEvent does.
 */
export async function storeAuditedWebhookEvent(db: DbOrTx, now: Date, audit: AuditEntry, eventType: string, data: Record<string, unknown>): Promise<string[]> {
  const event = webhookEnvelope(now, eventType, data);
  const rows = await queryRows<{ id: string }>(
    db,
    `WITH audit AS (${auditEventInsertSql('$4::timestamp', 5)})
     ${webhookOutboxInsertSql(1, '$4::timestamp')}`,
    [...webhookEventParameters(event), utc(now), ...auditEventParameters(audit)],
  );
  return rows.map((r) => r.id);
}

type WebhookEnvelope = ReturnType<typeof webhookEnvelope>;

/**
 * The outbox INSERT: one PENDING delivery of the event per active endpoint subscribed to it, returning their ids.
 * The event is the parameters from `$<first>` on, in webhookEventParameters' order (no rows when its type is null:
 * nothing to tell); `at` is the SQL for the creation time. With `from`, one event per row of that relation (a CTE
 * of the change it reports: no row, no deliveries).
 */
export function webhookOutboxInsertSql(first: number, at: string, from?: string): string {
  const type = first + 1;
  return `INSERT INTO "WebhookDelivery" ("id", "endpointId", "eventId", "eventType", "payload", "createdAt")
      SELECT gen_random_uuid(), e."id", $${first}::uuid, $${type}::text, $${first + 2}::jsonb, ${at}
        FROM "WebhookEndpoint" e${from ? `, ${from}` : ''}
       WHERE $${type}::text IS NOT NULL AND ${endpointSubscribedSql(type)}
      RETURNING "id"::text AS id`;
}

/** An envelope (or none) as the parameters webhookOutboxInsertSql reads: event id, type, payload. */
export function webhookEventParameters(event: WebhookEnvelope | null): unknown[] {
  return [event?.id ?? null, event?.type ?? null, event ? JSON.stringify(event) : null];
}

/** The envelope every subscriber receives; `id` is the same for one event across endpoints and retries. */
export function webhookEnvelope(now: Date, eventType: string, data: Record<string, unknown>) {
  return { id: randomUUID(), type: eventType, occurredAt: now.toISOString(), data };
}

/** storeWebhookEvent's subscription rule as SQL over endpoint `e`, the event type being the parameter `$<n>`. */
function endpointSubscribedSql(eventTypeParameter: number): string {
  const type = `$${eventTypeParameter}::text`;
  return `e."active" AND (cardinality(e."eventTypes") = 0 OR ${type} = ANY(e."eventTypes")
            OR EXISTS (SELECT 1 FROM unnest(e."eventTypes") p WHERE right(p, 2) = '.*' AND starts_with(${type}, left(p, -1))))`;
}
