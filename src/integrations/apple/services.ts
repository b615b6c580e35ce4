import type { BaseDeps } from '../../deps.js';
import type { CommandChannel } from '../command-channel.js';
import { createApnsClient, type ApnsClient } from './apns-client.js';
import { createAppleKeyStore, type AppleKeyStore } from './key-store.js';
import { AppleCommandChannel } from './command-channel.js';
import { createLastSeenBuffer, type LastSeenBuffer } from '../../storage/last-seen-buffer.js';

/** Long-lived collaborators of the apple area (clients, stores), built once per process. */
export interface AppleServices {
  /** Carries out lock and wipe requests on Apple devices. */
  channel: CommandChannel;
  /** Device CA and profile signer (keys encrypted at rest, created on first use). */
  keys: AppleKeyStore;
  apns: ApnsClient;
  /** Device last-seen times, written in batches; flushed by closeDeps. */
  lastSeen: LastSeenBuffer;
}

export async function createAppleServices(base: BaseDeps): Promise<AppleServices> {
  return {
    channel: new AppleCommandChannel(base),
    keys: createAppleKeyStore(base.config, base.clock),
    apns: createApnsClient(base.config),
    lastSeen: createLastSeenBuffer(base.db, {
      flushIntervalMs: base.config.APPLE_LAST_SEEN_FLUSH_MS,
      onError: (error) => base.logger.warn({ err: error }, 'could not write device last-seen times; retrying with the next flush'),
    }),
  };
}
