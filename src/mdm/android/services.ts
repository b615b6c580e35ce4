import type { BaseDeps } from '../../container.js';
import { UnavailableChannel, type CommandChannel } from '../../commands/channel.js';

/** Long-lived collaborators of the android area (clients, stores), built once per process. */
export interface AndroidServices {
  /** Carries out lock and wipe requests on Android devices. */
  channel: CommandChannel;
}

export async function createAndroidServices(_base: BaseDeps): Promise<AndroidServices> {
  return { channel: new UnavailableChannel('ANDROID') };
}
