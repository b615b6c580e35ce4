import type { DbOrTx } from '../db/prisma.js';
import type { PostureReport } from '../domain/posture.js';

export type { PostureReport };

const FIELDS = [
  'encrypted', 'passcodePresent', 'passcodeCompliant', 'passcodeMinLength', 'autoLockMinutes', 'osVersion',
  'osBuild', 'securityPatchLevel', 'compromised', 'supervised', 'lastCheckInAt',
] as const satisfies readonly (keyof PostureReport)[];

/**
 * Stores a posture report produced by the device at `reportedAt`. A report older than the one already applied
 * changes nothing (reports can arrive out of order: Pub/Sub redelivery, delayed command results).
 * Returns whether the posture changed.
 */
export async function storePostureReport(db: DbOrTx, deviceId: string, report: PostureReport, reportedAt: Date): Promise<boolean> {
  const values = Object.fromEntries(FIELDS.filter((f) => report[f] !== undefined).map((f) => [f, report[f]]));
  // One statement decides "newer or not" and writes, so two concurrent reports cannot both win.
  const { count } = await db.devicePosture.updateMany({
    where: { deviceId, reportedAt: { lte: reportedAt } },
    data: { ...values, reportedAt },
  });
  let changed = count === 1;
  if (!changed) {
    const existing = await db.devicePosture.findUnique({ where: { deviceId }, select: { reportedAt: true } });
    if (existing) return false;
    const created = await db.devicePosture.createMany({ data: [{ deviceId, ...values, reportedAt }], skipDuplicates: true });
    changed = created.count === 1;
    if (!changed) return storePostureReport(db, deviceId, report, reportedAt);
  }
  return true;
}
