import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appleEnv, enrolDevice, startFakeApns, type FakeApns } from '../support/apple.js';
import { bearer, createIsolatedTestContext, type TestContext } from '../support/context.js';
import { ENTERPRISE, FakeAmapi, pushBody } from '../support/fake-amapi.js';
import { androidFixture } from '../support/fixtures.js';
import type { AppleDeviceSimulator } from '../../tools/apple-device-simulator.js';
import type { AmapiDevice, AmapiPolicy } from '../../src/mdm/android/amapi-types.js';
import { PRESETS } from '../../src/domain/compliance/presets.js';
import { evaluateDevice } from '../../src/use-cases/compliance/evaluate-device.js';
import { pushAndroidPolicies } from '../../src/use-cases/android/push-android-policies.js';
import { syncFleetProfiles } from '../../src/use-cases/apple/sync-fleet-profiles.js';
import { createUser, type TestUser } from '../support/factories.js';

/**
 * Every shipped preset can be met by real kinds of device, configured as a careful user would, and each fails
 * for the one thing wrong with it. Devices speak the real protocols: Apple devices through the signed MDM
 * protocol (simulator answering with the fixture shapes), Android through AMAPI Pub/Sub pushes built from the
 * fixture Device resources. Jobs the API queues (policy push, profile sync, evaluation) are run here directly,
 * so nothing depends on worker timing.
 */

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

type Kind = 'corporate iPhone' | 'personal iPhone (User Enrolment)' | 'iPad' | 'Mac' | 'Android fully managed' | 'Android work profile';

interface AppleDevice {
  kind: Kind;
  platform: 'APPLE';
  deviceId: string;
  user: TestUser;
  sim: AppleDeviceSimulator;
}
interface AndroidDevice {
  kind: Kind;
  platform: 'ANDROID';
  deviceId: string;
  user: TestUser;
  amapi: AmapiDevice;
  ownership: 'CORPORATE' | 'PERSONAL';
}
type Device = AppleDevice | AndroidDevice;

interface Finding {
  rule: string;
  expected: string;
  actual: string | null;
  evidence: string | null;
  remediation: string | null;
}

let ctx: TestContext;
let apns: FakeApns;
let amapi: FakeAmapi;
let it_: Record<string, string>;
let admin: Record<string, string>;
const devices = new Map<Kind, Device>();
let messages = 0;

async function command(deviceId: string, requestType: string) {
  const response = await ctx.app.inject({ method: 'POST', url: `/v1/devices/${deviceId}/commands`, headers: it_, payload: { requestType } });
  expect(response.statusCode, response.body).toBe(201);
}

/** Today's monthly security patch level, as a phone that installs every update reports it. */
function currentPatchLevel(now: Date) {
  return `${now.toISOString().slice(0, 7)}-01`;
}

/** An AMAPI Device resource as the phone reports it after applying our policy (the policy it was given). */
async function androidReport(device: AndroidDevice, change: (d: AmapiDevice) => void = () => {}) {
  ctx.clock.advance(1000); // Pub/Sub is unordered: each report is newer than the last
  const now = ctx.clock.now();
  const policyId = device.ownership === 'CORPORATE' ? ctx.deps.config.ANDROID_CORPORATE_POLICY_ID : ctx.deps.config.ANDROID_PERSONAL_POLICY_ID;
  const policy = await ctx.deps.db.androidPolicy.findUniqueOrThrow({ where: { name: `${ENTERPRISE}/policies/${policyId}` } });
  const body = policy.body as AmapiPolicy;
  const report: AmapiDevice = structuredClone({
    ...device.amapi,
    policyName: policy.name,
    appliedPolicyName: policy.name,
    appliedPolicyVersion: String(policy.version ?? 1),
    policyCompliant: true,
    nonComplianceDetails: [],
    lastStatusReportTime: now.toISOString(),
    lastPolicySyncTime: now.toISOString(),
    softwareInfo: { ...device.amapi.softwareInfo, securityPatchLevel: currentPatchLevel(now) },
    appliedPasswordPolicies: (body.passwordPolicies ?? []).map((p) => ({ ...p })),
  });
  change(report);
  const response = await ctx.app.inject({
    method: 'POST',
    url: '/mdm/android/pubsub',
    headers: { authorization: `Bearer ${await amapi.pushToken({ now: ctx.clock.now() })}` },
    payload: pushBody('STATUS_REPORT', report, `m-${++messages}`, now.toISOString()),
  });
  expect(response.statusCode).toBe(204);
}

