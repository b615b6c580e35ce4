import type { JobDefinition } from './job-queue.js';
import { appleJobs } from './definitions/apple.js';
import { androidJobs } from './definitions/android.js';
import { complianceJobs } from './definitions/compliance.js';
import { operationsJobs } from './definitions/operations.js';
import { observabilityJobs } from './definitions/observability.js';
import { emailJobs } from './definitions/email.js';

export class JobRegistryError extends Error {}

/** Every job the worker runs. Fails at start when two definitions share a name, so no job runs the wrong handler. */
export function jobRegistry(definitions: JobDefinition[] = [...appleJobs, ...androidJobs, ...complianceJobs, ...operationsJobs, ...observabilityJobs, ...emailJobs]) {
  const byName = new Map<string, JobDefinition>();
  for (const definition of definitions) {
    if (byName.has(definition.name)) throw new JobRegistryError(`Two job handlers are named ${definition.name}`);
    byName.set(definition.name, definition);
  }
  return byName;
}
