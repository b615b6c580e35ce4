import type { Command } from '../../generated/prisma/client.js';

const iso = (d: Date | null) => d?.toISOString() ?? null;

/** The public shape of a command: its status and when each step happened. */
export function toCommandView(command: Command) {
  return {
    id: command.id,
    deviceId: command.deviceId,
    action: command.action,
    requestType: command.requestType,
    status: command.status,
    reason: command.reason,
    requestedById: command.requestedById,
    approvedById: command.approvedById,
    attempts: command.attempts,
    error: (command.error as Record<string, unknown> | null) ?? null,
    requestedAt: command.requestedAt.toISOString(),
    approvedAt: iso(command.approvedAt),
    queuedAt: iso(command.queuedAt),
    sentAt: iso(command.sentAt),
    acknowledgedAt: iso(command.acknowledgedAt),
    failedAt: iso(command.failedAt),
    cancelledAt: iso(command.cancelledAt),
  };
}

export type CommandView = ReturnType<typeof toCommandView>;
