// @ts-nocheck
import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { renderOpenApi } from '../../scripts/openapi-document.js';
import { testEnv } from '../support/context.js';

describe('openapi.yaml', () => {
  it('matches the route schemas (run `npm run openapi` after changing a route)', async () => {
    const committed = await readFile(new URL('../../openapi.yaml', import.meta.url), 'utf8');
    const { REDIS_URL } = testEnv();
    expect(committed).toBe(await renderOpenApi({ REDIS_URL }));
  });
});
