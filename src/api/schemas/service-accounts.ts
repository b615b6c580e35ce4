import { Type } from 'typebox';
import { API_SCOPES } from '../../domain/service-accounts/api-keys.js';
import { Nullable, Uuid } from './common.js';

const DateTime = Type.String({ format: 'date-time' });

export const Scope = Type.Enum([...API_SCOPES]);

export const KeyOptions = {
  scopes: Type.Array(Scope, { minItems: 1, maxItems: API_SCOPES.length, uniqueItems: true }),
  expiresAt: Type.Optional(Nullable(DateTime)),
  allowedCidrs: Type.Optional(Type.Array(Type.String({ maxLength: 64, pattern: '^[0-9a-fA-F:.]+(/[0-9]{1,3})?$' }), { maxItems: 50, description: 'Source addresses or CIDR ranges the key works from; empty: anywhere' })),
};

export const ApiKeySchema = Type.Object(
  {
    id: Uuid,
    serviceAccountId: Uuid,
    prefix: Type.String({ description: 'The public part of the key (mdmk_<prefix>_…), to recognise it in logs' }),
    scopes: Type.Array(Type.String()),
    allowedCidrs: Type.Array(Type.String()),
    state: Type.Enum(['active', 'expired', 'revoked']),
    expiresAt: Nullable(DateTime),
    createdAt: DateTime,
    lastUsedAt: Nullable(DateTime),
    lastUsedIp: Nullable(Type.String()),
    revokedAt: Nullable(DateTime),
    replacedById: Nullable(Uuid),
  },
  { $id: 'ApiKey' },
);

export const IssuedKey = Type.Object({
  key: Type.Ref('ApiKey'),
  secret: Type.String({ description: 'The whole key. Shown once: only its hash is kept' }),
});

export const ServiceAccountSchema = Type.Object(
  { id: Uuid, name: Type.String(), description: Nullable(Type.String()), createdAt: DateTime },
  { $id: 'ServiceAccount' },
);
