import { describe, expect, it } from 'vitest';
import { NOT_ENFORCEABLE_REASONS, NO_DATA_LEAK_CONTROLS, type DataLeakControls } from '../../../src/domain/compliance/data-leak.js';
import { dataLeakRule, type DataLeakEvidence } from '../../../src/domain/compliance/data-leak-rule.js';
import type { RuleSettings } from '../../../src/domain/compliance/policy.js';
import { findPreset } from '../../../src/domain/compliance/presets.js';
import type { DeviceFacts } from '../../../src/domain/compliance/rules.js';

const nhs = findPreset('nhs-dspt')!.document;
const settings = (dataLeak: DataLeakControls): RuleSettings => ({ ...nhs.settings.CORPORATE.APPLE, dataLeak });
const facts = (platform: 'APPLE' | 'ANDROID', dataLeak: DataLeakEvidence | null): DeviceFacts => ({
  platform, ownership: 'CORPORATE', posture: null, device: { osVersion: null, lastSeenAt: null }, user: null, dataLeak,
});
const evidence = (state: DataLeakEvidence['state'], extra: Partial<DataLeakEvidence> = {}): DataLeakEvidence => ({ state, notEnforced: [], ...extra });

const SHARING_AND_CAMERA: DataLeakControls = { ...NO_DATA_LEAK_CONTROLS, blockSharingToPersonalApps: true, disableCamera: true };
const APPLE_FIX = 'Keep your iPhone or iPad unlocked and connected to the internet for a few minutes: the data protection settings are sent again automatically. ' +
  'If this stays, open Settings → General → VPN & Device Management and check the work profile is still there, or contact IT.';
const ANDROID_SYNC = 'Connect your phone to the internet, open the Android Device Policy app and tap Sync (or restart the phone) so it applies the latest work settings.';
const ANDROID_NON_COMPLIANT = 'Open the Android Device Policy app: it shows which work setting could not be applied and what to do. If you cannot fix it, contact IT.';

