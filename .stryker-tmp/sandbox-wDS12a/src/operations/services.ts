// @ts-nocheck
import type { BaseDeps } from '../container.js';
import { createSecretBox, type SecretBox } from '../domain/auth/secret-box.js';
import { createWebhookClient, type WebhookClient } from './webhooks/webhook-client.js';
import { createWebhookPublisher, type WebhookPublisher } from './webhooks/publisher.js';

/** Long-lived collaborators of the operations area (clients, stores), built once per process. */
export interface OperationsServices {
  /** Outbound, signed event notifications (SIEM, ticketing): `publish('command.sent', {...})`. */
  webhooks: WebhookPublisher;
  webhookClient: WebhookClient;
  /** Seals webhook signing keys at rest. */
  secrets: SecretBox;
}

export async function createOperationsServices(base: BaseDeps): Promise<OperationsServices> {
  return {
    webhooks: createWebhookPublisher(base),
    webhookClient: createWebhookClient({ timeoutMs: base.config.WEBHOOK_TIMEOUT_MS, caFile: base.config.WEBHOOK_CA_FILE }),
    secrets: createSecretBox(base.config.DATA_ENCRYPTION_KEY),
  };
}
