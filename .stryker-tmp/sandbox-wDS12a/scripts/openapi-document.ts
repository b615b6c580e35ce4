// @ts-nocheck
import { pino } from 'pino';
import { buildApp } from '../src/api/app.js';
import { loadConfig } from '../src/config/index.js';
import { closeDeps, createDeps } from '../src/container.js';

/**
 * The OpenAPI document as the route schemas describe it. Nothing is queried: the connections are opened
 * lazily and closed unused, so any well-formed placeholder configuration will do.
 */
export async function renderOpenApi(env: Record<string, string | undefined> = {}): Promise<string> {
  const config = loadConfig({
    DATABASE_URL: 'postgresql://openapi@127.0.0.1:1/openapi',
    REDIS_URL: 'redis://127.0.0.1:6379',
    JWT_SECRET: 'x'.repeat(32),
    DATA_ENCRYPTION_KEY: Buffer.alloc(32).toString('base64'),
    ...env,
  });
  const deps = await createDeps(config, { logger: pino({ level: 'silent' }) });
  try {
    const app = await buildApp(deps, { logger: false });
    await app.ready();
    const yaml = app.swagger({ yaml: true });
    await app.close();
    return yaml;
  } finally {
    await closeDeps(deps);
  }
}
