import type { BaseDeps } from '../../deps.js';
import { auditActorOf, type Actor } from '../../domain/access.js';
import { AppError, notFound } from '../../errors.js';

/** Revokes a key with immediate effect: the next request with it is 401. Revoking twice changes nothing. */
export async function revokeApiKey(deps: Pick<BaseDeps, 'db' | 'audit' | 'clock'>, actor: Actor, keyId: string, reason: string | null) {
  if (actor.role !== 'ADMIN' || actor.serviceAccount) throw new AppError('FORBIDDEN', 'Only ADMIN can revoke API keys');
  const now = deps.clock.now();
  await deps.db.$transaction(async (tx) => {
    const key = await tx.apiKey.findUnique({ where: { id: keyId } });
    if (!key) throw notFound('API key');
    if (key.revokedAt && key.revokedAt <= now) return;
    await tx.apiKey.update({ where: { id: keyId }, data: { revokedAt: now, revokedReason: reason } });
    await deps.audit.record({ ...auditActorOf(actor), action: 'api_key.revoked', targetType: 'service_account', targetId: key.serviceAccountId, details: { keyId, prefix: key.prefix, reason } }, tx);
  });
}
