import { randomBytes } from 'node:crypto';
import type { BaseDeps } from '../../deps.js';
import type { Tx } from '../../db/prisma.js';
import { auditActorOf, type Actor } from '../../domain/access.js';
import { formatApiKey, parseCidr, type ApiScope } from '../../domain/service-accounts/api-keys.js';
import { AppError } from '../../errors.js';
import { hashSecret } from './authenticate-api-key.js';
import { toApiKeyView, type ApiKeyView } from './api-key-view.js';

export interface KeyOptions {
  scopes: ApiScope[];
  expiresAt?: string | null;
  allowedCidrs?: string[];
}

export function checkKeyOptions(options: KeyOptions, now: Date) {
  if (options.expiresAt && new Date(options.expiresAt) <= now) throw new AppError('VALIDATION_FAILED', 'expiresAt must be in the future');
  const bad = (options.allowedCidrs ?? []).filter((c) => !parseCidr(c));
  if (bad.length) throw new AppError('VALIDATION_FAILED', 'allowedCidrs must be addresses or CIDR ranges', { details: { invalid: bad } });
}

/** Creates one key row and returns it with its secret: the only time the secret exists outside the caller. */
export async function insertApiKey(tx: Tx, serviceAccountId: string, options: KeyOptions, createdById: string): Promise<{ key: ApiKeyView; secret: string; id: string }> {
  const prefix = randomBytes(6).toString('hex');
  const secret = randomBytes(32).toString('base64url');
  const row = await tx.apiKey.create({
    data: {
      serviceAccountId,
      prefix,
      secretHash: hashSecret(secret),
      scopes: [...new Set(options.scopes)],
      allowedCidrs: options.allowedCidrs ?? [],
      expiresAt: options.expiresAt ? new Date(options.expiresAt) : null,
      createdById,
    },
  });
  return { id: row.id, key: toApiKeyView(row, new Date(0)), secret: formatApiKey(prefix, secret) };
}

/** A new key for a service account (ADMIN). The secret is in this answer only; we keep its SHA-256. */
export async function issueApiKey(deps: Pick<BaseDeps, 'db' | 'audit' | 'clock'>, actor: Actor, serviceAccountId: string, options: KeyOptions) {
  if (actor.role !== 'ADMIN' || actor.serviceAccount) throw new AppError('FORBIDDEN', 'Only ADMIN can issue API keys');
  checkKeyOptions(options, deps.clock.now());
  return deps.db.$transaction(async (tx) => {
    const account = await tx.serviceAccount.findUnique({ where: { id: serviceAccountId } });
    if (!account) throw new AppError('NOT_FOUND', 'Service account not found');
    const issued = await insertApiKey(tx, serviceAccountId, options, actor.userId);
    await deps.audit.record({ ...auditActorOf(actor), action: 'api_key.issued', targetType: 'service_account', targetId: serviceAccountId, details: { keyId: issued.id, prefix: issued.key.prefix, scopes: issued.key.scopes, expiresAt: issued.key.expiresAt, allowedCidrs: issued.key.allowedCidrs } }, tx);
    return { key: issued.key, secret: issued.secret };
  });
}
