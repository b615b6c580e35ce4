import { createHash, timingSafeEqual } from 'node:crypto';
import type { BaseDeps } from '../../deps.js';
import type { Actor } from '../../domain/access.js';
import { addressAllowed, parseApiKey, type ApiScope } from '../../domain/service-accounts/api-keys.js';
import { AppError } from '../../errors.js';

/** lastUsedAt is a hint for the key list, not an audit record: written at most once a minute per key. */
const LAST_USED_RESOLUTION_MS = 60_000;

export const hashSecret = (secret: string) => createHash('sha256').update(secret).digest('hex');

/**
 * Turns a presented API key into the service account's actor, or refuses: unknown, malformed, revoked or expired
 * keys and keys used from outside their allowed addresses are all 401 (nothing tells which); a valid key without
 * the route's scope is 403.
 */
export async function authenticateApiKey(deps: Pick<BaseDeps, 'db' | 'clock'>, presented: string, ip: string, scope: ApiScope): Promise<Actor> {
  const parsed = parseApiKey(presented);
  const refused = new AppError('UNAUTHENTICATED', 'Invalid API key');
  if (!parsed) throw refused;
  const key = await deps.db.apiKey.findUnique({ where: { prefix: parsed.prefix } });
  if (!key) throw refused;
  const presentedHash = Buffer.from(hashSecret(parsed.secret), 'hex');
  if (!timingSafeEqual(presentedHash, Buffer.from(key.secretHash, 'hex'))) throw refused;
  const now = deps.clock.now();
  if (key.revokedAt && key.revokedAt <= now) throw refused;
  if (key.expiresAt && key.expiresAt <= now) throw refused;
  if (!addressAllowed(ip, key.allowedCidrs)) throw refused;
  if (!key.scopes.includes(scope)) throw new AppError('FORBIDDEN', `This API key lacks the ${scope} scope`, { details: { requiredScope: scope } });
  if (!key.lastUsedAt || now.getTime() - key.lastUsedAt.getTime() > LAST_USED_RESOLUTION_MS) {
    await deps.db.apiKey.update({ where: { id: key.id }, data: { lastUsedAt: now, lastUsedIp: ip } });
  }
  // Role IT gives fleet-wide visibility; what the key can reach is bounded by the routes that accept its scopes.
  return { userId: key.serviceAccountId, role: 'IT', ip, serviceAccount: { id: key.serviceAccountId, keyId: key.id, scopes: key.scopes } };
}
