import type { Deps } from '../../deps.js';
import type { Tx } from '../../db/prisma.js';
import type { Command } from '../../generated/prisma/client.js';
import type { DbOrTx } from '../../db/prisma.js';
import { insertCommandRecorded, type NewCommand } from '../../storage/command-queue.js';
import { deliverCommandJob } from '../../jobs/definitions/delivery.js';
import { eventTypeFor } from '../../domain/commands/status.js';
import { commandStepEntry, type CommandActor } from './command-events.js';
import { toCommandView } from './command-view.js';

export interface CommandToQueue {
  requestType: string;
  payload: Record<string, unknown>;
  priority?: number;
  /** LOCK, WIPE_SELECTIVE or WIPE_FULL for generic device actions. */
  action?: string | null;
  /** AWAITING_APPROVAL: stored, not delivered until a second person approves (full wipes). */
  status?: 'QUEUED' | 'AWAITING_APPROVAL';
}

export interface QueueCommandsInput {
  deviceId: string;
  commands: CommandToQueue[];
  reason: string;
  requestedById: string | null;
  /** Retrying with the same key (per requester) fails with P2002; requestDeviceAction replays the first command. */
  idempotencyKey?: string | null;
  actor: CommandActor;
  /** Extra audit details of the request (ownership, on whose behalf, ...). */
  auditDetails?: Record<string, unknown>;
  /** Writes that must commit with the commands, e.g. which profile version an InstallProfile carries. */
  alongside?: (tx: Tx, rows: Command[]) => Promise<void>;
}

/**
 * The one way every caller queues commands, for both platforms: IT actions, escalation, the incident playbook,
 * consent withdrawal, posture refresh, profile installation, Android-only commands. The commands and their
 * `command.requested` audit events are stored in one transaction (PostgreSQL is the source of truth); then each
 * QUEUED one gets its wake-up (a delivery job; if Redis is down the delivery sweep finds it due in PostgreSQL) and
 * webhook subscribers hear of it.
 */
export async function queueCommands(deps: QueueDeps, input: QueueCommandsInput): Promise<Command[]> {
  // One command with nothing alongside (a lock or wipe) is one statement, atomic on its own: no transaction to open.
  const staged =
    input.commands.length === 1 && !input.alongside
      ? await storeCommands(deps, deps.db, input)
      : await deps.db.$transaction((tx) => stageCommands(deps, tx, input));
  await announceCommands(deps, staged);
  return staged.rows;
}

type QueueDeps = Pick<Deps, 'db' | 'queue' | 'audit' | 'clock' | 'config' | 'logger' | 'webhooks'>;

/** Commands stored in a caller's transaction, waiting for `announceCommands` once it has committed. */
export interface StagedCommands {
  rows: Command[];
  outbox: string[];
}

/**
 * The stored half of queueCommands, in the caller's transaction, for a use case whose own change must commit with
 * the commands (retiring a device: its status and the RemoveProfile command). Call announceCommands after commit.
 */
export async function stageCommands(deps: Omit<QueueDeps, 'db'>, tx: Tx, input: QueueCommandsInput): Promise<StagedCommands> {
  const staged = await storeCommands(deps, tx, input);
  // Before any wake-up: a device answering at once finds what the commands stand for already stored.
  await input.alongside?.(tx, staged.rows);
  return staged;
}

/** Each command with its `command.requested` audit event and webhook outbox rows, one statement per command. */
async function storeCommands(deps: Omit<QueueDeps, 'db'>, db: DbOrTx, input: QueueCommandsInput): Promise<StagedCommands> {
  const now = deps.clock.now();
  const rows: Command[] = [];
  const outbox: string[] = [];
  for (const [index, command] of input.commands.entries()) {
    const data: NewCommand = {
      deviceId: input.deviceId,
      requestType: command.requestType,
      payload: command.payload,
      priority: command.priority ?? 0,
      status: command.status ?? 'QUEUED',
      action: command.action ?? null,
      reason: input.reason,
      requestedById: input.requestedById,
      idempotencyKey: input.idempotencyKey ?? null,
    };
    // A millisecond apart, so the device gets them in the order given (its queue is ordered by requestedAt).
    const stored = await insertCommandRecorded(db, data, { now: new Date(now.getTime() + index), deadlineSeconds: deps.config.COMMAND_DELIVERY_DEADLINE_SECONDS }, (row) => {
      const type = eventTypeFor(row.status);
      return {
        audit: commandStepEntry(row, 'command.requested', input.actor, { reason: input.reason, ...input.auditDetails }),
        // The webhook outbox rows commit with the command and its audit event: one transaction per accepted request.
        webhook: type ? { eventType: type, data: { command: toCommandView(row) } } : null,
      };
    });
    rows.push(stored.row);
    outbox.push(...stored.outbox);
  }
  return { rows, outbox };
}

/** After commit: each QUEUED command gets its wake-up and webhook subscribers hear of it. */
export async function announceCommands(deps: Pick<Deps, 'queue' | 'logger' | 'webhooks'>, staged: StagedCommands): Promise<void> {
  await wakeUp(deps, staged.rows.filter((row) => row.status === 'QUEUED').map((row) => row.id));
  await deps.webhooks.publisher.queue(staged.outbox);
}

/**
 * Queues the delivery jobs of commands due a wake-up, in one round trip to Redis (the sweep may wake thousands: the
 * shorter the time between reading what is due and queueing it, the fewer jobs it adds for commands a worker has
 * just delivered). At most one job per command waits at a time (BullMQ deduplication, released when the job
 * finishes); a job for a command already delivered finds it not due and does nothing. A Redis failure is logged,
 * not thrown: the commands are due in PostgreSQL and the delivery sweep of any worker queues them again.
 */
export async function wakeUp(deps: Pick<Deps, 'queue' | 'logger'>, commandIds: string[]): Promise<void> {
  if (commandIds.length === 0) return;
  try {
    await deps.queue.enqueueMany(deliverCommandJob, commandIds.map((commandId) => ({ payload: { commandId }, options: { dedupeId: `command-${commandId}` } })));
  } catch (error) {
    deps.logger.warn({ err: error, commandIds: commandIds.length > 10 ? commandIds.length : commandIds }, 'could not queue command delivery; the delivery sweep will retry');
  }
}
