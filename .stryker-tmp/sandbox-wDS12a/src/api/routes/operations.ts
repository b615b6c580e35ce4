// @ts-nocheck
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { Deps } from '../../container.js';
import { CommandSchema } from './commands.js';
import { deviceActionRoutes } from './operations/device-actions.js';
import { auditRoutes } from './operations/audit.js';
import { webhookRoutes } from './operations/webhooks.js';
import { incidentRoutes } from './operations/incidents.js';
import { passwordRoutes } from './operations/password.js';
import { consentRoutes } from './operations/consent.js';

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
