import { createHash, type randomUUID } from 'node:crypto';
import type { RuleSettings } from '../../domain/compliance/policy.js';
import { buildPasscodeProfile, type PasscodePolicy } from './profiles.js';

/**
 * Configuration profiles derived from policy, installed with InstallProfile and verified with ProfileList.
 * A profile kind has a stable PayloadIdentifier (a new version replaces the old one on the device) and a
 * PayloadUUID derived from its content hash, so the PayloadUUID a ProfileList reports tells which version the
 * device has. New kinds (e.g. restrictions) add a builder here and an entry in desiredProfiles.
 */
export interface ManagedProfileSpec {
  kind: string;
  identifier: string;
  payloadUuid: string;
  contentHash: string;
  /** What the profile enforces, stored for explanations ("enforced by profile: at least 6 characters"). */
  settings: Record<string, unknown>;
  xml: Buffer;
}

export interface ProfileTarget {
  macOS: boolean;
  userEnrollment: boolean;
  ownership: 'CORPORATE' | 'PERSONAL';
}

export interface ProfileContext {
  identifierPrefix: string;
  organization: string;
}

export const PASSCODE_PROFILE_KIND = 'passcode-policy';

/** Failed attempts before the device erases itself: corporate devices only (a personal phone is never erased). */
const CORPORATE_MAX_FAILED_ATTEMPTS = 10;

/** Deterministic UUIDs from a content hash: the same content always yields the same profile bytes. */
export function hashUuid(seed: string): string {
  const hex = createHash('sha256').update(seed).digest('hex');
  // Version 5-style layout (name-based), upper case as Apple writes them.
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-${((parseInt(hex[16]!, 16) & 0x3) | 0x8).toString(16)}${hex.slice(17, 20)}-${hex.slice(20, 32)}`.toUpperCase();
}

/**
 * The passcode policy the compliance settings ask for on this device, or null when none applies: the policy
 * requires no passcode, or the enrolment cannot take one (macOS User Enrolment forbids the payload).
 */
export function passcodePolicyFor(settings: RuleSettings, target: ProfileTarget): PasscodePolicy | null {
  if (target.macOS && target.userEnrollment) return null;
  if (!settings.passcodeRequired && settings.passcodeMinLength === null && settings.maxAutoLockMinutes === null) return null;
  // Apple: minLength 0–16; maxInactivity in minutes, 1–15 on iOS/iPadOS (0 would mean "no limit"), up to 60 on macOS.
  const minLength = Math.min(16, Math.max(4, settings.passcodeMinLength ?? 4));
  const lockCap = target.macOS ? 60 : 15;
  const autoLockMinutes = settings.maxAutoLockMinutes === null ? null : Math.min(lockCap, Math.max(1, settings.maxAutoLockMinutes));
  return {
    minLength,
    requireAlphanumeric: false,
    autoLockMinutes,
    maxFailedAttempts: target.ownership === 'CORPORATE' ? CORPORATE_MAX_FAILED_ATTEMPTS : null,
  };
}

export function passcodeProfileSpec(context: ProfileContext, policy: PasscodePolicy): ManagedProfileSpec {
  const settings = { ...policy } as Record<string, unknown>;
  const contentHash = createHash('sha256')
    .update(JSON.stringify({ kind: PASSCODE_PROFILE_KIND, organization: context.organization, prefix: context.identifierPrefix, settings }))
    .digest('hex');
  let n = 0;
  const built = buildPasscodeProfile(context.identifierPrefix, context.organization, policy, () => hashUuid(`${contentHash}:${n++}`) as ReturnType<typeof randomUUID>);
  return { kind: PASSCODE_PROFILE_KIND, identifier: built.identifier, payloadUuid: hashUuid(`${contentHash}:0`), contentHash, settings, xml: built.xml };
}

/** Every profile the policy asks for on this device. */
export function desiredProfiles(settings: RuleSettings, target: ProfileTarget, context: ProfileContext): ManagedProfileSpec[] {
  const passcode = passcodePolicyFor(settings, target);
  return passcode ? [passcodeProfileSpec(context, passcode)] : [];
}

/** Identifier and PayloadUUID of every profile in a ProfileList result. */
export function listedProfiles(result: { ProfileList?: unknown }): { identifier: string; payloadUuid: string | null }[] {
  const list = Array.isArray(result.ProfileList) ? result.ProfileList : [];
  return list
    .filter((p): p is Record<string, unknown> => typeof p === 'object' && p !== null)
    .filter((p) => typeof p.PayloadIdentifier === 'string')
    .map((p) => ({ identifier: p.PayloadIdentifier as string, payloadUuid: typeof p.PayloadUUID === 'string' ? p.PayloadUUID.toUpperCase() : null }));
}
