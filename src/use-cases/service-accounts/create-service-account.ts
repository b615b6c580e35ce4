import type { BaseDeps } from '../../deps.js';
import { Prisma } from '../../db/prisma.js';
import { auditActorOf, type Actor } from '../../domain/access.js';
import { AppError } from '../../errors.js';
import { checkKeyOptions, insertApiKey, type KeyOptions } from './issue-api-key.js';

/** A service account for one integration (identity provider, VPN, SIEM, helpdesk) with its first key (ADMIN). */
export async function createServiceAccount(deps: Pick<BaseDeps, 'db' | 'audit' | 'clock'>, actor: Actor, input: { name: string; description?: string | null; key: KeyOptions }) {
  if (actor.role !== 'ADMIN' || actor.serviceAccount) throw new AppError('FORBIDDEN', 'Only ADMIN can create service accounts');
  checkKeyOptions(input.key, deps.clock.now());
  try {
    return await deps.db.$transaction(async (tx) => {
      const account = await tx.serviceAccount.create({ data: { name: input.name, description: input.description ?? null, createdById: actor.userId } });
      const issued = await insertApiKey(tx, account.id, input.key, actor.userId);
      await deps.audit.record({ ...auditActorOf(actor), action: 'service_account.created', targetType: 'service_account', targetId: account.id, details: { name: account.name, keyId: issued.id, prefix: issued.key.prefix, scopes: issued.key.scopes } }, tx);
      return { serviceAccount: { id: account.id, name: account.name, description: account.description, createdAt: account.createdAt.toISOString() }, key: issued.key, secret: issued.secret };
    });
  } catch (error) {
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002') throw new AppError('CONFLICT', 'A service account with this name exists');
    throw error;
  }
}
