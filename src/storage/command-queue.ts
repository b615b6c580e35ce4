import { randomUUID } from 'node:crypto';
import { columnsOf, Prisma, queryRows, utc, type DbOrTx } from '../db/prisma.js';
import type { Command } from '../generated/prisma/client.js';
import { AUDIT_EVENT_COLUMNS, auditEventArrays, auditEventColumns, auditEventInsertSql, auditEventParameters, auditEventUnnest, type AuditEntry } from '../audit/audit-log.js';
import { outboxInsertSql, webhookEnvelope, webhookEventParameters, webhookOutboxInsertSql, type WebhookEnvelope } from './webhook-outbox.js';
import { statusesAllowing, type CommandEvent } from '../domain/commands/status.js';
import type { PushTarget } from './apple-device-store.js';
import { byOrdinality, runInRounds, statementBatcher } from '../db/statement-batcher.js';

/**
 * The one writer of the Command table (a test fails when another file writes it). Every method is one guarded
 * statement: it applies an event of the status machine (domain/commands/status.ts) only from the statuses that
 * allow it, so duplicates (a job run twice, an acknowledgement that arrives twice) change nothing and say so by
 * returning null or nothing.
 *
 * Delivery state lives here, in PostgreSQL, not in Redis: `nextPushAt` is when the command is next due a wake-up
 * (and, once a worker claimed it, the end of that worker's lease), `pushes` how many wake-ups were accepted,
 * `expiresAt` the deadline after which it is EXPIRED.
 */

export interface NewCommand {
  deviceId: string;
  requestType: string;
  payload: Record<string, unknown>;
  priority?: number;
  status: 'QUEUED' | 'AWAITING_APPROVAL';
  /** LOCK, WIPE_SELECTIVE or WIPE_FULL when asked for as a generic device action. */
  action?: string | null;
  reason?: string | null;
  requestedById: string | null;
  /** Unique per requester: a second enqueue with the same key fails with P2002 (the caller replays the first). */
  idempotencyKey?: string | null;
}

export interface Deadline {
  now: Date;
  /** COMMAND_DELIVERY_DEADLINE_SECONDS */
  deadlineSeconds: number;
}

/** A whole Command row in plain SQL (see columnsOf). */
const COMMAND_COLUMNS = columnsOf(Prisma.CommandScalarFieldEnum, 'c');
/** The same, read back from an UPDATE's RETURNING named `s`. */
const STORED_COLUMNS = columnsOf(Prisma.CommandScalarFieldEnum, 's');

const later = (now: Date, seconds: number) => new Date(now.getTime() + seconds * 1000);
const allowing = (event: CommandEvent) => ({ in: statusesAllowing(event) });
const json = (value: unknown) => value as Prisma.InputJsonValue;

/**
 * Stores a new command, its audit event and its webhook outbox rows (one per subscribed endpoint, when `webhook`
 * is given) in ONE statement: they commit together or not at all, in a single round trip to PostgreSQL. Outside a
 * transaction it goes straight through the pg pool (an accepted wipe is this statement alone); inside one, through
 * the caller's transaction. The row is built here, so the audit event and the webhook payload can describe it
 * before it exists. A second command with the same requester and idempotency key fails with a unique violation
 * (see isUniqueViolation). Returns the command and the outbox ids to queue after commit.
 */
