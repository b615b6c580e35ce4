import type { BaseDeps } from '../../deps.js';
import type { CommandChannel } from '../command-channel.js';
import { LRUCache } from 'lru-cache';
import { createApnsClient, type ApnsClient } from './apns-client.js';
import { TRUSTED_IDENTITIES_KEPT, type TrustedIdentity } from './trusted-identity.js';
import { createAppleKeyStore, type AppleKeyStore } from './key-store.js';
import { AppleCommandChannel, type PushNow } from './command-channel.js';
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
  /** Device identity certificates this process has parsed and found issued by our CA, by SHA-256 of their DER. */
  identities: LRUCache<string, TrustedIdentity>;
}

/** `pushNow` wakes one device (apple/push-device.ts): the channel pushes a device's only command without a second job. */
export async function createAppleServices(base: BaseDeps, pushNow?: PushNow): Promise<AppleServices> {
  return {
    channel: new AppleCommandChannel(base, pushNow),
    keys: createAppleKeyStore(base.config, base.clock),
    apns: createApnsClient(base.config),
    lastSeen: createLastSeenBuffer(base.db, {
      flushIntervalMs: base.config.APPLE_LAST_SEEN_FLUSH_MS,
      onError: (error) => base.logger.warn({ err: error }, 'could not write device last-seen times; retrying with the next flush'),
    }),
    identities: new LRUCache({ max: TRUSTED_IDENTITIES_KEPT }),
  };
}
