import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { Deps } from '../../deps.js';
import { CommandSchema } from './commands.js';
import { deviceActionRoutes } from './device-actions.js';
import { auditRoutes } from './audit.js';
import { webhookRoutes } from './webhooks.js';
import { incidentRoutes } from './incidents.js';
import { passwordRoutes } from './password.js';
import { consentRoutes } from './consent.js';

/** HTTP routes of the operations area. */
export const operationsRoutes: FastifyPluginAsyncTypebox<{ deps: Deps }> = async (app, { deps }) => {
  app.addSchema(CommandSchema);
  await app.register(deviceActionRoutes, { deps });
  await app.register(auditRoutes, { deps });
  await app.register(webhookRoutes, { deps });
  await app.register(incidentRoutes, { deps });
  await app.register(passwordRoutes, { deps });
  await app.register(consentRoutes, { deps });
};
