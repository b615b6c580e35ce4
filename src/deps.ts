import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import type { AuditLog } from './audit/audit-log.js';
import type { Clock } from './clock.js';
import type { Config } from './config/index.js';
import type { Db } from './db/prisma.js';
import type { JobQueue } from './jobs/job-queue.js';
import type { Metrics } from './observability/metrics.js';
import type { AppleServices } from './integrations/apple/services.js';
import type { AndroidServices } from './integrations/android/services.js';
import type { WebhookServices } from './integrations/webhooks/services.js';
import type { OidcClient } from './integrations/oidc/oidc-client.js';
import type { AccessKeyVerifier } from './domain/auth/access-keys.js';
import type { ReportStore } from './storage/report-store.js';
import type { DeviceActionRequester } from './use-cases/compliance/device-action-requester.js';

/**
 * What every process shares; area services are built from it. Types only: the composition root that builds
 * them is src/container.ts, which only the two process entry points (and tests) import.
 */
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

/** Long-lived collaborators of the compliance area, built once per process. */
export interface ComplianceServices {
  deviceActions: DeviceActionRequester;
  accessKeys: AccessKeyVerifier;
  reports: ReportStore;
}

export interface Deps extends BaseDeps {
  apple: AppleServices;
  android: AndroidServices;
  compliance: ComplianceServices;
  webhooks: WebhookServices;
  /** Single sign-on with the configured OpenID provider; null when OIDC_ISSUER_URL is not set. */
  oidc: OidcClient | null;
}
