import type { Static, TSchema } from 'typebox';
import type { Deps } from '../container.js';

/** Queues are separate so slow deliveries (APNs, Google) never hold up compliance or audit work. */
export type QueueName = 'default' | 'push' | 'commands' | 'compliance' | 'webhooks' | 'email';

export interface JobContext {
  jobId: string;
  /** 1 on the first try. */
  attempt: number;
  maxAttempts: number;
}

/**
 * One kind of background job: its name, payload schema (re-checked by the worker before the handler runs)
 * and handler. Handlers are thin: they call a use case with the payload.
 */
export interface JobDefinition<S extends TSchema = TSchema> {
  name: string;
  queue: QueueName;
  payload: S;
  attempts?: number;
  /** First retry delay; it doubles on each further attempt. */
  backoffMs?: number;
  /** Run on a fixed cadence (a BullMQ job scheduler) in addition to any explicit enqueue. */
  everyMs?: number;
  handle(payload: Static<S>, deps: Deps, ctx: JobContext): Promise<void>;
}

export function defineJob<S extends TSchema>(definition: JobDefinition<S>): JobDefinition<S> {
  return definition;
}

export interface EnqueueOptions {
  /** Deterministic id: a job with the same id that is still waiting or active is not added twice. */
  jobId?: string;
  delayMs?: number;
  priority?: number;
}

/** The port use cases see. BullMQ stays behind it. */
export interface JobQueue {
  enqueue<S extends TSchema>(job: JobDefinition<S>, payload: Static<S>, options?: EnqueueOptions): Promise<void>;
  enqueueMany<S extends TSchema>(
    job: JobDefinition<S>,
    items: { payload: Static<S>; options?: EnqueueOptions }[],
  ): Promise<void>;
  /** Ids of jobs of this kind that are waiting, delayed, active or being retried. */
  pendingJobIds(job: JobDefinition): Promise<Set<string>>;
  close(): Promise<void>;
}
