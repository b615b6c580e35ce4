import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { Deps } from '../../container.js';

/** HTTP routes of the android area. */
export const androidRoutes: FastifyPluginAsyncTypebox<{ deps: Deps }> = async (_app, _options) => {};
