import { describe, expect, it } from 'vitest';
import Value from 'typebox/value';
import {
  dataProtectionNoticeText, NO_DATA_LEAK_CONTROLS, requestedControls, type DataLeakControls,
} from '../../../src/domain/compliance/data-leak.js';
import { dataLeakRule, type DataLeakEvidence } from '../../../src/domain/compliance/data-leak-rule.js';
import { PolicyDocumentSchema, policyProblems, type PolicyDocument, type RuleSettings } from '../../../src/domain/compliance/policy.js';
import { findPreset, PRESETS, UNAPPROVED_APPS } from '../../../src/domain/compliance/presets.js';
import type { DeviceFacts } from '../../../src/domain/compliance/rules.js';
import { decodePlist, type PlistDict } from '../../../src/mdm/apple/plist.js';
import { buildRestrictionsProfile, planRestrictions, restrictionsProfileIdentifier } from '../../../src/mdm/apple/restrictions-profile.js';
import { checkListedProfile, desiredProfiles, type ProfileTarget } from '../../../src/mdm/apple/managed-profiles.js';
import { checkAndroidDataLeak, planAndroidDataLeak } from '../../../src/mdm/android/data-leak-policy.js';
import { buildAndroidPolicy } from '../../../src/mdm/android/policy.js';
import { fixtureBytes } from '../../support/fixtures.js';

const profileListFixture = () => decodePlist(fixtureBytes('apple', 'profilelist_response_ios11.plist'));
const ALL_ON: DataLeakControls = {
  blockSharingToPersonalApps: true,
  blockCopyPasteToPersonalApps: true,
  blockScreenCapture: true,
  disableCamera: true,
  protectWorkContacts: true,
  appList: { mode: 'BLOCK', apps: ['net.whatsapp.WhatsApp', 'com.openai.chat'] },
};
const PERSONAL_APPLE: DataLeakControls = { ...ALL_ON, blockScreenCapture: false, disableCamera: false, appList: null };
const nhs = findPreset('nhs-dspt')!.document;

