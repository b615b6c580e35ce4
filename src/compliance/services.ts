import type { BaseDeps } from '../container.js';

/** Long-lived collaborators of the compliance area (clients, stores), built once per process. */
export type ComplianceServices = Record<string, never>;

export async function createComplianceServices(_base: BaseDeps): Promise<ComplianceServices> {
  return {};
}