export async function insertCommandRecorded(
  db: DbOrTx,
  input: NewCommand,
  { now, deadlineSeconds }: Deadline,
  describe: (row: Command) => { audit: AuditEntry; webhook: { eventType: string; data: Record<string, unknown> } | null },
): Promise<{ row: Command; outbox: string[] }> {
  const queued = input.status === 'QUEUED';
  const row: Command = {
    id: randomUUID(),
    deviceId: input.deviceId,
    requestType: input.requestType,
    status: input.status,
    priority: input.priority ?? 0,
    payload: input.payload as Prisma.JsonValue,
    result: null,
    error: null,
    reason: input.reason ?? null,
    requestedById: input.requestedById,
    idempotencyKey: input.idempotencyKey ?? null,
    attempts: 0,
    requestedAt: now,
    queuedAt: queued ? now : null,
    sentAt: null,
    acknowledgedAt: null,
    failedAt: null,
    cancelledAt: null,
    notNowAt: null,
    action: input.action ?? null,
    approvedById: null,
    approvedAt: null,
    cancelledById: null,
    dispatchedAt: null,
    nextPushAt: queued ? now : null,
    pushes: 0,
    expiresAt: queued ? later(now, deadlineSeconds) : null,
    expiredAt: null,
    expiryAlertedAt: null,
    updatedAt: now,
  };
  const { audit, webhook } = describe(row);
  const event = webhook ? webhookEnvelope(now, webhook.eventType, webhook.data) : null;
  const sql = `
    WITH cmd AS (
      INSERT INTO "Command" ("id", "deviceId", "requestType", "status", "priority", "payload", "reason", "requestedById", "idempotencyKey",
                             "requestedAt", "queuedAt", "action", "nextPushAt", "expiresAt", "updatedAt")
      VALUES ($1::uuid, $2::uuid, $3, $4::"CommandStatus", $5, $6::jsonb, $7, $8::uuid, $9, $10::timestamp, $11::timestamp, $12, $11::timestamp, $13::timestamp, $10::timestamp)
      RETURNING "id"
    ), audit AS (${auditEventInsertSql('$10::timestamp', 14, 'cmd')})
    ${webhookOutboxInsertSql(21, '$10::timestamp', 'cmd')}`;
  const parameters = [
    row.id, row.deviceId, row.requestType, row.status, row.priority, JSON.stringify(row.payload), row.reason, row.requestedById, row.idempotencyKey,
    utc(now), utc(row.queuedAt), row.action, utc(row.expiresAt),
    ...auditEventParameters(audit),
    ...webhookEventParameters(event),
  ];
  const deliveries = await queryRows<{ id: string }>(db, sql, parameters);
  return { row, outbox: deliveries.map((d) => d.id) };
}

/** A second command with one requester's idempotency key, whichever way it was inserted (Prisma or raw SQL). */
export function isUniqueViolation(error: unknown): boolean {
  const e = error as { code?: string; meta?: { code?: string; driverAdapterError?: { cause?: { originalCode?: string } } } } | null;
  if (!e) return false;
  return e.code === 'P2002' || e.code === '23505' || e.meta?.code === '23505' || e.meta?.driverAdapterError?.cause?.originalCode === '23505';
}

export async function findCommandByIdempotencyKey(db: DbOrTx, requestedById: string | null, key: string): Promise<Command | null> {
  // Asked before every keyed lock or wipe: one plain indexed read (the unique key), without Prisma's per-query cost.
  const [row] =
    requestedById === null
      ? await queryRows<Command>(db, `SELECT ${COMMAND_COLUMNS} FROM "Command" c WHERE "requestedById" IS NULL AND "idempotencyKey" = $1 LIMIT 1`, [key])
      : await queryRows<Command>(db, `SELECT ${COMMAND_COLUMNS} FROM "Command" c WHERE "requestedById" = $1::uuid AND "idempotencyKey" = $2 LIMIT 1`, [requestedById, key]);
  return row ?? null;
}

/** A full wipe's second approval: AWAITING_APPROVAL → QUEUED, due at once; null when no longer awaiting. */
export async function approveCommand(db: DbOrTx, commandId: string, approvedById: string, { now, deadlineSeconds }: Deadline): Promise<Command | null> {
  const [row] = await db.command.updateManyAndReturn({
    where: { id: commandId, status: allowing('approve') },
    data: { status: 'QUEUED', approvedById, approvedAt: now, queuedAt: now, nextPushAt: now, expiresAt: later(now, deadlineSeconds) },
  });
  return row ?? null;
}

/**
 * What an Apple wake-up needs, read with the claim: the enrolment's push target (null: not enrolled by MDM) and
 * whether the claimed command is the device's only live one (then one push for it needs no coalescing with others).
 */
export interface ApplePushClaim {
  target: PushTarget | null;
  alone: boolean;
}

