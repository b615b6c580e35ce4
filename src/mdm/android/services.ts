import type { BaseDeps } from '../../container.js';

/** Long-lived collaborators of the android area (clients, stores), built once per process. */
export type AndroidServices = Record<string, never>;

export async function createAndroidServices(_base: BaseDeps): Promise<AndroidServices> {
  return {};
}
