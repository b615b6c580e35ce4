import { pgPool, type Db } from '../db/prisma.js';
import type { Role } from '../generated/prisma/enums.js';

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
 * is plain SQL on the pool rather than Prisma's two queries for a session and its relation.
 */
export async function findSessionStanding(db: Db, sessionId: string): Promise<SessionStanding | null> {
  const { rows } = await pgPool(db).query<SessionStanding>(
    `SELECT s."revokedAt", s."userId", u."role", u."disabledAt", u."mustResetPassword"
       FROM "Session" s JOIN "User" u ON u."id" = s."userId"
      WHERE s."id" = $1::uuid`,
    [sessionId],
  );
  return rows[0] ?? null;
}