export type ClaimedCommand = Command & { device: { platform: 'APPLE' | 'ANDROID' }; applePush?: ApplePushClaim };

/**
 * Takes a command that is due a wake-up for one delivery attempt: `nextPushAt` moves to the end of the lease, so
 * another worker (or a duplicate job) finds it not due and does nothing, while a worker that dies holding it only
 * delays it until the lease ends. Apple commands stay claimable while SENT (re-pushed until answered); Android ones
 * only while QUEUED (once Google accepted a command it tracks delivery itself).
 */
export async function claimCommandDelivery(db: DbOrTx, commandId: string, now: Date, leaseSeconds: number): Promise<ClaimedCommand | null> {
  return claimInBatch(db, { commandId, now, leaseEnd: later(now, leaseSeconds) });
}

type ClaimRow = Command & { platform: 'APPLE' | 'ANDROID'; pushEnrollmentId: string | null; alone: boolean } & Omit<PushTarget, 'id'>;

/**
 * Concurrent claims (a worker runs many delivery jobs at once) share one statement: claim and read back with the
 * device's platform, and for Apple its push target and whether other commands wait on the device. Rows are locked
 * in id order, so two batches never wait on each other in a circle.
 */
const claimInBatch = statementBatcher<{ commandId: string; now: Date; leaseEnd: Date }, ClaimedCommand | null>((db, inputs) =>
  runInRounds(inputs, (input) => input.commandId, async (round) => {
    const sql = `
      WITH wanted AS (
        SELECT * FROM unnest($1::uuid[], $2::timestamp[], $3::timestamp[]) AS w("id", "now", "leaseEnd")
      ), locked AS (
        SELECT c."id", w."now", w."leaseEnd" FROM "Command" c JOIN wanted w ON w."id" = c."id" ORDER BY c."id" FOR UPDATE OF c
      )
      UPDATE "Command" c
         SET "nextPushAt" = l."leaseEnd", "attempts" = c."attempts" + 1, "updatedAt" = l."now"
        FROM locked l, "Device" d LEFT JOIN "AppleEnrollment" e ON d."platform" = 'APPLE' AND e."deviceId" = d."id"
       WHERE c."id" = l."id" AND d."id" = c."deviceId" AND c."nextPushAt" <= l."now"
         AND (c."status" = 'QUEUED' OR (c."status" = 'SENT' AND d."platform" = 'APPLE'))
      RETURNING ${COMMAND_COLUMNS}, d."platform"::text AS "platform",
                e."id" AS "pushEnrollmentId", e."pushTokenHex", e."pushMagic", e."pushTokenInvalidAt", e."checkedOutAt",
                d."platform" = 'APPLE' AND NOT EXISTS (
                  SELECT 1 FROM "Command" o
                   WHERE o."deviceId" = c."deviceId" AND o."id" <> c."id" AND o."status" IN ('QUEUED', 'SENT') AND o."nextPushAt" IS NOT NULL
                ) AS "alone"`;
    const parameters = [round.map((r) => r.commandId), round.map((r) => utc(r.now)), round.map((r) => utc(r.leaseEnd))];
    const byId = new Map((await queryRows<ClaimRow>(db, sql, parameters)).map((row) => [row.id, row]));
    return round.map((r) => {
      const row = byId.get(r.commandId);
      return row ? claimedFrom(row) : null;
    });
  }),
);

function claimedFrom(row: ClaimRow): ClaimedCommand {
  const { platform, pushEnrollmentId, pushTokenHex, pushMagic, pushTokenInvalidAt, checkedOutAt, alone, ...command } = row;
  if (platform !== 'APPLE') return { ...command, device: { platform } };
  const target = pushEnrollmentId ? { id: pushEnrollmentId, pushTokenHex, pushMagic, pushTokenInvalidAt, checkedOutAt } : null;
  return { ...command, device: { platform }, applePush: { target, alone } };
}

/** A delivery attempt failed: the command is due again at once (the job's own retry or the sweep takes it). */
export async function releaseCommandDelivery(db: DbOrTx, commandId: string, now: Date, error: { message: string; attempt: number }): Promise<void> {
  await db.command.updateMany({
    where: { id: commandId, status: { in: ['QUEUED', 'SENT'] } },
    data: { nextPushAt: now, error: json({ ...error, at: now.toISOString() }) },
  });
}

