import type { Role } from '../generated/prisma/enums.js';

/** The authenticated caller, as every use case receives it. */
export interface Actor {
  userId: string;
  role: Role;
  sessionId?: string;
  mfaAt?: Date | null;
  ip?: string | null;
  /** Set when the caller is a service account signing with an API key (role is then IT, narrowed by `scopes`). */
  serviceAccount?: { id: string; keyId: string; scopes: string[] };
}

/** Audit fields for an actor: a service account is recorded as itself, never as a user. */
export const auditActorOf = (actor: Actor) =>
  actor.serviceAccount
    ? { actorType: 'service_account' as const, actorId: actor.serviceAccount.id, ip: actor.ip ?? null }
    : { actorType: 'user' as const, actorId: actor.userId, ip: actor.ip ?? null };

export const isFleetAdmin = (actor: Actor) => actor.role === 'ADMIN' || actor.role === 'IT';

/**
 * Who may see a person's record and devices: themselves, their manager, IT and ADMIN.
 * Callers answer 404 (not 403) otherwise, so ids of other teams' people are not confirmed.
 */
export function canSeeUser(actor: Actor, target: { id: string; managerId: string | null }): boolean {
  if (isFleetAdmin(actor)) return true;
  if (actor.userId === target.id) return true;
  return actor.role === 'MANAGER' && target.managerId === actor.userId;
}
