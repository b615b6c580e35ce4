import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, type TestContext } from '../../support/context.js';
import { createAppleContext, enrolDevice } from '../../support/apple.js';
import { decodePlist, type PlistDict } from '../../../src/mdm/apple/plist.js';
import { evaluateDevice } from '../../../src/use-cases/compliance/evaluate-device.js';
import { installDataProtectionJob } from '../../../src/jobs/definitions/apple.js';
import { handlerFor } from '../../../src/jobs/registry.js';
import type { RuleResult } from '../../../src/domain/compliance/rules.js';
import type { PolicyDocument } from '../../../src/domain/compliance/policy.js';
import type { AppleDeviceSimulator } from '../../../tools/apple-device-simulator.js';
import { createUser } from '../../support/factories.js';

/**
 * The data protection (restrictions) profile through the device protocol: installed after enrolment, reported by
 * ProfileList, judged by the data_leak rule, re-installed after a policy change. A database of its own: these tests
 * change the compliance policy, which every other file's Apple devices would otherwise receive.
 */
let ctx: TestContext;
let it_: Record<string, string>;
let staff: Record<string, string>;
let identifier: string;

beforeAll(async () => {
  ctx = await createAppleContext(undefined, {}, { isolated: true });
  it_ = await bearer(ctx, await createUser(ctx.deps, { role: 'IT' }));
  staff = await bearer(ctx, await createUser(ctx.deps, { role: 'STAFF' }));
  identifier = `${ctx.deps.config.APPLE_PROFILE_IDENTIFIER_PREFIX}.data-protection`;
  const saved = await ctx.app.inject({ method: 'PUT', url: '/v1/compliance/policy', headers: it_, payload: { preset: 'nhs-dspt' } });
  expect(saved.statusCode).toBe(200);
});
afterAll(() => ctx?.close());

const types = (commands: PlistDict[]) => commands.map((c) => (c.Command as { RequestType: string }).RequestType);
const restrictions = (sim: AppleDeviceSimulator) => (sim.installedProfiles.get(identifier)?.PayloadContent as PlistDict[] | undefined)?.[0];

async function dataLeakResult(deviceId: string): Promise<RuleResult | undefined> {
  await evaluateDevice(ctx.deps, deviceId);
  const row = await ctx.deps.db.deviceComplianceResult.findUniqueOrThrow({ where: { deviceId } });
  return (row.results as unknown as RuleResult[]).find((r) => r.rule === 'data_leak');
}

