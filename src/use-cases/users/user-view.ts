import type { User } from '../../generated/prisma/client.js';

/** The public shape of a user. Secrets and counters never leave the service. */
export function toUserView(user: User) {
  return {
    id: user.id,
    email: user.email,
    name: user.name,
    role: user.role,
    locale: user.locale,
    managerId: user.managerId,
    // After a credential or MFA reset the old enrolment no longer counts until the user enrols again.
    mfaEnrolled: user.mfaEnrolledAt !== null && !user.mustReenrollMfa,
    mfaEnrolledAt: user.mfaEnrolledAt?.toISOString() ?? null,
    disabledAt: user.disabledAt?.toISOString() ?? null,
    createdAt: user.createdAt.toISOString(),
  };
}

export type UserView = ReturnType<typeof toUserView>;
