import type { BaseDeps } from '../../deps.js';
import type { Actor } from '../../domain/access.js';
import type { Ownership } from '../../generated/prisma/enums.js';
import { CORPORATE_ACCESS_RIGHTS, PERSONAL_ACCESS_RIGHTS } from '../../mdm/apple/commands.js';
import { hashEnrollmentToken, newEnrollmentToken } from './enrollment-token.js';
import { assertConsentCurrent } from '../consent/consent.js';

export interface CreatedEnrollment {
  id: string;
  deviceId: string;
  platform: 'apple';
  ownership: 'corporate' | 'personal';
  userId: string;
  token: string;
  expiresAt: string;
  profileUrl: string;
}

/**
 * Creates the PENDING Device and its one-time enrolment token. Personal devices get a profile asking for the
 * least rights that still allow posture queries and removing our managed data.
 */
export async function createAppleEnrollment(
  deps: Pick<BaseDeps, 'db' | 'audit' | 'clock' | 'config'>,
  actor: Actor,
  owner: { userId: string; ownership: Ownership },
  options: { userEnrollment?: boolean } = {},
): Promise<CreatedEnrollment> {
  // Here, not in a route: every way of enrolling a personal device (API, account-driven User Enrolment) passes here.
  if (owner.ownership === 'PERSONAL') await assertConsentCurrent(deps, owner.userId);
  const token = newEnrollmentToken();
  const expiresAt = new Date(deps.clock.now().getTime() + deps.config.APPLE_ENROLLMENT_TOKEN_TTL_MINUTES * 60_000);
  const enrollment = await deps.db.$transaction(async (tx) => {
    const device = await tx.device.create({
      data: { platform: 'APPLE', ownership: owner.ownership, status: 'PENDING', userId: owner.userId },
    });
    const created = await tx.appleEnrollment.create({
      data: {
        deviceId: device.id,
        tokenHash: hashEnrollmentToken(token),
        tokenExpiresAt: expiresAt,
        userEnrollment: options.userEnrollment ?? false,
        accessRights: owner.ownership === 'CORPORATE' ? CORPORATE_ACCESS_RIGHTS : PERSONAL_ACCESS_RIGHTS,
      },
    });
    await deps.audit.record(
      {
        actorType: 'user',
        actorId: actor.userId,
        action: 'device.enrollment.created',
        targetType: 'device',
        targetId: device.id,
        ip: actor.ip ?? null,
        details: { platform: 'APPLE', ownership: owner.ownership, userId: owner.userId, userEnrollment: created.userEnrollment, expiresAt: expiresAt.toISOString() },
      },
      tx,
    );
    return created;
  });
  return {
    id: enrollment.id,
    deviceId: enrollment.deviceId,
    platform: 'apple',
    ownership: owner.ownership === 'CORPORATE' ? 'corporate' : 'personal',
    userId: owner.userId,
    token,
    expiresAt: expiresAt.toISOString(),
    profileUrl: `${deps.config.PUBLIC_BASE_URL.replace(/\/$/, '')}/v1/enrollments/${token}/profile`,
  };
}
