// @ts-nocheck
import { readFile } from 'node:fs/promises';
import type { BaseDeps } from '../../container.js';
import type { CommandChannel } from '../../commands/channel.js';
import { AppError } from '../../errors.js';
import { createAmapiClient, serviceAccountTokenSource, type AmapiClient, type ServiceAccountKey } from './amapi-client.js';
import { AndroidCommandChannel } from './channel.js';
import { createPushVerifier, type PushVerifier } from './push-verifier.js';

/** Long-lived collaborators of the android area (clients, stores), built once per process. */
export interface AndroidServices {
  /** Carries out lock and wipe requests on Android devices. */
  channel: CommandChannel;
  /** Null when no enterprise or service account is configured: Android features then answer 503. */
  amapi: { client: AmapiClient; enterprise: string } | null;
  /** Authenticates Pub/Sub pushes. */
  pushVerifier: PushVerifier;
}

async function loadServiceAccount(config: BaseDeps['config']): Promise<ServiceAccountKey | null> {
  const text = config.ANDROID_SERVICE_ACCOUNT_JSON ?? (config.ANDROID_SERVICE_ACCOUNT_FILE ? await readFile(config.ANDROID_SERVICE_ACCOUNT_FILE, 'utf8') : null);
  if (text === null) return null;
  let key: Partial<ServiceAccountKey>;
  try {
    key = JSON.parse(text) as Partial<ServiceAccountKey>;
  } catch {
    throw new Error('The Android service-account key is not valid JSON');
  }
  if (typeof key.client_email !== 'string' || typeof key.private_key !== 'string') {
    throw new Error('The Android service-account key lacks client_email or private_key');
  }
  return key as ServiceAccountKey;
}

export async function createAndroidServices(base: BaseDeps): Promise<AndroidServices> {
  const { config, clock } = base;
  const key = await loadServiceAccount(config);
  const amapi =
    key && config.ANDROID_ENTERPRISE_NAME
      ? {
          client: createAmapiClient({ rootUrl: config.ANDROID_API_ROOT_URL, tokens: serviceAccountTokenSource(key, clock) }),
          enterprise: config.ANDROID_ENTERPRISE_NAME,
        }
      : null;
  return {
    amapi,
    channel: new AndroidCommandChannel(base, amapi),
    pushVerifier: createPushVerifier({
      jwksUrl: config.ANDROID_PUSH_JWKS_URL,
      audience: config.ANDROID_PUSH_AUDIENCE,
      serviceAccountEmail: config.ANDROID_PUSH_SERVICE_ACCOUNT_EMAIL,
      clock,
    }),
  };
}

/** The AMAPI client, or 503 when Android management is not configured. */
export function requireAmapi(amapi: AndroidServices['amapi']): { client: AmapiClient; enterprise: string } {
  if (!amapi) {
    throw new AppError('SERVICE_UNAVAILABLE', 'Android management is not configured (ANDROID_ENTERPRISE_NAME and a service account)');
  }
  return amapi;
}