/**
 * APNs accepted a wake-up for the device: every live command of the device queued before the push was sent is now
 * pushed once more and due again after its backoff (COMMAND_REPUSH_BACKOFF_SECONDS). Returns those commands with
 * their push count (2 and more: a re-push).
 */
export async function markDevicePushed(db: DbOrTx, deviceId: string, pushSentAt: Date, now: Date, backoff: readonly number[]): Promise<{ id: string; pushes: number }[]> {
  return markPushedInBatch(db, { deviceId, pushSentAt, now, backoff });
}

/**
 * Pushes accepted at about the same time are recorded in one statement, each with its own time and backoff, and
 * per-row delays: backoff[min(pushes, len) - 1] after this push, the last value repeating. Rows are locked in id
 * order; one device pushed twice in a batch is recorded twice (two rounds), as two statements would.
 */
const markPushedInBatch = statementBatcher<{ deviceId: string; pushSentAt: Date; now: Date; backoff: readonly number[] }, { id: string; pushes: number }[]>(
  (db, inputs) =>
    runInRounds(inputs, (input) => input.deviceId, async (round) => {
      const sql = `
        WITH pushed AS (
          SELECT * FROM unnest($1::uuid[], $2::timestamp[], $3::timestamp[], $4::text[]) AS p("deviceId", "now", "sentAt", "backoff")
        ), waiting AS (
          -- Each device's own commands through its index. Joined as one set, the planner scanned every live command
          -- by status whenever its statistics predated a burst of queued wipes (31 rows estimated, thousands read).
          SELECT q."id", p."now", p."sentAt", p."backoff" FROM pushed p
           CROSS JOIN LATERAL (
             SELECT q."id" FROM "Command" q
              WHERE q."deviceId" = p."deviceId" AND q."status" IN ('QUEUED', 'SENT') AND q."queuedAt" <= p."sentAt" AND q."nextPushAt" IS NOT NULL
             OFFSET 0
           ) q
        ), locked AS (
          SELECT c."id", w."now", w."sentAt", w."backoff"::int[] AS "backoff" FROM "Command" c JOIN waiting w ON w."id" = c."id"
           ORDER BY c."id" FOR UPDATE OF c
        )
        UPDATE "Command" c
           SET "pushes" = c."pushes" + 1,
               "dispatchedAt" = l."now",
               "nextPushAt" = l."now" + make_interval(secs => l."backoff"[LEAST(c."pushes" + 1, cardinality(l."backoff"))]),
               "updatedAt" = l."now"
          FROM locked l
         WHERE c."id" = l."id" AND c."status" IN ('QUEUED', 'SENT') AND c."queuedAt" <= l."sentAt" AND c."nextPushAt" IS NOT NULL
        RETURNING c."deviceId"::text AS "deviceId", c."id"::text AS id, c."pushes"`;
      const parameters = [round.map((r) => r.deviceId), round.map((r) => utc(r.now)), round.map((r) => utc(r.pushSentAt)), round.map((r) => `{${r.backoff.join(',')}}`)];
      const rows = await queryRows<{ deviceId: string; id: string; pushes: number }>(db, sql, parameters);
      return round.map((r) => rows.filter((row) => row.deviceId === r.deviceId).map(({ id, pushes }) => ({ id, pushes })));
    }),
);

/**
 * A wake-up push for the device failed (APNs error status, no answer in time, unreachable): its waiting commands
 * keep the reason in `error`, as a failed Android delivery does, so IT sees why a command has not arrived yet. Their
 * next push stays as it was (the push job's retry and the delivery sweep re-push).
 */
export async function noteFailedPush(db: DbOrTx, deviceId: string, now: Date, message: string): Promise<void> {
  await db.command.updateMany({
    where: { deviceId, status: { in: ['QUEUED', 'SENT'] }, nextPushAt: { not: null } },
    data: { error: json({ message, at: now.toISOString() }) },
  });
}

