import { describe, expect, it } from 'vitest';
import type { DataLeakControls } from '../../../src/domain/compliance/data-leak.js';
import type { RuleSettings } from '../../../src/domain/compliance/policy.js';
import {
  checkListedProfile, desiredProfiles, hashUuid, listedProfiles, passcodePolicyFor, type ProfileTarget,
} from '../../../src/mdm/apple/managed-profiles.js';
import { decodePlist, type PlistDict } from '../../../src/mdm/apple/plist.js';
import { fixtureBytes } from '../../../tools/fixtures.js';

const NO_PASSCODE: RuleSettings = {
  encryptionRequired: false,
  passcodeRequired: false,
  passcodeMinLength: null,
  maxAutoLockMinutes: null,
  minOsVersion: null,
  maxPatchAgeDays: null,
  integrityRequired: false,
  maxCheckInAgeDays: null,
  mfaRequired: false,
  gracePeriodHours: 0,
};
const SHARING_AND_CONTACTS: DataLeakControls = {
  blockSharingToPersonalApps: true,
  blockCopyPasteToPersonalApps: true,
  blockScreenCapture: false,
  disableCamera: false,
  protectWorkContacts: true,
  appList: null,
};
const iphone = (overrides: Partial<ProfileTarget> = {}): ProfileTarget => ({ macOS: false, kind: 'DEVICE', ownership: 'CORPORATE', supervised: false, ...overrides });
const context = { identifierPrefix: 'org.example.mdm', organization: 'Example Care' };
const UUID_V5_UPPER = /^[0-9A-F]{8}-[0-9A-F]{4}-5[0-9A-F]{3}-[89AB][0-9A-F]{3}-[0-9A-F]{12}$/;

describe('content-derived profile UUIDs', () => {
  it('are well-formed upper-case name-based UUIDs, the same for the same seed and different for another', () => {
    for (const seed of ['', 'a', 'passcode:0', 'passcode:1', 'x'.repeat(500)]) {
      expect(hashUuid(seed), seed).toMatch(UUID_V5_UPPER);
      expect(hashUuid(seed)).toBe(hashUuid(seed));
    }
    expect(hashUuid('passcode:0')).not.toBe(hashUuid('passcode:1'));
  });

  it('stay exactly what devices already hold (a changed derivation would re-install every device\'s profile)', () => {
    expect(hashUuid('abc')).toBe('BA7816BF-8F01-5FEA-8141-40DE5DAE2223');
  });
});

