// @ts-nocheck
import type { Deps } from '../../container.js';

interface ClaimedEvent {
  id: bigint;
  deviceId: string;
  fromStatus: string | null;
  toStatus: string;
  at: Date;
}

const BATCH = 500;

/**
 * Publishes device status changes from the outbox the database trigger fills (`device.status_changed`).
 * Rows are claimed with SKIP LOCKED, so two workers never publish the same change.
 */
export async function publishDeviceEvents(deps: Pick<Deps, 'db' | 'clock' | 'logger' | 'operations'>): Promise<number> {
  let published = 0;
  for (;;) {
    const events = await deps.db.$queryRaw<ClaimedEvent[]>`
      UPDATE "DeviceStatusEvent" SET "publishedAt" = ${deps.clock.now()}
      WHERE id IN (SELECT id FROM "DeviceStatusEvent" WHERE "publishedAt" IS NULL ORDER BY id LIMIT ${BATCH} FOR UPDATE SKIP LOCKED)
      RETURNING id, "deviceId", "fromStatus"::text AS "fromStatus", "toStatus"::text AS "toStatus", at`;
    if (events.length === 0) return published;
    const devices = await deps.db.device.findMany({
      where: { id: { in: [...new Set(events.map((e) => e.deviceId))] } },
      select: { id: true, userId: true, platform: true, ownership: true },
    });
    const byId = new Map(devices.map((d) => [d.id, d]));
    for (const event of events.sort((a, b) => (a.id < b.id ? -1 : 1))) {
      const device = byId.get(event.deviceId);
      await deps.operations.webhooks.publish('device.status_changed', {
        deviceId: event.deviceId,
        from: event.fromStatus,
        to: event.toStatus,
        at: event.at.toISOString(),
        ...(device ? { userId: device.userId, platform: device.platform, ownership: device.ownership } : {}),
      });
      published += 1;
    }
    if (events.length < BATCH) return published;
  }
}
