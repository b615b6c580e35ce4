import { randomUUID } from 'node:crypto';
import { queryRows, utc, type DbOrTx } from '../db/prisma.js';
import { AUDIT_EVENT_COLUMNS, auditEventArrays, auditEventUnnest, type AuditEntry } from '../audit/audit-log.js';
import { runInRounds, statementBatcher } from '../db/statement-batcher.js';

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
 * one round trip (a device fetching a command records `command.sent` for the log and for subscribers at once), and
 * the events recorded at the same moment share the statement (the audit events in call order). Returns the
 * delivery ids to queue after commit, as storeWebhookEvent does.
 */
export async function storeAuditedWebhookEvent(db: DbOrTx, now: Date, audit: AuditEntry, eventType: string, data: Record<string, unknown>): Promise<string[]> {
  return auditedEventsInBatch(db, { now, audit, event: webhookEnvelope(now, eventType, data) });
}

const auditedEventsInBatch = statementBatcher<{ now: Date; audit: AuditEntry; event: WebhookEnvelope }, string[]>(async (db, inputs) => {
  const column = (pick: (input: (typeof inputs)[number]) => unknown) => inputs.map(pick);
  const audit = auditEventUnnest(5);
  const rows = await queryRows<{ id: string; eventId: string }>(
    db,
    `WITH ev AS (
       SELECT * FROM unnest($1::uuid[], $2::text[], $3::jsonb[], $4::timestamp[], ${audit.arrays})
         WITH ORDINALITY AS ev("eventId", "type", "payload", "at", ${audit.names}, "n")
     ), audit AS (
       INSERT INTO "AuditEvent" (${AUDIT_EVENT_COLUMNS})
       SELECT ${AUDIT_EVENT_COLUMNS} FROM ev ORDER BY "n"
     )
     ${outboxInsertSql({ id: 'ev."eventId"', type: 'ev."type"', payload: 'ev."payload"', at: 'ev."at"' }, 'ev')}, "eventId"::text AS "eventId"`,
    [
      column((input) => input.event.id),
      column((input) => input.event.type),
      column((input) => JSON.stringify(input.event)),
      column((input) => utc(input.now)),
      ...auditEventArrays(inputs.map((input) => input.audit)),
    ],
  );
  return inputs.map((input) => rows.filter((row) => row.eventId === input.event.id).map((row) => row.id));
});

/** A stored delivery as its POST needs it: the event and where (and with which sealed secret) it goes. */
export interface WebhookDeliveryToSend {
  id: string;
  eventId: string;
  eventType: string;
  payload: unknown;
  status: 'PENDING' | 'DELIVERED' | 'FAILED';
  endpoint: { url: string; secretSealed: string; active: boolean };
}

/**
 * One delivery with its endpoint (every webhook POST starts here); null when gone. Concurrent reads (a worker posts
 * many deliveries at once) share one indexed read.
 */
export async function findWebhookDelivery(db: DbOrTx, deliveryId: string): Promise<WebhookDeliveryToSend | null> {
  return findDeliveriesInBatch(db, deliveryId);
}

const findDeliveriesInBatch = statementBatcher<string, WebhookDeliveryToSend | null>(async (db, ids) => {
  const rows = await queryRows<Omit<WebhookDeliveryToSend, 'endpoint'> & WebhookDeliveryToSend['endpoint']>(
    db,
    `SELECT w."id"::text AS "id", w."eventId"::text AS "eventId", w."eventType", w."payload", w."status"::text AS "status",
            e."url", e."secretSealed", e."active"
       FROM "WebhookDelivery" w JOIN "WebhookEndpoint" e ON e."id" = w."endpointId"
      WHERE w."id" = ANY($1::uuid[])`,
    [[...new Set(ids)]],
  );
  const byId = new Map(rows.map(({ url, secretSealed, active, ...delivery }) => [delivery.id, { ...delivery, endpoint: { url, secretSealed, active } }]));
  return ids.map((id) => byId.get(id) ?? null);
});

