// @ts-nocheck
import { resolve } from 'node:path';
import { migrate } from '../src/db/migrate.js';

const databaseUrl = process.env.DATABASE_URL;
if (!databaseUrl) {
  console.error('DATABASE_URL is required, e.g. postgresql://postgres@127.0.0.1:5432/mdm');
  process.exit(1);
}
// Run from the project root (npm scripts and the container do); the same path works from src/ and dist/.
const dir = resolve(process.env.MIGRATIONS_DIR ?? 'prisma/migrations');
try {
  const result = await migrate(databaseUrl, dir);
  console.log(`migrations: ${result.applied.length} applied, ${result.alreadyApplied.length} already applied`);
  for (const name of result.applied) console.log(`  applied ${name}`);
} catch (error) {
  console.error((error as Error).message);
  process.exit(1);
}
