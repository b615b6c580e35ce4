import type { DbOrTx } from '../../src/db/prisma.js';
import type { ActionOptions, CommandChannel, DeviceAction, PlannedCommand } from '../../src/integrations/command-channel.js';
import { readDeviceActionTarget } from '../../src/storage/device-action-target.js';

/** A channel's plan for a stored device, read the way a lock or wipe request reads it; a refusal becomes a rejection. */
export async function planFor(db: DbOrTx, channel: CommandChannel, deviceId: string, action: DeviceAction, options: ActionOptions): Promise<PlannedCommand> {
  const { target } = await readDeviceActionTarget(db, deviceId, null);
  if (!target) throw new Error(`no device ${deviceId}`);
  return channel.plan(target, action, options);
}