interface WebhookAttempt {
  deliveryId: string;
  statusCode: number | null;
  failure: string | null;
  final: boolean;
  at: Date;
}

/**
 * The outcome of one POST of a delivery: `failure` null means the endpoint took it (DELIVERED); otherwise the
 * delivery stays PENDING for the job's next retry, or becomes FAILED when `final` (its retries are used up).
 * Outcomes recorded at about the same time share one statement (rows locked in id order).
 */
export async function recordWebhookAttempt(db: DbOrTx, deliveryId: string, outcome: Omit<WebhookAttempt, 'deliveryId'>): Promise<void> {
  await recordAttemptsInBatch(db, { deliveryId, ...outcome });
}

const recordAttemptsInBatch = statementBatcher<WebhookAttempt, void>((db, inputs) =>
  runInRounds(inputs, (input) => input.deliveryId, async (round) => {
    await queryRows(
      db,
      `WITH outcome AS (
         SELECT * FROM unnest($1::uuid[], $2::int[], $3::text[], $4::boolean[], $5::timestamp[]) AS o("id", "statusCode", "failure", "final", "at")
       ), locked AS (
         SELECT w."id", o."statusCode", o."failure", o."final", o."at" FROM "WebhookDelivery" w JOIN outcome o ON o."id" = w."id" ORDER BY w."id" FOR UPDATE OF w
       )
       UPDATE "WebhookDelivery" w
          SET "attempts" = w."attempts" + 1, "lastStatusCode" = l."statusCode", "lastError" = l."failure",
              "status" = CASE WHEN l."failure" IS NULL THEN 'DELIVERED' WHEN l."final" THEN 'FAILED' ELSE w."status" END::"WebhookDeliveryStatus",
              "deliveredAt" = CASE WHEN l."failure" IS NULL THEN l."at" ELSE w."deliveredAt" END
         FROM locked l
        WHERE w."id" = l."id"`,
      [round.map((r) => r.deliveryId), round.map((r) => r.statusCode), round.map((r) => r.failure), round.map((r) => r.final), round.map((r) => utc(r.at))],
    );
    return round.map(() => undefined);
  }),
);

export type WebhookEnvelope = ReturnType<typeof webhookEnvelope>;

/**
 * The outbox INSERT: one PENDING delivery of the event per active endpoint subscribed to it, returning their ids.
 * The event is the parameters from `$<first>` on, in webhookEventParameters' order (no rows when its type is null:
 * nothing to tell); `at` is the SQL for the creation time. With `from`, one event per row of that relation (a CTE
 * of the change it reports: no row, no deliveries).
 */
export function webhookOutboxInsertSql(first: number, at: string, from?: string): string {
  return outboxInsertSql({ id: `$${first}::uuid`, type: `$${first + 1}::text`, payload: `$${first + 2}::jsonb`, at }, from);
}

/**
 * The outbox INSERT over SQL expressions for the event's id, type (null: no deliveries), payload and creation time,
 * with `from` joined in when given; it returns the delivery ids, and a caller may append more RETURNING columns.
 */
export function outboxInsertSql(event: { id: string; type: string; payload: string; at: string }, from?: string): string {
  return `INSERT INTO "WebhookDelivery" ("id", "endpointId", "eventId", "eventType", "payload", "createdAt")
      SELECT gen_random_uuid(), e."id", ${event.id}, ${event.type}, ${event.payload}, ${event.at}
        FROM "WebhookEndpoint" e${from ? `, ${from}` : ''}
       WHERE ${event.type} IS NOT NULL AND ${subscribedSql(event.type)}
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

/** storeWebhookEvent's subscription rule as SQL over endpoint `e`, for the event type the SQL expression `type` gives. */
function subscribedSql(type: string): string {
  return `e."active" AND (cardinality(e."eventTypes") = 0 OR ${type} = ANY(e."eventTypes")
            OR EXISTS (SELECT 1 FROM unnest(e."eventTypes") p WHERE right(p, 2) = '.*' AND starts_with(${type}, left(p, -1))))`;
}
