import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createIsolatedTestContext, createTestContext, type TestContext } from '../../support/context.js';
import { ENTERPRISE, FakeAmapi, pushBody } from '../../support/fake-amapi.js';
import { androidFixture } from '../../support/fixtures.js';
import { createDevice } from '../../support/factories.js';
import type { AmapiDevice } from '../../../src/mdm/android/amapi-types.js';

const BYOD = androidFixture<AmapiDevice>('device-personally-owned-work-profile-noncompliant.json');
const CORPORATE = androidFixture<AmapiDevice>('device-company-owned-compliant.json');

describe('Android Pub/Sub push endpoint', () => {
  let fake: FakeAmapi;
  let ctx: TestContext;
  let counter = 0;
  const nextId = () => `${Date.now()}${++counter}`;

  beforeAll(async () => {
    fake = await FakeAmapi.start();
    ctx = await createIsolatedTestContext(fake.env());
  });
  afterAll(async () => {
    await ctx.close();
    await fake.close();
  });

  /** A pending device whose enrolment token is the one the fixture device reports. */
  async function pendingDevice(tokenName: string | undefined, ownership: 'CORPORATE' | 'PERSONAL') {
    await ctx.deps.db.androidDevice.deleteMany({ where: { OR: [{ enrollmentTokenName: tokenName }, { amapiName: { in: [BYOD.name!, CORPORATE.name!] } }] } });
    return createDevice(ctx.deps, { platform: 'ANDROID', ownership, status: 'PENDING', android: { enrollmentTokenName: tokenName } });
  }

  async function push(body: unknown, token?: string) {
    const authorization = `Bearer ${token ?? (await fake.pushToken())}`;
    return ctx.app.inject({ method: 'POST', url: '/mdm/android/pubsub', headers: { authorization }, payload: body as object });
  }

  describe('authentication', () => {
    const body = () => pushBody('STATUS_REPORT', BYOD, nextId());

    async function expectRejected(headers: Record<string, string>, reason: RegExp) {
      const before = await ctx.deps.db.auditEvent.count({ where: { action: 'android.pubsub.rejected' } });
      const response = await ctx.app.inject({ method: 'POST', url: '/mdm/android/pubsub', headers, payload: body() });
      expect(response.statusCode).toBe(401);
      expect(response.json().error.code).toBe('UNAUTHENTICATED');
      const events = await ctx.deps.db.auditEvent.findMany({ where: { action: 'android.pubsub.rejected' }, orderBy: { id: 'desc' }, take: 1 });
      expect(await ctx.deps.db.auditEvent.count({ where: { action: 'android.pubsub.rejected' } })).toBe(before + 1);
      expect(String((events[0]!.details as { reason: string }).reason)).toMatch(reason);
    }

    it('a push without a bearer token is rejected and audited', async () => {
      await expectRejected({}, /missing bearer/);
    });

    it('a push token signed by a key Google does not publish is rejected', async () => {
      await expectRejected({ authorization: `Bearer ${await fake.pushToken({ forged: true })}` }, /rejected/);
    });

    it('an expired push token is rejected', async () => {
      const token = await fake.pushToken({ now: new Date(Date.now() - 2 * 3600_000) });
      await expectRejected({ authorization: `Bearer ${token}` }, /expired/);
    });

    it('a push token for another audience is rejected', async () => {
      const token = await fake.pushToken({ claims: { aud: 'https://attacker.example/push' } });
      await expectRejected({ authorization: `Bearer ${token}` }, /aud/);
    });

    it('a push token from another issuer is rejected', async () => {
      await expectRejected({ authorization: `Bearer ${await fake.pushToken({ claims: { iss: 'https://evil.example' } })}` }, /iss/);
    });

    it('a push token for another service account is rejected', async () => {
      const token = await fake.pushToken({ claims: { email: 'someone@other-project.iam.gserviceaccount.com' } });
      await expectRejected({ authorization: `Bearer ${token}` }, /another service account/);
    });

    it('a push token whose email is not verified is rejected', async () => {
      await expectRejected({ authorization: `Bearer ${await fake.pushToken({ claims: { email_verified: false } })}` }, /not verified/);
    });

    it('pushes are refused when no push audience is configured', async () => {
      const open = await createTestContext({ ...fake.env(), ANDROID_PUSH_AUDIENCE: '' });
      try {
        const response = await open.app.inject({
          method: 'POST',
          url: '/mdm/android/pubsub',
          headers: { authorization: `Bearer ${await fake.pushToken()}` },
          payload: body(),
        });
        expect(response.statusCode).toBe(401);
      } finally {
        await open.close();
      }
    });

    it('a valid Google push token is accepted', async () => {
      const response = await push(body());
      expect(response.statusCode).toBe(204);
    });
  });

  describe('notifications from the fixtures', () => {
    it('ENROLLMENT (company-owned) enrols the pending device and stores its posture and serial number', async () => {
      const device = await pendingDevice(CORPORATE.enrollmentTokenName, 'CORPORATE');
      const response = await push(androidFixture('pubsub-push-enrollment-company-owned.json'));
      expect(response.statusCode).toBe(204);
      const stored = await ctx.deps.db.device.findUniqueOrThrow({ where: { id: device.id }, include: { posture: true, android: true } });
      expect(stored.status).toBe('ENROLLED');
      expect(stored.serialNumber).toBe('28161FDH2004QX');
      expect(stored.android?.amapiName).toBe(CORPORATE.name);
      expect(stored.android?.managementMode).toBe('DEVICE_OWNER');
      expect(stored.posture).toMatchObject({ encrypted: true, passcodePresent: true, compromised: false, osVersion: '15', passcodeMinLength: 6 });
      expect(stored.posture?.reportedAt.toISOString()).toBe('2026-09-20T07:41:03.552Z');
    });

    it('STATUS_REPORT (BYOD work profile) keeps no hardware identifier and records non-compliance', async () => {
      const device = await pendingDevice(BYOD.enrollmentTokenName, 'PERSONAL');
      const response = await push(androidFixture('pubsub-push-status-report-byod-noncompliant.json'));
      expect(response.statusCode).toBe(204);
      const stored = await ctx.deps.db.device.findUniqueOrThrow({ where: { id: device.id }, include: { posture: true, android: true } });
      expect(stored.status).toBe('ENROLLED');
      expect(stored.ownership).toBe('PERSONAL');
      expect(stored.serialNumber).toBeNull();
      expect(JSON.stringify(stored.android)).not.toContain('a3f19d0c7be24e58b1c6f02d9e4a7b31');
      expect(stored.android?.policyCompliant).toBe(false);
      expect(stored.android?.securityRisks).toEqual(['HARDWARE_BACKED_EVALUATION_FAILED']);
      expect(stored.posture).toMatchObject({ passcodeCompliant: false, osVersion: '12', supervised: false, passcodeMinLength: 8 });
      expect(stored.posture?.securityPatchLevel?.toISOString().slice(0, 10)).toBe('2023-04-01');
    });

    it('the final STATUS_REPORT (DELETED) of a device nobody wiped marks it unenrolled', async () => {
      const device = await pendingDevice(BYOD.enrollmentTokenName, 'PERSONAL');
      await push(pushBody('STATUS_REPORT', BYOD, nextId()));
      const response = await push(androidFixture('pubsub-push-status-report-deleted.json'));
      expect(response.statusCode).toBe(204);
      const stored = await ctx.deps.db.device.findUniqueOrThrow({ where: { id: device.id } });
      expect(stored.status).toBe('UNENROLLED');
      // A report produced before the deletion, delivered late, does not bring the device back.
      await push(pushBody('STATUS_REPORT', BYOD, nextId()));
      expect((await ctx.deps.db.device.findUniqueOrThrow({ where: { id: device.id } })).status).toBe('UNENROLLED');
    });

    it('COMMAND for an operation of another enterprise is acknowledged and changes nothing', async () => {
      const body = androidFixture('pubsub-push-command-wipe.json');
      const response = await push(body);
      expect(response.statusCode).toBe(204);
      const message = await ctx.deps.db.androidPubsubMessage.findUniqueOrThrow({ where: { messageId: '14503912235820099' } });
      expect(message.outcome).toBe('foreign-enterprise');
    });

    it('a plain Pub/Sub message without an AMAPI notification type is acknowledged and ignored', async () => {
      const response = await push(androidFixture('pubsub-push-generic.verbatim.json'));
      expect(response.statusCode).toBe(204);
      expect((await ctx.deps.db.androidPubsubMessage.findUniqueOrThrow({ where: { messageId: '2070443601311540' } })).outcome).toBe('ignored');
    });

    it('a report for a device this service never enrolled creates nothing', async () => {
      const stranger = { ...CORPORATE, name: `${ENTERPRISE}/devices/ffff000011112222`, enrollmentTokenName: `${ENTERPRISE}/enrollmentTokens/console` };
      const id = nextId();
      const response = await push(pushBody('ENROLLMENT', stranger, id));
      expect(response.statusCode).toBe(204);
      expect((await ctx.deps.db.androidPubsubMessage.findUniqueOrThrow({ where: { messageId: id } })).outcome).toBe('unknown-device');
      expect(await ctx.deps.db.androidDevice.count({ where: { amapiName: stranger.name } })).toBe(0);
    });
  });

  describe('ordering and redelivery', () => {
    let deviceId: string;
    beforeEach(async () => {
      deviceId = (await pendingDevice(CORPORATE.enrollmentTokenName, 'CORPORATE')).id;
      await push(pushBody('ENROLLMENT', CORPORATE, nextId()));
    });

    it('the same message delivered twice changes nothing the second time', async () => {
      const id = nextId();
      const first = { ...CORPORATE, lastStatusReportTime: '2026-10-01T00:00:00Z', softwareInfo: { ...CORPORATE.softwareInfo, androidVersion: '16' } };
      expect((await push(pushBody('STATUS_REPORT', first, id))).statusCode).toBe(204);
      // Same message id, different content: had it been processed again, the OS version would change.
      const replay = { ...first, lastStatusReportTime: '2026-10-02T00:00:00Z', softwareInfo: { ...CORPORATE.softwareInfo, androidVersion: '17' } };
      expect((await push(pushBody('STATUS_REPORT', replay, id))).statusCode).toBe(204);
      const posture = await ctx.deps.db.devicePosture.findUniqueOrThrow({ where: { deviceId } });
      expect(posture.osVersion).toBe('16');
      expect((await ctx.deps.db.androidPubsubMessage.findUniqueOrThrow({ where: { messageId: id } })).outcome).toBe('updated');
    });

    it('an older status report arriving after a newer one does not overwrite posture', async () => {
      const newer = { ...CORPORATE, lastStatusReportTime: '2026-10-05T00:00:00Z', deviceSettings: { ...CORPORATE.deviceSettings, isEncrypted: true } };
      const older = {
        ...CORPORATE,
        lastStatusReportTime: '2026-10-04T00:00:00Z',
        deviceSettings: { ...CORPORATE.deviceSettings, isEncrypted: false, encryptionStatus: 'INACTIVE' },
        securityPosture: { devicePosture: 'POTENTIALLY_COMPROMISED' },
      };
      await push(pushBody('STATUS_REPORT', newer, nextId()));
      const id = nextId();
      expect((await push(pushBody('STATUS_REPORT', older, id))).statusCode).toBe(204);
      const posture = await ctx.deps.db.devicePosture.findUniqueOrThrow({ where: { deviceId } });
      expect(posture).toMatchObject({ encrypted: true, compromised: false });
      expect(posture.reportedAt.toISOString()).toBe('2026-10-05T00:00:00.000Z');
      expect((await ctx.deps.db.androidPubsubMessage.findUniqueOrThrow({ where: { messageId: id } })).outcome).toBe('stale');
    });

    it('a compromised device report is stored as compromised', async () => {
      const compromised = { ...androidFixture<AmapiDevice>('device-company-owned-compromised-noncompliant.json'), name: CORPORATE.name, lastStatusReportTime: '2026-10-09T00:00:00Z' };
      await push(pushBody('STATUS_REPORT', compromised, nextId()));
      const posture = await ctx.deps.db.devicePosture.findUniqueOrThrow({ where: { deviceId } });
      expect(posture).toMatchObject({ compromised: true, encrypted: false });
    });
  });
});
