// @ts-nocheck
import type { BaseDeps } from '../../container.js';
import type { Role } from '../../generated/prisma/enums.js';
import { Prisma } from '../../db/prisma.js';
import { AppError } from '../../errors.js';
import { hashPassword, passwordProblems } from '../../domain/auth/password.js';
import type { Actor } from '../../domain/access.js';
import { assertAssignable } from './assignments.js';
import { toUserView, type UserView } from './user-view.js';

export interface CreateUserInput {
  email: string;
  name: string;
  role: Role;
  managerId?: string | null;
  password: string;
}

export async function createUser(deps: Pick<BaseDeps, 'db' | 'audit'>, actor: Actor, input: CreateUserInput): Promise<UserView> {
  const problems = passwordProblems(input.password);
  if (problems.length) throw new AppError('VALIDATION_FAILED', `Password ${problems.join(', ')}`);
  await assertAssignable(deps.db, actor, { role: input.role, managerId: input.managerId ?? null });
  const email = input.email.trim().toLowerCase();
  try {
    return await deps.db.$transaction(async (tx) => {
      const user = await tx.user.create({
        data: { email, name: input.name, role: input.role, managerId: input.managerId ?? null, passwordHash: await hashPassword(input.password) },
      });
      await deps.audit.record(
        { actorType: 'user', actorId: actor.userId, action: 'user.created', targetType: 'user', targetId: user.id, ip: actor.ip ?? null, details: { email, role: user.role, managerId: user.managerId } },
        tx,
      );
      return toUserView(user);
    });
  } catch (error) {
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002') {
      throw new AppError('CONFLICT', 'A user with this email already exists');
    }
    throw error;
  }
}
