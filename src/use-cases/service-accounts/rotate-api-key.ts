import type { BaseDeps } from '../../deps.js';
import { auditActorOf, type Actor } from '../../domain/access.js';
import type { ApiScope } from '../../domain/service-accounts/api-keys.js';
import { AppError, notFound } from '../../errors.js';
import { insertApiKey } from './issue-api-key.js';

/**
 * Issues a replacement with the same scopes, addresses and expiry, and ends the old key: at once, or after
 * `overlapSeconds` so the integration can switch over without an outage.
 */
export async function rotateApiKey(deps: Pick<BaseDeps, 'db' | 'audit' | 'clock'>, actor: Actor, keyId: string, overlapSeconds: number) {
  if (actor.role !== 'ADMIN' || actor.serviceAccount) throw new AppError('FORBIDDEN', 'Only ADMIN can rotate API keys');
  const now = deps.clock.now();
  return deps.db.$transaction(async (tx) => {
    const old = await tx.apiKey.findUnique({ where: { id: keyId } });
    if (!old) throw notFound('API key');
    if ((old.revokedAt && old.revokedAt <= now) || (old.expiresAt && old.expiresAt <= now)) throw new AppError('CONFLICT', 'This key is no longer valid; issue a new one instead');
    const issued = await insertApiKey(tx, old.serviceAccountId, { scopes: old.scopes as ApiScope[], allowedCidrs: old.allowedCidrs, expiresAt: old.expiresAt?.toISOString() ?? null }, actor.userId);
    const endsAt = new Date(now.getTime() + overlapSeconds * 1000);
    // A still-earlier revocation time is kept; the claim on the row makes two rotations of one key conflict.
    const claimed = await tx.apiKey.updateMany({ where: { id: keyId, replacedById: null }, data: { revokedAt: endsAt, revokedReason: 'rotated', replacedById: issued.id } });
    if (claimed.count === 0) throw new AppError('CONFLICT', 'This key was already rotated');
    await deps.audit.record({ ...auditActorOf(actor), action: 'api_key.rotated', targetType: 'service_account', targetId: old.serviceAccountId, details: { keyId, newKeyId: issued.id, prefix: issued.key.prefix, oldKeyEndsAt: endsAt.toISOString() } }, tx);
    return { key: issued.key, secret: issued.secret, previousKeyEndsAt: endsAt.toISOString() };
  });
}