describe('data-leak controls in the policy', () => {
  it('every preset is a valid document the policy accepts; nhs-dspt and strict-byod switch the controls on', () => {
    for (const preset of PRESETS) {
      expect(Value.Check(PolicyDocumentSchema, preset.document), preset.id).toBe(true);
      expect(policyProblems(preset.document), preset.id).toEqual([]);
    }
    for (const id of ['nhs-dspt', 'strict-byod']) {
      const { settings } = findPreset(id)!.document;
      expect(requestedControls(settings.PERSONAL.APPLE.dataLeak)).toEqual(['sharing', 'copy_paste', 'contacts']);
      expect(requestedControls(settings.PERSONAL.ANDROID.dataLeak)).toEqual(['sharing', 'copy_paste', 'screen_capture', 'contacts']);
      expect(settings.CORPORATE.APPLE.dataLeak?.appList?.apps).toContain('net.whatsapp.WhatsApp');
      expect(settings.CORPORATE.ANDROID.dataLeak?.appList).toMatchObject({ mode: 'BLOCK', apps: expect.arrayContaining(['com.whatsapp', 'com.openai.chatgpt']) });
    }
  });

  it('the preset block-lists come from one catalogue of apps, with identifiers shaped as each platform requires', () => {
    // iOS CFBundleIdentifier: letters, digits, '-' and '.'; Android package name: two or more segments, each a
    // letter followed by letters, digits or '_'. Case matters on iOS: the ids are as the App Store lists them.
    for (const { app, apple, android } of UNAPPROVED_APPS) {
      if (apple !== null) expect(apple, app).toMatch(/^[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+$/);
      if (android !== null) expect(android, app).toMatch(/^[A-Za-z][A-Za-z0-9_]*(\.[A-Za-z][A-Za-z0-9_]*)+$/);
    }
    const apple = UNAPPROVED_APPS.flatMap((a) => (a.apple ? [a.apple] : []));
    const android = UNAPPROVED_APPS.flatMap((a) => (a.android ? [a.android] : []));
    expect(new Set(apple).size).toBe(apple.length);
    expect(new Set(android).size).toBe(android.length);
    for (const id of ['nhs-dspt', 'strict-byod']) {
      const { settings } = findPreset(id)!.document;
      expect(settings.CORPORATE.APPLE.dataLeak?.appList?.apps, id).toEqual(apple);
      expect(settings.CORPORATE.ANDROID.dataLeak?.appList?.apps, id).toEqual(android);
    }
  });

  it('a document saved before the controls existed is still valid and means "all off"', () => {
    const old = structuredClone(nhs) as PolicyDocument;
    for (const o of ['CORPORATE', 'PERSONAL'] as const) for (const p of ['APPLE', 'ANDROID'] as const) delete old.settings[o][p].dataLeak;
    expect(Value.Check(PolicyDocumentSchema, old)).toBe(true);
    expect(requestedControls(old.settings.PERSONAL.APPLE.dataLeak)).toEqual([]);
  });

  it('refuses what no device of that kind could carry out, saying why', () => {
    const doc = structuredClone(nhs) as PolicyDocument;
    doc.settings.PERSONAL.ANDROID.dataLeak = { ...doc.settings.PERSONAL.ANDROID.dataLeak!, disableCamera: true, appList: { mode: 'ALLOW_ONLY', apps: ['com.example.care'] } };
    doc.settings.PERSONAL.APPLE.dataLeak = { ...PERSONAL_APPLE, blockScreenCapture: true, appList: { mode: 'BLOCK', apps: ['net.whatsapp.WhatsApp'] } };
    doc.settings.CORPORATE.APPLE.dataLeak = { ...ALL_ON, blockSharingToPersonalApps: false };
    const problems = policyProblems(doc);
    expect(problems).toEqual([
      expect.stringMatching(/^settings\.CORPORATE\.APPLE\.dataLeak: .*needs blockSharingToPersonalApps/),
      expect.stringMatching(/^settings\.PERSONAL\.APPLE\.dataLeak\.blockScreenCapture: iOS can only block screenshots for the whole phone/),
      expect.stringMatching(/^settings\.PERSONAL\.APPLE\.dataLeak\.appList: iOS blocks apps only on supervised/),
      expect.stringMatching(/^settings\.PERSONAL\.ANDROID\.dataLeak\.disableCamera: /),
      expect.stringMatching(/^settings\.PERSONAL\.ANDROID\.dataLeak\.appList: an allow-list is for corporate devices/),
    ]);
  });

  it('refuses unknown properties and malformed app ids in the schema', () => {
    const doc = structuredClone(nhs) as PolicyDocument;
    (doc.settings.CORPORATE.ANDROID.dataLeak as Record<string, unknown>).allowEverything = true;
    expect(Value.Check(PolicyDocumentSchema, doc)).toBe(false);
    const bad = structuredClone(nhs) as PolicyDocument;
    bad.settings.CORPORATE.ANDROID.dataLeak!.appList = { mode: 'BLOCK', apps: ['not an app id\u0000'] };
    expect(Value.Check(PolicyDocumentSchema, bad)).toBe(false);
  });
});

describe('Apple restrictions profile', () => {
  it('User Enrolment gets only what Apple allows there: open-in, pasteboard, AirDrop and reading contacts', () => {
    const plan = planRestrictions(PERSONAL_APPLE, { ownership: 'PERSONAL', kind: 'USER', supervised: false });
    expect(plan.keys).toEqual({
      allowOpenFromManagedToUnmanaged: false,
      forceAirDropUnmanaged: true,
      requireManagedPasteboard: true,
      allowUnmanagedToReadManagedContacts: false,
    });
    expect(plan.enforced).toEqual(['sharing', 'copy_paste', 'contacts']);
  });

  it('a personal iPhone under device enrolment also keeps work apps from writing into personal contacts', () => {
    const plan = planRestrictions(PERSONAL_APPLE, { ownership: 'PERSONAL', kind: 'DEVICE', supervised: false });
    expect(plan.keys).toMatchObject({ allowManagedToWriteUnmanagedContacts: false, allowUnmanagedToReadManagedContacts: false });
  });

  it('a supervised corporate device: screenshots, camera and the app block-list as well', () => {
    const plan = planRestrictions(ALL_ON, { ownership: 'CORPORATE', kind: 'DEVICE', supervised: true });
    expect(plan.keys).toMatchObject({ allowScreenShot: false, allowCamera: false, blockedAppBundleIDs: ['com.openai.chat', 'net.whatsapp.WhatsApp'] });
    expect(plan.notEnforced).toEqual([]);
    const allowOnly = planRestrictions({ ...ALL_ON, appList: { mode: 'ALLOW_ONLY', apps: ['com.example.care'] } }, { ownership: 'CORPORATE', kind: 'DEVICE', supervised: true });
    expect(allowOnly.keys).toMatchObject({ allowListedAppBundleIDs: ['com.example.care'] });
    expect(allowOnly.keys).not.toHaveProperty('blockedAppBundleIDs');
  });

  it('an unsupervised corporate device: camera and app list are named as not enforceable, not silently dropped', () => {
    const plan = planRestrictions(ALL_ON, { ownership: 'CORPORATE', kind: 'DEVICE', supervised: false });
    expect(plan.keys).toMatchObject({ allowScreenShot: false });
    expect(plan.keys).not.toHaveProperty('allowCamera');
    expect(plan.keys).not.toHaveProperty('blockedAppBundleIDs');
    expect(plan.notEnforced.map((n) => n.control)).toEqual(['camera', 'app_list']);
    expect(plan.notEnforced[0]!.reason).toMatch(/supervised/);
  });

  it('the profile is a com.apple.applicationaccess payload whose UUID follows its content', () => {
    const plan = planRestrictions(PERSONAL_APPLE, { ownership: 'PERSONAL', kind: 'USER', supervised: false });
    const built = buildRestrictionsProfile('org.example.mdm', 'Example Care', plan)!;
    const profile = decodePlist(built.xml);
    expect(profile).toMatchObject({ PayloadType: 'Configuration', PayloadVersion: 1, PayloadIdentifier: 'org.example.mdm.data-protection', PayloadUUID: built.uuid });
    const [payload] = profile.PayloadContent as PlistDict[];
    expect(payload).toMatchObject({ PayloadType: 'com.apple.applicationaccess', PayloadVersion: 1, allowOpenFromManagedToUnmanaged: false, requireManagedPasteboard: true });
    expect(built.uuid).toMatch(/^[0-9A-F]{8}-[0-9A-F]{4}-8[0-9A-F]{3}-[89AB][0-9A-F]{3}-[0-9A-F]{12}$/);
    // Same inputs, same revision; a changed control, a new revision.
    expect(buildRestrictionsProfile('org.example.mdm', 'Example Care', plan)!.uuid).toBe(built.uuid);
    const changed = planRestrictions({ ...PERSONAL_APPLE, protectWorkContacts: false }, { ownership: 'PERSONAL', kind: 'USER', supervised: false });
    expect(buildRestrictionsProfile('org.example.mdm', 'Example Care', changed)!.uuid).not.toBe(built.uuid);
    expect(buildRestrictionsProfile('org.example.mdm', 'Example Care', planRestrictions(NO_DATA_LEAK_CONTROLS, { ownership: 'PERSONAL', kind: 'USER', supervised: false }))).toBeNull();
  });

  it('ProfileList decides: the captured list lacks it, the same identifier with another UUID is outdated, the expected UUID is in force', () => {
    const built = buildRestrictionsProfile('org.example.mdm', 'Example Care', planRestrictions(PERSONAL_APPLE, { ownership: 'PERSONAL', kind: 'USER', supervised: false }))!;
    const expected = { identifier: built.identifier, payloadUuid: built.uuid };
    const captured = profileListFixture();
    expect(checkListedProfile(captured, expected)).toEqual({ state: 'missing' });
    const entry = (uuid: string, managed = true) => ({ ...(captured.ProfileList as PlistDict[])[0], PayloadIdentifier: restrictionsProfileIdentifier('org.example.mdm'), PayloadUUID: uuid, IsManaged: managed });
    expect(checkListedProfile({ ProfileList: [...(captured.ProfileList as PlistDict[]), entry('0AD3F1B2-0000-4000-8000-000000000000')] }, expected))
      .toEqual({ state: 'outdated', reportedUuid: '0AD3F1B2-0000-4000-8000-000000000000' });
    expect(checkListedProfile({ ProfileList: [entry(built.uuid.toLowerCase())] }, expected)).toEqual({ state: 'in_force' });
    // A profile of that name the user installed by hand is not ours.
    expect(checkListedProfile({ ProfileList: [entry(built.uuid, false)] }, expected)).toEqual({ state: 'missing' });
    expect(checkListedProfile(null, expected)).toEqual({ state: 'not_reported' });
  });
});

describe('the managed profiles derived from the policy (one list for installation and the rules)', () => {
  const context = { identifierPrefix: 'org.example.mdm', organization: 'Example Care' };
  const target = (overrides: Partial<ProfileTarget>): ProfileTarget => ({ macOS: false, kind: 'DEVICE', ownership: 'CORPORATE', supervised: false, ...overrides });
  const kinds = (settings: RuleSettings, t: ProfileTarget) => desiredProfiles(settings, t, context).profiles.map((p) => [p.kind, p.identifier]);

  it('lists the passcode and the data protection profile, each under its own stable identifier', () => {
    expect(kinds(nhs.settings.CORPORATE.APPLE, target({}))).toEqual([
      ['passcode-policy', 'org.example.mdm.passcode-policy'],
      ['data-protection', 'org.example.mdm.data-protection'],
    ]);
    // macOS User Enrolment forbids the passcode payload; the restrictions still apply.
    expect(kinds(nhs.settings.PERSONAL.APPLE, target({ macOS: true, kind: 'USER', ownership: 'PERSONAL' }))).toEqual([['data-protection', 'org.example.mdm.data-protection']]);
    // No control asked for: no restrictions profile at all.
    expect(kinds({ ...nhs.settings.CORPORATE.APPLE, dataLeak: NO_DATA_LEAK_CONTROLS }, target({}))).toEqual([['passcode-policy', 'org.example.mdm.passcode-policy']]);
  });

  it('a version follows the content: a data-leak change moves only the restrictions profile, supervision changes what it carries', () => {
    const before = desiredProfiles(nhs.settings.CORPORATE.APPLE, target({ supervised: true }), context).profiles;
    const changed = { ...nhs.settings.CORPORATE.APPLE, dataLeak: { ...nhs.settings.CORPORATE.APPLE.dataLeak!, disableCamera: true } };
    const after = desiredProfiles(changed, target({ supervised: true }), context).profiles;
    expect(after[0]!.payloadUuid).toBe(before[0]!.payloadUuid);
    expect(after[1]!.payloadUuid).not.toBe(before[1]!.payloadUuid);
    expect(decodePlist(after[0]!.xml).PayloadUUID).toBe(after[0]!.payloadUuid);
    expect(decodePlist(after[1]!.xml).PayloadUUID).toBe(after[1]!.payloadUuid);
    const unsupervised = desiredProfiles(nhs.settings.CORPORATE.APPLE, target({}), context);
    expect(unsupervised.profiles[1]!.settings).not.toHaveProperty('blockedAppBundleIDs');
    expect(before[1]!.settings).toHaveProperty('blockedAppBundleIDs');
    expect(unsupervised.dataProtection.notEnforced.map((n) => n.control)).toEqual(['app_list']);
  });

  it('User Enrolment: only the keys Apple permits there', () => {
    const [, restrictions] = desiredProfiles(nhs.settings.PERSONAL.APPLE, target({ kind: 'USER', ownership: 'PERSONAL' }), context).profiles;
    expect(Object.keys(restrictions!.settings).sort()).toEqual(['allowOpenFromManagedToUnmanaged', 'allowUnmanagedToReadManagedContacts', 'forceAirDropUnmanaged', 'requireManagedPasteboard']);
  });

});

describe('Android data-leak policy fields', () => {
  const days = { blockAfterDays: 1, wipeAfterDays: 30 };
  const base = {
    encryptionRequired: true, passcodeRequired: true, passcodeMinLength: 6, maxAutoLockMinutes: 5, minOsVersion: '13', gracePeriodHours: 48,
  };

  it('the work profile keeps work data from the personal profile: AMAPI cross-profile policies and screenshots', () => {
    const policy = buildAndroidPolicy('PERSONAL', { ...base, dataLeak: nhs.settings.PERSONAL.ANDROID.dataLeak }, days);
    expect(policy.crossProfilePolicies).toEqual({
      crossProfileDataSharing: 'DATA_SHARING_FROM_WORK_TO_PERSONAL_DISALLOWED',
      crossProfileCopyPaste: 'COPY_FROM_WORK_TO_PERSONAL_DISALLOWED',
      showWorkContactsInPersonalProfile: 'SHOW_WORK_CONTACTS_IN_PERSONAL_PROFILE_DISALLOWED',
    });
    expect(policy.screenCaptureDisabled).toBe(true);
    expect(policy).not.toHaveProperty('cameraAccess');
    expect(policy).not.toHaveProperty('applications');
  });

  it('a fully managed phone gets no cross-profile policy (AMAPI would report MANAGEMENT_MODE) but the block-list and camera', () => {
    const policy = buildAndroidPolicy('CORPORATE', { ...base, dataLeak: ALL_ON }, days);
    expect(policy).not.toHaveProperty('crossProfilePolicies');
    expect(policy).toMatchObject({
      screenCaptureDisabled: true,
      cameraAccess: 'CAMERA_ACCESS_DISABLED',
      playStoreMode: 'BLACKLIST',
      applications: [{ packageName: 'com.openai.chat', installType: 'BLOCKED' }, { packageName: 'net.whatsapp.WhatsApp', installType: 'BLOCKED' }],
    });
    expect(planAndroidDataLeak('CORPORATE', ALL_ON).notEnforced.map((n) => n.control)).toEqual(['sharing', 'copy_paste', 'contacts']);
    const allowOnly = buildAndroidPolicy('CORPORATE', { ...base, dataLeak: { ...ALL_ON, appList: { mode: 'ALLOW_ONLY', apps: ['com.example.care'] } } }, days);
    expect(allowOnly).toMatchObject({ playStoreMode: 'WHITELIST', applications: [{ packageName: 'com.example.care', installType: 'AVAILABLE' }] });
  });

  it('screenshots: a policy without data-leak controls keeps the block it always had; one that switches it off is obeyed', () => {
    expect(buildAndroidPolicy('PERSONAL', base, days).screenCaptureDisabled).toBe(true);
    expect(buildAndroidPolicy('PERSONAL', { ...base, dataLeak: NO_DATA_LEAK_CONTROLS }, days).screenCaptureDisabled).toBe(false);
  });

  it('verification needs the pushed policy to carry the controls, the phone to run that version, and no complaint about them', () => {
    const plan = planAndroidDataLeak('PERSONAL', nhs.settings.PERSONAL.ANDROID.dataLeak);
    const name = 'enterprises/LC02my9vtl/policies/personally-owned';
    const pushed = { name, version: '4', body: buildAndroidPolicy('PERSONAL', { ...base, dataLeak: nhs.settings.PERSONAL.ANDROID.dataLeak }, days) };
    const device = { policyName: name, appliedPolicyVersion: '4', nonComplianceDetails: [] };
    expect(checkAndroidDataLeak(plan, pushed, device)).toEqual({ state: 'in_force' });
    // PostgreSQL's jsonb hands the stored policy back with its keys reordered: still the same policy.
    const reordered = { ...pushed, body: { ...pushed.body, crossProfilePolicies: Object.fromEntries(Object.entries(pushed.body.crossProfilePolicies!).reverse()) } };
    expect(checkAndroidDataLeak(plan, reordered, device)).toEqual({ state: 'in_force' });
    expect(checkAndroidDataLeak(plan, { ...pushed, body: buildAndroidPolicy('PERSONAL', base, days) }, device)).toEqual({ state: 'not_pushed' });
    expect(checkAndroidDataLeak(plan, null, device)).toEqual({ state: 'not_pushed' });
    expect(checkAndroidDataLeak(plan, pushed, { ...device, appliedPolicyVersion: null })).toEqual({ state: 'not_reported' });
    // "10" after "9": versions compare as numbers.
    expect(checkAndroidDataLeak(plan, { ...pushed, version: '10' }, { ...device, appliedPolicyVersion: '9' })).toEqual({ state: 'not_applied', appliedVersion: '9', expectedVersion: '10' });
    expect(checkAndroidDataLeak(plan, pushed, { ...device, nonComplianceDetails: [{ settingName: 'crossProfilePolicies', nonComplianceReason: 'API_LEVEL' }, { settingName: 'passwordPolicies' }] }))
      .toEqual({ state: 'non_compliant', settings: ['crossProfilePolicies'] });
  });
});

describe('rule data_leak', () => {
  const settings = (dataLeak: DataLeakControls | undefined): RuleSettings => ({ ...nhs.settings.PERSONAL.APPLE, dataLeak });
  const facts = (platform: 'APPLE' | 'ANDROID', dataLeak: DataLeakEvidence | null): DeviceFacts => ({
    platform, ownership: 'PERSONAL', posture: null, device: { osVersion: null, lastSeenAt: null }, user: null, dataLeak,
  });

  it('is off when the policy asks for no control', () => {
    expect(dataLeakRule(facts('APPLE', null), settings(undefined))).toBeNull();
    expect(dataLeakRule(facts('APPLE', null), settings(NO_DATA_LEAK_CONTROLS))).toBeNull();
  });

  it('is unknown until the device reports, and passes only on its report', () => {
    expect(dataLeakRule(facts('APPLE', null), settings(PERSONAL_APPLE))).toMatchObject({ status: 'unknown', actual: 'not reported yet' });
    const pass = dataLeakRule(facts('APPLE', { state: 'in_force', notEnforced: [] }), settings(PERSONAL_APPLE))!;
    expect(pass).toMatchObject({ rule: 'data_leak', status: 'pass', remediation: null });
    expect(pass.expected).toMatch(/work files stay in work apps; no pasting from work apps into personal apps; work contacts stay in work apps/);
  });

  it('fails with a fix the person can follow when the profile is missing or outdated', () => {
    const missing = dataLeakRule(facts('APPLE', { state: 'missing', notEnforced: [] }), settings(PERSONAL_APPLE))!;
    expect(missing).toMatchObject({ status: 'fail', actual: 'the data protection profile is not installed' });
    expect(missing.remediation).toMatch(/VPN & Device Management/);
    expect(dataLeakRule(facts('APPLE', { state: 'outdated', detail: 'installed revision A, expected B', notEnforced: [] }), settings(PERSONAL_APPLE)))
      .toMatchObject({ status: 'fail', actual: expect.stringContaining('installed revision A, expected B') });
  });

  it('Android: an older policy or a reported non-compliance fails; a policy still being sent is unknown', () => {
    const android = (state: DataLeakEvidence['state']) => dataLeakRule(facts('ANDROID', { state, notEnforced: [] }), settings(nhs.settings.PERSONAL.ANDROID.dataLeak))!;
    expect(android('not_applied')).toMatchObject({ status: 'fail', remediation: expect.stringMatching(/tap Sync/) });
    expect(android('non_compliant')).toMatchObject({ status: 'fail', remediation: expect.stringMatching(/Android Device Policy app: it shows which work setting/) });
    expect(android('pending')).toMatchObject({ status: 'unknown' });
  });

  it('names controls the enrolment cannot carry without failing the device for them', () => {
    const result = dataLeakRule(
      facts('APPLE', { state: 'in_force', notEnforced: [{ control: 'camera', reason: 'needs supervision' }] }),
      settings({ ...ALL_ON, appList: null }),
    )!;
    expect(result.status).toBe('pass');
    expect(result.actual).toMatch(/not enforceable on this device: camera switched off \(needs supervision\)/);
  });
});

describe('what staff are told', () => {
  it('the privacy notice section explains each control and what the organisation does not control on a personal phone', () => {
    const text = dataProtectionNoticeText('PERSONAL', { APPLE: nhs.settings.PERSONAL.APPLE.dataLeak, ANDROID: nhs.settings.PERSONAL.ANDROID.dataLeak });
    expect(text).toContain('On iPhone and iPad:');
    expect(text).toMatch(/You cannot paste text copied in work apps .* into personal apps such as WhatsApp, social media or AI chat apps\./);
    expect(text).toMatch(/Why: Pasting a care note into WhatsApp or a public AI tool sends resident information to a service/);
    expect(text).toMatch(/What the organisation does not see or control on your phone:\n- Your personal apps, photos, messages/);
    // iOS screenshots are not blocked on personal phones, so the notice does not claim it.
    expect(text.split('On Android phones:')[0]).not.toContain('No screenshots');
    expect(text.split('On Android phones:')[1]).toContain('No screenshots of work apps');
  });
});
