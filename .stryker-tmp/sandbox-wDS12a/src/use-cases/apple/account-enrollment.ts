// @ts-nocheck
import type { Deps } from '../../container.js';
import { createSecretBox } from '../../domain/auth/secret-box.js';
import { login } from '../auth/login.js';
import { createAppleEnrollment } from './create-enrollment.js';

/**
 * Account-driven User Enrolment, step 2: the person signs in with our own login (password, TOTP when enrolled)
 * in the web view the device opened. The result is a one-time enrolment token for a personal User Enrolment,
 * handed back to the device as the Bearer access token it then enrols with.
 */
export async function signInForUserEnrollment(
  deps: Deps,
  input: { email: string; password: string; totp?: string; ip: string | null; userAgent: string | null },
): Promise<string> {
  const grant = await login({ ...deps, secrets: createSecretBox(deps.config.DATA_ENCRYPTION_KEY) }, input);
  // The sign-in only proves who is enrolling; no API session is wanted on the device.
  await deps.db.session.update({ where: { id: grant.sessionId }, data: { revokedAt: deps.clock.now(), revokedReason: 'user enrolment sign-in' } });
  const actor = { userId: grant.userId, role: grant.role, ip: input.ip };
  const created = await createAppleEnrollment(deps, actor, { userId: grant.userId, ownership: 'PERSONAL' }, { userEnrollment: true });
  return created.token;
}
