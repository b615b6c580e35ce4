import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, createIsolatedTestContext, type TestContext } from '../../support/context.js';
import { ENTERPRISE, FakeAmapi, pushBody } from '../../support/fake-amapi.js';
import { androidFixture } from '../../support/fixtures.js';
import type { AmapiDevice } from '../../../src/mdm/android/amapi-types.js';
import type { RuleResult } from '../../../src/domain/compliance/rules.js';
import type { PolicyDocument } from '../../../src/domain/compliance/policy.js';
import { evaluateDevice } from '../../../src/use-cases/compliance/evaluate-device.js';
import { pushAndroidPoliciesJob } from '../../../src/jobs/definitions/android.js';
import { handlerFor } from '../../../src/jobs/registry.js';
import { createUser } from '../../support/factories.js';

/**
 * Data-leak controls on Android through the fake AMAPI and Pub/Sub status reports: what the two policies carry,
 * and the data_leak rule following what the phone reports (applied policy version, non-compliance details).
 * A database of its own: the compliance policy changes here.
 */
const BYOD = androidFixture<AmapiDevice>('device-personally-owned-work-profile-noncompliant.json');
const PERSONAL_POLICY = `${ENTERPRISE}/policies/personally-owned`;

let fake: FakeAmapi;
let ctx: TestContext;
let it_: Record<string, string>;
let staff: Record<string, string>;
let counter = 0;

beforeAll(async () => {
  fake = await FakeAmapi.start();
  ctx = await createIsolatedTestContext(fake.env());
  it_ = await bearer(ctx, await createUser(ctx.deps, { role: 'IT' }));
  staff = await bearer(ctx, await createUser(ctx.deps, { role: 'STAFF' }));
  const saved = await ctx.app.inject({ method: 'PUT', url: '/v1/compliance/policy', headers: it_, payload: { preset: 'nhs-dspt' } });
  expect(saved.statusCode).toBe(200);
  // What update-policy queued, run as the worker would.
  const document = saved.json().document as PolicyDocument;
  await handlerFor(pushAndroidPoliciesJob)(
    { CORPORATE: document.settings.CORPORATE.ANDROID, PERSONAL: document.settings.PERSONAL.ANDROID },
    ctx.deps,
    { jobId: 'policy-change', attempt: 1, maxAttempts: 1 },
  );
});
afterAll(async () => {
  await ctx?.close();
  await fake?.close();
});

async function push(type: string, resource: unknown) {
  const response = await ctx.app.inject({
    method: 'POST',
    url: '/mdm/android/pubsub',
    headers: { authorization: `Bearer ${await fake.pushToken()}` },
    payload: pushBody(type, resource, `dl-${Date.now()}-${++counter}`),
  });
  expect(response.statusCode).toBe(204);
}

async function dataLeakResult(deviceId: string): Promise<RuleResult | undefined> {
  await evaluateDevice(ctx.deps, deviceId);
  const row = await ctx.deps.db.deviceComplianceResult.findUniqueOrThrow({ where: { deviceId } });
  return (row.results as unknown as RuleResult[]).find((r) => r.rule === 'data_leak');
}

