import type { DeviceRetirement } from '../../generated/prisma/client.js';

/** A device's retirement as the API shows it: what was asked of the device and what actually happened. */
export interface RetirementView {
  method: string;
  effect: string;
  state: 'PENDING' | 'COMPLETED';
  outcome: string | null;
  commandId: string | null;
  requestedAt: string;
  finishedAt: string | null;
  confirmedAt: string | null;
  details: Record<string, unknown> | null;
}

export function toRetirementView(row: DeviceRetirement): RetirementView {
  return {
    method: row.method,
    effect: row.effect,
    state: row.state === 'PENDING' ? 'PENDING' : 'COMPLETED',
    outcome: row.outcome,
    commandId: row.commandId,
    requestedAt: row.requestedAt.toISOString(),
    finishedAt: row.finishedAt?.toISOString() ?? null,
    confirmedAt: row.confirmedAt?.toISOString() ?? null,
    details: (row.details as Record<string, unknown> | null) ?? null,
  };
}
