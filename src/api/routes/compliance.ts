import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { Deps } from '../../container.js';

/** HTTP routes of the compliance area. */
export const complianceRoutes: FastifyPluginAsyncTypebox<{ deps: Deps }> = async (_app, _options) => {};