describe('data-leak controls on Android', () => {
  it('the work-profile policy blocks sharing, pasting and contacts across profiles and screenshots of work apps', () => {
    expect(fake.policies.get(PERSONAL_POLICY)).toMatchObject({
      crossProfilePolicies: {
        crossProfileCopyPaste: 'COPY_FROM_WORK_TO_PERSONAL_DISALLOWED',
        crossProfileDataSharing: 'DATA_SHARING_FROM_WORK_TO_PERSONAL_DISALLOWED',
        showWorkContactsInPersonalProfile: 'SHOW_WORK_CONTACTS_IN_PERSONAL_PROFILE_DISALLOWED',
      },
      screenCaptureDisabled: true,
    });
    // The personal side of the phone is not the organisation's: no camera switch, no app list.
    expect(fake.policies.get(PERSONAL_POLICY)).not.toHaveProperty('cameraAccess');
    expect(fake.policies.get(PERSONAL_POLICY)).not.toHaveProperty('applications');
  });

  it('the fully managed policy blocks the unapproved messaging and AI apps and has no cross-profile section', () => {
    const corporate = fake.policies.get(`${ENTERPRISE}/policies/company-owned`)!;
    expect(corporate).not.toHaveProperty('crossProfilePolicies');
    expect(corporate.playStoreMode).toBe('BLACKLIST');
    expect(corporate.applications).toEqual(expect.arrayContaining([
      { packageName: 'com.whatsapp', installType: 'BLOCKED' },
      { packageName: 'com.openai.chatgpt', installType: 'BLOCKED' },
    ]));
  });

  it('a BYOD phone: fails while it runs an older policy, passes once it reports the new one applied, fails when it reports a control it could not apply', async () => {
    const created = await ctx.app.inject({ method: 'POST', url: '/v1/enrollments', headers: staff, payload: { platform: 'android', ownership: 'personal' } });
    expect(created.statusCode).toBe(201);
    const { deviceId } = created.json() as { deviceId: string };
    const { enrollmentTokenName } = await ctx.deps.db.androidDevice.findUniqueOrThrow({ where: { deviceId } });
    const version = fake.policies.get(PERSONAL_POLICY)!.version!;
    const phone: AmapiDevice = {
      ...BYOD,
      name: `${ENTERPRISE}/devices/${deviceId.replaceAll('-', '').slice(0, 16)}`,
      enrollmentTokenName: enrollmentTokenName!,
      policyName: PERSONAL_POLICY,
      appliedPolicyName: PERSONAL_POLICY,
      nonComplianceDetails: [],
      policyCompliant: true,
    };
    expect(await dataLeakResult(deviceId)).toMatchObject({ status: 'unknown', actual: 'not reported yet' });

    // Enrolled, still on the version before the controls.
    await push('ENROLLMENT', { ...phone, appliedPolicyVersion: String(Number(version) - 1), lastStatusReportTime: '2026-10-01T10:00:00Z' });
    const stale = await dataLeakResult(deviceId);
    expect(stale).toMatchObject({ status: 'fail', actual: `the phone has not applied the latest work policy (policy version ${Number(version) - 1} applied, ${version} expected)` });
    expect(stale!.remediation).toMatch(/open the Android Device Policy app and tap Sync/);

    await push('STATUS_REPORT', { ...phone, appliedPolicyVersion: version, lastStatusReportTime: '2026-10-01T10:05:00Z' });
    expect(await dataLeakResult(deviceId)).toMatchObject({ status: 'pass', actual: 'in force, as reported by the device' });

    // An older Android cannot do cross-profile copy/paste control: AMAPI names the setting.
    await push('STATUS_REPORT', {
      ...phone,
      appliedPolicyVersion: version,
      lastStatusReportTime: '2026-10-01T10:10:00Z',
      policyCompliant: false,
      nonComplianceDetails: [{ settingName: 'crossProfilePolicies', nonComplianceReason: 'API_LEVEL', fieldPath: 'crossProfilePolicies.crossProfileCopyPaste' }],
    });
    const failing = await dataLeakResult(deviceId);
    expect(failing).toMatchObject({ status: 'fail', actual: 'the phone could not apply some settings (not applied: crossProfilePolicies)' });
    expect(failing!.remediation).toMatch(/Android Device Policy app: it shows which work setting could not be applied/);
    expect((await ctx.deps.db.deviceCompliance.findUniqueOrThrow({ where: { deviceId } })).failingRules).toContain('data_leak');
  });

  it('after a policy change the rule waits for the new policy to reach Google before judging the phone', async () => {
    const current = (await ctx.app.inject({ method: 'GET', url: '/v1/compliance/policy', headers: it_ })).json();
    const document = structuredClone(current.document) as PolicyDocument;
    document.settings.PERSONAL.ANDROID.dataLeak!.protectWorkContacts = false;
    expect((await ctx.app.inject({ method: 'PUT', url: '/v1/compliance/policy', headers: it_, payload: { document } })).statusCode).toBe(200);
    const device = await ctx.deps.db.androidDevice.findFirstOrThrow({ where: { policyName: PERSONAL_POLICY } });
    // android.push-policies has not run yet: the stored policy still carries the old controls.
    expect(await dataLeakResult(device.deviceId)).toMatchObject({ status: 'unknown', actual: expect.stringMatching(/latest settings are still being sent/) });
  });
});