/** The device reports what it has now: Apple answers fresh DeviceInformation and SecurityInfo, Android a status report. */
async function refresh(device: Device) {
  if (device.platform === 'APPLE') {
    await command(device.deviceId, 'DeviceInformation');
    await command(device.deviceId, 'SecurityInfo');
    await device.sim.runSession();
  } else {
    await androidReport(device);
  }
}

async function judged(device: Device) {
  await evaluateDevice(ctx.deps, device.deviceId);
  const response = await ctx.app.inject({ method: 'GET', url: `/v1/users/${device.user.id}/compliance`, headers: it_ });
  expect(response.statusCode).toBe(200);
  const view = (response.json() as { devices: { deviceId: string; state: string; failingRules: Finding[]; unknownRules: Finding[] }[] }).devices.find((d) => d.deviceId === device.deviceId)!;
  return view;
}

async function applyPreset(id: string) {
  const saved = await ctx.app.inject({ method: 'PUT', url: '/v1/compliance/policy', headers: admin, payload: { preset: id } });
  expect(saved.statusCode).toBe(200);
  // What the jobs queued by the save do: push the Android policies, install the derived Apple profiles.
  await pushAndroidPolicies(ctx.deps);
  await syncFleetProfiles(ctx.deps, { policyVersion: saved.json().version as number });
  for (const device of devices.values()) {
    if (device.platform === 'APPLE') await device.sim.runSession();
  }
}

beforeAll(async () => {
  apns = await startFakeApns();
  amapi = await FakeAmapi.start();
  // Own database: a policy change re-judges the whole fleet, and this file changes it for every preset.
  ctx = await createIsolatedTestContext({ ...appleEnv(apns), ...amapi.env(), LOGIN_RATE_LIMIT_PER_MINUTE: '10000' });
  const itUser = await createUser(ctx.deps, { role: 'IT', mfa: true });
  const adminUser = await createUser(ctx.deps, { role: 'ADMIN', mfa: true });
  [it_, admin] = [await bearer(ctx, itUser), await bearer(ctx, adminUser)];

  // Apple devices: careful users, MFA enrolled; corporate ones enrolled by IT on the user's behalf.
  const apple: [Kind, 'corporate' | 'personal', Parameters<typeof enrolDevice>[3]][] = [
    ['corporate iPhone', 'corporate', { productName: 'iPhone15,2', osVersion: '18.1', buildVersion: '22B83' }],
    ['personal iPhone (User Enrolment)', 'personal', { userEnrollment: true, productName: 'iPhone16,1', osVersion: '18.1', buildVersion: '22B83' }],
    ['iPad', 'corporate', { productName: 'iPad13,18', osVersion: '17.6.1', buildVersion: '21G93' }],
    ['Mac', 'corporate', { productName: 'Mac14,2', osVersion: '15.6', buildVersion: '24G84', fileVault: true }],
  ];
  for (const [kind, ownership, options] of apple) {
    const user = await createUser(ctx.deps, { mfa: true });
    const headers = ownership === 'corporate' ? it_ : await bearer(ctx, user);
    const { sim, deviceId } = await enrolDevice(ctx, headers, { ownership, ...(ownership === 'corporate' ? { userId: user.id } : {}) }, options);
    devices.set(kind, { kind, platform: 'APPLE', deviceId, user, sim });
  }

  // Android: a fully managed Pixel and a personal phone with a work profile (shapes from the fixtures).
  const android: [Kind, 'CORPORATE' | 'PERSONAL', AmapiDevice][] = [
    ['Android fully managed', 'CORPORATE', androidFixture<AmapiDevice>('device-company-owned-compliant.json')],
    ['Android work profile', 'PERSONAL', {
      ...androidFixture<AmapiDevice>('device-personally-owned-work-profile-noncompliant.json'),
      apiLevel: 34,
      softwareInfo: { androidVersion: '14', androidBuildNumber: 'UP1A.231005.007', securityPatchLevel: '2026-01-01' },
      securityPosture: { devicePosture: 'SECURE' },
    }],
  ];
  for (const [kind, ownership, template] of android) {
    const user = await createUser(ctx.deps, { mfa: true });
    const headers = ownership === 'CORPORATE' ? it_ : await bearer(ctx, user);
    const created = await ctx.app.inject({ method: 'POST', url: '/v1/enrollments', headers, payload: { platform: 'android', ownership: ownership.toLowerCase(), ...(ownership === 'CORPORATE' ? { userId: user.id } : {}) } });
    expect(created.statusCode, created.body).toBe(201);
    const { deviceId } = created.json() as { deviceId: string };
    const { enrollmentTokenName } = await ctx.deps.db.androidDevice.findUniqueOrThrow({ where: { deviceId } });
    const name = `${ENTERPRISE}/devices/${deviceId.replaceAll('-', '').slice(0, 16)}`;
    const device: AndroidDevice = { kind, platform: 'ANDROID', deviceId, user, ownership, amapi: { ...template, name, enrollmentTokenName: enrollmentTokenName! } };
    const enrolment = await ctx.app.inject({
      method: 'POST',
      url: '/mdm/android/pubsub',
      headers: { authorization: `Bearer ${await amapi.pushToken({ now: ctx.clock.now() })}` },
      payload: pushBody('ENROLLMENT', { ...device.amapi, lastStatusReportTime: ctx.clock.now().toISOString() }, `m-${++messages}`),
    });
    expect(enrolment.statusCode).toBe(204);
    devices.set(kind, device);
  }
}, 120_000);

