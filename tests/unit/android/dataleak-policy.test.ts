import { describe, expect, it } from 'vitest';
import { NOT_ENFORCEABLE_REASONS, NO_DATA_LEAK_CONTROLS, type DataLeakControls } from '../../../src/domain/compliance/data-leak.js';
import type { AmapiDevice, NonComplianceDetail } from '../../../src/mdm/android/amapi-types.js';
import { checkAndroidDataLeak, planAndroidDataLeak } from '../../../src/mdm/android/data-leak-policy.js';
import { androidFixture } from '../../../tools/fixtures.js';

const only = (overrides: Partial<DataLeakControls>): DataLeakControls => ({ ...NO_DATA_LEAK_CONTROLS, ...overrides });
const ALL_ON: DataLeakControls = {
  blockSharingToPersonalApps: true,
  blockCopyPasteToPersonalApps: true,
  blockScreenCapture: true,
  disableCamera: true,
  protectWorkContacts: true,
  appList: { mode: 'BLOCK', apps: ['com.whatsapp', 'com.openai.chatgpt'] },
};

describe('AMAPI policy fields for a work profile (personally owned phone)', () => {
  it('each cross-profile control sets only its own crossProfilePolicies field', () => {
    expect(planAndroidDataLeak('PERSONAL', only({ blockSharingToPersonalApps: true }))).toEqual({
      fields: { crossProfilePolicies: { crossProfileDataSharing: 'DATA_SHARING_FROM_WORK_TO_PERSONAL_DISALLOWED' } },
      settingNames: ['crossProfilePolicies'],
      enforced: ['sharing'],
      notEnforced: [],
    });
    expect(planAndroidDataLeak('PERSONAL', only({ blockCopyPasteToPersonalApps: true }))).toEqual({
      fields: { crossProfilePolicies: { crossProfileCopyPaste: 'COPY_FROM_WORK_TO_PERSONAL_DISALLOWED' } },
      settingNames: ['crossProfilePolicies'],
      enforced: ['copy_paste'],
      notEnforced: [],
    });
    expect(planAndroidDataLeak('PERSONAL', only({ protectWorkContacts: true }))).toEqual({
      fields: { crossProfilePolicies: { showWorkContactsInPersonalProfile: 'SHOW_WORK_CONTACTS_IN_PERSONAL_PROFILE_DISALLOWED' } },
      settingNames: ['crossProfilePolicies'],
      enforced: ['contacts'],
      notEnforced: [],
    });
  });

  it('screenshots are blocked in the work profile and a block-list blocks the named apps there', () => {
    const plan = planAndroidDataLeak('PERSONAL', { ...ALL_ON, disableCamera: false });
    expect(plan.fields).toEqual({
      crossProfilePolicies: {
        crossProfileDataSharing: 'DATA_SHARING_FROM_WORK_TO_PERSONAL_DISALLOWED',
        crossProfileCopyPaste: 'COPY_FROM_WORK_TO_PERSONAL_DISALLOWED',
        showWorkContactsInPersonalProfile: 'SHOW_WORK_CONTACTS_IN_PERSONAL_PROFILE_DISALLOWED',
      },
      screenCaptureDisabled: true,
      playStoreMode: 'BLACKLIST',
      applications: [
        { packageName: 'com.openai.chatgpt', installType: 'BLOCKED' },
        { packageName: 'com.whatsapp', installType: 'BLOCKED' },
      ],
    });
    expect(plan.settingNames.sort()).toEqual(['applications', 'crossProfilePolicies', 'playStoreMode', 'screenCaptureDisabled']);
    expect(plan.enforced).toEqual(['sharing', 'copy_paste', 'screen_capture', 'contacts', 'app_list']);
    expect(plan.notEnforced).toEqual([]);
  });

  it('no control asked for: no field at all, so the policy is left as it was', () => {
    expect(planAndroidDataLeak('PERSONAL', undefined)).toEqual({ fields: {}, settingNames: [], enforced: [], notEnforced: [] });
    expect(planAndroidDataLeak('CORPORATE', NO_DATA_LEAK_CONTROLS)).toEqual({ fields: {}, settingNames: [], enforced: [], notEnforced: [] });
  });
});

