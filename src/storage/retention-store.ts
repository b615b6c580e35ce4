import type { Db } from '../db/prisma.js';
import { clearDeviceCommandPayloads } from './command-queue.js';

/**
 * What the retention job may remove, each as one bounded statement: rows of `table` matching `where`, at most `limit`
 * per call. Each statement is its own short transaction, so the API never waits behind a long purge.
 */
export const RETENTION_KINDS = {
  complianceHistory: { table: 'ComplianceStateChange', where: '"at" < $1' },
  notifications: { table: 'Notification', where: '"createdAt" < $1' },
  complianceNotifications: { table: 'ComplianceNotification', where: '"createdAt" < $1' },
  emailDeliveries: { table: 'EmailDelivery', where: `"createdAt" < $1 AND status IN ('SENT', 'FAILED', 'SKIPPED', 'DIGESTED')` },
  webhookDeliveries: { table: 'WebhookDelivery', where: `"createdAt" < $1 AND status IN ('DELIVERED', 'FAILED')` },
  pubsubMessageIds: { table: 'AndroidPubsubMessage', where: '"receivedAt" < $1' },
  // Closed incidents only (an open one is still being handled); its playbook steps go with it (ON DELETE CASCADE).
  incidents: { table: 'Incident', where: `status = 'CLOSED' AND "closedAt" < $1` },
  // The normalised posture of a device no longer managed, last reported before the cut-off. An enrolled device's
  // posture is its current state (each report replaces the last), so it is never removed while it is managed.
  postureReports: {
    table: 'DevicePosture',
    where: `"reportedAt" < $1 AND "deviceId" IN (SELECT id FROM "Device" WHERE status IN ('UNENROLLED', 'WIPED'))`,
  },
} as const;

export type RetentionKind = keyof typeof RETENTION_KINDS;

export async function deleteExpiredBatch(db: Db, kind: RetentionKind, before: Date, limit: number): Promise<number> {
  const { table, where } = RETENTION_KINDS[kind];
  // Table and condition come from the constant above, never from input; the cut-off and limit are parameters.
  return db.$executeRawUnsafe(
    `DELETE FROM "${table}" WHERE ctid IN (SELECT ctid FROM "${table}" WHERE ${where} LIMIT $2)`,
    before,
    limit,
  );
}

/**
 * The raw platform answers kept beside the normalised posture (Apple DeviceInformation, SecurityInfo, ProfileList and
 * Authenticate; Android non-compliance details) of devices no longer managed, reported before `before`: cleared in
 * one bounded statement per platform. Managed devices keep theirs: compliance evaluation reads the latest answers.
 */
export async function clearRawPostureReports(db: Db, before: Date, limit: number): Promise<number> {
  const apple = await db.$executeRaw`
    UPDATE "AppleEnrollment" SET "lastDeviceInformation" = NULL, "lastSecurityInfo" = NULL, "lastProfileList" = NULL, "lastAuthenticate" = NULL
     WHERE id IN (
       SELECT e.id FROM "AppleEnrollment" e JOIN "Device" d ON d.id = e."deviceId"
        WHERE d.status IN ('UNENROLLED', 'WIPED')
          AND greatest(e."lastDeviceInfoAt", e."lastSecurityInfoAt", e."lastSeenAt", e."authenticatedAt") < ${before}
          AND (e."lastDeviceInformation" IS NOT NULL OR e."lastSecurityInfo" IS NOT NULL OR e."lastProfileList" IS NOT NULL OR e."lastAuthenticate" IS NOT NULL)
        LIMIT ${limit})`;
  const android = await db.$executeRaw`
    UPDATE "AndroidDevice" SET "nonComplianceDetails" = NULL, "securityRisks" = '{}'
     WHERE "deviceId" IN (
       SELECT a."deviceId" FROM "AndroidDevice" a JOIN "Device" d ON d.id = a."deviceId"
        WHERE d.status IN ('UNENROLLED', 'WIPED') AND coalesce(a."lastStatusReportAt", a."updatedAt") < ${before}
          AND (a."nonComplianceDetails" IS NOT NULL OR a."securityRisks" <> '{}')
        LIMIT ${limit})`;
  return apple + android;
}

