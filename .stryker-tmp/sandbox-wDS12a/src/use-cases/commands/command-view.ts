// @ts-nocheck
import type { Command } from '../../generated/prisma/client.js';

export interface CommandView {
  id: string;
  deviceId: string;
  /** LOCK, WIPE_SELECTIVE or WIPE_FULL when requested through the lock/wipe API. */
  action: string | null;
  requestType: string;
  status: Command['status'];
  priority: number;
  payload: unknown;
  result: unknown;
  error: unknown;
  reason: string | null;
  requestedById: string | null;
  approvedById: string | null;
  attempts: number;
  requestedAt: string;
  approvedAt: string | null;
  queuedAt: string | null;
  dispatchedAt: string | null;
  sentAt: string | null;
  acknowledgedAt: string | null;
  failedAt: string | null;
  cancelledAt: string | null;
}

const iso = (d: Date | null) => (d ? d.toISOString() : null);

// Install payloads can be large binary profiles; the API shows that one is there, not its bytes.
function redactPayload(payload: unknown): unknown {
  if (payload && typeof payload === 'object' && !Array.isArray(payload) && 'Payload' in payload) {
    return { ...(payload as Record<string, unknown>), Payload: '(profile data)' };
  }
  return payload;
}

export function toCommandView(command: Command): CommandView {
  return {
    id: command.id,
    deviceId: command.deviceId,
    action: command.action,
    requestType: command.requestType,
    status: command.status,
    priority: command.priority,
    payload: redactPayload(command.payload),
    result: command.result ?? null,
    error: command.error ?? null,
    reason: command.reason,
    requestedById: command.requestedById,
    approvedById: command.approvedById,
    attempts: command.attempts,
    requestedAt: command.requestedAt.toISOString(),
    approvedAt: iso(command.approvedAt),
    queuedAt: iso(command.queuedAt),
    dispatchedAt: iso(command.dispatchedAt),
    sentAt: iso(command.sentAt),
    acknowledgedAt: iso(command.acknowledgedAt),
    failedAt: iso(command.failedAt),
    cancelledAt: iso(command.cancelledAt),
  };
}
