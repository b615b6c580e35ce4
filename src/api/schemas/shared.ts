import { CommandSchema } from '../../use-cases/commands/command-view.js';
import { DeviceCompliance, DeviceDetails, RuleFinding } from './compliance.js';
import { PrivacyNotice } from './consent.js';
import { ApiKeySchema, ServiceAccountSchema } from './service-accounts.js';

/**
 * Named schemas that operations in more than one route file refer to (`Type.Ref`). They are added once, at the
 * root, so every route file sees them; a schema used by one file only is added by that file.
 */
export const SHARED_SCHEMAS = [CommandSchema, DeviceDetails, RuleFinding, DeviceCompliance, PrivacyNotice, ApiKeySchema, ServiceAccountSchema];
