import type { JobDefinition } from '../job-queue.js';

export const operationsJobs: JobDefinition[] = [];
