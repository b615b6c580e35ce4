import { inject } from 'vitest';
import type { ActionOptions, CommandChannel, DeviceAction, DeviceActionTarget, PlannedCommand } from '../../src/integrations/command-channel.js';
import type { Deps } from '../../src/deps.js';
import type { Platform } from '../../src/generated/prisma/enums.js';
import { AppError } from '../../src/errors.js';
import { markCommandAccepted } from '../../src/storage/command-queue.js';
import type { BullJobQueue } from '../../src/jobs/bullmq-queue.js';
import type { QueueName } from '../../src/jobs/job-queue.js';

/** A Redis prefix of this file's own, so workers started here never take other files' jobs (and flushing it is safe). */
export const ownRedisPrefix = (name: string) => `${inject('redisPrefix')}:ops-${name}`;

/**
 * Stands in for a platform channel where the real one is not the subject: it counts completed deliveries per
 * command id, and `hold` makes the next delivery hang as a worker dying mid-push would.
 */
export class FakeChannel implements CommandChannel {
  readonly delivered = new Map<string, number>();
  readonly started: string[] = [];
  failNext = 0;
  private holds: (() => void)[] = [];
  private holdNext = 0;

  constructor(
    readonly platform: Platform,
    private readonly deps: Deps,
  ) {}

  plan({ device }: DeviceActionTarget, action: DeviceAction, _options: ActionOptions): PlannedCommand {
    if (action === 'WIPE_FULL' && device.model === 'user-enrolment') throw new AppError('UNPROCESSABLE', 'User Enrolment cannot be erased');
    const requestType = { LOCK: 'DeviceLock', WIPE_SELECTIVE: 'RemoveProfile', WIPE_FULL: 'EraseDevice' }[action];
    return { requestType, payload: { RequestType: requestType }, effect: `fake ${action}` };
  }

  async deliver(commandId: string): Promise<void> {
    this.started.push(commandId);
    if (this.holdNext > 0) {
      this.holdNext -= 1;
      await new Promise<void>((resolve) => this.holds.push(resolve));
      throw new Error('worker died'); // the push never happened
    }
    if (this.failNext > 0) {
      this.failNext -= 1;
      throw new Error('upstream unavailable');
    }
    this.delivered.set(commandId, (this.delivered.get(commandId) ?? 0) + 1);
    // As Android does once AMAPI accepted the command (Apple does it when the device fetches it).
    const command = await this.deps.db.command.findUniqueOrThrow({ where: { id: commandId } });
    await markCommandAccepted(this.deps.db, commandId, this.deps.clock.now(), command.payload as Record<string, unknown>, { fake: true });
  }

  /** The next `n` deliveries hang until `releaseHeld()`, then fail without reaching the device. */
  holdDeliveries(n: number) {
    this.holdNext = n;
  }

  releaseHeld() {
    for (const release of this.holds.splice(0)) release();
  }
}

export function useFakeChannels(deps: Deps) {
  const apple = new FakeChannel('APPLE', deps);
  const android = new FakeChannel('ANDROID', deps);
  deps.apple.channel = apple;
  deps.android.channel = android;
  return { apple, android };
}

/** Deletes every Redis key of one prefix: what "Redis lost its data" looks like to this test, and to nobody else. */
export async function flushPrefix(deps: Deps, prefix: string) {
  let cursor = '0';
  do {
    const [next, keys] = await deps.redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
    if (keys.length) await deps.redis.del(...keys);
    cursor = next;
  } while (cursor !== '0');
}

/** Payloads of the jobs of one queue still waiting, delayed or running (deduplicated jobs have random ids). */
export async function pendingJobPayloads(deps: Deps, queue: QueueName, name: string): Promise<Record<string, unknown>[]> {
  const jobs = await (deps.queue as BullJobQueue).queue(queue).getJobs(['waiting', 'delayed', 'active', 'prioritized']);
  return jobs.filter((j) => j && j.name === name).map((j) => j.data as Record<string, unknown>);
}
