// @ts-nocheck
import { createHash } from 'node:crypto';
import { cp, mkdir, mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { migrate } from '../../src/db/migrate.js';
import { createScratchDatabase, query } from '../support/scratch-database.js';

const MIGRATIONS = fileURLToPath(new URL('../../prisma/migrations', import.meta.url));

describe('migration runner', () => {
  const cleanups: (() => Promise<void>)[] = [];
  afterEach(async () => {
    while (cleanups.length) await cleanups.pop()!();
  });
  async function scratch() {
    const db = await createScratchDatabase();
    cleanups.push(db.drop);
    return db.url;
  }
  async function copyOfMigrations() {
    const dir = await mkdtemp(join(tmpdir(), 'migrations-'));
    await cp(MIGRATIONS, dir, { recursive: true });
    return dir;
  }

  it('records each migration in _prisma_migrations as prisma migrate deploy does', async () => {
    const url = await scratch();
    const names = (await readdir(MIGRATIONS, { withFileTypes: true })).filter((e) => e.isDirectory()).map((e) => e.name).sort();
    const result = await migrate(url, MIGRATIONS);
    expect(result.applied).toEqual(names);

    const rows = await query<{ migration_name: string; checksum: string; finished_at: Date | null; rolled_back_at: Date | null; applied_steps_count: number; logs: string | null }>(
      url,
      'SELECT * FROM "_prisma_migrations" ORDER BY migration_name',
    );
    expect(rows.map((r) => r.migration_name)).toEqual(names);
    for (const row of rows) {
      const sql = await readFile(join(MIGRATIONS, row.migration_name, 'migration.sql'));
      expect(row.checksum).toBe(createHash('sha256').update(sql).digest('hex'));
      expect(row.finished_at).toBeInstanceOf(Date);
      expect(row.rolled_back_at).toBeNull();
      expect(row.applied_steps_count).toBe(1);
    }
    expect(await migrate(url, MIGRATIONS)).toEqual({ applied: [], alreadyApplied: names });
  });

  it('refuses to continue when an applied migration was edited', async () => {
    const url = await scratch();
    const dir = await copyOfMigrations();
    await migrate(url, dir);
    const [first] = (await readdir(dir, { withFileTypes: true })).filter((e) => e.isDirectory()).map((e) => e.name).sort();
    await writeFile(join(dir, first!, 'migration.sql'), `${await readFile(join(dir, first!, 'migration.sql'), 'utf8')}\n-- edited\n`);
    await expect(migrate(url, dir)).rejects.toThrow(/was modified after it was applied/);
  });

  it('rolls back a failing migration completely and records the failure', async () => {
    const url = await scratch();
    const dir = await copyOfMigrations();
    await mkdir(join(dir, '99990101000000_broken'));
    await writeFile(join(dir, '99990101000000_broken', 'migration.sql'), 'CREATE TABLE "half" (id int);\nSELECT * FROM "no_such_table";\n');
    await expect(migrate(url, dir)).rejects.toThrow(/99990101000000_broken failed/);
    expect(await query(url, `SELECT 1 FROM information_schema.tables WHERE table_name = 'half'`)).toHaveLength(0);
    const [row] = await query<{ rolled_back_at: Date | null; logs: string }>(url, `SELECT * FROM "_prisma_migrations" WHERE migration_name = '99990101000000_broken'`);
    expect(row?.rolled_back_at).toBeInstanceOf(Date);
    expect(row?.logs).toContain('no_such_table');
  });

  it('refuses a database that has migrations this code does not know', async () => {
    const url = await scratch();
    await migrate(url, MIGRATIONS);
    await query(url, `INSERT INTO "_prisma_migrations" (id, checksum, migration_name, finished_at, applied_steps_count) VALUES ('x', 'y', '99990101000000_from_the_future', now(), 1)`);
    await expect(migrate(url, MIGRATIONS)).rejects.toThrow(/does not know: 99990101000000_from_the_future/);
  });
});
