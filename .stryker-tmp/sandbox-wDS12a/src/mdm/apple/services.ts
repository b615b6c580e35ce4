// @ts-nocheck
import type { BaseDeps } from '../../container.js';
import type { CommandChannel } from '../../commands/channel.js';
import { createApnsClient, type ApnsClient } from '../../integrations/apple/apns-client.js';
import { createAppleKeyStore, type AppleKeyStore } from '../../integrations/apple/key-store.js';
import { AppleCommandChannel } from '../../use-cases/apple/command-channel.js';

/** Long-lived collaborators of the apple area (clients, stores), built once per process. */
export interface AppleServices {
  /** Carries out lock and wipe requests on Apple devices. */
  channel: CommandChannel;
  /** Device CA and profile signer (keys encrypted at rest, created on first use). */
  keys: AppleKeyStore;
  apns: ApnsClient;
}

export async function createAppleServices(base: BaseDeps): Promise<AppleServices> {
  return {
    channel: new AppleCommandChannel(base),
    keys: createAppleKeyStore(base.config, base.clock),
    apns: createApnsClient(base.config),
  };
}
