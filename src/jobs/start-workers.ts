import { UnrecoverableError, Worker, type Job } from 'bullmq';
import Value from 'typebox/value';
import type { Deps } from '../container.js';
import { createRedis } from '../redis.js';
import { BullJobQueue } from './bullmq-queue.js';
import type { JobDefinition, QueueName } from './job-queue.js';
import { jobRegistry } from './registry.js';
import { runWithRequestContext, takeJobRequestId } from '../observability/request-context.js';
import { bullTelemetry } from '../observability/tracing-state.js';

export interface RunningWorkers {
  /** Stops taking jobs and waits for the ones in flight to finish. */
  close(): Promise<void>;
}

export async function startWorkers(
  deps: Deps,
  registry: Map<string, JobDefinition> = jobRegistry(),
): Promise<RunningWorkers> {
  const { config, logger } = deps;
  const queueNames = new Set<QueueName>([...registry.values()].map((d) => d.queue));
  // Workers block on their connection; each gets its own so API-side commands never wait behind them.
  const connection = createRedis(config.REDIS_URL);
  const scheduler = new BullJobQueue(connection, config.REDIS_PREFIX);

  const process = async (job: Job) => {
    const definition = registry.get(job.name);
    if (!definition) throw new UnrecoverableError(`No handler for job ${job.name}`);
    // The request that enqueued the job (if any) names every log line the job writes; a scheduled job gets its own id.
    const { payload, requestId } = takeJobRequestId(job.data);
    if (!Value.Check(definition.payload, payload)) {
      const problems = [...Value.Errors(definition.payload, payload)].map((e) => `${e.instancePath} ${e.message}`);
      throw new UnrecoverableError(`Invalid payload for ${job.name}: ${problems.join('; ')}`);
    }
    await runWithRequestContext({ requestId: requestId ?? `job-${job.id ?? 'unknown'}` }, () =>
      definition.handle(payload, deps, {
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

  for (const definition of registry.values()) {
    if (definition.everyMs) {
      await scheduler.queue(definition.queue).upsertJobScheduler(
        definition.name,
        { every: definition.everyMs },
        { name: definition.name, data: {} },
      );
    }
  }

  return {
    async close() {
      await Promise.all(workers.map((w) => w.close()));
      await scheduler.close();
      connection.disconnect();
    },
  };
}
