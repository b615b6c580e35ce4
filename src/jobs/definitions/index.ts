import type { JobDefinition } from '../job-queue.js';
import { androidJobs } from './android.js';
import { appleJobs } from './apple.js';
import { complianceJobs } from './compliance.js';
import { deliveryJobs } from './delivery.js';
import { inventoryJobs } from './inventory.js';
import { emailJobs } from './email.js';
import { observabilityJobs } from './observability.js';

/** Every job contract the system knows; the worker refuses to start unless each has exactly one handler. */
export const allJobs: JobDefinition[] = [...appleJobs, ...androidJobs, ...complianceJobs, ...deliveryJobs, ...inventoryJobs, ...emailJobs, ...observabilityJobs];
