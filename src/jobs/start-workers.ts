import { UnrecoverableError, Worker, type Job } from 'bullmq';
import Value from 'typebox/value';
import type { Deps } from '../deps.js';
import { createRedis } from '../redis.js';
import { startAuditSealer } from './audit-sealer-loop.js';
import { BullJobQueue } from './bullmq-queue.js';
import type { QueueName } from './job-queue.js';
import { jobRegistry, type RegisteredJob } from './registry.js';

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
    if (!Value.Check(definition.payload, job.data)) {
      const problems = [...Value.Errors(definition.payload, job.data)].map((e) => `${e.instancePath} ${e.message}`);
      throw new UnrecoverableError(`Invalid payload for ${job.name}: ${problems.join('; ')}`);
    }
    await registered.handle(job.data, deps, {
      jobId: job.id ?? '',
      attempt: job.attemptsMade + 1,
      maxAttempts: job.opts.attempts ?? 1,
    });
  };

  const workers = [...queueNames].map((name) => {
    const worker = new Worker(name, process, {
      connection,
      prefix: config.REDIS_PREFIX,
      concurrency: config.WORKER_CONCURRENCY,
    });
    worker.on('failed', (job, error) =>
      logger.warn({ job: job?.name, jobId: job?.id, attempt: job?.attemptsMade, err: error }, 'job failed'),
    );
    worker.on('error', (error) => logger.error({ err: error, queue: name }, 'worker error'));
    return worker;
  });

  for (const { definition } of registry.values()) {
    if (definition.everyMs) {
      await scheduler.queue(definition.queue).upsertJobScheduler(
        definition.name,
        { every: definition.everyMs },
        { name: definition.name, data: {} },
      );
    }
  }

  // Links audit events into the hash chain; not a BullMQ job so that it keeps running whatever happens to Redis.
  const sealer = startAuditSealer(deps);

  return {
    async close() {
      await sealer.close();
      await Promise.all(workers.map((w) => w.close()));
      await scheduler.close();
      connection.disconnect();
    },
  };
}
