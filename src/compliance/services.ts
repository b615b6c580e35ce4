import { createHash, timingSafeEqual } from 'node:crypto';
import type { BaseDeps } from '../container.js';
import { AppError } from '../errors.js';
import { createReportStore, type ReportStore } from './report-store.js';

/** Lock or selective wipe; escalation never asks for anything else (no full wipe, whatever the ownership). */
export type EscalationDeviceAction = 'LOCK' | 'WIPE_SELECTIVE';

/**
 * How escalation asks the operations area to act on a device. Mirrors
 * `requestDeviceAction(deps, system, { deviceId, action, reason })` from src/use-cases/commands; kept behind
 * this port so escalation is testable and does not depend on how commands are approved and delivered.
 */
export interface DeviceActionRequester {
  request(input: { deviceId: string; action: EscalationDeviceAction; reason: string }): Promise<{ commandId: string | null }>;
}

/** Checks the API keys identity providers and VPNs present to GET /v1/devices/{id}/access. */
export interface AccessKeyVerifier {
  readonly enabled: boolean;
  verify(presented: string): boolean;
}

/** Long-lived collaborators of the compliance area, built once per process. */
export interface ComplianceServices {
  deviceActions: DeviceActionRequester;
  accessKeys: AccessKeyVerifier;
  reports: ReportStore;
}

const digest = (value: string) => createHash('sha256').update(value).digest();

export function createAccessKeyVerifier(keys: string): AccessKeyVerifier {
  // Compare digests so every comparison takes the same time whatever the key lengths.
  const digests = keys.split(',').map((k) => k.trim()).filter(Boolean).map(digest);
  return {
    enabled: digests.length > 0,
    verify(presented) {
      const candidate = digest(presented);
      let match = false;
      for (const d of digests) match = timingSafeEqual(d, candidate) || match;
      return match;
    },
  };
}

/** Used until the operations area's requestDeviceAction is wired in: the action job fails and is retried later. */
export const unavailableDeviceActions: DeviceActionRequester = {
  async request() {
    throw new AppError('SERVICE_UNAVAILABLE', 'Device actions are not available in this build');
  },
};

export async function createComplianceServices(base: BaseDeps): Promise<ComplianceServices> {
  return {
    deviceActions: unavailableDeviceActions,
    accessKeys: createAccessKeyVerifier(base.config.COMPLIANCE_ACCESS_API_KEYS),
    reports: createReportStore(base.db),
  };
}
