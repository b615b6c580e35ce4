import type { BaseDeps } from '../../deps.js';
import type { Actor } from '../../domain/access.js';
import { AppError } from '../../errors.js';
import { toApiKeyView } from './api-key-view.js';

/** Every service account with its keys: prefix, scopes, state and last use, never a secret (ADMIN). */
export async function listServiceAccounts(deps: Pick<BaseDeps, 'db' | 'clock'>, actor: Actor) {
  if (actor.role !== 'ADMIN' || actor.serviceAccount) throw new AppError('FORBIDDEN', 'Only ADMIN can list service accounts');
  const now = deps.clock.now();
  const accounts = await deps.db.serviceAccount.findMany({ orderBy: { name: 'asc' }, include: { keys: { orderBy: { createdAt: 'desc' } } } });
  return {
    items: accounts.map((a) => ({ id: a.id, name: a.name, description: a.description, createdAt: a.createdAt.toISOString(), keys: a.keys.map((k) => toApiKeyView(k, now)) })),
  };
}
