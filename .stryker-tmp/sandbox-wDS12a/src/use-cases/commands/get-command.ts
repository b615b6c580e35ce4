// @ts-nocheck
import type { BaseDeps } from '../../container.js';
import { notFound } from '../../errors.js';
import { redactDeviceFor, type Actor } from '../../domain/access.js';
import { toCommandView, type CommandView } from './command-view.js';
import { findVisibleDevice } from './visible-device.js';

export type { CommandView };

export async function getCommand(deps: Pick<BaseDeps, 'db'>, actor: Actor, commandId: string): Promise<CommandView> {
  const command = await deps.db.command.findUnique({ where: { id: commandId } });
  if (!command) throw notFound('Command');
  const device = await findVisibleDevice(deps.db, actor, command.deviceId).catch(() => {
    throw notFound('Command');
  });
  return redactDeviceFor(device.view, toCommandView(command));
}
