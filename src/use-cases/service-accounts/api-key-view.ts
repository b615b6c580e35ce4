import type { ApiKey } from '../../generated/prisma/client.js';

/** An API key as listed: never its secret or hash. */
export function toApiKeyView(key: ApiKey, now: Date) {
  const state = key.revokedAt && key.revokedAt <= now ? 'revoked' : key.expiresAt && key.expiresAt <= now ? 'expired' : 'active';
  return {
    id: key.id,
    serviceAccountId: key.serviceAccountId,
    prefix: key.prefix,
    scopes: key.scopes,
    allowedCidrs: key.allowedCidrs,
    state,
    expiresAt: key.expiresAt?.toISOString() ?? null,
    createdAt: key.createdAt.toISOString(),
    lastUsedAt: key.lastUsedAt?.toISOString() ?? null,
    lastUsedIp: key.lastUsedIp,
    revokedAt: key.revokedAt?.toISOString() ?? null,
    replacedById: key.replacedById,
  };
}

export type ApiKeyView = ReturnType<typeof toApiKeyView>;
