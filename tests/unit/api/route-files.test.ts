import { readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { describe, expect, it } from 'vitest';

// House rule (issue 14): one route file per URL prefix, so everything under /v1/devices/{id}/… is found from
// routes/devices.ts, everything under /v1/users/… from routes/users.ts, and so on.
const ROUTES = join(import.meta.dirname, '../../../src/api/routes');

function declaredPaths(source: string): string[] {
  return [...source.matchAll(/app\.(?:get|post|put|patch|delete)\(\s*'(\/v1\/[^']*)'/g)].map((m) => m[1]!);
}

describe('route files', () => {
  const files = readdirSync(ROUTES).filter((f) => f.endsWith('.ts'));

  it.each(files)('%s declares only paths under its own /v1 prefix', (file) => {
    const prefix = basename(file, '.ts');
    const strangers = declaredPaths(readFileSync(join(ROUTES, file), 'utf8')).filter((path) => path.split('/')[2] !== prefix);
    expect(strangers).toEqual([]);
  });

  it('finds the device routes where the rule says, so the check above is not vacuous', () => {
    const paths = declaredPaths(readFileSync(join(ROUTES, 'devices.ts'), 'utf8'));
    expect(paths).toEqual(expect.arrayContaining(['/v1/devices', '/v1/devices/:id', '/v1/devices/:id/commands', '/v1/devices/:id/wipe', '/v1/devices/:id/retire']));
  });
});
