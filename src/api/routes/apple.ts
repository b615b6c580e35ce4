import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { Deps } from '../../container.js';

/** HTTP routes of the apple area. */
export const appleRoutes: FastifyPluginAsyncTypebox<{ deps: Deps }> = async (_app, _options) => {};
