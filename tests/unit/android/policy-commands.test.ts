import { describe, expect, it } from 'vitest';
import { apiLevelOf, buildAndroidPolicy, PolicyInputError } from '../../../src/mdm/android/policy.js';
import { operationOutcome, planAndroidAction, redactCommand } from '../../../src/mdm/android/commands.js';
import { decodePush, deviceNameOfOperation, MalformedPushError } from '../../../src/mdm/android/notifications.js';
import type { AmapiOperation } from '../../../src/mdm/android/amapi-types.js';
import { androidFixture } from '../../support/fixtures.js';

const settings = {
  encryptionRequired: true,
  passcodeRequired: true,
  passcodeMinLength: 8,
  maxAutoLockMinutes: 5,
  minOsVersion: '13',
  gracePeriodHours: null,
};
const days = { blockAfterDays: 0, wipeAfterDays: 14 };

describe('AMAPI policies from compliance settings', () => {
  const personal = buildAndroidPolicy('PERSONAL', settings, days);
  const corporate = buildAndroidPolicy('CORPORATE', settings, days);

  it('has the fixture BYOD baseline shape: profile-scoped password, lock timeout in ms, encryption, reporting', () => {
    const baseline = androidFixture<Record<string, unknown>>('policy-byod-compliance.json');
    expect(personal.maximumTimeToLock).toBe(baseline.maximumTimeToLock);
    expect(personal.encryptionPolicy).toBe(baseline.encryptionPolicy);
    expect(personal.screenCaptureDisabled).toBe(true);
    expect(personal.minimumApiLevel).toBe(baseline.minimumApiLevel);
    expect(personal.passwordPolicies?.[0]).toMatchObject({ passwordScope: 'SCOPE_PROFILE', passwordMinimumLength: 8 });
    expect(personal.statusReportingSettings).toMatchObject({ softwareInfoEnabled: true, deviceSettingsEnabled: true, applicationReportsEnabled: false });
    expect(corporate.passwordPolicies).toEqual([{ passwordScope: 'SCOPE_DEVICE', passwordQuality: 'NUMERIC_COMPLEX', passwordMinimumLength: 8 }]);
  });

  it('gives every enforcement rule both a block and a wipe action (AMAPI rejects one without)', () => {
    for (const policy of [corporate, personal]) {
      expect(policy.policyEnforcementRules!.map((r) => r.settingName)).toEqual(['passwordPolicies', 'minimumApiLevel']);
      for (const rule of policy.policyEnforcementRules!) {
        expect(rule.blockAction.blockAfterDays).toBe(0);
        expect(rule.wipeAction.wipeAfterDays).toBe(14);
      }
    }
    expect(personal.policyEnforcementRules![0]!.blockAction.blockScope).toBe('BLOCK_SCOPE_WORK_PROFILE');
    expect(corporate.policyEnforcementRules![0]!.blockAction.blockScope).toBe('BLOCK_SCOPE_DEVICE');
  });

  it('blocks after the compliance grace period, rounded up to days', () => {
    const policy = buildAndroidPolicy('CORPORATE', { ...settings, gracePeriodHours: 30 }, days);
    expect(policy.policyEnforcementRules![0]!.blockAction.blockAfterDays).toBe(2);
  });

  it('a grace period longer than the wipe delay pushes the wipe back', () => {
    const rule = buildAndroidPolicy('PERSONAL', { ...settings, gracePeriodHours: 24 * 20 }, days).policyEnforcementRules![0]!;
    expect(rule.blockAction.blockAfterDays).toBe(20);
    expect(rule.wipeAction.wipeAfterDays).toBe(21);
  });

  it('leaves out what the settings switch off', () => {
    const policy = buildAndroidPolicy('PERSONAL', { ...settings, passcodeRequired: false, encryptionRequired: false, maxAutoLockMinutes: null, minOsVersion: null }, days);
    expect(policy).not.toHaveProperty('passwordPolicies');
    expect(policy).not.toHaveProperty('maximumTimeToLock');
    expect(policy).not.toHaveProperty('minimumApiLevel');
    expect(policy).not.toHaveProperty('policyEnforcementRules');
    expect(policy.encryptionPolicy).toBe('ENCRYPTION_POLICY_UNSPECIFIED');
  });

  it('refuses a wipe that would come no later than the block', () => {
    expect(() => buildAndroidPolicy('CORPORATE', settings, { blockAfterDays: 14, wipeAfterDays: 14 })).toThrow(PolicyInputError);
  });

  it('maps Android versions to API levels', () => {
    expect(['10', '12', '12.1', '12.1.0', '13', '14', '16', '17'].map(apiLevelOf)).toEqual([29, 31, 32, 32, 33, 34, 36, 37]);
    expect(apiLevelOf('5.1')).toBeNull();
    expect(() => apiLevelOf('x')).toThrow(PolicyInputError);
  });

  it('never asks for a passcode longer than an Android lock screen accepts', () => {
    const policy = buildAndroidPolicy('CORPORATE', { ...settings, passcodeMinLength: 20 }, days);
    expect(policy.passwordPolicies?.[0]?.passwordMinimumLength).toBe(16);
  });
});

