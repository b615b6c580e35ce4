import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { bearer, createIsolatedTestContext, type TestContext } from '../../support/context.js';
import { useFakeChannels } from '../../support/operations.js';
import { createUser, type TestUser, createDevice } from '../../support/factories.js';

describe('incidents: personal devices are contained without a lock; IT lists and filters incidents', () => {
  let ctx: TestContext;
  let itHeaders: Record<string, string>;
  let staff: TestUser;

  beforeAll(async () => {
    // Own database: the list assertions cover the whole incident table.
    ctx = await createIsolatedTestContext({ LOGIN_RATE_LIMIT_PER_MINUTE: '10000' });
    useFakeChannels(ctx.deps);
    ctx.deps.webhooks.publisher = { publish: async () => {}, stage: async () => [], queue: async () => {} };
    itHeaders = await bearer(ctx, await createUser(ctx.deps, { role: 'IT' }));
    staff = await createUser(ctx.deps, { role: 'STAFF', mfa: true });
  });
  afterAll(() => ctx?.close());

  const call = (method: 'GET' | 'POST', url: string, headers: Record<string, string>, payload?: object) =>
    ctx.app.inject({ method, url, headers, ...(payload ? { payload } : {}) });

  async function report(userId: string, ownership: 'CORPORATE' | 'PERSONAL', platform: 'APPLE' | 'ANDROID' = 'ANDROID') {
    const device = await createDevice(ctx.deps, { userId, ownership, platform });
    const opened = await call('POST', '/v1/incidents', itHeaders, { deviceId: device.id, kind: 'stolen' });
    expect(opened.statusCode).toBe(201);
    return { device, incident: opened.json() };
  }

  it('a stolen personal phone: its work data is removed (selective wipe, not a lock) and sessions end, as recorded', async () => {
    const user = await createUser(ctx.deps, { mfa: true });
    await bearer(ctx, user); // a session to end
    const { device, incident } = await report(user.id, 'PERSONAL');
    const step = incident.timeline.find((s: { step: string }) => s.step === 'contained');
    expect(step.details).toMatchObject({ deviceAction: { action: 'WIPE_SELECTIVE', status: 'QUEUED' }, sessionsRevoked: 1 });
    const commands = await ctx.deps.db.command.findMany({ where: { deviceId: device.id } });
    expect(commands.map((c) => c.action)).toEqual(['WIPE_SELECTIVE']);
    expect(await ctx.deps.db.session.count({ where: { userId: user.id, revokedAt: null } })).toBe(0);
  });

  it('records containment as incomplete when the device action could not be queued', async () => {
    const user = await createUser(ctx.deps, { mfa: true });
    const device = await createDevice(ctx.deps, { userId: user.id, ownership: 'CORPORATE', status: 'PENDING' });
    const opened = await call('POST', '/v1/incidents', itHeaders, { deviceId: device.id, kind: 'lost' });
    const steps = opened.json().timeline.map((s: { step: string }) => s.step);
    expect(steps).toContain('containment_incomplete');
    expect(steps).not.toContain('contained');
  });

  it('lists with filters (status, user, device, opened between), newest first, cursor-paginated; IT and ADMIN only', async () => {
    const owner = await createUser(ctx.deps, { mfa: true });
    const first = await report(owner.id, 'CORPORATE');
    ctx.clock.advance(60_000);
    const second = await report(owner.id, 'PERSONAL', 'APPLE');
    const call2 = (method: 'PUT', url: string, payload: object) => ctx.app.inject({ method, url, headers: itHeaders, payload });
    expect((await call2('PUT', `/v1/incidents/${first.incident.id}/assessment`, { dataCategories: [] })).statusCode).toBe(200);
    const closed = await call('POST', `/v1/incidents/${first.incident.id}/close`, itHeaders, { lessons: 'found in the office' });
    expect(closed.statusCode).toBe(200);

    const list = async (query: string) => {
      const response = await call('GET', `/v1/incidents?${query}`, itHeaders);
      expect(response.statusCode, response.body).toBe(200);
      return response.json() as { items: { id: string; status: string }[]; nextCursor: string | null };
    };
    expect((await list(`userId=${owner.id}`)).items.map((i) => i.id)).toEqual([second.incident.id, first.incident.id]);
    expect((await list(`userId=${owner.id}&status=OPEN`)).items.map((i) => i.id)).toEqual([second.incident.id]);
    expect((await list(`userId=${owner.id}&status=CLOSED`)).items.map((i) => i.id)).toEqual([first.incident.id]);
    expect((await list(`deviceId=${first.device.id}`)).items.map((i) => i.id)).toEqual([first.incident.id]);
    const between = `openedFrom=${encodeURIComponent(second.incident.openedAt)}&openedTo=${encodeURIComponent(new Date(Date.parse(second.incident.openedAt) + 1).toISOString())}`;
    expect((await list(between)).items.map((i) => i.id)).toEqual([second.incident.id]);

    const page1 = await list(`userId=${owner.id}&limit=1`);
    expect(page1.items.map((i) => i.id)).toEqual([second.incident.id]);
    const page2 = await list(`userId=${owner.id}&limit=1&cursor=${page1.nextCursor}`);
    expect(page2.items.map((i) => i.id)).toEqual([first.incident.id]);
    expect(page2.nextCursor).toBeNull();

    expect((await call('GET', '/v1/incidents', await bearer(ctx, staff))).statusCode).toBe(403);
    expect((await call('GET', '/v1/incidents?cursor=bm9wZQ', itHeaders)).statusCode).toBe(400);
    expect((await call('GET', '/v1/incidents?surprise=1', itHeaders)).statusCode).toBe(400);
    expect((await call('GET', '/v1/incidents?userId=not-a-uuid', itHeaders)).statusCode).toBe(400);
    expect((await list(`userId=${randomUUID()}`)).items).toEqual([]);
  });
});