/**
 * Google accepted devices.issueCommand (Android): SENT. Delivery to the phone is Google's from here, so no more
 * wake-ups and no deadline; the Operation tells the outcome. The stored payload loses any sealed secret.
 */
export async function markCommandAccepted(db: DbOrTx, commandId: string, now: Date, payload: Record<string, unknown>, result: Record<string, unknown>): Promise<Command | null> {
  const [row] = await db.command.updateManyAndReturn({
    where: { id: commandId, status: allowing('send') },
    data: { status: 'SENT', sentAt: now, dispatchedAt: now, pushes: { increment: 1 }, nextPushAt: null, expiresAt: null, payload: json(payload), result: json(result) },
  });
  return row ?? null;
}

/**
 * The next command an Apple device should carry out in this session, marked SENT. SENT without a result is offered
 * again (the device may have lost our answer). Returns null when nothing is left. `firstSend` is true when the
 * device had not fetched it before.
 */
export async function nextCommandFor(
  db: DbOrTx,
  deviceId: string,
  options: { skipNotNow: boolean; now: Date; backoff: readonly number[] },
): Promise<{ command: Command; firstSend: boolean } | null> {
  return nextInBatch(db, { deviceId, ...options });
}

/**
 * One statement for the devices asking at the same moment: the head of each device's queue (by priority, then age),
 * locked, marked SENT. Until its result comes, the device is woken again after the backoff (repushDelaySeconds), so a
 * lost report is asked for again. Devices are taken in id order (locks in a fixed order); one device asking twice in a
 * batch is served by a second statement.
 */
const nextInBatch = statementBatcher<{ deviceId: string; skipNotNow: boolean; now: Date; backoff: readonly number[] }, { command: Command; firstSend: boolean } | null>(
  (db, inputs) =>
    runInRounds(inputs, (input) => input.deviceId, async (round) => {
      const sql = `
        WITH wanted AS (
          SELECT * FROM unnest($1::uuid[], $2::boolean[], $3::timestamp[], $4::text[]) WITH ORDINALITY AS w("deviceId", "skipNotNow", "now", "backoff", "n")
        ), head AS (
          SELECT w."n", w."now", w."backoff"::int[] AS "backoff", h."id", h."previousStatus"
            FROM (SELECT * FROM wanted ORDER BY "deviceId") w
            CROSS JOIN LATERAL (
              SELECT q."id", q."status"::text AS "previousStatus" FROM "Command" q
               WHERE q."deviceId" = w."deviceId" AND q."status" = ANY($5::"CommandStatus"[]) AND (NOT w."skipNotNow" OR q."notNowAt" IS NULL)
               ORDER BY q."priority" DESC, q."requestedAt" ASC, q."id" ASC
               LIMIT 1 FOR UPDATE
            ) h
        )
        UPDATE "Command" c
           SET "status" = 'SENT', "sentAt" = head."now", "attempts" = c."attempts" + 1, "updatedAt" = head."now",
               "nextPushAt" = head."now" + make_interval(secs => head."backoff"[LEAST(GREATEST(c."pushes", 1), cardinality(head."backoff"))])
          FROM head
         WHERE c."id" = head."id" AND c."status" = ANY($5::"CommandStatus"[])
        RETURNING ${COMMAND_COLUMNS}, head."previousStatus", head."n"::text AS "n"`;
      const rows = await queryRows<Command & { previousStatus: string; n: string }>(db, sql, [
        round.map((r) => r.deviceId),
        round.map((r) => r.skipNotNow),
        round.map((r) => utc(r.now)),
        round.map((r) => `{${r.backoff.join(',')}}`),
        statusesAllowing('send'),
      ]);
      return byOrdinality(rows, round.length).map((row) => {
        if (!row) return null;
        const { previousStatus, ...command } = row;
        return { command, firstSend: previousStatus === 'QUEUED' };
      });
    }),
);

export type DeviceReport =
  | { outcome: 'not_now' }
  | { outcome: 'acknowledge'; result: unknown }
  | { outcome: 'fail'; result?: unknown; error: unknown };

