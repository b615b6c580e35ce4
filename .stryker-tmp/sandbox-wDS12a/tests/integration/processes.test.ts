// @ts-nocheck
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';

const run = (entry: string, env: Record<string, string>) =>
  spawnSync(process.execPath, ['--import', 'tsx', entry], {
    env: { PATH: process.env.PATH ?? '', ...env },
    encoding: 'utf8',
    timeout: 30_000,
  });

describe('process start-up', () => {
  it.each(['src/api/server.ts', 'src/jobs/worker.ts'])('%s refuses to start without configuration, naming what is missing', (entry) => {
    const result = run(entry, { REDIS_URL: 'redis://127.0.0.1:6379', PORT: 'abc' });
    expect(result.status).toBe(78);
    expect(result.stderr).toContain('DATABASE_URL is required');
    expect(result.stderr).toContain('JWT_SECRET is required');
    expect(result.stderr).toMatch(/PORT must be integer/);
  });
});