describe('Android command planning', () => {
  const byod = { ownership: 'PERSONAL' as const, managementMode: 'PROFILE_OWNER' };
  const cope = { ownership: 'CORPORATE' as const, managementMode: 'PROFILE_OWNER' };
  const managed = { ownership: 'CORPORATE' as const, managementMode: 'DEVICE_OWNER' };

  it('wipes only the work profile of a personally-owned device and says so', () => {
    const plan = planAndroidAction(byod, 'WIPE_SELECTIVE', { message: 'You left Example Ltd.' });
    expect(plan.payload).toMatchObject({ type: 'WIPE', wipeParams: { wipeReason: { defaultMessage: 'You left Example Ltd.' } } });
    expect(plan.effect).toMatch(/work profile only/);
  });

  it('refuses a factory reset of a personally-owned device', () => {
    expect(() => planAndroidAction(byod, 'WIPE_FULL', {})).toThrow(/cannot be factory reset/);
  });

  it('releases a company-owned work-profile device for a selective wipe', () => {
    expect(planAndroidAction(cope, 'WIPE_SELECTIVE', {}).requestType).toBe('RELINQUISH_OWNERSHIP');
  });

  it('factory resets a fully managed device with wipeParams, matching the fixture request shape', () => {
    const plan = planAndroidAction(managed, 'WIPE_FULL', {});
    const request = androidFixture<Record<string, unknown>>('command-request-wipe.json');
    expect(plan.payload).toMatchObject({ type: request.type, duration: request.duration, wipeParams: { wipeDataFlags: ['WIPE_EXTERNAL_STORAGE'] } });
    expect(() => planAndroidAction(managed, 'WIPE_SELECTIVE', {})).toThrow(/fully managed/);
  });

  it('locks with the fixture LOCK request', () => {
    expect(planAndroidAction(managed, 'LOCK', {}).payload).toEqual(androidFixture('command-request-lock.json'));
  });

  it('refuses commands to a device that has not enrolled', () => {
    expect(() => planAndroidAction({ ownership: 'PERSONAL', managementMode: null }, 'LOCK', {})).toThrow(/not finished enrolment/);
  });

  it('redacts the new password of RESET_PASSWORD', () => {
    expect(JSON.stringify(redactCommand(androidFixture('command-request-reset-password.json')))).not.toContain('839201');
  });
});

describe('operation outcomes', () => {
  it('classifies the fixture operations', () => {
    expect(operationOutcome(androidFixture<AmapiOperation>('operation-lock-issued.json'))).toMatchObject({ done: false });
    expect(operationOutcome(androidFixture<AmapiOperation>('operation-lock-done.json'))).toMatchObject({ done: true, succeeded: true });
    expect(operationOutcome(androidFixture<AmapiOperation>('operation-wipe-done.verbatim.json'))).toMatchObject({ done: true, succeeded: true });
    expect(operationOutcome(androidFixture<AmapiOperation>('operation-start-lost-mode-done.json'))).toMatchObject({ succeeded: true, detail: { status: 'SUCCESS' } });
    expect(operationOutcome(androidFixture<AmapiOperation>('operation-reboot-failed.json'))).toMatchObject({ succeeded: false, detail: { errorCode: 'MANAGEMENT_MODE' } });
  });

  it('a lost-mode status other than success is a failure even without an error', () => {
    const op = androidFixture<AmapiOperation>('operation-start-lost-mode-done.json');
    op.metadata!.startLostModeStatus = { status: 'RESET_PASSWORD_RECENTLY' };
    expect(operationOutcome(op).succeeded).toBe(false);
  });
});

describe('push decoding', () => {
  it('decodes each fixture notification', () => {
    expect(decodePush(androidFixture('pubsub-push-enrollment-company-owned.json')).notification).toMatchObject({ kind: 'device', type: 'ENROLLMENT' });
    expect(decodePush(androidFixture('pubsub-push-status-report-byod-noncompliant.json')).notification).toMatchObject({ kind: 'device', type: 'STATUS_REPORT' });
    const command = decodePush(androidFixture('pubsub-push-command-wipe.json'));
    expect(command).toMatchObject({ messageId: '14503912235820099', notification: { kind: 'command', operation: { done: true } } });
    expect(decodePush(androidFixture('pubsub-push-generic.verbatim.json')).notification.kind).toBe('other');
  });

  it('rejects a notification whose data is not a resource', () => {
    const body = { message: { messageId: '1', attributes: { notificationType: 'STATUS_REPORT' }, data: Buffer.from('nope').toString('base64') } };
    expect(() => decodePush(body)).toThrow(MalformedPushError);
  });

  it('finds the device of an operation', () => {
    expect(deviceNameOfOperation('enterprises/LC02my9vtl/devices/3b8f2c1a9d7e6f05/operations/1789552012345')).toBe('enterprises/LC02my9vtl/devices/3b8f2c1a9d7e6f05');
  });
});
