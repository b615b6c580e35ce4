import { randomUUID, X509Certificate } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCa, issueCertificate, newRsaKeyPem, publicKeyPemOf } from '../../../src/mdm/apple/pki.js';
import { bearer, type TestContext } from '../../support/context.js';
import { createAppleContext, enrolDevice } from '../../support/apple.js';
import { createUser } from '../../support/factories.js';

let ctx: TestContext;
let it_: Record<string, string>;

beforeAll(async () => {
  ctx = await createAppleContext(undefined, {}, { isolated: true });
  it_ = await bearer(ctx, await createUser(ctx.deps, { role: 'IT' }));
});
afterAll(() => ctx?.close());

describe('Apple device protocol: authenticity and hostile input', () => {

  const rejections = () => ctx.deps.db.auditEvent.count({ where: { action: 'apple.request.rejected' } });

  it('a body altered after signing gets 400 (never 401) and an audit event', async () => {
    const { sim } = await enrolDevice(ctx, it_, { ownership: 'corporate' });
    const before = await rejections();
    const response = await sim.checkin({ MessageType: 'TokenUpdate', Topic: sim.profile!.topic, Token: Buffer.alloc(32, 1), PushMagic: 'x' }, (body) =>
      Buffer.from(body.toString().replace('<key>PushMagic</key>', '<key>PushMagic</key> ')),
    );
    expect(response.status).toBe(400);
    expect(JSON.parse(response.body.toString()).error.code).toBe('BAD_SIGNATURE');
    expect(await rejections()).toBe(before + 1);
  });

  it('a request without Mdm-Signature gets 400', async () => {
    const { sim } = await enrolDevice(ctx, it_, { ownership: 'corporate' });
    const response = await sim.sendRaw(sim.profile!.serverUrl, 'application/x-apple-aspen-mdm', Buffer.from(`<plist version="1.0"><dict><key>UDID</key><string>${sim.udid}</string><key>Status</key><string>Idle</string></dict></plist>`));
    expect(response.status).toBe(400);
  });

  it("another device's certificate cannot speak for this device", async () => {
    const victim = await enrolDevice(ctx, it_, { ownership: 'corporate' });
    const attacker = await enrolDevice(ctx, it_, { ownership: 'corporate' });
    const before = await ctx.deps.db.appleEnrollment.findUniqueOrThrow({ where: { deviceId: victim.deviceId } });
    const forged = await attacker.sim.send(
      victim.sim.profile!.checkInUrl,
      'application/x-apple-aspen-mdm-checkin',
      { MessageType: 'TokenUpdate', UDID: victim.sim.udid, Topic: victim.sim.profile!.topic, Token: Buffer.alloc(32, 9), PushMagic: 'stolen' },
    );
    expect(forged.status).toBe(400);
    const after = await ctx.deps.db.appleEnrollment.findUniqueOrThrow({ where: { deviceId: victim.deviceId } });
    expect(after.pushMagic).toBe(before.pushMagic);
    // Nor may it re-Authenticate as the victim.
    const reauth = await attacker.sim.send(victim.sim.profile!.checkInUrl, 'application/x-apple-aspen-mdm-checkin', {
      MessageType: 'Authenticate', UDID: victim.sim.udid, Topic: victim.sim.profile!.topic,
    });
    expect(reauth.status).toBe(400);
  });

  it('a certificate from another CA is refused even when its signature is valid', async () => {
    const { sim } = await enrolDevice(ctx, it_, { ownership: 'corporate' });
    const rogueCa = createCa('Rogue', 'Rogue', new Date());
    const keyPem = newRsaKeyPem();
    const rogue = { keyPem, certPem: issueCertificate(rogueCa, { commonName: 'x', organization: 'x', publicKeyPem: publicKeyPemOf(keyPem), purpose: 'device-identity', now: new Date(), days: 10 }).certPem };
    const response = await sim.send(sim.profile!.serverUrl, 'application/x-apple-aspen-mdm', { Status: 'Idle', UDID: sim.udid }, undefined, rogue);
    expect(response.status).toBe(400);
    const event = await ctx.deps.db.auditEvent.findFirst({ where: { action: 'apple.request.rejected' }, orderBy: { id: 'desc' } });
    expect(event?.details).toMatchObject({ reason: 'certificate not issued by our CA' });
  });

  it('a certificate past its notAfter is refused, though the process has trusted it before', async () => {
    const { sim } = await enrolDevice(ctx, it_, { ownership: 'corporate' });
    expect((await sim.connect({ Status: 'Idle' })).response.status).toBe(200);
    ctx.clock.advance(ctx.deps.config.APPLE_IDENTITY_CERT_DAYS * 86_400_000 + 86_400_000);
    try {
      expect((await sim.connect({ Status: 'Idle' })).response.status).toBe(400);
    } finally {
      ctx.clock.set(new Date());
    }
  });

  it('a certificate the process has trusted is checked again when the CA it was issued by is no longer ours', async () => {
    const { sim } = await enrolDevice(ctx, it_, { ownership: 'corporate' });
    expect((await sim.connect({ Status: 'Idle' })).response.status).toBe(200);
    const keys = ctx.deps.apple.keys;
    const ours = keys.caCertificate;
    const replacement = new X509Certificate(createCa('Replacement', 'Replacement', new Date()).certPem);
    keys.caCertificate = async () => replacement;
    try {
      expect((await sim.connect({ Status: 'Idle' })).response.status).toBe(400);
      const event = await ctx.deps.db.auditEvent.findFirst({ where: { action: 'apple.request.rejected' }, orderBy: { id: 'desc' } });
      expect(event?.details).toMatchObject({ reason: 'certificate not issued by our CA' });
    } finally {
      keys.caCertificate = ours;
    }
    expect((await sim.connect({ Status: 'Idle' })).response.status).toBe(200);
  });

  it('a signed but malformed plist is a 400 that changes nothing', async () => {
    const { sim, deviceId } = await enrolDevice(ctx, it_, { ownership: 'corporate' });
    const before = await ctx.deps.db.appleEnrollment.findUniqueOrThrow({ where: { deviceId } });
    const response = await sim.checkin({ MessageType: 'TokenUpdate', Topic: sim.profile!.topic, PushMagic: 'x' }); // no Token
    expect(response.status).toBe(400);
    const after = await ctx.deps.db.appleEnrollment.findUniqueOrThrow({ where: { deviceId } });
    expect(after.pushMagic).toBe(before.pushMagic);
    expect(after.updatedAt).toEqual(before.updatedAt);
  });

  it('a signed plist declaring XML entities is refused before parsing', async () => {
    const { sim } = await enrolDevice(ctx, it_, { ownership: 'corporate' });
    const hostile = Buffer.from(`<?xml version="1.0"?><!DOCTYPE plist [<!ENTITY x SYSTEM "file:///etc/passwd">]><plist version="1.0"><dict><key>UDID</key><string>${sim.udid}</string><key>Status</key><string>&x;</string></dict></plist>`);
    const { signDetached } = await import('../../../src/mdm/apple/pki.js');
    const response = await sim.sendRaw(sim.profile!.serverUrl, 'application/x-apple-aspen-mdm', hostile, signDetached(hostile, sim.identity!).toString('base64'));
    expect(response.status).toBe(400);
    expect(JSON.parse(response.body.toString()).error.message).toMatch(/entity/i);
  });

  it('a signed result carrying a <date> that is not a date is a 400 that changes nothing (never a 500)', async () => {
    const { sim, deviceId } = await enrolDevice(ctx, it_, { ownership: 'corporate' });
    const before = await ctx.deps.db.appleEnrollment.findUniqueOrThrow({ where: { deviceId } });
    const commands = await ctx.deps.db.command.count({ where: { deviceId } });
    const hostile = Buffer.from(
      `<plist version="1.0"><dict><key>UDID</key><string>${sim.udid}</string><key>Status</key><string>Acknowledged</string>` +
        `<key>CommandUUID</key><string>${randomUUID()}</string><key>QueryResponses</key><dict><key>When</key><date>garbage</date></dict></dict></plist>`,
    );
    const { signDetached } = await import('../../../src/mdm/apple/pki.js');
    const response = await sim.sendRaw(sim.profile!.serverUrl, 'application/x-apple-aspen-mdm', hostile, signDetached(hostile, sim.identity!).toString('base64'));
    expect(response.status).toBe(400);
    expect(JSON.parse(response.body.toString()).error.message).toMatch(/QueryResponses\/When must be a valid date/);
    const after = await ctx.deps.db.appleEnrollment.findUniqueOrThrow({ where: { deviceId } });
    expect(after.updatedAt).toEqual(before.updatedAt);
    expect(await ctx.deps.db.command.count({ where: { deviceId } })).toBe(commands);
  });

  it('a body over the size cap is refused with 413 and a wrong content type with 415', async () => {
    const { sim } = await enrolDevice(ctx, it_, { ownership: 'corporate' });
    const big = Buffer.alloc(ctx.deps.config.APPLE_CHECKIN_BODY_LIMIT_BYTES + 1, 0x20);
    expect((await sim.sendRaw(sim.profile!.serverUrl, 'application/x-apple-aspen-mdm', big, 'AAAA')).status).toBe(413);
    expect((await sim.sendRaw(sim.profile!.serverUrl, 'application/json', Buffer.from('{}'), 'AAAA')).status).toBe(415);
  });

  it('CheckOut unenrols the device, revokes its identity and refuses it afterwards', async () => {
    const { sim, deviceId } = await enrolDevice(ctx, it_, { ownership: 'corporate' });
    expect((await sim.checkOut()).status).toBe(200);
    expect((await ctx.deps.db.device.findUniqueOrThrow({ where: { id: deviceId } })).status).toBe('UNENROLLED');
    const certificates = await ctx.deps.db.appleCertificate.findMany({ where: { enrollment: { deviceId } } });
    expect(certificates.every((c) => c.revokedAt)).toBe(true);
    expect((await sim.connect({ Status: 'Idle' })).response.status).toBe(400);
  });

  it('declines UserAuthenticate (per-user channel) with 410 and unsupported check-ins with 400', async () => {
    const { sim } = await enrolDevice(ctx, it_, { ownership: 'corporate' });
    expect((await sim.checkin({ MessageType: 'UserAuthenticate', UserID: 'A-B-C' })).status).toBe(410);
    expect((await sim.checkin({ MessageType: 'GetBootstrapToken' })).status).toBe(200);
    expect((await sim.checkin({ MessageType: 'DeclarativeManagement', Endpoint: 'tokens' })).status).toBe(400);
  });
});

