import type { BaseDeps } from '../container.js';

/** Long-lived collaborators of the operations area (clients, stores), built once per process. */
export type OperationsServices = Record<string, never>;

export async function createOperationsServices(_base: BaseDeps): Promise<OperationsServices> {
  return {};
}