describe('the passcode policy the compliance settings ask of a device', () => {
  it('none when the policy requires no passcode, no length and no auto-lock', () => {
    expect(passcodePolicyFor(NO_PASSCODE, iphone())).toBeNull();
  });

  it('a required passcode alone yields the 4-character floor and leaves auto-lock to the person', () => {
    expect(passcodePolicyFor({ ...NO_PASSCODE, passcodeRequired: true }, iphone())).toEqual({
      minLength: 4, requireAlphanumeric: false, autoLockMinutes: null, maxFailedAttempts: 10,
    });
  });

  it('a minimum length or an auto-lock limit alone is enough to install a policy', () => {
    expect(passcodePolicyFor({ ...NO_PASSCODE, passcodeMinLength: 8 }, iphone())).toMatchObject({ minLength: 8, autoLockMinutes: null });
    expect(passcodePolicyFor({ ...NO_PASSCODE, maxAutoLockMinutes: 5 }, iphone())).toMatchObject({ minLength: 4, autoLockMinutes: 5 });
  });

  it('keeps the minimum length inside what Apple accepts (4 to 16 here)', () => {
    const minLength = (n: number) => passcodePolicyFor({ ...NO_PASSCODE, passcodeRequired: true, passcodeMinLength: n }, iphone())!.minLength;
    expect(minLength(1)).toBe(4);
    expect(minLength(6)).toBe(6);
    expect(minLength(16)).toBe(16);
    expect(minLength(64)).toBe(16);
  });

  it('keeps auto-lock between 1 and 15 minutes on iPhone and iPad, up to 60 on a Mac (0 would mean "never")', () => {
    const lock = (n: number, macOS: boolean) => passcodePolicyFor({ ...NO_PASSCODE, passcodeRequired: true, maxAutoLockMinutes: n }, iphone({ macOS }))!.autoLockMinutes;
    expect(lock(0, false)).toBe(1);
    expect(lock(10, false)).toBe(10);
    expect(lock(30, false)).toBe(15);
    expect(lock(30, true)).toBe(30);
    expect(lock(1440, true)).toBe(60);
  });

  it('erases after 10 failed attempts only on corporate devices: a personal phone is never erased', () => {
    const settings = { ...NO_PASSCODE, passcodeRequired: true };
    expect(passcodePolicyFor(settings, iphone({ ownership: 'CORPORATE' }))!.maxFailedAttempts).toBe(10);
    expect(passcodePolicyFor(settings, iphone({ ownership: 'PERSONAL' }))!.maxFailedAttempts).toBeNull();
  });

  it('macOS User Enrolment forbids the payload; a Mac under device enrolment and iOS User Enrolment still get it', () => {
    const settings = { ...NO_PASSCODE, passcodeRequired: true };
    expect(passcodePolicyFor(settings, iphone({ macOS: true, kind: 'USER', ownership: 'PERSONAL' }))).toBeNull();
    expect(passcodePolicyFor(settings, iphone({ macOS: true, kind: 'DEVICE' }))).not.toBeNull();
    expect(passcodePolicyFor(settings, iphone({ macOS: false, kind: 'USER', ownership: 'PERSONAL' }))).not.toBeNull();
  });
});

describe('the managed profiles a device should hold', () => {
  const settings: RuleSettings = { ...NO_PASSCODE, passcodeRequired: true, passcodeMinLength: 6, maxAutoLockMinutes: 5, dataLeak: SHARING_AND_CONTACTS };

  it('passcode profile: the version ProfileList must report is the PayloadUUID the device installs, and it re-checks the passcode verdict', () => {
    const { profiles } = desiredProfiles(settings, iphone(), context);
    const passcode = profiles[0]!;
    expect(passcode).toMatchObject({ kind: 'passcode-policy', identifier: 'org.example.mdm.passcode-policy', affectsPasscodeVerdict: true });
    expect(passcode.settings).toEqual({ minLength: 6, requireAlphanumeric: false, autoLockMinutes: 5, maxFailedAttempts: 10 });
    const installed = decodePlist(passcode.xml);
    expect(installed.PayloadUUID).toBe(passcode.payloadUuid);
    const payload = (installed.PayloadContent as PlistDict[])[0]!;
    expect(payload).toMatchObject({ PayloadType: 'com.apple.mobiledevice.passwordpolicy', minLength: 6, maxInactivity: 5, maxFailedAttempts: 10 });
    expect(payload.PayloadUUID).toMatch(UUID_V5_UPPER);
    expect(payload.PayloadUUID).not.toBe(passcode.payloadUuid);
    // Exactly what devices enrolled before this release hold for this policy.
    expect(passcode.payloadUuid).toBe('BD66F235-E0DC-5DFE-BBCE-372FA2675882');
  });

  it('the restrictions profile does not change the passcode verdict and records the keys it enforces', () => {
    const { profiles, dataProtection } = desiredProfiles(settings, iphone(), context);
    const restrictions = profiles[1]!;
    expect(restrictions).toMatchObject({ kind: 'data-protection', identifier: 'org.example.mdm.data-protection', affectsPasscodeVerdict: false });
    expect(restrictions.settings).toEqual(dataProtection.keys);
    expect(decodePlist(restrictions.xml).PayloadUUID).toBe(restrictions.payloadUuid);
  });

  it('the passcode version follows every input: the policy, the organisation and the identifier prefix', () => {
    const uuid = (s: RuleSettings, c = context) => desiredProfiles(s, iphone(), c).profiles[0]!.payloadUuid;
    const original = uuid(settings);
    expect(uuid({ ...settings, passcodeMinLength: 8 })).not.toBe(original);
    expect(uuid({ ...settings, maxAutoLockMinutes: 2 })).not.toBe(original);
    expect(uuid(settings, { ...context, organization: 'Other Care' })).not.toBe(original);
    expect(uuid(settings, { ...context, identifierPrefix: 'org.other.mdm' })).not.toBe(original);
    expect(uuid({ ...settings, dataLeak: undefined })).toBe(original);
  });
});

