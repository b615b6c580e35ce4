import type { Ownership } from '../../generated/prisma/enums.js';

/** The device record an enrolment belongs to, as far as re-enrolment is concerned. */
export interface EnrolledDeviceFacts {
  userId: string | null;
  ownership: Ownership;
}

export type ReEnrolmentDecision = { allowed: true } | { allowed: false; reason: string };

/**
 * May a new enrolment take over the identity (UDID / EnrollmentID) of a live one? Only a phone re-installing its
 * own profile: the same person and the same ownership. Anything else is someone claiming another device's identity
 * (a personal phone naming a colleague's corporate UDID to end its enrolment and cancel its wipe), so it is refused.
 */
export function decideReEnrolment(live: EnrolledDeviceFacts, incoming: EnrolledDeviceFacts): ReEnrolmentDecision {
  if (live.userId === null || incoming.userId === null) return { allowed: false, reason: 'the live enrolment or the new one has no owner' };
  if (live.userId !== incoming.userId) return { allowed: false, reason: 'the device is enrolled for another user' };
  if (live.ownership !== incoming.ownership) return { allowed: false, reason: 'the device is enrolled with another ownership' };
  return { allowed: true };
}

/** Apple request types and generic actions that lock or erase a device. */
const PROTECTED_REQUEST_TYPES: ReadonlySet<string> = new Set(['DeviceLock', 'EraseDevice', 'LOCK', 'WIPE', 'WIPE_FULL', 'WIPE_SELECTIVE']);
const PROTECTED_ACTIONS: ReadonlySet<string> = new Set(['LOCK', 'WIPE_FULL', 'WIPE_SELECTIVE']);

/**
 * A pending lock or wipe of a corporate device survives anything the device itself sends (CheckOut, a new
 * Authenticate): otherwise removing the profile, or forging a re-enrolment, would cancel the wipe of a lost phone.
 */
export function survivesDeviceSideUnenrolment(ownership: Ownership, command: { requestType: string; action: string | null }): boolean {
  if (ownership !== 'CORPORATE') return false;
  return PROTECTED_REQUEST_TYPES.has(command.requestType) || (command.action !== null && PROTECTED_ACTIONS.has(command.action));
}
