import type { BaseDeps } from '../../container.js';
import { UnavailableChannel, type CommandChannel } from '../../commands/channel.js';

/** Long-lived collaborators of the apple area (clients, stores), built once per process. */
export interface AppleServices {
  /** Carries out lock and wipe requests on Apple devices. */
  channel: CommandChannel;
}

export async function createAppleServices(_base: BaseDeps): Promise<AppleServices> {
  return { channel: new UnavailableChannel('APPLE') };
}
