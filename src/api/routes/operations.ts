import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { Deps } from '../../container.js';

/** HTTP routes of the operations area. */
export const operationsRoutes: FastifyPluginAsyncTypebox<{ deps: Deps }> = async (_app, _options) => {};