describe('AMAPI policy fields for a fully managed (company-owned) phone', () => {
  it('cross-profile controls are named as not enforceable, since every app on it is a work app', () => {
    const plan = planAndroidDataLeak('CORPORATE', only({ blockSharingToPersonalApps: true, blockCopyPasteToPersonalApps: true, protectWorkContacts: true }));
    expect(plan.fields).toEqual({});
    expect(plan.enforced).toEqual([]);
    expect(plan.notEnforced).toEqual([
      { control: 'sharing', reason: NOT_ENFORCEABLE_REASONS.fullyManaged },
      { control: 'copy_paste', reason: NOT_ENFORCEABLE_REASONS.fullyManaged },
      { control: 'contacts', reason: NOT_ENFORCEABLE_REASONS.fullyManaged },
    ]);
  });

  it('camera off, screenshots off and an allow-list that makes only the listed apps available', () => {
    const plan = planAndroidDataLeak('CORPORATE', { ...ALL_ON, appList: { mode: 'ALLOW_ONLY', apps: ['com.example.rota', 'com.example.care'] } });
    expect(plan.fields).toEqual({
      screenCaptureDisabled: true,
      cameraAccess: 'CAMERA_ACCESS_DISABLED',
      playStoreMode: 'WHITELIST',
      applications: [
        { packageName: 'com.example.care', installType: 'AVAILABLE' },
        { packageName: 'com.example.rota', installType: 'AVAILABLE' },
      ],
    });
    expect(plan.enforced).toEqual(['screen_capture', 'camera', 'app_list']);
    expect(plan.notEnforced.map((n) => n.control)).toEqual(['sharing', 'copy_paste', 'contacts']);
  });
});

describe('whether the phone applied the controls', () => {
  const plan = planAndroidDataLeak('PERSONAL', only({ blockSharingToPersonalApps: true, blockScreenCapture: true }));
  const name = 'enterprises/LC02my9vtl/policies/byod-work-profile';
  const pushed = { name, version: '7', body: { ...plan.fields, passwordPolicies: [] } };
  const device = { policyName: name, appliedPolicyVersion: '7', nonComplianceDetails: [] as NonComplianceDetail[] | null };

  it('in force when the phone reports the pushed version and complains about other settings only (captured device)', () => {
    const captured = androidFixture<AmapiDevice>('device-personally-owned-work-profile-noncompliant.json');
    expect(captured.nonComplianceDetails?.length).toBeGreaterThan(0);
    expect(checkAndroidDataLeak(plan, pushed, {
      policyName: captured.policyName ?? null,
      appliedPolicyVersion: captured.appliedPolicyVersion ?? null,
      nonComplianceDetails: captured.nonComplianceDetails ?? null,
    })).toEqual({ state: 'in_force' });
  });

  it('in force when the phone reports no non-compliance list at all, or a newer version', () => {
    expect(checkAndroidDataLeak(plan, pushed, { ...device, nonComplianceDetails: null })).toEqual({ state: 'in_force' });
    expect(checkAndroidDataLeak(plan, pushed, { ...device, appliedPolicyVersion: '8' })).toEqual({ state: 'in_force' });
  });

  it('a phone that has not said which policy it runs is taken to run the one pushed', () => {
    expect(checkAndroidDataLeak(plan, pushed, { ...device, policyName: null })).toEqual({ state: 'in_force' });
  });

  it('a phone on another policy has not applied these controls, whatever its version', () => {
    expect(checkAndroidDataLeak(plan, pushed, { ...device, policyName: 'enterprises/LC02my9vtl/policies/fully-managed', appliedPolicyVersion: '9' }))
      .toEqual({ state: 'not_applied', appliedVersion: '9', expectedVersion: '7' });
  });

  it('not pushed when the stored policy has no version, is not an object, or lacks the controls', () => {
    expect(checkAndroidDataLeak(plan, { ...pushed, version: null }, device)).toEqual({ state: 'not_pushed' });
    expect(checkAndroidDataLeak(plan, { ...pushed, body: null }, device)).toEqual({ state: 'not_pushed' });
    expect(checkAndroidDataLeak(plan, { ...pushed, body: { ...plan.fields, screenCaptureDisabled: false } }, device)).toEqual({ state: 'not_pushed' });
    const nothing = planAndroidDataLeak('PERSONAL', NO_DATA_LEAK_CONTROLS);
    expect(checkAndroidDataLeak(nothing, { ...pushed, body: 'screenCaptureDisabled' }, device)).toEqual({ state: 'not_pushed' });
    expect(checkAndroidDataLeak(nothing, { ...pushed, body: null }, device)).toEqual({ state: 'not_pushed' });
  });

  it('non-compliant names each data-leak setting the phone reports, once', () => {
    const details: NonComplianceDetail[] = [
      { settingName: 'screenCaptureDisabled', nonComplianceReason: 'MANAGEMENT_MODE' },
      { settingName: 'crossProfilePolicies', nonComplianceReason: 'API_LEVEL', fieldPath: 'crossProfilePolicies.crossProfileDataSharing' },
      { settingName: 'screenCaptureDisabled', nonComplianceReason: 'USER_ACTION' },
      { nonComplianceReason: 'UNKNOWN' },
      { settingName: 'passwordPolicies', nonComplianceReason: 'USER_ACTION' },
    ];
    expect(checkAndroidDataLeak(plan, pushed, { ...device, nonComplianceDetails: details }))
      .toEqual({ state: 'non_compliant', settings: ['screenCaptureDisabled', 'crossProfilePolicies'] });
  });
});
