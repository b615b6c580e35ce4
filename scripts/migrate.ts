import { fileURLToPath } from 'node:url';
import { migrate } from '../src/db/migrate.js';

const databaseUrl = process.env.DATABASE_URL;
if (!databaseUrl) {
  console.error('DATABASE_URL is required, e.g. postgresql://postgres@127.0.0.1:5432/mdm');
  process.exit(1);
}
const dir = fileURLToPath(new URL('../prisma/migrations', import.meta.url));
try {
  const result = await migrate(databaseUrl, dir);
  console.log(`migrations: ${result.applied.length} applied, ${result.alreadyApplied.length} already applied`);
  for (const name of result.applied) console.log(`  applied ${name}`);
} catch (error) {
  console.error((error as Error).message);
  process.exit(1);
}
