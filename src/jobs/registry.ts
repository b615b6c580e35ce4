import type { JobDefinition, JobHandler } from './job-queue.js';
import { allJobs } from './definitions/index.js';
import { jobHandlers, type NamedHandler } from './handlers.js';

export class JobRegistryError extends Error {}

export interface RegisteredJob {
  definition: JobDefinition;
  handle: JobHandler;
}

/**
 * The jobs a worker runs, each contract with its one handler. Fails at start when two contracts or two handlers
 * share a name, a contract has no handler, or a handler has no contract, so no job runs the wrong code or none.
 * `definitions` narrows the worker to some contracts (tests); the handler check always covers every contract.
 */
export function jobRegistry(definitions: JobDefinition[] = allJobs, handlers: readonly NamedHandler[] = jobHandlers): Map<string, RegisteredJob> {
  const handlerByName = new Map<string, JobHandler>();
  for (const [name, handle] of handlers) {
    if (handlerByName.has(name)) throw new JobRegistryError(`Two job handlers are named ${name}`);
    handlerByName.set(name, handle);
  }
  const known = new Set([...allJobs, ...definitions].map((d) => d.name));
  for (const name of handlerByName.keys()) {
    if (!known.has(name)) throw new JobRegistryError(`The handler ${name} has no job contract`);
  }
  const byName = new Map<string, RegisteredJob>();
  for (const definition of definitions) {
    if (byName.has(definition.name)) throw new JobRegistryError(`Two job contracts are named ${definition.name}`);
    const handle = handlerByName.get(definition.name);
    if (!handle) throw new JobRegistryError(`The job ${definition.name} has no handler`);
    byName.set(definition.name, { definition, handle });
  }
  return byName;
}

/** The handler the worker would run for `job` (tests run a job's handler directly). */
export function handlerFor(job: JobDefinition): JobHandler {
  const registered = jobRegistry([job]).get(job.name);
  if (!registered) throw new JobRegistryError(`The job ${job.name} has no handler`);
  return registered.handle;
}
