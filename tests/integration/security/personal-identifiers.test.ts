import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deviceFacts } from '../../../src/mdm/android/posture.js';
import type { AmapiDevice } from '../../../src/mdm/android/amapi-types.js';
import { PERSONAL_DEVICE_DATA_STATEMENT } from '../../../src/domain/devices/minimum-identifiers.js';
import { bearer, type TestContext } from '../../support/context.js';
import { createAppleContext, enrolDevice } from '../../support/apple.js';
import { androidFixture } from '../../support/fixtures.js';
import { createUser, type TestUser } from '../../support/factories.js';

/**
 * Minimum identifiers on personal phones: for each personal enrolment type on each platform, which stored columns
 * stay empty, and that no hardware identifier the phone sent is anywhere in its rows, command results or audit.
 */
let ctx: TestContext;
let staff: TestUser;
let staffHeaders: Record<string, string>;

beforeAll(async () => {
  ctx = await createAppleContext();
  staff = await createUser(ctx.deps, { role: 'STAFF' });
  staffHeaders = await bearer(ctx, staff);
});
afterAll(() => ctx?.close());

async function everythingStoredAbout(deviceId: string) {
  const device = await ctx.deps.db.device.findUniqueOrThrow({ where: { id: deviceId }, include: { appleEnrollment: true, posture: true } });
  const commands = await ctx.deps.db.command.findMany({ where: { deviceId } });
  const audit = await ctx.deps.db.auditEvent.findMany({ where: { OR: [{ targetId: deviceId }, { targetId: { in: commands.map((c) => c.id) } }] } });
  return { device, text: JSON.stringify({ device, commands, audit }, (_key, value) => (typeof value === 'bigint' ? String(value) : value)) };
}

describe('a personal Apple device keeps no hardware identifier', () => {
  for (const [kind, options] of [['device enrolment (profile)', {}], ['User Enrolment', { userEnrollment: true }]] as const) {
    it(`${kind}: serial, UDID, IMEI, MEID stay empty and appear nowhere`, async () => {
      const { sim, deviceId } = await enrolDevice(ctx, staffHeaders, { ownership: 'personal' }, options);
      const { device, text } = await everythingStoredAbout(deviceId);
      expect(device.status).toBe('ENROLLED');
      expect(device.serialNumber).toBeNull();
      expect(device.appleEnrollment!.udid).toBeNull();
      for (const identifier of [sim.udid, sim.serialNumber, '35 000000 000000 0', '35000000000000']) expect(text).not.toContain(identifier);
      for (const key of ['"UDID"', '"SerialNumber"', '"IMEI"', '"MEID"']) expect(text).not.toContain(key);
      // Compliance still has what it needs.
      expect(device.osVersion).not.toBeNull();
      expect(device.posture?.osVersion).not.toBeNull();
      // And the phone still talks to us: its requests are matched to the enrolment without the UDID being stored.
      expect((await sim.connect({ Status: 'Idle' })).response.status).toBe(200);
    });
  }

  it('a corporate device keeps its serial and UDID (IT needs them to find the phone)', async () => {
    const itHeaders = await bearer(ctx, await createUser(ctx.deps, { role: 'IT' }));
    const { sim, deviceId } = await enrolDevice(ctx, itHeaders, { ownership: 'corporate', userId: staff.id });
    const { device } = await everythingStoredAbout(deviceId);
    expect(device.serialNumber).toBe(sim.serialNumber);
    expect(device.appleEnrollment!.udid).toBe(sim.udid);
  });
});

describe('a personal Android work profile keeps no hardware identifier', () => {
  it('the facts stored from its status report have no serial number or package names', () => {
    // Stored through the Pub/Sub path in tests/integration/android/android-pubsub.test.ts; here the columns.
    const report = androidFixture<AmapiDevice>('device-personally-owned-work-profile-noncompliant.json');
    const facts = deviceFacts({ ...report, hardwareInfo: { ...report.hardwareInfo, serialNumber: 'R58N123ABC' } });
    expect(facts.ownership).toBe('PERSONAL');
    expect(facts.device.serialNumber).toBeUndefined();
    expect(JSON.stringify(facts)).not.toContain('R58N123ABC');
  });
});

describe('the privacy notice says so', () => {
  it('every notice shown to staff carries the statement of what is stored about a personal device', async () => {
    const admin = await createUser(ctx.deps, { role: 'ADMIN' });
    await ctx.app.inject({ method: 'POST', url: '/v1/privacy-notices', headers: await bearer(ctx, admin), payload: { title: 'BYOD', body: 'What we do with your personal phone.' } });
    const shown = (await ctx.app.inject({ method: 'GET', url: '/v1/privacy-notices/current', headers: staffHeaders })).json();
    expect(shown.personalDeviceData).toBe(PERSONAL_DEVICE_DATA_STATEMENT);
    expect(shown.personalDeviceData).toMatch(/no serial number, UDID, IMEI, MEID/);
  });
});
