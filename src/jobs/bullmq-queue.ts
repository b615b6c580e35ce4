import { Queue, type JobsOptions } from 'bullmq';
import type DataLoader from 'dataloader';
import { sameTurnLoader } from '../same-turn-loader.js';
import type { Redis } from 'ioredis';
import type { TSchema } from 'typebox';
import type { EnqueueOptions, JobDefinition, JobQueue, QueueName } from './job-queue.js';
import { withJobRequestId } from '../observability/request-context.js';
import { bullTelemetry } from '../observability/tracing-state.js';

export function bullJobOptions(job: JobDefinition, options: EnqueueOptions = {}) {
  return {
    jobId: options.jobId,
    ...(options.dedupeId ? { deduplication: { id: options.dedupeId, ...(options.keepLastIfActive ? { keepLastIfActive: true } : {}) } } : {}),
    delay: options.delayMs,
    priority: options.priority,
    attempts: job.attempts ?? 5,
    backoff: { type: 'exponential', delay: job.backoffMs ?? 2_000 },
    removeOnComplete: { age: 24 * 3600, count: 10_000 },
    removeOnFail: { age: 7 * 24 * 3600 },
  };
}

interface BulkJob {
  name: string;
  data: unknown;
  opts: JobsOptions;
}

/** A job as addBulk takes it, with the enqueuing request's id carried in its data. */
const bulkJob = (job: JobDefinition, payload: unknown, options?: EnqueueOptions): BulkJob => ({
  name: job.name,
  data: withJobRequestId(payload),
  opts: bullJobOptions(job, options),
});

/** The most jobs one round trip to Redis adds; more wait for the next. */
const MAX_JOBS_PER_ADD = 500;

export class BullJobQueue implements JobQueue {
  private readonly queues = new Map<QueueName, Queue>();
  private readonly adders = new Map<QueueName, DataLoader<BulkJob, void>>();

  constructor(
    private readonly connection: Redis,
    private readonly prefix: string,
  ) {}

  queue(name: QueueName): Queue {
    let queue = this.queues.get(name);
    if (!queue) {
      queue = new Queue(name, { connection: this.connection, prefix: this.prefix, ...bullTelemetry() });
      this.queues.set(name, queue);
    }
    return queue;
  }

  async enqueue<S extends TSchema>(job: JobDefinition<S>, payload: unknown, options?: EnqueueOptions) {
    await this.adder(job.queue).load(bulkJob(job, payload, options));
  }

  async enqueueMany<S extends TSchema>(job: JobDefinition<S>, items: { payload: unknown; options?: EnqueueOptions }[]) {
    if (items.length === 0) return;
    const added = await this.adder(job.queue).loadMany(items.map((item) => bulkJob(job, item.payload, item.options)));
    const failed = added.find((result) => result instanceof Error);
    if (failed) throw failed;
  }

  /**
   * Jobs for one queue added during one turn of the event loop (every accepted wipe adds a delivery job and a
   * webhook job) go to Redis in one pipeline (addBulk): each round trip costs more CPU than the script it runs. A
   * failed pipeline fails every caller in it, each of which handles that as it would its own failed add.
   */
  private adder(name: QueueName): DataLoader<BulkJob, void> {
    let adder = this.adders.get(name);
    if (!adder) {
      adder = sameTurnLoader<BulkJob, void>(async (jobs) => {
        await this.queue(name).addBulk([...jobs]);
        return jobs.map(() => undefined);
      }, MAX_JOBS_PER_ADD);
      this.adders.set(name, adder);
    }
    return adder;
  }

  async pendingJobIds(job: JobDefinition): Promise<Set<string>> {
    // Ids only (one range read per state): reading each job's hash to check its name made every sweep fetch the
    // whole backlog, e.g. every retrying delivery to a webhook endpoint that is down.
    return new Set(await this.queue(job.queue).getRanges(['waiting', 'delayed', 'active', 'prioritized', 'waiting-children']));
  }

  async close() {
    await Promise.all([...this.queues.values()].map((q) => q.close()));
  }
}
