import type { BaseDeps } from '../../deps.js';
import { createSecretBox, type SecretBox } from '../../domain/auth/secret-box.js';
import { createWebhookClient, type WebhookClient } from './webhook-client.js';
import { createWebhookPublisher, type WebhookPublisher } from './publisher.js';

/** Outbound, signed event notifications (SIEM, ticketing), built once per process. */
export interface WebhookServices {
  /** `publish('command.sent', {...})`: stores one delivery per subscribed endpoint and queues it; never throws. */
  publisher: WebhookPublisher;
  client: WebhookClient;
  /** Seals webhook signing keys at rest. */
  secrets: SecretBox;
}

export function createWebhookServices(base: BaseDeps): WebhookServices {
  return {
    publisher: createWebhookPublisher(base),
    client: createWebhookClient({ timeoutMs: base.config.WEBHOOK_TIMEOUT_MS, caFile: base.config.WEBHOOK_CA_FILE }),
    secrets: createSecretBox(base.config.DATA_ENCRYPTION_KEY),
  };
}
