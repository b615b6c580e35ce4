import type { Deps } from '../../deps.js';
import { requestDeviceAction } from '../commands/request-device-action.js';

/** Lock or selective wipe; escalation never asks for anything else (no full wipe, whatever the ownership). */
export type EscalationDeviceAction = 'LOCK' | 'WIPE_SELECTIVE';

/**
 * How escalation asks for a command on a device: in production `requestDeviceAction` with the compliance system
 * as requester. A port, so tests can watch what escalation asks for without delivering commands.
 */
export interface DeviceActionRequester {
  request(
    deps: Deps,
    input: { deviceId: string; action: EscalationDeviceAction; reason: string; idempotencyKey: string },
  ): Promise<{ commandId: string | null }>;
}

/** Sends lock and selective wipe through the command pipeline, which plans, stores, audits and delivers it. */
export const commandPipelineDeviceActions: DeviceActionRequester = {
  async request(deps, input) {
    const { command } = await requestDeviceAction(deps, { system: 'compliance' }, input);
    return { commandId: command.id };
  },
};
