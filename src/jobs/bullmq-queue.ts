import { Queue } from 'bullmq';
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

export class BullJobQueue implements JobQueue {
  private readonly queues = new Map<QueueName, Queue>();

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
    await this.queue(job.queue).add(job.name, withJobRequestId(payload), bullJobOptions(job, options));
  }

  async enqueueMany<S extends TSchema>(job: JobDefinition<S>, items: { payload: unknown; options?: EnqueueOptions }[]) {
    if (items.length === 0) return;
    await this.queue(job.queue).addBulk(
      items.map((item) => ({ name: job.name, data: withJobRequestId(item.payload), opts: bullJobOptions(job, item.options) })),
    );
  }

  async pendingJobIds(job: JobDefinition): Promise<Set<string>> {
    const jobs = await this.queue(job.queue).getJobs(['waiting', 'delayed', 'active', 'prioritized', 'waiting-children']);
    return new Set(jobs.filter((j) => j && j.name === job.name && j.id).map((j) => j.id as string));
  }

  async close() {
    await Promise.all([...this.queues.values()].map((q) => q.close()));
  }
}
