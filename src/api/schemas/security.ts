import type { ApiScope } from '../../domain/service-accounts/api-keys.js';

/** An operation open to signed-in users only. */
export const bearerOnly: Record<string, string[]>[] = [{ bearerAuth: [] }];

/** An operation open to signed-in users and to service-account API keys holding `scope`. */
export const keyOrBearer = (scope: ApiScope): Record<string, string[]>[] => [{ bearerAuth: [] }, { apiKey: [scope] }];