/**
 * Privacy: a personal device that left management (unenrolled or wiped) before `before` loses everything that
 * describes the phone or its owner's compliance: posture, compliance state and history, escalations and messages
 * about it, command payloads, the platform identifiers (serial number, UDID, EnrollmentID, push tokens, AMAPI
 * name) and the raw reports. What stays is the bare row (platform, ownership, status, dates, user) so incidents,
 * the audit log and counts still refer to something; `personalDataRemovedAt` records when. Up to `limit` devices,
 * all in one transaction.
 */
export async function removePersonalDeviceData(db: Db, before: Date, now: Date, limit: number): Promise<number> {
  return db.$transaction(async (tx) => {
    const rows = await tx.$queryRaw<{ id: string }[]>`
      SELECT id::text FROM "Device"
       WHERE ownership = 'PERSONAL' AND status IN ('UNENROLLED', 'WIPED') AND "unenrolledAt" < ${before} AND "personalDataRemovedAt" IS NULL
       LIMIT ${limit}
       FOR UPDATE SKIP LOCKED`;
    if (rows.length === 0) return 0;
    const ids = rows.map((r) => r.id);
    await tx.$executeRaw`DELETE FROM "DevicePosture" WHERE "deviceId" = ANY(${ids}::uuid[])`;
    await tx.$executeRaw`DELETE FROM "DeviceCompliance" WHERE "deviceId" = ANY(${ids}::uuid[])`;
    await tx.$executeRaw`DELETE FROM "DeviceRuleFailure" WHERE "deviceId" = ANY(${ids}::uuid[])`;
    await tx.$executeRaw`DELETE FROM "ComplianceStateChange" WHERE "deviceId" = ANY(${ids}::uuid[])`;
    await tx.$executeRaw`DELETE FROM "ComplianceEscalationAction" WHERE "deviceId" = ANY(${ids}::uuid[])`;
    await tx.$executeRaw`DELETE FROM "ComplianceNotification" WHERE "deviceId" = ANY(${ids}::uuid[])`;
    await tx.$executeRaw`DELETE FROM "AppleManagedProfile" WHERE "deviceId" = ANY(${ids}::uuid[])`;
    await clearDeviceCommandPayloads(tx, ids);
    await tx.$executeRaw`
      UPDATE "AppleEnrollment" SET "enrollmentId" = NULL, udid = NULL, "appleEnrollmentId" = NULL, topic = NULL, "pushMagic" = NULL,
             "pushTokenHex" = NULL, "lastAuthenticate" = NULL, "lastDeviceInformation" = NULL, "lastSecurityInfo" = NULL, "lastProfileList" = NULL
       WHERE "deviceId" = ANY(${ids}::uuid[])`;
    await tx.$executeRaw`
      UPDATE "AndroidDevice" SET "amapiName" = NULL, "enrollmentTokenName" = NULL, "nonComplianceDetails" = NULL, "securityRisks" = '{}',
             "securityPosture" = NULL, "apiLevel" = NULL
       WHERE "deviceId" = ANY(${ids}::uuid[])`;
    await tx.$executeRaw`
      UPDATE "Device" SET "serialNumber" = NULL, "displayName" = NULL, model = NULL, "osVersion" = NULL, "assetTag" = NULL, notes = NULL,
             "personalDataRemovedAt" = ${now}
       WHERE id = ANY(${ids}::uuid[])`;
    // One audit event per device, in the same transaction: the removal is accountable, and names no identifier.
    await tx.$executeRaw`
      INSERT INTO "AuditEvent" ("at", "actorType", "action", "targetType", "targetId", "details")
      SELECT ${now}, 'system', 'device.personal_data_removed', 'device', id, jsonb_build_object('reason', 'retention after unenrolment')
        FROM unnest(${ids}::text[]) AS id`;
    return ids.length;
  });
}
