import { createAuditLog } from './audit/audit-log.js';
import { systemClock, type Clock } from './clock.js';
import type { Config } from './config/index.js';
import { closePrisma, createPrisma } from './db/prisma.js';
import type { BaseDeps, Deps } from './deps.js';
import { createAccessKeyVerifier } from './domain/auth/access-keys.js';
import { createAndroidServices } from './integrations/android/services.js';
import { createAppleServices } from './integrations/apple/services.js';
import { createWebhookServices } from './integrations/webhooks/services.js';
import { createOidcClient } from './integrations/oidc/oidc-client.js';
import { BullJobQueue } from './jobs/bullmq-queue.js';
import { createRedis } from './redis.js';
import { createReportStore } from './storage/report-store.js';
import { applyAndroidOperation } from './use-cases/android/apply-android-operation.js';
import { pushDevice } from './use-cases/apple/push-device.js';
import { commandPipelineDeviceActions } from './use-cases/compliance/device-action-requester.js';
import type { Logger } from 'pino';
import { createLogger } from './observability/logger.js';
import { createMetrics } from './observability/metrics.js';

/** The composition root: imported by the two process entry points (api/server.ts, jobs/worker.ts) and tests. */
export interface DepsOverrides {
  clock?: Clock;
  logger?: Logger;
  process?: 'api' | 'worker';
}

export async function createDeps(config: Config, overrides: DepsOverrides = {}): Promise<Deps> {
  const logger = overrides.logger ?? createLogger({ level: config.LOG_LEVEL });
  const db = createPrisma(config.DATABASE_URL, {
    preparedStatements: config.DATABASE_PREPARED_STATEMENTS,
    onConnectionError: (error) => logger.warn({ err: error }, 'database connection error'),
  });
  const redis = createRedis(config.REDIS_URL, { failFast: true });
  // Without a listener ioredis prints every reconnect failure; /readyz reports the outage instead.
  redis.on('error', (error) => logger.debug({ err: error }, 'redis connection error'));
  const clock = overrides.clock ?? systemClock;
  const base: BaseDeps = {
    config,
    db,
    redis,
    queue: new BullJobQueue(redis, config.REDIS_PREFIX),
    audit: createAuditLog(db, clock),
    clock,
    logger,
    metrics: createMetrics({ process: overrides.process ?? 'api' }),
  };
  const deps: Deps = {
    ...base,
    // The channel's pushes go through the push use case of the finished deps (called only once they exist).
    apple: await createAppleServices(base, (deviceId, target) => pushDevice(deps, deviceId, target)),
    android: await createAndroidServices(base, async (operation) => void (await applyAndroidOperation(base, operation))),
    compliance: {
      deviceActions: commandPipelineDeviceActions,
      accessKeys: createAccessKeyVerifier(config.COMPLIANCE_ACCESS_API_KEYS),
      reports: createReportStore(db),
    },
    webhooks: createWebhookServices(base),
    oidc: createOidcClient(config),
  };
  return deps;
}

export async function closeDeps(deps: Deps): Promise<void> {
  await deps.apple.lastSeen.close();
  await deps.queue.close();
  await closePrisma(deps.db);
  deps.redis.disconnect();
}
