import type { AuthDeps, RequestMeta } from './session-grant.js';

export async function logout(deps: AuthDeps, input: { userId: string; sessionId: string } & RequestMeta): Promise<void> {
  await deps.db.session.updateMany({
    where: { id: input.sessionId, userId: input.userId, revokedAt: null },
    data: { revokedAt: deps.clock.now(), revokedReason: 'logout' },
  });
  await deps.audit.record({
    actorType: 'user', actorId: input.userId, action: 'auth.logout', targetType: 'session', targetId: input.sessionId, ip: input.ip ?? null,
  });
}