describe('reading a ProfileList result', () => {
  const ours = { identifier: 'org.example.mdm.passcode-policy', payloadUuid: 'ba7816bf-8f01-5fea-8141-40de5dae2223' };

  it('the captured iOS 11 list holds no MDM-installed profile: entries with IsManaged false are the person\'s own', () => {
    const captured = decodePlist(fixtureBytes('apple', 'profilelist_response_ios11.plist'));
    expect((captured.ProfileList as unknown[]).length).toBeGreaterThan(0);
    expect(listedProfiles(captured)).toEqual([]);
  });

  it('keeps managed entries (IsManaged true or not reported), upper-cases their UUID and drops entries without an identifier', () => {
    const result = {
      ProfileList: [
        { PayloadIdentifier: 'a.managed', PayloadUUID: 'abcdef01-0000-4000-8000-000000000000', IsManaged: true },
        { PayloadIdentifier: 'b.unreported', PayloadUUID: 'ABCDEF02-0000-4000-8000-000000000000' },
        { PayloadIdentifier: 'c.no-uuid' },
        { PayloadUUID: 'ABCDEF03-0000-4000-8000-000000000000' },
        { PayloadIdentifier: 42, PayloadUUID: 'ABCDEF04-0000-4000-8000-000000000000' },
        null,
        'not a profile',
      ],
    };
    expect(listedProfiles(result)).toEqual([
      { identifier: 'a.managed', payloadUuid: 'ABCDEF01-0000-4000-8000-000000000000' },
      { identifier: 'b.unreported', payloadUuid: 'ABCDEF02-0000-4000-8000-000000000000' },
      { identifier: 'c.no-uuid', payloadUuid: null },
    ]);
  });

  it('a result without a list is no report at all', () => {
    expect(listedProfiles({ ProfileList: 'none' })).toBeNull();
    expect(listedProfiles({})).toBeNull();
    expect(listedProfiles([])).toBeNull();
    expect(checkListedProfile({ ErrorChain: [] }, ours)).toEqual({ state: 'not_reported' });
  });

  it('finds our profile by identifier among others, whatever the case of the UUID on either side', () => {
    const list = (uuid?: string) => ({
      ProfileList: [
        { PayloadIdentifier: 'com.other.vpn', PayloadUUID: 'BA7816BF-8F01-5FEA-8141-40DE5DAE2223' },
        { PayloadIdentifier: ours.identifier, ...(uuid ? { PayloadUUID: uuid } : {}) },
      ],
    });
    expect(checkListedProfile(list('BA7816BF-8F01-5FEA-8141-40DE5DAE2223'), ours)).toEqual({ state: 'in_force' });
    expect(checkListedProfile(list('00000000-8F01-5FEA-8141-40DE5DAE2223'), ours)).toEqual({ state: 'outdated', reportedUuid: '00000000-8F01-5FEA-8141-40DE5DAE2223' });
    expect(checkListedProfile(list(), ours)).toEqual({ state: 'outdated', reportedUuid: null });
    expect(checkListedProfile({ ProfileList: [list().ProfileList[0]] }, ours)).toEqual({ state: 'missing' });
  });
});
