import { queryRows, type Db, type DbOrTx } from '../db/prisma.js';
import { byOrdinality, statementBatcher } from '../db/statement-batcher.js';
import type { AppleEnrollment } from '../generated/prisma/client.js';


/** The enrolment columns the device hot paths need (not the large last-report JSON columns). */
export type DeviceEnrollment = Pick<
  AppleEnrollment,
  | 'id'
  | 'deviceId'
  | 'type'
  | 'enrollmentId'
  | 'certSha256'
  | 'checkedOutAt'
  | 'topic'
  | 'pushMagic'
  | 'pushTokenHex'
  | 'pushTokenInvalidAt'
  | 'awaitingConfiguration'
  | 'tokenUpdatedAt'
>;

export interface QueuedCommand {
  id: string;
  requestType: string;
  payload: Record<string, unknown>;
}

export interface DeviceSession {
  purpose: string;
  revokedAt: Date | null;
  enrollment: DeviceEnrollment | null;
  /** The command the device would be handed next (QUEUED or SENT, by priority then age), when asked for. */
  next: QueuedCommand | null;
}

interface SessionRow extends DeviceEnrollment {
  purpose: string;
  certRevokedAt: Date | null;
  enrollmentRowId: string | null;
  nextId: string | null;
  nextRequestType: string | null;
  nextPayload: Record<string, unknown> | null;
}

/**
 * Everything one device request needs, in one indexed read: the certificate (by SHA-256), its enrolment, and
 * (for the command channel) the next command in the device's queue. An Idle connect with nothing queued costs
 * exactly this query, shared with the other devices' requests of the same moment (one row per request, by
 * ordinality): on a busy server the round trip, not the read, is what costs.
 */
export async function loadDeviceSession(db: Db, certificateSha256: string, options: { withNextCommand: boolean }): Promise<DeviceSession | null> {
  return loadSessionsInBatch(db, { certificateSha256, withNextCommand: options.withNextCommand });
}

const loadSessionsInBatch = statementBatcher<{ certificateSha256: string; withNextCommand: boolean }, DeviceSession | null>(async (db, inputs) => {
  const rows = await queryRows<SessionRow & { n: string }>(
    db,
    `SELECT w."n"::text AS "n", c."purpose", c."revokedAt" AS "certRevokedAt", e."id" AS "enrollmentRowId",
            e."id", e."deviceId", e."type"::text AS "type", e."enrollmentId", e."certSha256", e."checkedOutAt", e."topic",
            e."pushMagic", e."pushTokenHex", e."pushTokenInvalidAt", e."awaitingConfiguration", e."tokenUpdatedAt",
            n."id" AS "nextId", n."requestType" AS "nextRequestType", n."payload" AS "nextPayload"
       FROM unnest($1::text[], $2::boolean[]) WITH ORDINALITY AS w("sha256", "withNext", "n")
       JOIN "AppleCertificate" c ON c."sha256" = w."sha256"
       LEFT JOIN "AppleEnrollment" e ON e."id" = c."enrollmentId"
       LEFT JOIN LATERAL (
         SELECT q."id", q."requestType", q."payload" FROM "Command" q
          WHERE q."deviceId" = e."deviceId" AND q."status" IN ('QUEUED', 'SENT')
          ORDER BY q."priority" DESC, q."requestedAt", q."id" LIMIT 1
       ) n ON w."withNext"`,
    [inputs.map((input) => input.certificateSha256), inputs.map((input) => input.withNextCommand)],
  );
  return byOrdinality(rows, inputs.length).map((row) => sessionFrom(row));
});

function sessionFrom(row: SessionRow | undefined): DeviceSession | null {
  if (!row) return null;
  const enrollment: DeviceEnrollment | null = row.enrollmentRowId
    ? {
        id: row.id,
        deviceId: row.deviceId,
        type: row.type,
        enrollmentId: row.enrollmentId,
        certSha256: row.certSha256,
        checkedOutAt: row.checkedOutAt,
        topic: row.topic,
        pushMagic: row.pushMagic,
        pushTokenHex: row.pushTokenHex,
        pushTokenInvalidAt: row.pushTokenInvalidAt,
        awaitingConfiguration: row.awaitingConfiguration,
        tokenUpdatedAt: row.tokenUpdatedAt,
      }
    : null;
  return {
    purpose: row.purpose,
    revokedAt: row.certRevokedAt,
    enrollment,
    next: row.nextId ? { id: row.nextId, requestType: row.nextRequestType!, payload: row.nextPayload ?? {} } : null,
  };
}

/**
 * Ends an Apple device's identity for good: the enrolment link stops working, the binding goes (any later request
 * with the old certificate is refused) and its certificates are revoked. Returns how many certificates it revoked;
 * running it again revokes nothing more.
 */
export async function revokeAppleIdentity(db: DbOrTx, deviceId: string, now: Date, reason: string): Promise<number> {
  const enrollment = await db.appleEnrollment.findUnique({ where: { deviceId }, select: { id: true, checkedOutAt: true } });
  if (!enrollment) return 0;
  await db.appleEnrollment.update({
    where: { id: enrollment.id },
    data: { tokenExpiresAt: now, checkedOutAt: enrollment.checkedOutAt ?? now, enrollmentId: null, certSha256: null, pushTokenHex: null, pushMagic: null },
  });
  const { count } = await db.appleCertificate.updateMany({ where: { enrollmentId: enrollment.id, revokedAt: null }, data: { revokedAt: now, revokedReason: reason } });
  return count;
}

/** What an APNs wake-up needs of a device's enrolment: its push token and magic, and whether it may be pushed. */
export type PushTarget = Pick<AppleEnrollment, 'id' | 'pushTokenHex' | 'pushMagic' | 'pushTokenInvalidAt' | 'checkedOutAt'>;

/** The push target of one device, in one indexed read (every wake-up push asks it). */
export async function findPushTarget(db: Db, deviceId: string): Promise<PushTarget | null> {
  const [row] = await queryRows<PushTarget>(
    db,
    `SELECT "id", "pushTokenHex", "pushMagic", "pushTokenInvalidAt", "checkedOutAt" FROM "AppleEnrollment" WHERE "deviceId" = $1::uuid`,
    [deviceId],
  );
  return row ?? null;
}
