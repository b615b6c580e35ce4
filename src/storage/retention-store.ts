import type { Db } from '../db/prisma.js';

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
