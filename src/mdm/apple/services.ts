import type { BaseDeps } from '../../container.js';

/** Long-lived collaborators of the apple area (clients, stores), built once per process. */
export type AppleServices = Record<string, never>;

export async function createAppleServices(_base: BaseDeps): Promise<AppleServices> {
  return {};
}
