import { pgPool, utc, type Db } from '../db/prisma.js';

export interface LastSeenBuffer {
  /** Notes that a device was heard from; written with the next flush (the latest time per device wins). */
  touch(enrollmentRowId: string, deviceId: string, at: Date): void;
  /** Writes what is pending now (one statement for all devices). */
  flush(): Promise<void>;
  /** Stops the timer and flushes what is left. */
  close(): Promise<void>;
}

/**
 * Last-seen times, coalesced in memory and written in batches (as Fleet does for host seen times) instead of a
 * write per device request: a device that connects ten times a second costs one row update per flush. Times only
 * move forward, so an older flush (another process) never overwrites a newer one. Losing the buffer in a crash
 * loses at most one interval of last-seen precision, nothing else.
 */
export function createLastSeenBuffer(db: Db, options: { flushIntervalMs: number; onError: (error: unknown) => void }): LastSeenBuffer {
  let pending = new Map<string, { deviceId: string; at: Date }>();
  let flushing: Promise<void> = Promise.resolve();

  const flush = async () => {
    await flushing; // one flush at a time, in order
    if (pending.size === 0) return;
    const batch = pending;
    pending = new Map();
    const enrollmentIds: string[] = [];
    const deviceIds: string[] = [];
    const times: Date[] = [];
    for (const [enrollmentId, { deviceId, at }] of batch) {
      enrollmentIds.push(enrollmentId);
      deviceIds.push(deviceId);
      times.push(at);
    }
    // Two statements, each locking its rows in id order: a flush never holds a Device row while waiting for an
    // enrolment (a transaction that writes an enrolment and then its device, as a DeviceInformation result does,
    // could otherwise deadlock with it), and two replicas' flushes take their rows in the same order.
    const parameters = [enrollmentIds, deviceIds, times.map(utc)];
    const seen = `SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::timestamp(3)[]) AS s("enrollmentId", "deviceId", "at")`;
    flushing = pgPool(db)
      .query(
        `UPDATE "AppleEnrollment" e SET "lastSeenAt" = due."at"
           FROM (SELECT x."id", seen."at" FROM "AppleEnrollment" x JOIN (${seen}) seen ON x."id" = seen."enrollmentId"
                  WHERE x."lastSeenAt" IS NULL OR x."lastSeenAt" < seen."at" ORDER BY x."id" FOR UPDATE OF x) due
          WHERE e."id" = due."id"`,
        parameters,
      )
      .then(() =>
        pgPool(db).query(
          `UPDATE "Device" d SET "lastSeenAt" = due."at"
             FROM (SELECT x."id", seen."at" FROM "Device" x JOIN (${seen}) seen ON x."id" = seen."deviceId"
                    WHERE x."lastSeenAt" IS NULL OR x."lastSeenAt" < seen."at" ORDER BY x."id" FOR UPDATE OF x) due
            WHERE d."id" = due."id"`,
          parameters,
        ),
      )
      .then(
        () => undefined,
        (error: unknown) => {
          // Put the batch back (newer touches win) so the next flush retries it.
          for (const [id, entry] of batch) if (!pending.has(id)) pending.set(id, entry);
          options.onError(error);
        },
      );
    await flushing;
  };

  const timer = setInterval(() => void flush(), options.flushIntervalMs);
  timer.unref();
  return {
    touch(enrollmentRowId, deviceId, at) {
      const current = pending.get(enrollmentRowId);
      if (!current || current.at < at) pending.set(enrollmentRowId, { deviceId, at });
    },
    flush,
    async close() {
      clearInterval(timer);
      await flush();
    },
  };
}
