import type { BaseDeps } from '../../deps.js';
import { clearFinishedCommandPayloads } from '../../storage/command-queue.js';
import { clearRawPostureReports, deleteExpiredBatch, removePersonalDeviceData, type RetentionKind } from '../../storage/retention-store.js';

type Step = RetentionKind | 'commandPayloads' | 'rawPostureReports' | 'personalDevices';
export type RetentionReport = Partial<Record<Step, number>>;

/**
 * Removes data older than its configured retention, kind by kind, in batches of RETENTION_BATCH_SIZE rows (each its
 * own short statement), up to `maxBatches` per kind per run so one run stays short; the next run continues.
 */
export async function applyRetention(deps: Pick<BaseDeps, 'db' | 'clock' | 'config' | 'logger'>, options: { maxBatches?: number } = {}): Promise<RetentionReport> {
  const { config, clock, db } = deps;
  const maxBatches = options.maxBatches ?? 100;
  const cutoff = (days: number) => new Date(clock.now().getTime() - days * 86_400_000);
  const plan: [Step, number][] = [
    ['complianceHistory', config.RETENTION_COMPLIANCE_HISTORY_DAYS],
    ['notifications', config.RETENTION_NOTIFICATIONS_DAYS],
    ['complianceNotifications', config.RETENTION_NOTIFICATIONS_DAYS],
    ['emailDeliveries', config.RETENTION_EMAIL_DELIVERIES_DAYS],
    ['webhookDeliveries', config.RETENTION_WEBHOOK_DELIVERIES_DAYS],
    ['pubsubMessageIds', config.RETENTION_PUBSUB_MESSAGE_IDS_DAYS],
    ['commandPayloads', config.RETENTION_COMMAND_PAYLOADS_DAYS],
    ['postureReports', config.RETENTION_POSTURE_REPORTS_DAYS],
    ['rawPostureReports', config.RETENTION_POSTURE_REPORTS_DAYS],
    ['incidents', config.RETENTION_INCIDENTS_DAYS],
    // Counted in devices, not rows: each batch scrubs up to RETENTION_BATCH_SIZE devices in one transaction.
    ['personalDevices', config.RETENTION_PERSONAL_DEVICE_DAYS],
  ];
  const step = (kind: Step, before: Date): Promise<number> => {
    const limit = config.RETENTION_BATCH_SIZE;
    switch (kind) {
      case 'commandPayloads':
        return clearFinishedCommandPayloads(db, before, limit);
      case 'rawPostureReports':
        return clearRawPostureReports(db, before, limit);
      case 'personalDevices':
        return removePersonalDeviceData(db, before, clock.now(), limit);
      default:
        return deleteExpiredBatch(db, kind, before, limit);
    }
  };
  const report: RetentionReport = {};
  for (const [kind, days] of plan) {
    if (days === 0) continue;
    const before = cutoff(days);
    let removed = 0;
    for (let batch = 0; batch < maxBatches; batch++) {
      const n = await step(kind, before);
      removed += n;
      if (n < config.RETENTION_BATCH_SIZE) break;
    }
    if (removed > 0) report[kind] = removed;
  }
  if (Object.keys(report).length > 0) deps.logger.info({ retention: report }, 'retention applied');
  return report;
}
