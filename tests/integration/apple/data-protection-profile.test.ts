import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { bearer, type TestContext } from '../../support/context.js';
import { createAppleContext, enrolDevice } from '../../support/apple.js';
import { decodePlist, type PlistDict } from '../../../src/mdm/apple/plist.js';
import { evaluateDevice } from '../../../src/use-cases/compliance/evaluate-device.js';
import { syncFleetProfilesJob } from '../../../src/jobs/definitions/apple.js';
import { evaluateDeviceJob } from '../../../src/jobs/definitions/compliance.js';
import { handlerFor } from '../../../src/jobs/registry.js';
import type { RuleResult } from '../../../src/domain/compliance/rules.js';
import type { PolicyDocument } from '../../../src/domain/compliance/policy.js';
import type { AppleDeviceSimulator } from '../../../tools/apple-device-simulator.js';
import { createUser } from '../../support/factories.js';

/**
 * The managed profiles (passcode policy and data protection restrictions) through the device protocol: derived
 * from the policy, installed in one round after enrolment, verified by one ProfileList, judged by the rules,
 * re-installed when the device loses one or the policy changes. A database of its own: these tests change the
 * compliance policy, which every other file's Apple devices would otherwise receive.
 */
let ctx: TestContext;
let it_: Record<string, string>;
let staff: Record<string, string>;
let identifier: string;
let passcodeIdentifier: string;
let evaluationsQueued: () => number;

beforeAll(async () => {
  ctx = await createAppleContext(undefined, {}, { isolated: true });
  it_ = await bearer(ctx, await createUser(ctx.deps, { role: 'IT' }));
  staff = await bearer(ctx, await createUser(ctx.deps, { role: 'STAFF' }));
  identifier = `${ctx.deps.config.APPLE_PROFILE_IDENTIFIER_PREFIX}.data-protection`;
  passcodeIdentifier = `${ctx.deps.config.APPLE_PROFILE_IDENTIFIER_PREFIX}.passcode-policy`;
  const saved = await ctx.app.inject({ method: 'PUT', url: '/v1/compliance/policy', headers: it_, payload: { preset: 'nhs-dspt' } });
  expect(saved.statusCode).toBe(200);
  const enqueue = vi.spyOn(ctx.deps.queue, 'enqueue');
  evaluationsQueued = () => enqueue.mock.calls.filter(([job]) => job.name === evaluateDeviceJob.name).length;
});
afterAll(() => ctx?.close());

const requestType = (c: PlistDict) => (c.Command as { RequestType: string }).RequestType;
const types = (commands: PlistDict[]) => commands.map(requestType);
/** The PayloadIdentifier of the profile an InstallProfile command carries. */
const carried = (c: PlistDict) => decodePlist(Buffer.from((c.Command as { Payload: Uint8Array }).Payload)).PayloadIdentifier as string;
const restrictions = (sim: AppleDeviceSimulator) => (sim.installedProfiles.get(identifier)?.PayloadContent as PlistDict[] | undefined)?.[0];

async function dataLeakResult(deviceId: string): Promise<RuleResult | undefined> {
  await evaluateDevice(ctx.deps, deviceId);
  const row = await ctx.deps.db.deviceComplianceResult.findUniqueOrThrow({ where: { deviceId } });
  return (row.results as unknown as RuleResult[]).find((r) => r.rule === 'data_leak');
}

/** A session answered command by command, with how many evaluations each answer queued. */
async function countedSession(sim: AppleDeviceSimulator): Promise<{ type: string; identifier?: string; evaluations: number }[]> {
  const steps: { type: string; identifier?: string; evaluations: number }[] = [];
  let { command } = await sim.connect({ Status: 'Idle' });
  while (command && steps.length < 20) {
    const before = evaluationsQueued();
    const answered = command;
    ({ command } = await sim.connect(sim.answer(answered)));
    const type = requestType(answered);
    steps.push({ type, ...(type === 'InstallProfile' ? { identifier: carried(answered) } : {}), evaluations: evaluationsQueued() - before });
  }
  return steps;
}

