// @ts-nocheck
import { createHash, timingSafeEqual } from 'node:crypto';
import type { BaseDeps, Deps } from '../container.js';
import { requestDeviceAction } from '../use-cases/commands/request-device-action.js';
import { createReportStore, type ReportStore } from './report-store.js';

/** Lock or selective wipe; escalation never asks for anything else (no full wipe, whatever the ownership). */
export type EscalationDeviceAction = 'LOCK' | 'WIPE_SELECTIVE';

/**
 * How escalation asks the operations area to act on a device: in production `requestDeviceAction` with the
 * compliance system as requester. A port, so tests can watch what escalation asks for without delivering commands.
 */
export interface DeviceActionRequester {
  request(
    deps: Deps,
    input: { deviceId: string; action: EscalationDeviceAction; reason: string; idempotencyKey: string },
  ): Promise<{ commandId: string | null }>;
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

/** Sends lock and selective wipe through the operations area, which plans, stores, audits and delivers the command. */
export const operationsDeviceActions: DeviceActionRequester = {
  async request(deps, input) {
    const { command } = await requestDeviceAction(deps, { system: 'compliance' }, input);
    return { commandId: command.id };
  },
};

export async function createComplianceServices(base: BaseDeps): Promise<ComplianceServices> {
  return {
    deviceActions: operationsDeviceActions,
    accessKeys: createAccessKeyVerifier(base.config.COMPLIANCE_ACCESS_API_KEYS),
    reports: createReportStore(base.db),
  };
}
