import { UnrecoverableError, Worker, type Job } from 'bullmq';
import Value from 'typebox/value';
import type { Deps } from '../deps.js';
import { createRedis } from '../redis.js';
import { startAuditSealer } from './audit-sealer-loop.js';
import { startAuditStream } from './audit-stream-loop.js';
import { BullJobQueue } from './bullmq-queue.js';
import type { QueueName } from './job-queue.js';
import { jobRegistry, type RegisteredJob } from './registry.js';
import { reconcileDeliveriesJob } from './definitions/delivery.js';
import { runWithRequestContext, takeJobRequestId } from '../observability/request-context.js';
import { bullTelemetry } from '../observability/tracing-state.js';

export interface RunningWorkers {
  /** Stops taking jobs and waits for the ones in flight to finish. */
  close(): Promise<void>;
}

export async function startWorkers(
  deps: Deps,
  registry: Map<string, RegisteredJob> = jobRegistry(),
): Promise<RunningWorkers> {
  const { config, logger } = deps;
  const queueNames = new Set<QueueName>([...registry.values()].map((r) => r.definition.queue));
  // Workers block on their connection; each gets its own so API-side commands never wait behind them.
  const connection = createRedis(config.REDIS_URL);
  const scheduler = new BullJobQueue(connection, config.REDIS_PREFIX);

  const process = async (job: Job) => {
    const registered = registry.get(job.name);
    if (!registered) throw new UnrecoverableError(`No handler for job ${job.name}`);
    const { definition } = registered;
    // The request that enqueued the job (if any) names every log line the job writes; a scheduled job gets its own id.
    const { payload, requestId } = takeJobRequestId(job.data);
    if (!Value.Check(definition.payload, payload)) {
      const problems = [...Value.Errors(definition.payload, payload)].map((e) => `${e.instancePath} ${e.message}`);
      throw new UnrecoverableError(`Invalid payload for ${job.name}: ${problems.join('; ')}`);
    }
    await runWithRequestContext({ requestId: requestId ?? `job-${job.id ?? 'unknown'}` }, () =>
      registered.handle(payload, deps, {
        jobId: job.id ?? '',
        attempt: job.attemptsMade + 1,
        maxAttempts: job.opts.attempts ?? 1,
      }),
    );
  };

  const workers = [...queueNames].map((name) => {
    const worker = new Worker(name, process, {
      connection,
      prefix: config.REDIS_PREFIX,
      concurrency: config.WORKER_CONCURRENCY,
      ...bullTelemetry(),
    });
    const record = (job: Job | undefined, outcome: 'completed' | 'failed') => {
      if (!job) return;
      deps.metrics.jobs.inc({ queue: name, name: job.name, outcome });
      if (job.processedOn && job.finishedOn) deps.metrics.jobDuration.observe({ queue: name, name: job.name }, (job.finishedOn - job.processedOn) / 1000);
    };
    worker.on('completed', (job) => record(job, 'completed'));
    worker.on('failed', (job) => record(job, 'failed'));
    worker.on('failed', (job, error) =>
      logger.warn({ job: job?.name, jobId: job?.id, attempt: job?.attemptsMade, err: error }, 'job failed'),
    );
    worker.on('error', (error) => logger.error({ err: error, queue: name }, 'worker error'));
    return worker;
  });

  // Schedules live in Redis, which can lose them (flush, failover to an empty replica): every worker re-creates
  // them at start and then periodically. upsertJobScheduler is idempotent, so many workers asserting is harmless.
  const assertSchedules = async () => {
    for (const { definition } of registry.values()) {
      if (!definition.everyMs) continue;
      await scheduler.queue(definition.queue).upsertJobScheduler(definition.name, { every: definition.everyMs }, { name: definition.name, data: {} });
    }
  };
  const scheduleTimer = setInterval(
    () => void assertSchedules().catch((error) => logger.warn({ err: error }, 'could not re-create job schedules; retrying')),
    config.SCHEDULE_ASSERT_INTERVAL_MS,
  );
  await assertSchedules().catch((error) => logger.warn({ err: error }, 'could not create job schedules at start; retrying'));

  // The delivery sweep does not depend on Redis keeping anything: each worker runs it on its own timer, from what
  // PostgreSQL says is due (claims and deduplication make concurrent sweeps harmless).
  const sweep = registry.get(reconcileDeliveriesJob.name);
  let sweeping: Promise<void> | null = null;
  const runSweep = () => {
    if (!sweep || sweeping) return;
    sweeping = sweep
      .handle({}, deps, { jobId: 'delivery-sweep', attempt: 1, maxAttempts: 1 })
      .catch((error) => logger.warn({ err: error }, 'delivery sweep failed; next round retries'))
      .finally(() => {
        sweeping = null;
      });
  };
  const sweepTimer = setInterval(runSweep, config.COMMAND_SWEEP_INTERVAL_MS);
  runSweep();

  // Links audit events into the hash chain; not a BullMQ job so that it keeps running whatever happens to Redis.
  const sealer = startAuditSealer(deps);
  // Streams what the sealer linked to the audit webhook (AUDIT_WEBHOOK_URL), if one is set.
  const auditStream = startAuditStream(deps);

  return {
    async close() {
      clearInterval(scheduleTimer);
      clearInterval(sweepTimer);
      await sweeping;
      await sealer.close();
      await auditStream?.close();
      await Promise.all(workers.map((w) => w.close()));
      await scheduler.close();
      connection.disconnect();
    },
  };
}
