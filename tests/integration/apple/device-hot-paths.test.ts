import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, type TestContext } from '../../support/context.js';
import { createAppleContext, enrolDevice } from '../../support/apple.js';
import { createUser } from '../../support/factories.js';

let ctx: TestContext;
let it_: Record<string, string>;

/** A connection of its own, outside the app's pool, to hold row locks while the app works. */
async function pgClient() {
  const client = new pg.Client({ connectionString: ctx.deps.config.DATABASE_URL });
  await client.connect();
  return client;
}

beforeAll(async () => {
  // Last-seen flushes only when a test asks for one, so what a request writes by itself is visible.
  ctx = await createAppleContext(undefined, { APPLE_LAST_SEEN_FLUSH_MS: '60000' }, { isolated: true });
  it_ = await bearer(ctx, await createUser(ctx.deps, { role: 'IT' }));
});
afterAll(() => ctx?.close());

/** The row versions (xmin changes with every UPDATE) and times of a device and its enrolment. */
async function rowState(deviceId: string) {
  const [row] = await ctx.deps.db.$queryRaw<{ deviceXmin: string; enrollmentXmin: string; deviceSeen: Date | null; enrollmentSeen: Date | null; tokenUpdatedAt: Date | null; pushMagic: string | null }[]>`
    SELECT d.xmin::text AS "deviceXmin", e.xmin::text AS "enrollmentXmin", d."lastSeenAt" AS "deviceSeen", e."lastSeenAt" AS "enrollmentSeen",
           e."tokenUpdatedAt", e."pushMagic"
      FROM "Device" d JOIN "AppleEnrollment" e ON e."deviceId" = d.id WHERE d.id = ${deviceId}::uuid`;
  return row!;
}

describe('Apple device hot paths', () => {
  it('a TokenUpdate that changes nothing writes nothing; a changed one is stored', async () => {
    const { sim, deviceId } = await enrolDevice(ctx, it_, { ownership: 'corporate' });
    // Enrolment queues the passcode profile and its ProfileList check: answer them so the queue is empty.
    await sim.runSession();
    await ctx.deps.apple.lastSeen.flush();
    const before = await rowState(deviceId);
    ctx.clock.advance(60_000);
    expect((await sim.tokenUpdate()).status).toBe(200);
    expect(await rowState(deviceId)).toEqual(before);

    const changed = await sim.checkin({ MessageType: 'TokenUpdate', Topic: sim.profile!.topic, Token: sim.pushToken, PushMagic: 'NEW-MAGIC' });
    expect(changed.status).toBe(200);
    const after = await rowState(deviceId);
    expect(after.pushMagic).toBe('NEW-MAGIC');
    expect(after.tokenUpdatedAt).toEqual(ctx.clock.now());
  });

  it('an Idle connect with nothing queued changes no row; a queued command is handed out and marked SENT', async () => {
    const { sim, deviceId } = await enrolDevice(ctx, it_, { ownership: 'corporate' });
    await ctx.deps.apple.lastSeen.flush();
    const before = await rowState(deviceId);
    const idle = await sim.connect({ Status: 'Idle' });
    expect(idle.response.status).toBe(200);
    expect(idle.command).toBeNull();
    expect(await rowState(deviceId)).toEqual(before);

    ctx.clock.advance(1);
    const queued = await ctx.app.inject({ method: 'POST', url: `/v1/devices/${deviceId}/commands`, headers: it_, payload: { requestType: 'ProfileList' } });
    expect(queued.statusCode).toBe(201);
    const offered = await sim.connect({ Status: 'Idle' });
    expect(offered.command?.CommandUUID).toBe(queued.json().id);
    expect(await ctx.deps.db.command.findUniqueOrThrow({ where: { id: queued.json().id } })).toMatchObject({ status: 'SENT', attempts: 1 });
    // The response was lost: the next Idle connect hands the same command out again.
    const again = await sim.connect({ Status: 'Idle' });
    expect(again.command?.CommandUUID).toBe(queued.json().id);
    // Answered as the device would (its installed profiles listed), so nothing new is queued because of the answer.
    const done = await sim.connect(sim.answer(again.command!));
    expect(done.command).toBeNull();
    expect(await ctx.deps.db.command.findUniqueOrThrow({ where: { id: queued.json().id } })).toMatchObject({ status: 'ACKNOWLEDGED', attempts: 2 });
  });

  it('last-seen times are coalesced in memory and written by the flush, never moving backwards', async () => {
    const { sim, deviceId } = await enrolDevice(ctx, it_, { ownership: 'corporate' });
    await ctx.deps.apple.lastSeen.flush();
    const start = await rowState(deviceId);
    ctx.clock.advance(5_000);
    await sim.connect({ Status: 'Idle' });
    ctx.clock.advance(5_000);
    await sim.tokenUpdate();
    const latest = ctx.clock.now();
    expect((await rowState(deviceId)).deviceSeen).toEqual(start.deviceSeen); // nothing written per request

    await ctx.deps.apple.lastSeen.flush();
    expect(await rowState(deviceId)).toMatchObject({ deviceSeen: latest, enrollmentSeen: latest });

    // A late flush from another process (an older time) does not move it back.
    const enrollment = await ctx.deps.db.appleEnrollment.findUniqueOrThrow({ where: { deviceId } });
    ctx.deps.apple.lastSeen.touch(enrollment.id, deviceId, new Date(latest.getTime() - 60_000));
    await ctx.deps.apple.lastSeen.flush();
    expect(await rowState(deviceId)).toMatchObject({ deviceSeen: latest, enrollmentSeen: latest });
  });

  it('one flush writes every device heard from since the last one', async () => {
    const devices = await Promise.all([0, 1, 2].map(() => enrolDevice(ctx, it_, { ownership: 'corporate' })));
    ctx.clock.advance(7_000);
    for (const { sim } of devices) await sim.connect({ Status: 'Idle' });
    await ctx.deps.apple.lastSeen.flush();
    for (const { deviceId } of devices) expect((await rowState(deviceId)).deviceSeen).toEqual(ctx.clock.now());
  });

  it('a flush waiting behind a transaction that writes an enrolment and then its device does not deadlock with it', async () => {
    const { deviceId } = await enrolDevice(ctx, it_, { ownership: 'corporate' });
    const enrollment = await ctx.deps.db.appleEnrollment.findUniqueOrThrow({ where: { deviceId } });
    ctx.clock.advance(9_000);
    const seenAt = ctx.clock.now();
    ctx.deps.apple.lastSeen.touch(enrollment.id, deviceId, seenAt);
    // As a DeviceInformation result does: the enrolment first, then (while the flush waits) the device.
    const client = await pgClient();
    try {
      await client.query('BEGIN');
      await client.query(`UPDATE "AppleEnrollment" SET "lastDeviceInfoAt" = now() WHERE "id" = $1`, [enrollment.id]);
      const flushed = ctx.deps.apple.lastSeen.flush();
      await new Promise((r) => setTimeout(r, 300)); // the flush is now waiting for the enrolment row
      await client.query(`UPDATE "Device" SET "model" = 'iPhone16,1' WHERE "id" = $1`, [deviceId]);
      await client.query('COMMIT');
      await flushed;
    } finally {
      await client.end();
    }
    // Written by this flush, not put back for the next one (a deadlock victim's batch would be).
    expect(await rowState(deviceId)).toMatchObject({ deviceSeen: seenAt, enrollmentSeen: seenAt });
  });
});
