import { queryRows, type Db } from '../db/prisma.js';
import { statementBatcher } from '../db/statement-batcher.js';
import type { Role } from '../generated/prisma/enums.js';
import { isUuid } from '../domain/ids.js';

/** What every authenticated request re-reads about its session and user, so a logout or disable applies at once. */
export interface SessionStanding {
  revokedAt: Date | null;
  userId: string;
  role: Role;
  disabledAt: Date | null;
  mustResetPassword: boolean;
}

/**
 * The session with its user, in one indexed read (a join on the primary keys). Every API request asks this, so it
 * is plain SQL on the pool rather than Prisma's two queries for a session and its relation, and the requests that
 * ask at the same moment share one statement.
 */
export async function findSessionStanding(db: Db, sessionId: string): Promise<SessionStanding | null> {
  return findInBatch(db, sessionId);
}

const findInBatch = statementBatcher<string, SessionStanding | null>(async (db, sessionIds) => {
  // A malformed id (it comes from a signed token, but still) must not fail the other requests' reads.
  const wanted = [...new Set(sessionIds.filter((id) => isUuid(id)))];
  const rows = wanted.length
    ? await queryRows<SessionStanding & { id: string }>(
        db,
        `SELECT s."id"::text AS "id", s."revokedAt", s."userId", u."role", u."disabledAt", u."mustResetPassword"
           FROM "Session" s JOIN "User" u ON u."id" = s."userId"
          WHERE s."id" = ANY($1::uuid[])`,
        [wanted],
      )
    : [];
  const byId = new Map(rows.map(({ id, ...standing }) => [id.toLowerCase(), standing]));
  return sessionIds.map((id) => byId.get(id.toLowerCase()) ?? null);
});