/**
 * Stores what the device (or Google's Operation) says about a command. Applied once: a report for a command
 * already final returns null. NotNow puts it back in the queue for the next session.
 */
export async function storeCommandReport(db: DbOrTx, commandId: string, report: DeviceReport, now: Date): Promise<Command | null> {
  const data: Prisma.CommandUpdateManyMutationInput =
    report.outcome === 'not_now'
      ? { status: 'QUEUED', notNowAt: now }
      : report.outcome === 'acknowledge'
        ? { status: 'ACKNOWLEDGED', acknowledgedAt: now, nextPushAt: null, ...(report.result === undefined ? {} : { result: json(report.result) }) }
        : { status: 'FAILED', failedAt: now, nextPushAt: null, error: json(report.error), ...(report.result === undefined ? {} : { result: json(report.result) }) };
  const [row] = await db.command.updateManyAndReturn({ where: { id: commandId, status: allowing(report.outcome) }, data });
  return row ?? null;
}

/**
 * storeCommandReport for an acknowledgement or failure, with its audit event and its webhook outbox rows in the
 * same statement (they commit together, in one round trip). `describe` gets the command as it will be stored and
 * returns the event to record and the webhook event to store when the report applies; nothing is recorded when
 * the command was already final (a repeated report). Returns the stored row and the outbox ids to queue. The
 * reports of the same moment (many devices answering) share the statement.
 */
export async function storeCommandOutcomeRecorded(
  db: DbOrTx,
  command: Command,
  report: Extract<DeviceReport, { outcome: 'acknowledge' | 'fail' }>,
  now: Date,
  describe: (row: Command) => { audit: AuditEntry; webhook: { eventType: string; data: Record<string, unknown> } | null },
): Promise<{ row: Command; outbox: string[] } | null> {
  const acknowledged = report.outcome === 'acknowledge';
  // The row the UPDATE below produces, so the audit event and the webhook payload can describe it in the same
  // statement; each field here mirrors one SET of the statement.
  const expected: Command = {
    ...command,
    status: acknowledged ? 'ACKNOWLEDGED' : 'FAILED',
    ...(acknowledged ? { acknowledgedAt: now } : { failedAt: now }),
    nextPushAt: null,
    result: report.result === undefined ? command.result : (report.result as Prisma.JsonValue),
    error: report.outcome === 'fail' && report.error !== undefined ? (report.error as Prisma.JsonValue) : command.error,
    updatedAt: now,
  };
  const { audit, webhook } = describe(expected);
  return storeOutcomesInBatch(db, {
    commandId: command.id,
    now,
    status: acknowledged ? 'ACKNOWLEDGED' : 'FAILED',
    result: report.result === undefined ? null : JSON.stringify(report.result),
    error: report.outcome === 'fail' ? JSON.stringify(report.error) : null,
    allowed: statusesAllowing(report.outcome),
    audit,
    event: webhook ? webhookEnvelope(now, webhook.eventType, webhook.data) : null,
  });
}

interface OutcomeToStore {
  commandId: string;
  now: Date;
  status: 'ACKNOWLEDGED' | 'FAILED';
  /** JSON text; null keeps the stored result. */
  result: string | null;
  /** JSON text; null keeps the stored error. */
  error: string | null;
  allowed: readonly string[];
  audit: AuditEntry;
  event: WebhookEnvelope | null;
}

/**
 * One statement for the outcomes reported at the same moment: each applies only from the statuses its report
 * allows, and only an applied one gets its audit event and its outbox rows. Rows are locked in id order; a command
 * reported twice in a batch is stored by a second statement, which finds it final.
 */