describe('rule data_leak on an iPhone or iPad', () => {
  it('passes on the device report, naming the controls in force and the ProfileList as evidence', () => {
    expect(dataLeakRule(facts('APPLE', evidence('in_force')), settings(SHARING_AND_CAMERA))).toEqual({
      rule: 'data_leak',
      status: 'pass',
      expected: 'in force: work files stay in work apps; camera switched off',
      actual: 'in force, as reported by the device',
      evidence: 'ProfileList: the restrictions profile with the expected identifier and revision',
      remediation: null,
    });
  });

  it("names an app list by its kind: an allow-list as only approved apps, a block-list as blocked apps", () => {
    const allow = { ...NO_DATA_LEAK_CONTROLS, appList: { mode: 'ALLOW_ONLY' as const, apps: ['com.example.care'] } };
    const block = { ...NO_DATA_LEAK_CONTROLS, appList: { mode: 'BLOCK' as const, apps: ['com.example.chat'] } };
    expect(dataLeakRule(facts('ANDROID', evidence('in_force')), settings(allow))?.expected).toBe('in force: only approved apps');
    expect(dataLeakRule(facts('ANDROID', evidence('in_force')), settings(block))?.expected).toBe('in force: some apps are blocked');
  });

  it('is unknown, with the Apple fix, until the device reports its profiles', () => {
    for (const report of [null, evidence('not_reported')]) {
      expect(dataLeakRule(facts('APPLE', report), settings(SHARING_AND_CAMERA))).toMatchObject({
        status: 'unknown', actual: 'not reported yet', remediation: APPLE_FIX,
      });
    }
  });

  it('fails when the profile is missing or an older revision is installed, saying which', () => {
    expect(dataLeakRule(facts('APPLE', evidence('missing')), settings(SHARING_AND_CAMERA))).toMatchObject({
      status: 'fail', actual: 'the data protection profile is not installed', remediation: APPLE_FIX,
    });
    expect(dataLeakRule(facts('APPLE', evidence('outdated', { detail: 'installed revision A, expected B' })), settings(SHARING_AND_CAMERA))).toMatchObject({
      status: 'fail', actual: 'an older version of the data protection profile is installed (installed revision A, expected B)', remediation: APPLE_FIX,
    });
    expect(dataLeakRule(facts('APPLE', evidence('outdated')), settings(SHARING_AND_CAMERA))!.actual).toBe('an older version of the data protection profile is installed');
  });

  it('a control this enrolment cannot carry is left out of what is expected and named with its reason, without failing', () => {
    const result = dataLeakRule(
      facts('APPLE', evidence('in_force', { notEnforced: [{ control: 'camera', reason: NOT_ENFORCEABLE_REASONS.needsSupervision }] })),
      settings(SHARING_AND_CAMERA),
    )!;
    expect(result.status).toBe('pass');
    expect(result.expected).toBe('in force: work files stay in work apps');
    expect(result.actual).toBe(
      'in force, as reported by the device; not enforceable on this device: camera switched off ' +
      '(Apple allows this only on supervised devices (set up through Apple Business Manager); this device is not supervised)',
    );
  });

  it('drops only the final full stop of a reason, keeping version numbers intact', () => {
    const result = dataLeakRule(
      facts('APPLE', evidence('in_force', { notEnforced: [{ control: 'camera', reason: 'needs iOS 17.0 or later.' }] })),
      settings(SHARING_AND_CAMERA),
    )!;
    expect(result.actual).toBe('in force, as reported by the device; not enforceable on this device: camera switched off (needs iOS 17.0 or later)');
  });

  it('a missing profile still fails when only some controls are not enforceable', () => {
    const result = dataLeakRule(
      facts('APPLE', evidence('missing', { notEnforced: [{ control: 'camera', reason: 'needs supervision' }] })),
      settings(SHARING_AND_CAMERA),
    )!;
    expect(result.status).toBe('fail');
    expect(result.actual).toBe('the data protection profile is not installed; not enforceable on this device: camera switched off (needs supervision)');
  });

  it('passes when nothing asked for can be enforced on this device, whatever the profile state, and lists every reason', () => {
    const result = dataLeakRule(
      facts('APPLE', evidence('missing', {
        notEnforced: [
          { control: 'camera', reason: NOT_ENFORCEABLE_REASONS.needsSupervision },
          { control: 'sharing', reason: NOT_ENFORCEABLE_REASONS.userEnrolment },
        ],
      })),
      settings(SHARING_AND_CAMERA),
    )!;
    expect(result).toMatchObject({ status: 'pass', remediation: null, expected: 'in force: work files stay in work apps; camera switched off' });
    expect(result.actual).toBe(
      'nothing this device can enforce; not enforceable on this device: camera switched off (Apple allows this only on supervised devices ' +
      '(set up through Apple Business Manager); this device is not supervised); work files stay in work apps ' +
      '(Apple does not allow this on a personal iPhone enrolled with a work account (User Enrolment))',
    );
  });
});

describe('rule data_leak on an Android phone', () => {
  const android = (report: DataLeakEvidence | null) => dataLeakRule(facts('ANDROID', report), settings(SHARING_AND_CAMERA))!;

  it('passes on the applied policy, with the AMAPI report as evidence', () => {
    expect(android(evidence('in_force'))).toMatchObject({
      status: 'pass',
      actual: 'in force, as reported by the device',
      evidence: 'the applied policy version and nonComplianceDetails reported by Android Device Policy',
      remediation: null,
    });
  });

  it('is unknown while the phone has not reported, telling the person to sync', () => {
    expect(android(null)).toMatchObject({ status: 'unknown', actual: 'not reported yet', remediation: ANDROID_SYNC });
  });

  it('is unknown while the current controls are still being sent', () => {
    expect(android(evidence('pending'))).toMatchObject({
      status: 'unknown', actual: "the organisation's latest settings are still being sent", remediation: ANDROID_SYNC,
    });
    expect(android(evidence('pending', { detail: 'policy 5 not pushed' })).actual).toBe("the organisation's latest settings are still being sent (policy 5 not pushed)");
  });

  it('fails on an older policy version, telling the person to sync', () => {
    expect(android(evidence('not_applied', { detail: 'policy version 3 applied, 4 expected' }))).toMatchObject({
      status: 'fail', actual: 'the phone has not applied the latest work policy (policy version 3 applied, 4 expected)', remediation: ANDROID_SYNC,
    });
  });

  it('fails on a reported non-compliance, sending the person to the Android Device Policy app', () => {
    expect(android(evidence('non_compliant', { detail: 'not applied: crossProfilePolicies' }))).toMatchObject({
      status: 'fail', actual: 'the phone could not apply some settings (not applied: crossProfilePolicies)', remediation: ANDROID_NON_COMPLIANT,
    });
  });
});
