// @ts-nocheck
import type { BaseDeps } from '../../container.js';
import type { Prisma } from '../../db/prisma.js';
import type { Role } from '../../generated/prisma/enums.js';
import { AppError } from '../../errors.js';
import { isFleetAdmin, type Actor } from '../../domain/access.js';
import { toUserView, type UserView } from './user-view.js';

export interface ListUsersInput {
  role?: Role;
  managerId?: string;
  search?: string;
  includeDisabled?: boolean;
  limit: number;
  cursor?: string;
}

/** IT and ADMIN list everyone; a manager lists only their own team, whatever filter they pass. */
export async function listUsers(deps: Pick<BaseDeps, 'db'>, actor: Actor, input: ListUsersInput): Promise<{ items: UserView[]; nextCursor: string | null }> {
  const where: Prisma.UserWhereInput = {};
  if (isFleetAdmin(actor)) {
    if (input.managerId) where.managerId = input.managerId;
  } else if (actor.role === 'MANAGER') {
    where.managerId = actor.userId;
  } else {
    throw new AppError('FORBIDDEN', 'Only managers, IT and ADMIN can list users');
  }
  if (input.role) where.role = input.role;
  if (!input.includeDisabled) where.disabledAt = null;
  if (input.search) where.OR = [{ email: { contains: input.search, mode: 'insensitive' } }, { name: { contains: input.search, mode: 'insensitive' } }];

  const rows = await deps.db.user.findMany({
    where,
    orderBy: [{ email: 'asc' }, { id: 'asc' }],
    take: input.limit + 1,
    ...(input.cursor ? { cursor: { id: input.cursor }, skip: 1 } : {}),
  });
  const page = rows.slice(0, input.limit);
  return { items: page.map(toUserView), nextCursor: rows.length > input.limit ? (page.at(-1)?.id ?? null) : null };
}