const storeOutcomesInBatch = statementBatcher<OutcomeToStore, { row: Command; outbox: string[] } | null>((db, inputs) =>
  runInRounds(inputs, (input) => input.commandId, async (round) => {
    const column = (pick: (input: OutcomeToStore) => unknown) => round.map(pick);
    const audit = auditEventUnnest(10);
    const sql = `
      WITH reported AS (
        SELECT * FROM unnest($1::uuid[], $2::timestamp[], $3::text[], $4::jsonb[], $5::jsonb[], $6::text[], $7::uuid[], $8::text[], $9::jsonb[], ${audit.arrays})
          WITH ORDINALITY AS r("id", "at", "status", "result", "error", "allowed", "eventId", "eventType", "payload", ${audit.names}, "n")
      ), locked AS (
        SELECT r.* FROM "Command" c JOIN reported r ON r."id" = c."id" ORDER BY c."id" FOR UPDATE OF c
      ), stored AS (
        UPDATE "Command" c
           SET "status" = r."status"::"CommandStatus",
               "acknowledgedAt" = CASE WHEN r."status" = 'ACKNOWLEDGED' THEN r."at" ELSE c."acknowledgedAt" END,
               "failedAt" = CASE WHEN r."status" = 'FAILED' THEN r."at" ELSE c."failedAt" END,
               "nextPushAt" = NULL,
               "result" = COALESCE(r."result", c."result"),
               "error" = COALESCE(r."error", c."error"),
               "updatedAt" = r."at"
          FROM locked r
         WHERE c."id" = r."id" AND c."status" = ANY(r."allowed"::"CommandStatus"[])
        RETURNING ${COMMAND_COLUMNS}, r."n"
      ), audit AS (
        INSERT INTO "AuditEvent" (${AUDIT_EVENT_COLUMNS})
        SELECT ${auditEventColumns('r')} FROM stored s JOIN reported r ON r."n" = s."n" ORDER BY r."n"
      ), outbox AS (
        ${outboxInsertSql({ id: 'r."eventId"', type: 'r."eventType"', payload: 'r."payload"', at: 'r."at"' }, 'stored s JOIN reported r ON r."n" = s."n"')}, "eventId"
      )
      SELECT ${STORED_COLUMNS}, s."n"::text AS "n",
             (SELECT coalesce(array_agg(o.id), '{}') FROM outbox o JOIN reported r ON r."eventId" = o."eventId" WHERE r."n" = s."n") AS "outbox"
        FROM stored s`;
    const rows = await queryRows<Command & { n: string; outbox: string[] }>(db, sql, [
      column((input) => input.commandId),
      column((input) => utc(input.now)),
      column((input) => input.status),
      column((input) => input.result),
      column((input) => input.error),
      column((input) => `{${input.allowed.join(',')}}`),
      column((input) => input.event?.id ?? null),
      column((input) => input.event?.type ?? null),
      column((input) => (input.event ? JSON.stringify(input.event) : null)),
      ...auditEventArrays(round.map((input) => input.audit)),
    ]);
    return byOrdinality(rows, round.length).map((found) => {
      if (!found) return null;
      const { outbox, ...row } = found;
      return { row, outbox };
    });
  }),
);

/**
 * A command of one device with the device's ownership, or null (a result naming another device's command). The
 * reports of the same moment share one read.
 */
export async function findDeviceCommand(db: DbOrTx, deviceId: string, commandId: string): Promise<(Command & { device: { ownership: 'CORPORATE' | 'PERSONAL' } }) | null> {
  return findDeviceCommandsInBatch(db, { deviceId, commandId });
}

const findDeviceCommandsInBatch = statementBatcher<{ deviceId: string; commandId: string }, (Command & { device: { ownership: 'CORPORATE' | 'PERSONAL' } }) | null>(
  async (db, inputs) => {
    const rows = await queryRows<Command & { ownership: 'CORPORATE' | 'PERSONAL'; n: string }>(
      db,
      `SELECT w."n"::text AS "n", ${COMMAND_COLUMNS}, d."ownership"::text AS "ownership"
         FROM unnest($1::uuid[], $2::uuid[]) WITH ORDINALITY AS w("commandId", "deviceId", "n")
         JOIN "Command" c ON c."id" = w."commandId" AND c."deviceId" = w."deviceId"
         JOIN "Device" d ON d."id" = c."deviceId"`,
      [inputs.map((input) => input.commandId), inputs.map((input) => input.deviceId)],
    );
    return byOrdinality(rows, inputs.length).map((row) => {
      if (!row) return null;
      const { ownership, ...command } = row;
      return { ...command, device: { ownership } };
    });
  },
);

