import { randomBytes } from 'node:crypto';
import type { Deps } from '../../deps.js';
import type { DbOrTx } from '../../db/prisma.js';
import { hashToken } from '../../domain/auth/tokens.js';
import { AppError } from '../../errors.js';
import type { Incident } from '../../generated/prisma/client.js';

/** Recognisable in logs and secret scanners; the rest is 256 random bits. */
const PREFIX = 'mdmift_';
const SHAPE = /^mdmift_[A-Za-z0-9_-]{43}$/;

export interface IssuedFollowUpToken {
  token: string;
  expiresAt: string;
  /** What the token can do, so the client can tell the reporter. */
  allows: string[];
}

/**
 * A token for the person who reported their own device lost, shown to them once in the answer to the report. It
 * reads that incident and adds notes to it, nothing else, until it expires or the incident closes: the reporter can
 * follow the incident even when the playbook ended their sessions or their authenticator was on the lost phone.
 * Only its SHA-256 is stored.
 */
export async function issueFollowUpToken(deps: Pick<Deps, 'clock' | 'config'>, db: DbOrTx, incident: Pick<Incident, 'id'>, userId: string): Promise<IssuedFollowUpToken> {
  const token = PREFIX + randomBytes(32).toString('base64url');
  const now = deps.clock.now();
  const expiresAt = new Date(now.getTime() + deps.config.INCIDENT_FOLLOW_UP_TOKEN_TTL_HOURS * 3_600_000);
  await db.incidentFollowUpToken.create({ data: { incidentId: incident.id, userId, tokenHash: hashToken(token), createdAt: now, expiresAt } });
  return {
    token,
    expiresAt: expiresAt.toISOString(),
    allows: [`GET /v1/incidents/${incident.id}/follow-up`, `POST /v1/incidents/${incident.id}/follow-up/notes`],
  };
}

/**
 * The incident and the reporter a follow-up token stands for, or 401. One answer for every failure (no such token,
 * another incident's token, expired, incident closed, malformed), so the answer tells an attacker nothing; the
 * audit log keeps the reason.
 */
export async function requireFollowUpToken(deps: Pick<Deps, 'db' | 'clock' | 'audit'>, token: unknown, incidentId: string, ip: string | null) {
  const refuse = async (reason: string): Promise<never> => {
    await deps.audit.record({ actorType: 'anonymous', action: 'incident.follow_up_refused', targetType: 'incident', targetId: incidentId, ip, details: { reason } });
    throw new AppError('UNAUTHENTICATED', 'A valid follow-up token for this incident is required (X-Incident-Follow-Up-Token)');
  };
  if (typeof token !== 'string' || !SHAPE.test(token)) return refuse('missing or malformed token');
  const row = await deps.db.incidentFollowUpToken.findUnique({ where: { tokenHash: hashToken(token) }, include: { incident: true } });
  if (!row) return refuse('unknown token');
  if (row.incidentId !== incidentId) return refuse(`token of another incident (${row.incidentId})`);
  const now = deps.clock.now();
  if (row.expiresAt <= now) return refuse('token expired');
  if (row.incident.status !== 'OPEN') return refuse('incident closed');
  await deps.db.incidentFollowUpToken.update({ where: { id: row.id }, data: { lastUsedAt: now } });
  return { tokenId: row.id, userId: row.userId, incident: row.incident };
}
