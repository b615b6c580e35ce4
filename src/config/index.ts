import { Type, type Static } from 'typebox';
import Value from 'typebox/value';
import { coreConfig } from './core.js';
import { appleConfig } from './apple.js';
import { androidConfig } from './android.js';
import { complianceConfig } from './compliance.js';
import { operationsConfig } from './operations.js';
import { auditConfig, auditConfigProblems } from './audit.js';
import { inventoryConfig } from './inventory.js';
import { consoleConfig } from './console.js';
import { observabilityConfig } from './observability.js';
import { emailConfig } from './email.js';
import { retentionConfig } from './retention.js';
import { ssoConfig, ssoConfigProblems } from './sso.js';

export const ConfigSchema = Type.Object({
  ...coreConfig.properties,
  ...appleConfig.properties,
  ...androidConfig.properties,
  ...complianceConfig.properties,
  ...operationsConfig.properties,
  ...auditConfig.properties,
  ...inventoryConfig.properties,
  ...consoleConfig.properties,
  ...observabilityConfig.properties,
  ...emailConfig.properties,
  ...retentionConfig.properties,
  ...ssoConfig.properties,
});

export type Config = Static<typeof ConfigSchema>;

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/**
 * Reads the environment once at start. Every missing or malformed variable is reported together,
 * by name, so an operator fixes them in one go.
 */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const raw: Record<string, unknown> = {};
  for (const key of Object.keys(ConfigSchema.properties)) {
    const value = env[key];
    if (value !== undefined && value !== '') raw[key] = value;
  }
  const candidate = Value.Convert(ConfigSchema, Value.Default(ConfigSchema, raw));
  if (Value.Check(ConfigSchema, candidate)) {
    const problems = [...ssoConfigProblems(candidate), ...auditConfigProblems(candidate)];
    if (problems.length === 0) return candidate;
    throw new ConfigError(problems);
  }

  const problems: string[] = [];
  for (const error of Value.Errors(ConfigSchema, candidate)) {
    if (error.keyword === 'required') {
      const missing = (error.params as { requiredProperties?: string[] }).requiredProperties ?? [];
      for (const name of missing) problems.push(`${name} is required (${describe(name)})`);
    } else {
      const name = error.instancePath.replace(/^\//, '');
      const shown = name.includes('SECRET') || name.includes('KEY') ? '<hidden>' : JSON.stringify(raw[name]);
      problems.push(`${name} ${error.message} (got ${shown}; ${describe(name)})`);
    }
  }
  throw new ConfigError(problems);
}

function describe(name: string): string {
  const schema = (ConfigSchema.properties as Record<string, { description?: string }>)[name];
  return schema?.description ?? 'see README.md, Configuration';
}

/** For process entry points: a configuration problem ends the process with EX_CONFIG and a readable message. */
export function loadConfigOrExit(env: Record<string, string | undefined> = process.env): Config {
  try {
    return loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(78); // EX_CONFIG
    }
    throw error;
  }
}
