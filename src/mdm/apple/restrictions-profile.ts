import { createHash } from 'node:crypto';
import {
  NOT_ENFORCEABLE_REASONS, requestedControls, type DataLeakControlId, type DataLeakControls,
} from '../../domain/compliance/data-leak.js';
import { encodePlist, isDict, type PlistDict } from './plist.js';

/**
 * The data-leak restrictions profile (com.apple.applicationaccess) built from the compliance policy's data-leak
 * controls. It is one of the managed profiles (managed-profiles.ts): installed, verified by ProfileList and
 * re-installed through the same path as the passcode profile.
 *
 * Which keys go in depends on the enrolment (Apple schema mdm/profiles/com.apple.applicationaccess.yaml):
 * - every enrolment, User Enrolment included: allowOpenFromManagedToUnmanaged, requireManagedPasteboard (iOS 15+),
 *   forceAirDropUnmanaged, allowUnmanagedToReadManagedContacts, allowScreenShot;
 * - not User Enrolment: allowManagedToWriteUnmanagedContacts, allowCamera;
 * - supervised only: blockedAppBundleIDs / allowListedAppBundleIDs (iOS 15+).
 * allowScreenShot is device-wide on iOS, so it is applied to organisation-owned devices only (the policy refuses it
 * for personal iPhones); allowCamera is applied only when supervised, as Apple deprecates it elsewhere.
 *
 * The PayloadUUID is derived from the content, so the UUID ProfileList reports proves which revision the device
 * holds; re-installing under the same PayloadIdentifier replaces the old revision. (Existing devices hold profiles
 * built this way: changing the derivation would re-install every device's profile once.)
 */

export interface RestrictionsTarget {
  ownership: 'CORPORATE' | 'PERSONAL';
  /** USER = User Enrolment. */
  kind: 'DEVICE' | 'USER';
  /** From DeviceInformation IsSupervised; unknown counts as not supervised. */
  supervised: boolean;
}

export interface RestrictionsPlan {
  /** The com.apple.applicationaccess keys; empty when nothing is asked for. */
  keys: PlistDict;
  enforced: DataLeakControlId[];
  notEnforced: { control: DataLeakControlId; reason: string }[];
}

export function planRestrictions(controls: DataLeakControls | undefined, target: RestrictionsTarget): RestrictionsPlan {
  const keys: PlistDict = {};
  const enforced: DataLeakControlId[] = [];
  const notEnforced: RestrictionsPlan['notEnforced'] = [];
  const user = target.kind === 'USER';
  for (const control of requestedControls(controls)) {
    const c = controls!;
    switch (control) {
      case 'sharing':
        keys.allowOpenFromManagedToUnmanaged = false;
        keys.forceAirDropUnmanaged = true;
        enforced.push(control);
        break;
      case 'copy_paste':
        // Pasteboard protection follows the open-in restriction; the policy refuses one without the other.
        keys.allowOpenFromManagedToUnmanaged = false;
        keys.requireManagedPasteboard = true;
        enforced.push(control);
        break;
      case 'contacts':
        keys.allowUnmanagedToReadManagedContacts = false;
        // Forbidden under User Enrolment, where Apple already keeps the managed contacts account apart.
        if (!user) keys.allowManagedToWriteUnmanagedContacts = false;
        enforced.push(control);
        break;
      case 'screen_capture':
        if (target.ownership !== 'CORPORATE') {
          notEnforced.push({ control, reason: 'iOS can only block screenshots for the whole phone; the organisation does not do that on a personal phone.' });
        } else {
          keys.allowScreenShot = false;
          enforced.push(control);
        }
        break;
      case 'camera':
        if (target.ownership !== 'CORPORATE' || user) notEnforced.push({ control, reason: NOT_ENFORCEABLE_REASONS.userEnrolment });
        else if (!target.supervised) notEnforced.push({ control, reason: NOT_ENFORCEABLE_REASONS.needsSupervision });
        else {
          keys.allowCamera = false;
          enforced.push(control);
        }
        break;
      case 'app_list':
        if (user || target.ownership !== 'CORPORATE') notEnforced.push({ control, reason: NOT_ENFORCEABLE_REASONS.userEnrolment });
        else if (!target.supervised) notEnforced.push({ control, reason: NOT_ENFORCEABLE_REASONS.needsSupervision });
        else {
          const apps = [...c.appList!.apps].sort();
          if (c.appList!.mode === 'BLOCK') keys.blockedAppBundleIDs = apps;
          else keys.allowListedAppBundleIDs = apps;
          enforced.push(control);
        }
        break;
    }
  }
  return { keys, enforced, notEnforced };
}

export const restrictionsProfileIdentifier = (identifierPrefix: string) => `${identifierPrefix}.data-protection`;

export interface BuiltRestrictionsProfile {
  xml: Buffer;
  identifier: string;
  /** Content-derived: what ProfileList must report for this revision. */
  uuid: string;
}

/** Stable JSON of plist values (sorted keys), the input of the content hash. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (isDict(value)) return `{${Object.keys(value).sort().map((k) => `${JSON.stringify(k)}:${canonical(value[k])}`).join(',')}}`;
  return JSON.stringify(value);
}

/** A name-based UUID (RFC 9562 layout, version 8) from SHA-256: same content, same UUID. */
function contentUuid(...parts: string[]): string {
  const hash = createHash('sha256').update(parts.join('\u0000')).digest();
  hash[6] = (hash[6]! & 0x0f) | 0x80;
  hash[8] = (hash[8]! & 0x3f) | 0x80;
  const hex = hash.subarray(0, 16).toString('hex').toUpperCase();
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** Null when the plan has no key: nothing to install (and nothing to verify). */
export function buildRestrictionsProfile(identifierPrefix: string, organization: string, plan: RestrictionsPlan): BuiltRestrictionsProfile | null {
  if (Object.keys(plan.keys).length === 0) return null;
  const identifier = restrictionsProfileIdentifier(identifierPrefix);
  const content = canonical(plan.keys);
  const uuid = contentUuid(identifier, organization, content);
  const profile: PlistDict = {
    PayloadType: 'Configuration',
    PayloadVersion: 1,
    PayloadIdentifier: identifier,
    PayloadUUID: uuid,
    PayloadDisplayName: 'Data protection',
    PayloadDescription: 'Keeps work data in work apps: see the data protection section of the privacy notice for what each setting does.',
    PayloadOrganization: organization,
    PayloadContent: [
      {
        PayloadType: 'com.apple.applicationaccess',
        PayloadVersion: 1,
        PayloadIdentifier: `${identifier}.restrictions`,
        PayloadUUID: contentUuid(identifier, 'restrictions', content),
        PayloadDisplayName: 'Data protection restrictions',
        ...plan.keys,
      },
    ],
  };
  return { xml: encodePlist(profile), identifier, uuid };
}