/** A person withdraws a command the device has not fetched; null when it is no longer cancellable. */
export async function withdrawCommand(db: DbOrTx, commandId: string, cancelledById: string | null, now: Date): Promise<Command | null> {
  const [row] = await db.command.updateManyAndReturn({
    where: { id: commandId, status: allowing('cancel') },
    data: { status: 'CANCELLED', cancelledAt: now, cancelledById, nextPushAt: null },
  });
  return row ?? null;
}

/**
 * The device left management: its open commands can no longer reach it. Apple check-out cancels them; an Android
 * device Google deleted fails them (`exceptIds`: the wipe that caused it, settled on its own).
 */
export async function closeOpenCommandsOfDevice(
  db: DbOrTx,
  deviceId: string,
  options: { as: 'CANCELLED' | 'FAILED'; now: Date; reason: string; exceptIds?: string[] },
): Promise<Command[]> {
  const event: CommandEvent = options.as === 'CANCELLED' ? 'abandon' : 'fail';
  return db.command.updateManyAndReturn({
    where: { deviceId, status: allowing(event), ...(options.exceptIds?.length ? { id: { notIn: options.exceptIds } } : {}) },
    data:
      options.as === 'CANCELLED'
        ? { status: 'CANCELLED', cancelledAt: options.now, nextPushAt: null, error: { reason: options.reason } }
        : { status: 'FAILED', failedAt: options.now, nextPushAt: null, error: { reason: options.reason } },
  });
}

/** Live commands past their deadline become EXPIRED (at most `limit` per call). */
export async function expireDueCommands(db: DbOrTx, now: Date, limit: number): Promise<Command[]> {
  const due = await db.command.findMany({
    where: { status: allowing('expire'), expiresAt: { lte: now } },
    select: { id: true },
    orderBy: { expiresAt: 'asc' },
    take: limit,
  });
  if (due.length === 0) return [];
  return db.command.updateManyAndReturn({
    where: { id: { in: due.map((d) => d.id) }, status: allowing('expire'), expiresAt: { lte: now } },
    data: { status: 'EXPIRED', expiredAt: now, nextPushAt: null },
  });
}

/**
 * Expired commands IT has not been alerted about yet, now marked alerted (call in the transaction that writes the
 * alert, so the two commit together).
 */
export async function takeUnalertedExpiries(db: DbOrTx, now: Date): Promise<Command[]> {
  return db.command.updateManyAndReturn({ where: { status: 'EXPIRED', expiryAlertedAt: null }, data: { expiryAlertedAt: now } });
}

/** Ids of commands due a (re-)push, oldest due first, after `afterId` for paging. */
export async function commandsDueDelivery(db: DbOrTx, now: Date, limit: number): Promise<string[]> {
  const rows = await db.command.findMany({
    where: { nextPushAt: { lte: now }, OR: [{ status: 'QUEUED' }, { status: 'SENT', device: { platform: 'APPLE' } }] },
    select: { id: true },
    orderBy: { nextPushAt: 'asc' },
    take: limit,
  });
  return rows.map((r) => r.id);
}

/** Drops payloads and results of commands that finished before `before`; the command row stays for the record. */
export async function clearFinishedCommandPayloads(db: DbOrTx, before: Date, limit: number): Promise<number> {
  return db.$executeRaw`
    UPDATE "Command" SET payload = '{}'::jsonb, result = NULL
    WHERE id IN (
      SELECT id FROM "Command"
      WHERE status IN ('ACKNOWLEDGED', 'FAILED', 'CANCELLED', 'EXPIRED') AND "updatedAt" < ${before}
        AND (payload <> '{}'::jsonb OR result IS NOT NULL)
      LIMIT ${limit}
    )`;
}

/** Privacy retention: every command of these (personal, departed) devices loses its payload, result and error. */
export async function clearDeviceCommandPayloads(tx: DbOrTx, deviceIds: string[]): Promise<number> {
  return tx.$executeRaw`UPDATE "Command" SET payload = '{}'::jsonb, result = NULL, error = NULL WHERE "deviceId" = ANY(${deviceIds}::uuid[])`;
}
