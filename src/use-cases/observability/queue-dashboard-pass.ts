import { hkdfSync } from 'node:crypto';
import { jwtVerify, SignJWT } from 'jose';
import type { BaseDeps } from '../../deps.js';
import type { Actor } from '../../domain/access.js';
import { AppError } from '../../errors.js';

/** How long a browser may use the dashboard before the ADMIN asks for a new pass. */
export const QUEUE_DASHBOARD_PASS_SECONDS = 600;
const AUDIENCE = 'queue-dashboard';

/** A key of its own (derived from JWT_SECRET), so a dashboard pass can never be used as an API access token. */
function passKey(jwtSecret: string): Uint8Array {
  return new Uint8Array(hkdfSync('sha256', jwtSecret, 'mdm', 'queue-dashboard-pass', 32));
}

/**
 * Issues the short-lived pass a browser presents (as an HttpOnly cookie) to the queue dashboard, whose pages and
 * API calls cannot carry the Authorization header. Tied to the ADMIN's session: logging out ends it too. Audited.
 */
export async function openQueueDashboard(deps: Pick<BaseDeps, 'config' | 'clock' | 'audit'>, actor: Actor): Promise<{ pass: string; expiresAt: Date }> {
  if (!actor.sessionId) throw new AppError('FORBIDDEN', 'A signed-in ADMIN session is required');
  const now = deps.clock.now();
  const expiresAt = new Date(now.getTime() + QUEUE_DASHBOARD_PASS_SECONDS * 1000);
  const pass = await new SignJWT({ sid: actor.sessionId })
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(actor.userId)
    .setAudience(AUDIENCE)
    .setIssuedAt(Math.floor(now.getTime() / 1000))
    .setExpirationTime(Math.floor(expiresAt.getTime() / 1000))
    .sign(passKey(deps.config.JWT_SECRET));
  await deps.audit.record({ actorType: 'user', actorId: actor.userId, action: 'queues.dashboard_opened', ip: actor.ip ?? null, details: { expiresAt: expiresAt.toISOString() } });
  return { pass, expiresAt };
}

/** Checks a dashboard pass: signature, expiry, and that its session is live and its user still an enabled ADMIN. */
export async function verifyQueueDashboardPass(deps: Pick<BaseDeps, 'config' | 'clock' | 'db'>, pass: string): Promise<{ userId: string }> {
  let claims: { sub?: string; sid?: unknown };
  try {
    ({ payload: claims } = await jwtVerify(pass, passKey(deps.config.JWT_SECRET), { audience: AUDIENCE, algorithms: ['HS256'], currentDate: deps.clock.now() }));
  } catch {
    throw new AppError('UNAUTHENTICATED', 'Queue dashboard pass missing or expired; request a new one (POST /v1/admin/queue-dashboard/session)');
  }
  const session = typeof claims.sid === 'string'
    ? await deps.db.session.findUnique({ where: { id: claims.sid }, select: { userId: true, revokedAt: true, user: { select: { role: true, disabledAt: true } } } })
    : null;
  if (!session || session.revokedAt || session.userId !== claims.sub || session.user.disabledAt) throw new AppError('UNAUTHENTICATED', 'Session has ended; sign in again');
  if (session.user.role !== 'ADMIN') throw new AppError('FORBIDDEN', 'Your role does not allow this');
  return { userId: session.userId };
}
