import type { JobDefinition } from '../job-queue.js';

export const appleJobs: JobDefinition[] = [];