describe('Apple command results', () => {

  // The test clock stands still; step it so queue order (priority, then requestedAt) is the order of the calls.
  const queue = (deviceId: string, body: object) => {
    ctx.clock.advance(1);
    return ctx.app.inject({ method: 'POST', url: `/v1/devices/${deviceId}/commands`, headers: it_, payload: body });
  };

  it('NotNow leaves the command queued and it is sent again in the next session', async () => {
    const { sim, deviceId } = await enrolDevice(ctx, it_, { ownership: 'corporate' });
    // Busy from now on (the enrolment's own ProfileList was answered).
    sim.set({ notNowFor: ['ProfileList'] });
    const queued = await queue(deviceId, { requestType: 'ProfileList' });
    expect(queued.statusCode).toBe(201);
    const first = await sim.runSession();
    expect(first).toHaveLength(1);
    expect((await ctx.deps.db.command.findUniqueOrThrow({ where: { id: queued.json().id } })).status).toBe('QUEUED');
    const again = await sim.runSession();
    expect(again.map((c) => c.CommandUUID)).toEqual([queued.json().id]);
  });

  it('two NotNow commands do not loop within one session', async () => {
    const { sim, deviceId } = await enrolDevice(ctx, it_, { ownership: 'corporate' }, { notNowFor: ['ProfileList', 'SecurityInfo'] });
    ctx.clock.advance(1000); // queued after the enrolment's commands
    await queue(deviceId, { requestType: 'ProfileList' });
    await queue(deviceId, { requestType: 'SecurityInfo' });
    // Enrolment's own SecurityInfo and ProfileList were put off too: the oldest is offered first, then only the two
    // not yet put off; each once, then the session ends.
    const offered = (await sim.runSession()).map((c) => c.CommandUUID);
    expect(offered).toHaveLength(3);
    expect(new Set(offered).size).toBe(3);
  });

  it('Error stores the ErrorChain and fails the command; CommandFormatError fails it too', async () => {
    const { sim, deviceId } = await enrolDevice(ctx, it_, { ownership: 'corporate' });
    const first = (await queue(deviceId, { requestType: 'RemoveProfile', identifier: 'com.example.absent' })).json();
    const second = (await queue(deviceId, { requestType: 'ProfileList' })).json();
    const { command } = await sim.connect({ Status: 'Idle' });
    expect(command?.CommandUUID).toBe(first.id);
    const errorChain = [{ ErrorCode: 12013, ErrorDomain: 'MCMDMErrorDomain', LocalizedDescription: 'The profile is not managed by MDM.', USEnglishDescription: 'The profile is not managed by MDM.' }];
    const next = await sim.connect({ CommandUUID: first.id, Status: 'Error', ErrorChain: errorChain });
    expect(next.command?.CommandUUID).toBe(second.id);
    const end = await sim.connect({ CommandUUID: second.id, Status: 'CommandFormatError' });
    expect(end.response.body.length).toBe(0);
    const view = (await ctx.app.inject({ method: 'GET', url: `/v1/commands/${first.id}`, headers: it_ })).json();
    expect(view).toMatchObject({ status: 'FAILED', error: { status: 'Error', errorChain } });
    expect((await ctx.app.inject({ method: 'GET', url: `/v1/commands/${second.id}`, headers: it_ })).json().status).toBe('FAILED');
  });

  it('a result for a command the server does not know does not block the queue', async () => {
    const { sim, deviceId } = await enrolDevice(ctx, it_, { ownership: 'corporate' });
    const queued = (await queue(deviceId, { requestType: 'SecurityInfo' })).json();
    const { command } = await sim.connect({ CommandUUID: 'not-a-uuid-of-ours', Status: 'Acknowledged' });
    expect(command?.CommandUUID).toBe(queued.id);
  });

  it("a device acknowledging another device's command changes nothing: the victim's command stays waiting", async () => {
    const victim = await enrolDevice(ctx, it_, { ownership: 'corporate' });
    const attacker = await enrolDevice(ctx, it_, { ownership: 'corporate' });
    const queued = (await queue(victim.deviceId, { requestType: 'SecurityInfo' })).json();
    const before = await ctx.deps.db.command.findUniqueOrThrow({ where: { id: queued.id } });
    // Signed by the attacker's own identity, naming the victim's command: as if it were the attacker's result.
    await attacker.sim.connect({ CommandUUID: queued.id, Status: 'Acknowledged' });
    await attacker.sim.connect({ CommandUUID: queued.id, Status: 'Error', ErrorChain: [{ ErrorCode: 1, ErrorDomain: 'x' }] });
    expect(await ctx.deps.db.command.findUniqueOrThrow({ where: { id: queued.id } })).toEqual(before);
    expect(await ctx.deps.db.auditEvent.count({ where: { action: { in: ['command.acknowledged', 'command.failed'] }, details: { path: ['commandId'], equals: queued.id } } })).toBe(0);
    // The victim still receives it.
    const { command } = await victim.sim.connect({ Status: 'Idle' });
    expect(command?.CommandUUID).toBe(queued.id);
  });

  it('InstallProfile carries the passcode policy profile as data', async () => {
    const { sim, deviceId } = await enrolDevice(ctx, it_, { ownership: 'corporate' });
    expect((await queue(deviceId, { requestType: 'InstallProfile', profile: 'passcode-policy' })).statusCode).toBe(201);
    const { command } = await sim.connect({ Status: 'Idle' });
    const payload = (command!.Command as { Payload: Uint8Array }).Payload;
    expect(Buffer.from(payload).toString()).toContain('com.apple.mobiledevice.passwordpolicy');
  });
});

