import type { Static, TSchema } from 'typebox';
import type { Deps } from '../deps.js';

/** Queues are separate so slow deliveries (APNs, Google) never hold up compliance or audit work. */
export type QueueName = 'default' | 'push' | 'commands' | 'compliance' | 'webhooks' | 'email';

export interface JobContext {
  jobId: string;
  /** 1 on the first try. */
  attempt: number;
  maxAttempts: number;
}

/**
 * The contract of one kind of background job: its name, queue, payload schema (re-checked by the worker before
 * the handler runs) and retry policy. Use cases enqueue contracts; the handler that runs each one lives in
 * jobs/handlers.ts, so a contract never imports the use case that enqueues it.
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
}

/** Runs one job: thin, it calls a use case with the payload. */
export type JobHandler<S extends TSchema = TSchema> = (payload: Static<S>, deps: Deps, ctx: JobContext) => Promise<void>;

export function defineJob<S extends TSchema>(definition: JobDefinition<S>): JobDefinition<S> {
  return definition;
}

export interface EnqueueOptions {
  /** Deterministic id: a job with the same id that is still waiting or active is not added twice. */
  jobId?: string;
  delayMs?: number;
  priority?: number;
  /**
   * At most one waiting job per id (BullMQ deduplication, released when the job finishes, unlike `jobId` which
   * blocks the id for as long as finished jobs are kept). With `keepLastIfActive`, an enqueue while the job runs
   * is kept and runs after it, so the last request is never dropped (e.g. a wake-up push for a command queued
   * while the previous push was in flight).
   */
  dedupeId?: string;
  keepLastIfActive?: boolean;
}

/** The port use cases see. BullMQ stays behind it. */
export interface JobQueue {
  enqueue<S extends TSchema>(job: JobDefinition<S>, payload: Static<S>, options?: EnqueueOptions): Promise<void>;
  enqueueMany<S extends TSchema>(
    job: JobDefinition<S>,
    items: { payload: Static<S>; options?: EnqueueOptions }[],
  ): Promise<void>;
  /**
   * Ids of the jobs waiting, delayed, active or being retried on the queue that runs `job`, of whatever kind: a
   * caller tells its own jobs by their ids.
   */
  pendingJobIds(job: JobDefinition): Promise<Set<string>>;
  close(): Promise<void>;
}
