import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { createConfig, lintFromString } from '@redocly/openapi-core';

/**
 * Redocly's recommended OpenAPI rules over openapi.yaml (the same rules as `redocly lint`), with operation-operationId
 * raised to an error: integrators generate clients from this document, and a missing operationId gives them
 * unnamed methods. Exits 1 when there is any error.
 */
export async function lintOpenApi(source?: string) {
  const path = fileURLToPath(new URL('../openapi.yaml', import.meta.url));
  const config = await createConfig({ extends: ['recommended'], rules: { 'operation-operationId': 'error' } });
  const problems = await lintFromString({ source: source ?? (await readFile(path, 'utf8')), absoluteRef: path, config });
  return problems.map((p) => ({ severity: p.severity, rule: p.ruleId, message: p.message, at: p.location[0]?.pointer ?? '' }));
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const problems = await lintOpenApi();
  for (const p of problems) console.log(`${p.severity} ${p.rule} ${p.at}: ${p.message}`);
  const errors = problems.filter((p) => p.severity === 'error').length;
  console.log(`${errors} errors, ${problems.length - errors} warnings`);
  process.exit(errors > 0 ? 1 : 0);
}