/** Saves the policy in force with `change` applied and runs the fleet pass the change queues. */
async function changePolicy(change: (document: PolicyDocument) => void) {
  const current = (await ctx.app.inject({ method: 'GET', url: '/v1/compliance/policy', headers: it_ })).json();
  const document = structuredClone(current.document) as PolicyDocument;
  change(document);
  const saved = await ctx.app.inject({ method: 'PUT', url: '/v1/compliance/policy', headers: it_, payload: { document, expectedVersion: current.version } });
  expect(saved.statusCode).toBe(200);
  return async () => handlerFor(syncFleetProfilesJob)({ policyVersion: saved.json().version }, ctx.deps, { jobId: `sync-${saved.json().version}`, attempt: 1, maxAttempts: 1 });
}

describe('managed profiles on Apple devices: one list, one install path, one ProfileList', () => {
  it('a personal iPhone (User Enrolment): both profiles go out in one round after DeviceInformation, one ProfileList lists both, the rules pass', async () => {
    const { sim, deviceId } = await enrolDevice(ctx, staff, { ownership: 'personal' }, { userEnrollment: true });
    // DeviceInformation first (it says whether the device is supervised), then both profiles and one list proving
    // them, ahead of the enrolment's routine SecurityInfo.
    expect(types(sim.received)).toEqual(['DeviceInformation', 'InstallProfile', 'InstallProfile', 'SecurityInfo', 'ProfileList', 'SecurityInfo']);
    expect(sim.received.filter((c) => requestType(c) === 'InstallProfile').map(carried)).toEqual([passcodeIdentifier, identifier]);
    const round = await ctx.deps.db.command.findMany({ where: { deviceId, requestType: { in: ['InstallProfile', 'ProfileList'] } }, select: { reason: true } });
    expect(new Set(round.map((c) => c.reason))).toEqual(new Set(['profiles derived from the compliance policy']));

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

    const rows = await ctx.deps.db.appleManagedProfile.findMany({ where: { deviceId }, orderBy: { kind: 'asc' } });
    expect(rows.map((r) => [r.kind, r.state, r.identifier, r.payloadUuid])).toEqual([
      ['data-protection', 'VERIFIED', identifier, sim.installedProfiles.get(identifier)!.PayloadUUID],
      ['passcode-policy', 'VERIFIED', passcodeIdentifier, sim.installedProfiles.get(passcodeIdentifier)!.PayloadUUID],
    ]);
    const stored = await ctx.deps.db.appleEnrollment.findUniqueOrThrow({ where: { deviceId } });
    expect((stored.lastProfileList as { ProfileList: { PayloadIdentifier: string }[] }).ProfileList.map((p) => p.PayloadIdentifier)).toEqual(expect.arrayContaining([identifier, passcodeIdentifier]));
    expect(await dataLeakResult(deviceId)).toMatchObject({ status: 'pass', actual: 'in force, as reported by the device', remediation: null });
    // The passcode rules judge the same verified profile (this person has no MFA yet: that rule is not ours).
    const results = (await ctx.deps.db.deviceComplianceResult.findUniqueOrThrow({ where: { deviceId } })).results as unknown as RuleResult[];
    expect(results.find((r) => r.rule === 'passcode_length')).toMatchObject({ status: 'pass' });
    expect((await ctx.deps.db.deviceCompliance.findUniqueOrThrow({ where: { deviceId } })).failingRules).toEqual(['mfa']);

    // A later posture refresh finds both in place and queues nothing more.
    expect(await sim.runSession()).toEqual([]);
    await ctx.app.inject({ method: 'POST', url: `/v1/devices/${deviceId}/commands`, headers: it_, payload: { requestType: 'DeviceInformation' } });
    expect(types(await sim.runSession())).toEqual(['DeviceInformation']);
  });

  it('exactly one evaluation per ProfileList that changes a profile\'s state, none for one that changes nothing', async () => {
    const { sim, deviceId } = await enrolDevice(ctx, staff, { ownership: 'personal' }, { userEnrollment: true, failInstallProfile: true });
    sim.failInstallProfile = false;
    await ctx.app.inject({ method: 'POST', url: `/v1/devices/${deviceId}/commands`, headers: it_, payload: { requestType: 'DeviceInformation' } });
    const steps = await countedSession(sim);
    expect(steps.map((s) => s.type)).toEqual(['DeviceInformation', 'InstallProfile', 'InstallProfile', 'SecurityInfo', 'ProfileList']);
    // Acknowledged installs are judged at the list; the list that verifies both queues one evaluation.
    expect(steps.filter((s) => s.type === 'InstallProfile').map((s) => s.evaluations)).toEqual([0, 0]);
    expect(steps.find((s) => s.type === 'ProfileList')!.evaluations).toBe(1);

    await ctx.app.inject({ method: 'POST', url: `/v1/devices/${deviceId}/commands`, headers: it_, payload: { requestType: 'ProfileList' } });
    expect(await countedSession(sim)).toEqual([{ type: 'ProfileList', evaluations: 0 }]);
  });

  it('a device whose ProfileList lacks the restrictions profile: data_leak fails with the fix, and only that profile is installed again', async () => {
    const { sim, deviceId } = await enrolDevice(ctx, it_, { ownership: 'corporate' });
    expect(await dataLeakResult(deviceId)).toMatchObject({ status: 'pass' });
    sim.installedProfiles.delete(identifier);
    await ctx.app.inject({ method: 'POST', url: `/v1/devices/${deviceId}/commands`, headers: it_, payload: { requestType: 'ProfileList' } });

    const { command: list } = await sim.connect({ Status: 'Idle' });
    const before = evaluationsQueued();
    const { command: next } = await sim.connect(sim.answer(list!));
    expect(evaluationsQueued() - before).toBe(1);
    // Judged on what the device reported, before the new copy arrives.
    const failing = await dataLeakResult(deviceId);
    expect(failing).toMatchObject({ status: 'fail', actual: expect.stringMatching(/^the data protection profile is not installed;/) });
    expect(failing!.remediation).toMatch(/Settings → General → VPN & Device Management/);
    const audit = await ctx.deps.db.auditEvent.findFirst({ where: { targetId: deviceId, action: 'apple.profile.missing' } });
    expect(audit?.details).toMatchObject({ kind: 'data-protection', identifier });

    expect(requestType(next!)).toBe('InstallProfile');
    expect(carried(next!)).toBe(identifier);
    const rest = [next!, ...(await (async () => {
      const handled: PlistDict[] = [];
      let { command } = await sim.connect(sim.answer(next!));
      while (command) {
        handled.push(command);
        ({ command } = await sim.connect(sim.answer(command)));
      }
      return handled;
    })())];
    // The passcode profile is still listed: it is not sent again, and no SecurityInfo is needed for restrictions.
    expect(types(rest)).toEqual(['InstallProfile', 'ProfileList']);
    expect(await dataLeakResult(deviceId)).toMatchObject({ status: 'pass' });
  });

  it('a device that lists an older version: data_leak fails naming both versions, and the current one is installed again', async () => {
    const { sim, deviceId } = await enrolDevice(ctx, it_, { ownership: 'corporate' });
    const current = sim.installedProfiles.get(identifier)!;
    const old = { ...current, PayloadUUID: '0AD3F1B2-0000-4000-8000-000000000000', PayloadContent: [{ ...(current.PayloadContent as PlistDict[])[0], allowScreenShot: true }] };
    sim.installedProfiles.set(identifier, old);
    await ctx.app.inject({ method: 'POST', url: `/v1/devices/${deviceId}/commands`, headers: it_, payload: { requestType: 'ProfileList' } });
    const { command: list } = await sim.connect({ Status: 'Idle' });
    const { command: next } = await sim.connect(sim.answer(list!));
    expect(await dataLeakResult(deviceId)).toMatchObject({
      status: 'fail',
      actual: expect.stringContaining(`an older version of the data protection profile is installed (installed revision 0AD3F1B2-0000-4000-8000-000000000000, expected ${current.PayloadUUID as string})`),
    });
    expect(carried(next!)).toBe(identifier);
    await sim.connect(sim.answer(next!));
    expect(types(await sim.runSession())).toEqual(['ProfileList']);
    expect(sim.installedProfiles.get(identifier)!.PayloadUUID).toBe(current.PayloadUUID);
    expect(await dataLeakResult(deviceId)).toMatchObject({ status: 'pass' });
  });

  it('a supervised corporate iPhone: a policy change re-installs only the profile whose content changed', async () => {
    const { sim, deviceId } = await enrolDevice(ctx, it_, { ownership: 'corporate' }, { supervised: true });
    expect(restrictions(sim)).toMatchObject({
      allowScreenShot: false,
      allowManagedToWriteUnmanagedContacts: false,
      blockedAppBundleIDs: expect.arrayContaining(['net.whatsapp.WhatsApp', 'com.openai.chat']),
    });
    expect(restrictions(sim)).not.toHaveProperty('allowCamera');
    expect(await dataLeakResult(deviceId)).toMatchObject({ status: 'pass' });
    const firstRevision = sim.installedProfiles.get(identifier)!.PayloadUUID;
    const passcodeRevision = sim.installedProfiles.get(passcodeIdentifier)!.PayloadUUID;

    // The organisation switches the camera off on corporate iPhones: only the restrictions profile changes.
    const syncCamera = await changePolicy((d) => void (d.settings.CORPORATE.APPLE.dataLeak!.disableCamera = true));
    // Until the device reports the new revision, the controls are not known to be in force.
    expect(await dataLeakResult(deviceId)).toMatchObject({ status: 'fail', actual: expect.stringContaining('older version of the data protection profile') });
    await syncCamera();
    const cameraRound = await countedSession(sim);
    expect(cameraRound).toEqual([{ type: 'InstallProfile', identifier, evaluations: 0 }, { type: 'ProfileList', evaluations: 1 }]);
    expect(restrictions(sim)).toMatchObject({ allowCamera: false, allowScreenShot: false });
    expect(sim.installedProfiles.get(identifier)!.PayloadUUID).not.toBe(firstRevision);
    expect(sim.installedProfiles.get(passcodeIdentifier)!.PayloadUUID).toBe(passcodeRevision);
    expect(await dataLeakResult(deviceId)).toMatchObject({ status: 'pass' });

    // A longer passcode: only the passcode profile, with the device's passcode verdict asked again.
    const syncPasscode = await changePolicy((d) => void (d.settings.CORPORATE.APPLE.passcodeMinLength = 8));
    await syncPasscode();
    expect((await countedSession(sim)).map((s) => [s.type, s.identifier])).toEqual([['InstallProfile', passcodeIdentifier], ['SecurityInfo', undefined], ['ProfileList', undefined]]);
    expect(sim.installedProfiles.get(passcodeIdentifier)!.PayloadUUID).not.toBe(passcodeRevision);

    // Running the pass again changes nothing: the device already holds these versions.
    await syncPasscode();
    expect(await sim.runSession()).toEqual([]);
  });

  it('controls switched off: the restrictions profile is removed through the same path, the passcode profile stays', async () => {
    const { sim, deviceId } = await enrolDevice(ctx, it_, { ownership: 'corporate' });
    expect(sim.installedProfiles.has(identifier)).toBe(true);
    let controls: PolicyDocument['settings']['CORPORATE']['APPLE']['dataLeak'];
    const sync = await changePolicy((d) => {
      controls = d.settings.CORPORATE.APPLE.dataLeak;
      delete d.settings.CORPORATE.APPLE.dataLeak;
    });
    await sync();
    expect(types(await sim.runSession())).toEqual(['RemoveProfile', 'ProfileList']);
    expect(sim.installedProfiles.has(identifier)).toBe(false);
    expect(sim.installedProfiles.has(passcodeIdentifier)).toBe(true);
    expect(await ctx.deps.db.appleManagedProfile.findMany({ where: { deviceId }, select: { kind: true } })).toEqual([{ kind: 'passcode-policy' }]);
    expect(await dataLeakResult(deviceId)).toBeUndefined();
    // Back on, for the tests that follow.
    await changePolicy((d) => void (d.settings.CORPORATE.APPLE.dataLeak = controls));
  });

  it('an unsupervised corporate iPhone: camera and app list are named as not enforceable, and the rule still judges the rest', async () => {
    const { sim, deviceId } = await enrolDevice(ctx, it_, { ownership: 'corporate' });
    expect(restrictions(sim)).toMatchObject({ allowScreenShot: false });
    expect(restrictions(sim)).not.toHaveProperty('blockedAppBundleIDs');
    const result = await dataLeakResult(deviceId);
    expect(result).toMatchObject({ status: 'pass' });
    expect(result!.actual).toMatch(/not enforceable on this device: camera switched off \(Apple allows this only on supervised devices.*\); some apps are blocked \(Apple allows/);
  });

  it('a device that refuses the profiles reports them missing: the rule fails with the fix and the device enters its grace period', async () => {
    const { sim, deviceId } = await enrolDevice(ctx, staff, { ownership: 'personal' }, { userEnrollment: true, failInstallProfile: true });
    const installs = await ctx.deps.db.command.findMany({ where: { deviceId, requestType: 'InstallProfile' } });
    expect(installs.map((c) => c.status)).toEqual(['FAILED', 'FAILED']);
    expect((await ctx.deps.db.appleManagedProfile.findMany({ where: { deviceId } })).map((r) => r.state)).toEqual(['REFUSED', 'REFUSED']);
    expect(sim.installedProfiles.has(identifier)).toBe(false);
    const result = await dataLeakResult(deviceId);
    expect(result).toMatchObject({ status: 'fail', actual: 'the data protection profile is not installed' });
    expect(result!.remediation).toMatch(/Settings → General → VPN & Device Management/);
    const compliance = await ctx.deps.db.deviceCompliance.findUniqueOrThrow({ where: { deviceId } });
    expect(compliance.failingRules).toContain('data_leak');
    expect(compliance.state).toBe('IN_GRACE');

    // The device stops refusing; the next posture report re-installs both and the rule passes again.
    sim.failInstallProfile = false;
    const { command } = await sim.connect({ Status: 'Idle' });
    expect(command).toBeNull();
    await ctx.app.inject({ method: 'POST', url: `/v1/devices/${deviceId}/commands`, headers: it_, payload: { requestType: 'DeviceInformation' } });
    expect(types(await sim.runSession())).toEqual(['DeviceInformation', 'InstallProfile', 'InstallProfile', 'SecurityInfo', 'ProfileList']);
    expect(await dataLeakResult(deviceId)).toMatchObject({ status: 'pass' });
  });

  it('IT sends one profile again through the API: only that one goes out, through the same path, verified by one list', async () => {
    const { sim, deviceId } = await enrolDevice(ctx, it_, { ownership: 'corporate' });
    const send = (body: object) => ctx.app.inject({ method: 'POST', url: `/v1/devices/${deviceId}/commands`, headers: it_, payload: { requestType: 'InstallProfile', ...body } });
    const queued = await send({ profile: 'data-protection' });
    expect(queued.statusCode).toBe(201);
    const row = await ctx.deps.db.appleManagedProfile.findUniqueOrThrow({ where: { deviceId_kind: { deviceId, kind: 'data-protection' } } });
    expect(row).toMatchObject({ state: 'INSTALLING', commandId: queued.json().id });
    expect(await countedSession(sim)).toEqual([{ type: 'InstallProfile', identifier, evaluations: 0 }, { type: 'ProfileList', evaluations: 1 }]);
    expect((await send({ profile: 'wifi' })).statusCode).toBe(400);
    expect((await send({})).statusCode).toBe(400);
  });

  it('the installed profile is the one the device was sent, byte for byte', async () => {
    const { sim, deviceId } = await enrolDevice(ctx, staff, { ownership: 'personal' }, { userEnrollment: true });
    const row = await ctx.deps.db.appleManagedProfile.findUniqueOrThrow({ where: { deviceId_kind: { deviceId, kind: 'data-protection' } } });
    const install = await ctx.deps.db.command.findUniqueOrThrow({ where: { id: row.commandId! } });
    const sent = decodePlist(Buffer.from((install.payload as { Payload: { $data: string } }).Payload.$data, 'base64'));
    expect(sim.installedProfiles.get(identifier)).toEqual(sent);
    expect(sent.PayloadUUID).toBe(row.payloadUuid);
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