afterAll(async () => {
  await ctx?.close();
  await apns?.close();
  await amapi?.close();
});

describe.each(PRESETS.map((p) => p.id))('preset %s', (presetId) => {
  const preset = PRESETS.find((p) => p.id === presetId)!;

  it('every kind of device, set up as a careful user would, is COMPLIANT', async () => {
    await applyPreset(presetId);
    const states: Record<string, string> = {};
    const problems: Record<string, Finding[]> = {};
    for (const device of devices.values()) {
      await refresh(device);
      const view = await judged(device);
      states[device.kind] = view.state;
      if (view.state !== 'COMPLIANT') problems[device.kind] = [...view.failingRules, ...view.unknownRules];
    }
    expect(problems).toEqual({});
    expect(Object.values(states)).toEqual(Array(6).fill('COMPLIANT'));

    // How Apple passcode rules were established: the profile derived from this preset, listed by the device.
    const deviceId = devices.get('corporate iPhone')!.deviceId;
    const profile = await ctx.deps.db.appleManagedProfile.findUniqueOrThrow({ where: { deviceId_kind: { deviceId, kind: 'passcode-policy' } } });
    expect(profile.state).toBe('VERIFIED');
    expect(profile.settings).toMatchObject({ minLength: 6, autoLockMinutes: preset.document.settings.CORPORATE.APPLE.maxAutoLockMinutes });
    // The data-leak controls the preset asks for arrived the same way, verified by the same ProfileList.
    const restrictions = await ctx.deps.db.appleManagedProfile.findUnique({ where: { deviceId_kind: { deviceId, kind: 'data-protection' } } });
    expect(restrictions?.state ?? null).toBe(preset.document.settings.CORPORATE.APPLE.dataLeak ? 'VERIFIED' : null);
  });

  // One thing wrong per device: it is IN_GRACE with that rule explained, NONCOMPLIANT once grace ends, and
  // COMPLIANT again once fixed.
  const cases: { kind: Kind; wrong: string; rules: string[]; remediation: RegExp; actual: RegExp; breakIt: (d: Device) => Promise<void>; fixIt: (d: Device) => Promise<void>; keepReporting?: boolean }[] = [
    {
      kind: 'corporate iPhone',
      wrong: 'no passcode',
      rules: ['encryption', 'passcode', 'passcode_length', ...(preset.document.settings.CORPORATE.APPLE.maxAutoLockMinutes ? ['auto_lock'] : [])],
      remediation: /Settings → Face ID & Passcode/,
      actual: /no passcode/,
      breakIt: async (d) => (d as AppleDevice).sim.set({ passcodePresent: false, passcodeCompliant: false }),
      fixIt: async (d) => (d as AppleDevice).sim.set({ passcodePresent: true, passcodeCompliant: true }),
    },
    {
      kind: 'Mac',
      wrong: 'old OS',
      rules: ['os_version'],
      remediation: /System Settings → General → Software Update and install macOS 14\.0/,
      actual: /^macOS 13\.6\.1$/,
      breakIt: async (d) => (d as AppleDevice).sim.set({ osVersion: '13.6.1' }),
      fixIt: async (d) => (d as AppleDevice).sim.set({ osVersion: '15.6' }),
    },
    {
      kind: 'Android fully managed',
      wrong: 'encryption off',
      rules: ['encryption'],
      remediation: /Encrypt phone/,
      actual: /not encrypted/,
      breakIt: async (d) => { (d as AndroidDevice).amapi.deviceSettings = { ...(d as AndroidDevice).amapi.deviceSettings, isEncrypted: false, encryptionStatus: 'INACTIVE' }; },
      fixIt: async (d) => { (d as AndroidDevice).amapi.deviceSettings = { ...(d as AndroidDevice).amapi.deviceSettings, isEncrypted: true, encryptionStatus: 'ACTIVE_PER_USER' }; },
    },
    {
      kind: 'iPad',
      wrong: 'stale check-in',
      rules: ['check_in'],
      remediation: /Connect your iPad to the internet/,
      actual: /last report \d+ days ago/,
      breakIt: async () => ctx.clock.advance((preset.document.settings.CORPORATE.APPLE.maxCheckInAgeDays! + 1) * DAY),
      fixIt: async () => {},
      keepReporting: false,
    },
    {
      kind: 'personal iPhone (User Enrolment)',
      wrong: 'MFA missing',
      rules: ['mfa'],
      remediation: /two-step verification/,
      actual: /MFA not enrolled/,
      // As after an incident's credential reset: the person must enrol MFA again.
      breakIt: async (d) => { await ctx.deps.db.user.update({ where: { id: d.user.id }, data: { mustReenrollMfa: true } }); },
      fixIt: async (d) => { await ctx.deps.db.user.update({ where: { id: d.user.id }, data: { mustReenrollMfa: false } }); },
    },
    {
      kind: 'Android work profile',
      wrong: 'work password not sufficient',
      rules: ['passcode_length'],
      remediation: /Screen lock/,
      actual: /PASSWORD_POLICIES_PASSWORD_NOT_SUFFICIENT/,
      breakIt: async () => {},
      fixIt: async () => {},
    },
  ];

  // Each failure runs under one preset (two per preset, every device kind once): the rules are the same code for
  // every preset, and the unit tests pin each preset's settings; this keeps the file well under a minute.
  const presetIndex = PRESETS.findIndex((p) => p.id === presetId);
  it.each(cases.filter((_, i) => i % PRESETS.length === presetIndex))('$kind with $wrong: IN_GRACE, then NONCOMPLIANT, with the rule explained', async ({ kind, rules, remediation, actual, breakIt, fixIt, keepReporting }) => {
    const device = devices.get(kind)!;
    const grace = preset.document.settings[device.platform === 'APPLE' && kind.startsWith('personal') ? 'PERSONAL' : device.platform === 'ANDROID' ? (device as AndroidDevice).ownership : 'CORPORATE'][device.platform].gracePeriodHours;
    await refresh(device);
    expect((await judged(device)).state).toBe('COMPLIANT');

    await breakIt(device);
    const notSufficient = kind === 'Android work profile';
    const report = () => (notSufficient
      ? androidReport(device as AndroidDevice, (d) => {
        d.policyCompliant = false;
        d.nonComplianceDetails = [{ settingName: 'passwordPolicies', nonComplianceReason: 'USER_ACTION', fieldPath: 'passwordPolicies[0]', specificNonComplianceReason: 'PASSWORD_POLICIES_PASSWORD_NOT_SUFFICIENT' }];
      })
      : refresh(device));
    if (keepReporting !== false) await report();
    const inGrace = await judged(device);
    expect(inGrace.state).toBe('IN_GRACE');
    expect(inGrace.failingRules.map((r) => r.rule).sort()).toEqual([...rules].sort());
    const finding = inGrace.failingRules.find((r) => r.rule === rules[rules.length > 1 ? 1 : 0])!;
    expect(finding.expected).toMatch(/\w/);
    expect(finding.actual).toMatch(actual);
    expect(finding.evidence).toMatch(/\w/);
    expect(finding.remediation).toMatch(remediation);

    ctx.clock.advance(grace * HOUR);
    if (keepReporting !== false) await report();
    const after = await judged(device);
    expect(after.state).toBe('NONCOMPLIANT');
    expect(after.failingRules.map((r) => r.rule).sort()).toEqual([...rules].sort());

    await fixIt(device);
    await refresh(device);
    expect((await judged(device)).state).toBe('COMPLIANT');
  });
});