describe('device certificate from a TLS-terminating proxy (APPLE_CLIENT_CERT_HEADER)', () => {
  let proxied: TestContext;
  beforeAll(async () => {
    proxied = await createAppleContext(undefined, { APPLE_CLIENT_CERT_HEADER: 'client-cert' });
  });
  afterAll(() => proxied?.close());

  const der = (pem: string) => `:${new X509Certificate(pem).raw.toString('base64')}:`;
  const idle = (udid: string) => Buffer.from(`<plist version="1.0"><dict><key>UDID</key><string>${udid}</string><key>Status</key><string>Idle</string></dict></plist>`);
  /** An unsigned Idle report with the device certificate in the proxy header only. */
  const viaProxy = (on: TestContext, sim: { identity?: { certPem: string }; udid: string }) =>
    on.app.inject({
      method: 'PUT',
      url: '/mdm/apple/connect',
      headers: { 'content-type': 'application/x-apple-aspen-mdm', 'client-cert': der(sim.identity!.certPem) },
      payload: idle(sim.udid),
    });

  it('accepts the RFC 9440 header carrying the bound device certificate when configured', async () => {
    const { sim } = await enrolDevice(proxied, await bearer(proxied, await createUser(proxied.deps, { role: 'IT' })), { ownership: 'corporate' });
    expect((await viaProxy(proxied, sim)).statusCode).toBe(200);
  });

  it('ignores the header when it is not configured', async () => {
    const { sim } = await enrolDevice(ctx, it_, { ownership: 'corporate' });
    expect((await viaProxy(ctx, sim)).statusCode).toBe(400);
  });
});
