import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import { createAuditLog, type AuditLog } from './audit/audit-log.js';
import { systemClock, type Clock } from './clock.js';
import type { Config } from './config/index.js';
import { createPrisma, type Db } from './db/prisma.js';
import { BullJobQueue } from './jobs/bullmq-queue.js';
import type { JobQueue } from './jobs/job-queue.js';
import { createRedis } from './redis.js';
import { createAppleServices, type AppleServices } from './mdm/apple/services.js';
import { createAndroidServices, type AndroidServices } from './mdm/android/services.js';
import { createComplianceServices, type ComplianceServices } from './compliance/services.js';
import { createOperationsServices, type OperationsServices } from './operations/services.js';
import { createLogger } from './observability/logger.js';
import { createMetrics, type Metrics } from './observability/metrics.js';

/** What every process shares. Area services are built from it. */
export interface BaseDeps {
  config: Config;
  db: Db;
  redis: Redis;
  queue: JobQueue;
  audit: AuditLog;
  clock: Clock;
  logger: Logger;
  /** This process's own Prometheus figures (HTTP, device protocol, jobs). */
  metrics: Metrics;
}

export interface Deps extends BaseDeps {
  apple: AppleServices;
  android: AndroidServices;
  compliance: ComplianceServices;
  operations: OperationsServices;
}

export interface DepsOverrides {
  clock?: Clock;
  logger?: Logger;
  process?: 'api' | 'worker';
}

export async function createDeps(config: Config, overrides: DepsOverrides = {}): Promise<Deps> {
  const db = createPrisma(config.DATABASE_URL);
  const redis = createRedis(config.REDIS_URL);
  const logger = overrides.logger ?? createLogger({ level: config.LOG_LEVEL });
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
  return {
    ...base,
    apple: await createAppleServices(base),
    android: await createAndroidServices(base),
    compliance: await createComplianceServices(base),
    operations: await createOperationsServices(base),
  };
}

export async function closeDeps(deps: Deps): Promise<void> {
  await deps.queue.close();
  await deps.db.$disconnect();
  deps.redis.disconnect();
}
