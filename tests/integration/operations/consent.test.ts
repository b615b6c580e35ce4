import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAppleContext } from '../../support/apple.js';
import { bearer, type TestContext } from '../../support/context.js';
import { ownRedisPrefix, useFakeChannels } from '../../support/operations.js';
import { createUser, type TestUser, createDevice } from '../../support/factories.js';

const NOTICE = 'We can see: the device model, OS version, whether it is encrypted and has a passcode, and the work apps we install. We cannot see: your photos, messages, browsing, location or personal apps. We can remove work data; we cannot erase your phone.';

describe('BYOD privacy notice and consent', () => {
  let ctx: TestContext;
  let admin: Record<string, string>;
  let staff: TestUser;
  let staffHeaders: Record<string, string>;

  beforeAll(async () => {
    // Its own database: the test starts from "no notice published yet", which other files' notices would break.
    ctx = await createAppleContext(undefined, { REDIS_PREFIX: ownRedisPrefix('consent'), BYOD_CONSENT_REQUIRED: 'true' }, { isolated: true });
    useFakeChannels(ctx.deps);
    admin = await bearer(ctx, await createUser(ctx.deps, { role: 'ADMIN' }));
    staff = await createUser(ctx.deps, { role: 'STAFF' });
    staffHeaders = await bearer(ctx, staff);
  });
  afterAll(() => ctx.close());

  const enrolPersonal = () => ctx.app.inject({ method: 'POST', url: '/v1/enrollments', headers: staffHeaders, payload: { platform: 'apple', ownership: 'personal' } });
  const publish = (title: string) => ctx.app.inject({ method: 'POST', url: '/v1/privacy-notices', headers: admin, payload: { title, body: NOTICE } });

  it('a personal device enrols only after its user accepted the current notice, and again after a new version', async () => {
    expect((await enrolPersonal()).statusCode).toBe(409); // no notice published yet
    const v1 = await publish('BYOD privacy notice');
    expect(v1.statusCode).toBe(201);
    const { version } = v1.json();

    const refused = await enrolPersonal();
    expect(refused.statusCode).toBe(403);
    expect(refused.json().error.details).toMatchObject({ consentRequired: true, noticeVersion: version });

    const shown = (await ctx.app.inject({ method: 'GET', url: '/v1/privacy-notices/current', headers: staffHeaders })).json();
    expect(shown).toMatchObject({ version, body: NOTICE });
    const accepted = await ctx.app.inject({ method: 'POST', url: '/v1/consents', headers: staffHeaders, payload: { version } });
    expect(accepted.statusCode).toBe(201);
    expect(accepted.json()).toMatchObject({ current: true, consents: [{ version, withdrawnAt: null }] });
    expect((await enrolPersonal()).statusCode).toBe(201);

    const v2 = (await publish('BYOD privacy notice, revised')).json();
    expect((await enrolPersonal()).statusCode).toBe(403);
    expect((await ctx.app.inject({ method: 'POST', url: '/v1/consents', headers: staffHeaders, payload: { version } })).statusCode).toBe(409);
    expect((await ctx.app.inject({ method: 'POST', url: '/v1/consents', headers: staffHeaders, payload: { version: v2.version } })).statusCode).toBe(201);
    expect((await enrolPersonal()).statusCode).toBe(201);
  });

  it('shows the consent (version, time) to IT and the person, not to other staff', async () => {
    const it_ = await bearer(ctx, await createUser(ctx.deps, { role: 'IT' }));
    const seen = await ctx.app.inject({ method: 'GET', url: `/v1/users/${staff.id}/consent`, headers: it_ });
    expect(seen.statusCode).toBe(200);
    expect(seen.json().consents[0]).toMatchObject({ version: expect.any(Number), acceptedAt: expect.any(String) });
    const other = await bearer(ctx, await createUser(ctx.deps, { role: 'STAFF' }));
    expect((await ctx.app.inject({ method: 'GET', url: `/v1/users/${staff.id}/consent`, headers: other })).statusCode).toBe(404);
  });

  it('only an ADMIN publishes the notice', async () => {
    expect((await ctx.app.inject({ method: 'POST', url: '/v1/privacy-notices', headers: staffHeaders, payload: { title: 'mine', body: NOTICE } })).statusCode).toBe(403);
  });

  it('withdrawing consent selectively wipes each enrolled personal device and unenrols pending ones; corporate devices are untouched', async () => {
    const enrolled = await createDevice(ctx.deps, { userId: staff.id, ownership: 'PERSONAL', platform: 'ANDROID' });
    const corporate = await createDevice(ctx.deps, { userId: staff.id, ownership: 'CORPORATE' });
    const pending = await ctx.deps.db.device.findMany({ where: { userId: staff.id, status: 'PENDING' } });
    expect(pending.length).toBeGreaterThan(0);

    const response = await ctx.app.inject({ method: 'DELETE', url: '/v1/consents/me', headers: staffHeaders });
    expect(response.statusCode).toBe(200);
    const wipe = await ctx.deps.db.command.findFirstOrThrow({ where: { deviceId: enrolled.id } });
    expect(wipe).toMatchObject({ action: 'WIPE_SELECTIVE', status: 'QUEUED', requestedById: staff.id });
    expect(await ctx.deps.db.command.count({ where: { deviceId: corporate.id } })).toBe(0);
    const after = await ctx.deps.db.device.findMany({ where: { id: { in: pending.map((d) => d.id) } } });
    expect(after.every((d) => d.status === 'UNENROLLED')).toBe(true);

    const status = (await ctx.app.inject({ method: 'GET', url: '/v1/consents/me', headers: staffHeaders })).json();
    expect(status.current).toBe(false);
    expect(status.consents.every((c: { withdrawnAt: string | null }) => c.withdrawnAt !== null)).toBe(true);
    expect((await enrolPersonal()).statusCode).toBe(403);
    expect((await ctx.app.inject({ method: 'DELETE', url: '/v1/consents/me', headers: staffHeaders })).statusCode).toBe(409);
  });
});
