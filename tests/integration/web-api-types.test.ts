import { execFile } from 'node:child_process';
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

describe('web/src/api/schema.d.ts', () => {
  it('matches openapi.yaml (run `npm run web:api-types` after `npm run openapi`)', async () => {
    const out = join(await mkdtemp(join(tmpdir(), 'api-types-')), 'schema.d.ts');
    await promisify(execFile)('npx', ['openapi-typescript', 'openapi.yaml', '-o', out], { cwd: new URL('../..', import.meta.url).pathname });
    const committed = await readFile(new URL('../../web/src/api/schema.d.ts', import.meta.url), 'utf8');
    expect(committed).toBe(await readFile(out, 'utf8'));
  });
});
