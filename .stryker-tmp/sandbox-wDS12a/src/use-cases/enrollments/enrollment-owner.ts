// @ts-nocheck
import type { BaseDeps } from '../../container.js';
import { AppError, forbidden } from '../../errors.js';
import { isFleetAdmin, type Actor } from '../../domain/access.js';
import type { Ownership } from '../../generated/prisma/enums.js';

export interface EnrollmentRequest {
  platform: 'apple' | 'android';
  ownership: 'corporate' | 'personal';
  userId?: string;
}

/**
 * Who a new device will belong to. IT and ADMIN enrol corporate or personal devices for anyone (default: themselves);
 * everyone else may only enrol their own device, as personal.
 */
export async function resolveEnrollmentOwner(
  deps: Pick<BaseDeps, 'db'>,
  actor: Actor,
  request: EnrollmentRequest,
): Promise<{ userId: string; ownership: Ownership }> {
  const ownership: Ownership = request.ownership === 'corporate' ? 'CORPORATE' : 'PERSONAL';
  if (!isFleetAdmin(actor)) {
    if (ownership === 'CORPORATE') throw forbidden('Only IT can enrol corporate devices');
    if (request.userId && request.userId !== actor.userId) throw forbidden('You can only enrol your own device');
    return { userId: actor.userId, ownership };
  }
  const userId = request.userId ?? actor.userId;
  const user = await deps.db.user.findUnique({ where: { id: userId }, select: { disabledAt: true } });
  if (!user) throw new AppError('NOT_FOUND', 'User not found');
  if (user.disabledAt) throw new AppError('UNPROCESSABLE', 'That user is disabled');
  return { userId, ownership };
}
