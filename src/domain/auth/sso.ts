import type { Role } from '../../generated/prisma/enums.js';

/** Where the identity provider sends the browser back; `${PUBLIC_BASE_URL}${OIDC_CALLBACK_PATH}` is the redirect URI to register. */
export const OIDC_CALLBACK_PATH = '/v1/auth/oidc/callback';

/** A started sign-in is kept this long: time enough to type a password and approve an MFA prompt. */
export const OIDC_STATE_TTL_SECONDS = 600;

/** Roles from least to most privileged: with several mapped groups, the most privileged wins. */
const RANK: readonly Role[] = ['STAFF', 'MANAGER', 'IT', 'ADMIN'];

/** `OIDC_GROUP_ROLE_MAP` ("mdm-admins=ADMIN,mdm-it=IT") as a lookup; an empty setting maps nothing. */
export function parseGroupRoleMap(setting: string): Map<string, Role> {
  const map = new Map<string, Role>();
  for (const pair of setting.split(',')) {
    const at = pair.lastIndexOf('=');
    if (at <= 0) continue;
    const role = pair.slice(at + 1).trim() as Role;
    if (RANK.includes(role)) map.set(pair.slice(0, at).trim(), role);
  }
  return map;
}

/** The role the identity provider's groups give: the highest mapped one, STAFF when no group is mapped. */
export function roleForGroups(map: ReadonlyMap<string, Role>, groups: readonly string[]): Role {
  let best = 0;
  for (const group of groups) {
    const role = map.get(group);
    if (role) best = Math.max(best, RANK.indexOf(role));
  }
  return RANK[best]!;
}

/** The provider asserted multi-factor authentication (RFC 8176 `amr` value `mfa`) for this sign-in. */
export function assertsMfa(amr: unknown): boolean {
  return Array.isArray(amr) && amr.includes('mfa');
}

/** A claim holding groups: an array of strings, or one string; anything else is no groups. */
export function groupsFrom(claim: unknown): string[] {
  if (typeof claim === 'string') return [claim];
  return Array.isArray(claim) ? claim.filter((g): g is string => typeof g === 'string') : [];
}

/** The email to match users by, normalised as users are stored; null when the claim is not a plausible email. */
export function emailFrom(claim: unknown): string | null {
  if (typeof claim !== 'string') return null;
  const email = claim.trim().toLowerCase();
  return email.length <= 320 && /^[^@\s\0]+@[^@\s\0]+$/.test(email) ? email : null;
}
