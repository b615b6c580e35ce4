// @ts-nocheck
import type { Db } from '../../db/prisma.js';
import type { Role } from '../../generated/prisma/enums.js';
import { AppError } from '../../errors.js';
import type { Actor } from '../../domain/access.js';

/** Only an ADMIN hands out ADMIN; a manager must be an active MANAGER (or ADMIN/IT) and not the user themself. */
export async function assertAssignable(db: Db, actor: Actor, change: { role?: Role; managerId?: string | null; userId?: string }) {
  if (change.role === 'ADMIN' && actor.role !== 'ADMIN') throw new AppError('FORBIDDEN', 'Only an ADMIN can grant the ADMIN role');
  if (change.managerId) {
    if (change.managerId === change.userId) throw new AppError('VALIDATION_FAILED', 'A user cannot manage themself');
    const manager = await db.user.findUnique({ where: { id: change.managerId } });
    if (!manager || manager.disabledAt) throw new AppError('VALIDATION_FAILED', 'managerId does not name an active user');
    if (manager.role === 'STAFF') throw new AppError('VALIDATION_FAILED', 'The manager must have the MANAGER, IT or ADMIN role');
  }
}