describe('policy round trip', () => {
  it.each(PRESETS.map((p) => p.id))('GET then PUT of the %s document changes nothing', async (presetId) => {
    const saved = await ctx.app.inject({ method: 'PUT', url: '/v1/compliance/policy', headers: admin, payload: { preset: presetId } });
    expect(saved.statusCode).toBe(200);
    const fetched = (await ctx.app.inject({ method: 'GET', url: '/v1/compliance/policy', headers: admin })).json();
    const put = await ctx.app.inject({ method: 'PUT', url: '/v1/compliance/policy', headers: admin, payload: { document: fetched.document, expectedVersion: fetched.version } });
    expect(put.statusCode, put.body).toBe(200);
    const again = (await ctx.app.inject({ method: 'GET', url: '/v1/compliance/policy', headers: admin })).json();
    expect(again.version).toBe(fetched.version + 1);
    expect(again.document).toEqual(fetched.document);
    expect(again.document).toEqual(PRESETS.find((p) => p.id === presetId)!.document);
  });

  it('keeps null as null (a switched-off auto-lock rule stays off) and coerces nothing', async () => {
    const { document } = (await ctx.app.inject({ method: 'GET', url: '/v1/compliance/policy', headers: admin })).json();
    document.settings.CORPORATE.APPLE.maxAutoLockMinutes = null;
    const put = await ctx.app.inject({ method: 'PUT', url: '/v1/compliance/policy', headers: admin, payload: { document } });
    expect(put.statusCode).toBe(200);
    expect(put.json().document.settings.CORPORATE.APPLE.maxAutoLockMinutes).toBeNull();

    const before = await ctx.deps.db.compliancePolicyVersion.count();
    const wrong = (mutate: (d: typeof document) => void) => {
      const copy = structuredClone(document);
      mutate(copy);
      return ctx.app.inject({ method: 'PUT', url: '/v1/compliance/policy', headers: admin, payload: { document: copy } });
    };
    // "5" is not 5, false is not 0, null is not "" — refused instead of converted.
    for (const response of [
      await wrong((d) => { d.settings.CORPORATE.APPLE.maxAutoLockMinutes = '5'; }),
      await wrong((d) => { d.settings.CORPORATE.APPLE.passcodeMinLength = false; }),
      await wrong((d) => { d.settings.PERSONAL.ANDROID.minOsVersion = '13\u0000'; }),
      await wrong((d) => { d.settings.PERSONAL.ANDROID.surprise = true; }),
      await wrong((d) => { d.escalation.PERSONAL = Array(11).fill({ action: 'NOTIFY_USER', afterHours: 0 }); }),
      await wrong((d) => { d.settings.CORPORATE.APPLE.notReportable = 'MAYBE'; }),
    ]) {
      expect(response.statusCode, response.body).toBe(400);
      expect(response.json().error.code).toBe('VALIDATION_FAILED');
    }
    expect(await ctx.deps.db.compliancePolicyVersion.count()).toBe(before);
    const staff = await bearer(ctx, await createUser(ctx.deps));
    expect((await ctx.app.inject({ method: 'PUT', url: '/v1/compliance/policy', headers: staff, payload: { document } })).statusCode).toBe(403);
  });
});
