import { createHash, type randomUUID } from 'node:crypto';
import type { RuleSettings } from '../../domain/compliance/policy.js';
import { buildPasscodeProfile, type PasscodePolicy } from './profiles.js';
import { isDict } from './plist.js';
import { buildRestrictionsProfile, planRestrictions, type RestrictionsPlan } from './restrictions-profile.js';

/**
 * Configuration profiles derived from policy, installed with InstallProfile and verified with ProfileList: the
 * passcode policy and the data protection restrictions today. A profile kind has a stable PayloadIdentifier (a new
 * version replaces the old one on the device) and a PayloadUUID derived from its content, so the PayloadUUID a
 * ProfileList reports tells which version the device has: that UUID is the version the server compares. A new kind
 * adds a builder here and an entry in desiredProfiles; installing, re-installing, verifying and removing it then
 * follow (use-cases/apple/sync-apple-profiles.ts, record-profile-results.ts).
 */
export interface ManagedProfileSpec {
  kind: ManagedProfileKind;
  identifier: string;
  /** Content-derived: what ProfileList must report for this version. */
  payloadUuid: string;
  /** What the profile enforces, stored for explanations ("enforced by profile: at least 6 characters"). */
  settings: Record<string, unknown>;
  xml: Buffer;
  /** The device's verdict on its passcode depends on this profile: ask SecurityInfo again once it is installed. */
  affectsPasscodeVerdict: boolean;
}

export const PASSCODE_PROFILE_KIND = 'passcode-policy';
export const DATA_PROTECTION_PROFILE_KIND = 'data-protection';
/** Every kind, e.g. for the API that re-sends one (InstallProfile with `profile`). */
export const MANAGED_PROFILE_KINDS = [PASSCODE_PROFILE_KIND, DATA_PROTECTION_PROFILE_KIND] as const;
export type ManagedProfileKind = (typeof MANAGED_PROFILE_KINDS)[number];

export interface ProfileTarget {
  macOS: boolean;
  /** USER = User Enrolment: Apple allows only a subset of payloads and keys there. */
  kind: 'DEVICE' | 'USER';
  ownership: 'CORPORATE' | 'PERSONAL';
  /** From DeviceInformation IsSupervised; unknown counts as not supervised. */
  supervised: boolean;
}

export interface ProfileContext {
  identifierPrefix: string;
  organization: string;
}

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
export function passcodePolicyFor(settings: RuleSettings, target: Omit<ProfileTarget, 'supervised'>): PasscodePolicy | null {
  if (target.macOS && target.kind === 'USER') return null;
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

function passcodeProfileSpec(context: ProfileContext, policy: PasscodePolicy): ManagedProfileSpec {
  const settings = { ...policy } as Record<string, unknown>;
  const contentHash = createHash('sha256')
    .update(JSON.stringify({ kind: PASSCODE_PROFILE_KIND, organization: context.organization, prefix: context.identifierPrefix, settings }))
    .digest('hex');
  let n = 0;
  const built = buildPasscodeProfile(context.identifierPrefix, context.organization, policy, () => hashUuid(`${contentHash}:${n++}`) as ReturnType<typeof randomUUID>);
  return { kind: PASSCODE_PROFILE_KIND, identifier: built.identifier, payloadUuid: hashUuid(`${contentHash}:0`), settings, xml: built.xml, affectsPasscodeVerdict: true };
}

export interface DesiredProfiles {
  /** Every profile the policy asks for on this device, passcode first. */
  profiles: ManagedProfileSpec[];
  /** Which data-leak controls the restrictions profile carries on this device and which it cannot (and why). */
  dataProtection: RestrictionsPlan;
}

/** Every profile the policy in force asks for on this device: the one list installation and the rules both read. */
export function desiredProfiles(settings: RuleSettings, target: ProfileTarget, context: ProfileContext): DesiredProfiles {
  const profiles: ManagedProfileSpec[] = [];
  const passcode = passcodePolicyFor(settings, target);
  if (passcode) profiles.push(passcodeProfileSpec(context, passcode));
  const dataProtection = planRestrictions(settings.dataLeak, { ownership: target.ownership, kind: target.kind, supervised: target.supervised });
  const restrictions = buildRestrictionsProfile(context.identifierPrefix, context.organization, dataProtection);
  if (restrictions) {
    profiles.push({
      kind: DATA_PROTECTION_PROFILE_KIND,
      identifier: restrictions.identifier,
      payloadUuid: restrictions.uuid,
      settings: { ...dataProtection.keys },
      xml: restrictions.xml,
      affectsPasscodeVerdict: false,
    });
  }
  return { profiles, dataProtection };
}

interface ListedProfile {
  identifier: string;
  /** Upper case; null when the device left it out. */
  payloadUuid: string | null;
}

/** The MDM-installed profiles in a ProfileList result (`{ ProfileList: [...] }`), or null when it holds no list. */
export function listedProfiles(result: unknown): ListedProfile[] | null {
  if (!isDict(result) || !Array.isArray(result.ProfileList)) return null;
  return (result.ProfileList as unknown[])
    .filter(isDict)
    // ManagedOnly asks for MDM-installed profiles only; IsManaged false (when reported) is one the person installed.
    .filter((p) => typeof p.PayloadIdentifier === 'string' && p.IsManaged !== false)
    .map((p) => ({ identifier: p.PayloadIdentifier as string, payloadUuid: typeof p.PayloadUUID === 'string' ? p.PayloadUUID.toUpperCase() : null }));
}

export type ListedProfileCheck =
  | { state: 'in_force' }
  | { state: 'missing' }
  | { state: 'outdated'; reportedUuid: string | null }
  | { state: 'not_reported' };

/** Whether a ProfileList result holds `expected`: its PayloadIdentifier with the PayloadUUID of this version. */
export function checkListedProfile(profileListResult: unknown, expected: { identifier: string; payloadUuid: string }): ListedProfileCheck {
  const listed = listedProfiles(profileListResult);
  if (!listed) return { state: 'not_reported' };
  const found = listed.find((p) => p.identifier === expected.identifier);
  if (!found) return { state: 'missing' };
  return found.payloadUuid === expected.payloadUuid.toUpperCase() ? { state: 'in_force' } : { state: 'outdated', reportedUuid: found.payloadUuid };
}