describe('data protection profile on Apple devices', () => {
  it('a personal iPhone (User Enrolment) gets it right after enrolment, reports it, and the rule passes', async () => {
    const { sim, deviceId } = await enrolDevice(ctx, staff, { ownership: 'personal' }, { userEnrollment: true });
    // DeviceInformation first (it says whether the device is supervised), then the profile and the list proving it.
    // The passcode policy profile is installed and listed after enrolment too (its own InstallProfile and ProfileList).
    const received = types(sim.received);
    expect(new Set(received)).toEqual(new Set(['DeviceInformation', 'InstallProfile', 'ProfileList', 'SecurityInfo']));
    const restrictionsInstall = sim.received.findIndex((c) => (c.Command as { RequestType?: string }).RequestType === 'InstallProfile' && String((c.Command as { Payload?: unknown }).Payload ? decodePlist(Buffer.from((c.Command as { Payload: Uint8Array }).Payload)).PayloadIdentifier : '') === identifier);
    expect(restrictionsInstall).toBeGreaterThan(received.indexOf('DeviceInformation'));
    expect(received.slice(restrictionsInstall + 1)).toContain('ProfileList');
    const payload = restrictions(sim)!;
    expect(payload).toMatchObject({
      PayloadType: 'com.apple.applicationaccess',
      allowOpenFromManagedToUnmanaged: false,
      requireManagedPasteboard: true,
      forceAirDropUnmanaged: true,
      allowUnmanagedToReadManagedContacts: false,
    });
    // Keys Apple forbids under User Enrolment, and device-wide ones the organisation does not use on a personal phone.
    for (const key of ['allowManagedToWriteUnmanagedContacts', 'allowScreenShot', 'allowCamera', 'blockedAppBundleIDs']) expect(payload).not.toHaveProperty(key);

    const stored = await ctx.deps.db.appleEnrollment.findUniqueOrThrow({ where: { deviceId } });
    expect((stored.lastProfileList as { ProfileList: { PayloadIdentifier: string }[] }).ProfileList.map((p) => p.PayloadIdentifier)).toContain(identifier);
    expect(await dataLeakResult(deviceId)).toMatchObject({ status: 'pass', actual: 'in force, as reported by the device', remediation: null });

    // A later posture refresh finds it in place and queues nothing more.
    const before = await ctx.deps.db.command.count({ where: { deviceId } });
    await sim.connect({ Status: 'Idle' });
    expect(await ctx.deps.db.command.count({ where: { deviceId } })).toBe(before);
  });

  it('a supervised corporate iPhone also loses screenshots and the unapproved apps; a policy change reaches it as a new revision', async () => {
    const { sim, deviceId } = await enrolDevice(ctx, it_, { ownership: 'corporate' }, { supervised: true });
    expect(restrictions(sim)).toMatchObject({
      allowScreenShot: false,
      allowManagedToWriteUnmanagedContacts: false,
      blockedAppBundleIDs: expect.arrayContaining(['net.whatsapp.WhatsApp', 'com.openai.chat']),
    });
    expect(restrictions(sim)).not.toHaveProperty('allowCamera');
    expect(await dataLeakResult(deviceId)).toMatchObject({ status: 'pass' });
    const firstRevision = sim.installedProfiles.get(identifier)!.PayloadUUID;

    // The organisation switches the camera off on corporate iPhones.
    const current = (await ctx.app.inject({ method: 'GET', url: '/v1/compliance/policy', headers: it_ })).json();
    const document = structuredClone(current.document) as PolicyDocument;
    document.settings.CORPORATE.APPLE.dataLeak!.disableCamera = true;
    const saved = await ctx.app.inject({ method: 'PUT', url: '/v1/compliance/policy', headers: it_, payload: { document, expectedVersion: current.version } });
    expect(saved.statusCode).toBe(200);
    // Until the device reports the new revision, the controls are not known to be in force.
    expect(await dataLeakResult(deviceId)).toMatchObject({ status: 'fail', actual: expect.stringContaining('older version of the data protection profile') });

    await handlerFor(installDataProtectionJob)({}, ctx.deps, { jobId: 'policy-change', attempt: 1, maxAttempts: 1 });
    expect(types(await sim.runSession())).toEqual(['InstallProfile', 'ProfileList']);
    expect(restrictions(sim)).toMatchObject({ allowCamera: false, allowScreenShot: false });
    expect(sim.installedProfiles.get(identifier)!.PayloadUUID).not.toBe(firstRevision);
    expect(await dataLeakResult(deviceId)).toMatchObject({ status: 'pass' });

    // Running the job again changes nothing: the device already holds this revision.
    await handlerFor(installDataProtectionJob)({}, ctx.deps, { jobId: 'again', attempt: 1, maxAttempts: 1 });
    expect(await sim.runSession()).toEqual([]);
  });

  it('an unsupervised corporate iPhone: camera and app list are named as not enforceable, and the rule still judges the rest', async () => {
    const { sim, deviceId } = await enrolDevice(ctx, it_, { ownership: 'corporate' });
    expect(restrictions(sim)).toMatchObject({ allowScreenShot: false });
    expect(restrictions(sim)).not.toHaveProperty('blockedAppBundleIDs');
    const result = await dataLeakResult(deviceId);
    expect(result).toMatchObject({ status: 'pass' });
    expect(result!.actual).toMatch(/not enforceable on this device: camera switched off \(Apple allows this only on supervised devices.*\); some apps are blocked \(Apple allows/);
  });

  it('a device that refuses the profile reports it missing: the rule fails with the fix and the device enters its grace period', async () => {
    const { sim, deviceId } = await enrolDevice(ctx, staff, { ownership: 'personal' }, { userEnrollment: true, failInstallProfile: true });
    const install = await ctx.deps.db.command.findFirstOrThrow({ where: { deviceId, requestType: 'InstallProfile', reason: { startsWith: 'data protection profile' } } });
    expect(install.status).toBe('FAILED');
    expect(sim.installedProfiles.has(identifier)).toBe(false);
    const result = await dataLeakResult(deviceId);
    expect(result).toMatchObject({ status: 'fail', actual: 'the data protection profile is not installed' });
    expect(result!.remediation).toMatch(/Settings → General → VPN & Device Management/);
    const compliance = await ctx.deps.db.deviceCompliance.findUniqueOrThrow({ where: { deviceId } });
    expect(compliance.failingRules).toContain('data_leak');
    expect(compliance.state).toBe('IN_GRACE');

    // The device stops refusing; the next posture report re-installs it and the rule passes again.
    sim.failInstallProfile = false;
    const { command } = await sim.connect({ Status: 'Idle' });
    expect(command).toBeNull();
    await ctx.app.inject({ method: 'POST', url: `/v1/devices/${deviceId}/commands`, headers: it_, payload: { requestType: 'DeviceInformation' } });
    expect(types(await sim.runSession())).toEqual(['DeviceInformation', 'InstallProfile', 'ProfileList']);
    expect(await dataLeakResult(deviceId)).toMatchObject({ status: 'pass' });
  });

  it('the installed profile is the one the device was sent, byte for byte', async () => {
    const { sim, deviceId } = await enrolDevice(ctx, staff, { ownership: 'personal' }, { userEnrollment: true });
    const install = await ctx.deps.db.command.findFirstOrThrow({ where: { deviceId, requestType: 'InstallProfile', reason: { startsWith: 'data protection profile' } } });
    const sent = decodePlist(Buffer.from((install.payload as { Payload: { $data: string } }).Payload.$data, 'base64'));
    expect(sim.installedProfiles.get(identifier)).toEqual(sent);
    expect(install.reason).toBe(`data protection profile ${sent.PayloadUUID as string}`);
  });
});

describe('what staff are shown', () => {
  it('the owner of a personal iPhone sees each control, why, which this phone enforces, and what the organisation does not control', async () => {
    const { deviceId } = await enrolDevice(ctx, staff, { ownership: 'personal' }, { userEnrollment: true });
    await evaluateDevice(ctx.deps, deviceId);
    const response = await ctx.app.inject({ method: 'GET', url: `/v1/devices/${deviceId}/data-protection`, headers: staff });
    expect(response.statusCode).toBe(200);
    const view = response.json();
    expect(view).toMatchObject({ deviceId, platform: 'APPLE', ownership: 'PERSONAL', status: 'pass', remediation: null });
    expect(view.controls.map((c: { control: string; enforced: boolean }) => [c.control, c.enforced])).toEqual([['sharing', true], ['copy_paste', true], ['contacts', true]]);
    expect(view.controls[1].what).toMatch(/cannot paste text copied in work apps .* into personal apps such as WhatsApp/);
    expect(view.controls[1].why).toMatch(/public AI tool/);
    expect(view.notControlled).toEqual(expect.arrayContaining([expect.stringMatching(/^Your personal apps, photos, messages/)]));

    // Someone else's device does not exist for another member of staff; a malformed id is a 400.
    const other = await bearer(ctx, await createUser(ctx.deps, { role: 'STAFF' }));
    expect((await ctx.app.inject({ method: 'GET', url: `/v1/devices/${deviceId}/data-protection`, headers: other })).statusCode).toBe(404);
    expect((await ctx.app.inject({ method: 'GET', url: '/v1/devices/not-a-uuid%00/data-protection', headers: staff })).statusCode).toBe(400);
    expect((await ctx.app.inject({ method: 'GET', url: `/v1/devices/${deviceId}/data-protection` })).statusCode).toBe(401);
  });

  it('the privacy-notice section follows the policy in force', async () => {
    const personal = await ctx.app.inject({ method: 'GET', url: '/v1/privacy-notices/data-protection', headers: staff });
    expect(personal.statusCode).toBe(200);
    expect(personal.json().ownership).toBe('PERSONAL');
    expect(personal.json().text).toMatch(/No pasting from work apps into personal apps\. You cannot paste text copied in work apps/);
    expect(personal.json().text).toContain('What the organisation does not see or control on your phone:');
    const corporate = (await ctx.app.inject({ method: 'GET', url: '/v1/privacy-notices/data-protection?ownership=CORPORATE', headers: staff })).json();
    expect(corporate.text).toMatch(/These apps cannot be installed or opened .*net\.whatsapp\.WhatsApp/);
    expect(corporate.text).not.toContain('does not see or control');
    expect((await ctx.app.inject({ method: 'GET', url: '/v1/privacy-notices/data-protection?ownership=EVERYONE', headers: staff })).statusCode).toBe(400);
  });
});

describe('the policy document round trip', () => {
  it('GET then PUT of the same document changes nothing: nulls stay null, an old document without controls stays without', async () => {
    const first = (await ctx.app.inject({ method: 'GET', url: '/v1/compliance/policy', headers: it_ })).json();
    expect(first.document.settings.PERSONAL.APPLE.dataLeak.appList).toBeNull();
    const put = await ctx.app.inject({ method: 'PUT', url: '/v1/compliance/policy', headers: it_, payload: { document: first.document, expectedVersion: first.version } });
    expect(put.statusCode).toBe(200);
    const second = (await ctx.app.inject({ method: 'GET', url: '/v1/compliance/policy', headers: it_ })).json();
    expect(second.version).toBe(first.version + 1);
    expect(second.document).toEqual(first.document);

    const old = structuredClone(first.document) as PolicyDocument;
    for (const o of ['CORPORATE', 'PERSONAL'] as const) for (const p of ['APPLE', 'ANDROID'] as const) delete old.settings[o][p].dataLeak;
    expect((await ctx.app.inject({ method: 'PUT', url: '/v1/compliance/policy', headers: it_, payload: { document: old } })).statusCode).toBe(200);
    const third = (await ctx.app.inject({ method: 'GET', url: '/v1/compliance/policy', headers: it_ })).json();
    expect(third.document).toEqual(old);
    expect(third.document.settings.PERSONAL.APPLE).not.toHaveProperty('dataLeak');
  });

  it('refuses impossible or malformed controls with a 400 and keeps the policy as it was', async () => {
    const current = (await ctx.app.inject({ method: 'GET', url: '/v1/compliance/policy', headers: it_ })).json();
    const base = (await ctx.app.inject({ method: 'GET', url: '/v1/compliance/presets', headers: it_ })).json().find((p: { id: string }) => p.id === 'nhs-dspt').document as PolicyDocument;
    const attempts: [string, (d: PolicyDocument) => void][] = [
      ['camera off on personal phones', (d) => void (d.settings.PERSONAL.ANDROID.dataLeak!.disableCamera = true)],
      ['unknown property', (d) => void ((d.settings.CORPORATE.APPLE.dataLeak as Record<string, unknown>).allowEverything = true)],
      ['NUL byte in an app id', (d) => void (d.settings.CORPORATE.ANDROID.dataLeak!.appList = { mode: 'BLOCK', apps: ['com.whats\u0000app'] })],
      ['huge app list', (d) => void (d.settings.CORPORATE.ANDROID.dataLeak!.appList = { mode: 'BLOCK', apps: Array.from({ length: 501 }, (_, i) => `com.example.app${i}`) })],
      ['wrong type', (d) => void ((d.settings.CORPORATE.APPLE.dataLeak as Record<string, unknown>).blockScreenCapture = 'yes')],
    ];
    for (const [name, change] of attempts) {
      const document = structuredClone(base);
      change(document);
      const response = await ctx.app.inject({ method: 'PUT', url: '/v1/compliance/policy', headers: it_, payload: { document } });
      expect(response.statusCode, name).toBe(400);
    }
    const staffTry = await ctx.app.inject({ method: 'PUT', url: '/v1/compliance/policy', headers: staff, payload: { document: base } });
    expect(staffTry.statusCode).toBe(403);
    expect((await ctx.app.inject({ method: 'GET', url: '/v1/compliance/policy', headers: it_ })).json().version).toBe(current.version);
  });
});
