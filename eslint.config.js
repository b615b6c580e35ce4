import js from '@eslint/js';
import tseslint from 'typescript-eslint';

/** Imports a layer may not make. Each folder of src/ is one layer; arrows only point down (see README, Architecture). */
const layerRule = (group, message) => ({ 'no-restricted-imports': ['error', { patterns: [{ group, message }] }] });
const ALWAYS_BELOW = ['**/api/**', '**/container.js'];

export default tseslint.config(
  { ignores: ['dist/', 'src/generated/', 'node_modules/', 'coverage/', 'web/dist/', '.stryker-tmp/', 'reports/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-console': ['error', { allow: ['warn', 'error'] }],
    },
  },
  { files: ['scripts/**', 'bench/**', 'tools/**'], rules: { 'no-console': 'off' } },
  {
    // Pure: protocol decoding and rules. No database, network, queue or wiring; time comes in as a parameter.
    files: ['src/domain/**', 'src/mdm/**'],
    rules: layerRule(
      [...ALWAYS_BELOW, '**/db/*', '**/storage/**', '**/integrations/**', '**/use-cases/**', '**/jobs/**', '**/audit/**',
        '**/redis.js', '**/clock.js', '**/generated/prisma/client.js', '**/generated/prisma/internal/**', 'pg', 'ioredis', 'bullmq', '@prisma/*', 'node:http*', 'node:fs*'],
      'domain and mdm are pure: pass data in, return decisions',
    ),
  },
  {
    // HTTP only: parse, authorise, call one use case.
    files: ['src/api/**'],
    rules: layerRule(['**/db/*', '**/storage/**', '**/integrations/**', '**/generated/prisma/client.js', '**/generated/prisma/internal/**', '**/jobs/definitions/**'],
      'routes call use cases; storage, integrations and jobs are reached through them'),
  },
  {
    // Below the use cases: stores, the outside world, the audit log and job contracts never call up.
    files: ['src/storage/**', 'src/integrations/**', 'src/audit/**', 'src/jobs/definitions/**', 'src/jobs/job-queue.ts', 'src/db/**'],
    rules: layerRule([...ALWAYS_BELOW, '**/use-cases/**'], 'lower layers never call up into use cases or routes'),
  },
  {
    files: ['src/use-cases/**'],
    rules: layerRule(ALWAYS_BELOW, 'use cases never reach up into HTTP or the composition root'),
  },
  {
    // The Command table has one writer, the command queue store: every status change passes the status machine's
    // guards there (src/domain/commands/status.ts). Reading is free.
    files: ['src/**'],
    ignores: ['src/storage/command-queue.ts'],
    rules: {
      'no-restricted-syntax': ['error',
        {
          selector: "CallExpression[callee.object.property.name='command'][callee.property.name=/^(create|update|upsert|delete)/]",
          message: 'Only src/storage/command-queue.ts writes the Command table; add a role-named method there',
        },
        {
          selector: 'TemplateElement[value.raw=/(UPDATE|INSERT\\s+INTO|DELETE\\s+FROM)\\s+"Command"/i]',
          message: 'Only src/storage/command-queue.ts writes the Command table; add a role-named method there',
        },
      ],
    },
  },
);
