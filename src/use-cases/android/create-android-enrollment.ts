import type { Deps } from '../../deps.js';
import { assertConsentCurrent } from '../consent/consent.js';
import type { Ownership } from '../../generated/prisma/enums.js';
import type { Actor } from '../../domain/access.js';
import { AppError } from '../../errors.js';
import { requireAmapi } from '../../integrations/android/services.js';
import { pushAndroidPolicies } from './push-android-policies.js';

/** Who the device will belong to, as resolveEnrollmentOwner decided (the rule shared with Apple enrolment). */
export interface AndroidEnrollmentOwner {
  userId: string;
  ownership: Ownership;
}

export interface AndroidEnrollmentView {
  deviceId: string;
  platform: 'android';
  ownership: 'corporate' | 'personal';
  userId: string;
  /** Open on the phone to set up a work profile (personally-owned). */
  enrollmentLink: string;
  /** JSON of Android provisioning extras to render as a QR code (factory-reset company-owned devices). */
  qrCode: string;
  expiresAt: string;
}

export const ENROLL_LINK_BASE = 'https://enterprise.google.com/android/enroll?et=';

/**
 * Creates a PENDING Device for the user and a one-time AMAPI enrolment token for it. The token carries our device
 * id (additionalData) and is stored by name, so the ENROLLMENT notification binds the phone to this row and user.
 * The token value itself is not stored: it is shown once to the person enrolling.
 */
export async function createAndroidEnrollment(deps: Deps, actor: Actor, input: AndroidEnrollmentOwner): Promise<AndroidEnrollmentView> {
  // Here, not in a route: every way of enrolling a personal device passes here.
  if (input.ownership === 'PERSONAL') await assertConsentCurrent(deps, input.userId);
  const { client, enterprise } = requireAmapi(deps.android.amapi);
  const { config, db, clock } = deps;
  const { userId } = input;
  const device = await db.device.create({
    data: { platform: 'ANDROID', ownership: input.ownership, status: 'PENDING', userId },
  });
  const policyId = input.ownership === 'CORPORATE' ? config.ANDROID_CORPORATE_POLICY_ID : config.ANDROID_PERSONAL_POLICY_ID;
  const policyName = `${enterprise}/policies/${policyId}`;
  // The first enrolment creates the policies: a token naming a policy Google does not have is useless.
  if (!(await db.androidPolicy.findUnique({ where: { name: policyName }, select: { name: true } }))) await pushAndroidPolicies(deps);
  let token;
  try {
    token = await client.createEnrollmentToken(enterprise, {
      policyName,
      duration: `${config.ANDROID_ENROLLMENT_TOKEN_TTL_SECONDS}s`,
      // Company-owned: fully managed, no personal side. Personally-owned: a work profile beside personal data.
      allowPersonalUsage: input.ownership === 'CORPORATE' ? 'PERSONAL_USAGE_DISALLOWED' : 'PERSONAL_USAGE_ALLOWED',
      oneTimeOnly: true,
      additionalData: JSON.stringify({ deviceId: device.id }),
    });
  } catch (error) {
    await db.device.delete({ where: { id: device.id } });
    throw new AppError('UPSTREAM_FAILED', 'Google did not create the enrolment token; try again', { cause: error });
  }
  if (!token.name || !token.value) {
    await db.device.delete({ where: { id: device.id } });
    throw new AppError('UPSTREAM_FAILED', 'Google returned an enrolment token without a name or value');
  }
  const expiresAt = token.expirationTimestamp
    ? new Date(token.expirationTimestamp)
    : new Date(clock.now().getTime() + config.ANDROID_ENROLLMENT_TOKEN_TTL_SECONDS * 1000);
  await db.$transaction(async (tx) => {
    await tx.androidDevice.create({ data: { deviceId: device.id, enrollmentTokenName: token.name, enrollmentTokenExpiresAt: expiresAt } });
    await deps.audit.record(
      {
        actorType: 'user',
        actorId: actor.userId,
        action: 'android.enrollment.created',
        targetType: 'device',
        targetId: device.id,
        ip: actor.ip ?? null,
        details: { userId, ownership: input.ownership, tokenName: token.name, expiresAt: expiresAt.toISOString() },
      },
      tx,
    );
  });
  return {
    deviceId: device.id,
    platform: 'android',
    ownership: input.ownership === 'CORPORATE' ? 'corporate' : 'personal',
    userId,
    enrollmentLink: `${ENROLL_LINK_BASE}${encodeURIComponent(token.value)}`,
    qrCode: token.qrCode ?? '',
    expiresAt: expiresAt.toISOString(),
  };
}
