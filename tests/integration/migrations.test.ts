import { createHash } from 'node:crypto';
import { cp, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
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

  it('one managed-profile path: a device listing the data protection profile keeps it as a verified row, nothing else is invented', async () => {
    const url = await scratch();
    const dir = await copyOfMigrations();
    const name = (await readdir(dir)).find((n) => n.endsWith('_managed_profiles_one_path'))!;
    const later = (await readdir(dir)).filter((n) => n > name);
    const held = await mkdtemp(join(tmpdir(), 'held-migrations-'));
    for (const n of [name, ...later]) await cp(join(dir, n), join(held, n), { recursive: true }).then(() => rm(join(dir, n), { recursive: true }));
    await migrate(url, dir);

    const entry = (identifier: string, uuid: string, extra: object = {}) => ({ PayloadIdentifier: identifier, PayloadUUID: uuid, PayloadVersion: 1, IsManaged: true, ...extra });
    const devices = {
      listing: [entry('org.example.mdm.enrollment.x', 'E0000000-0000-4000-8000-000000000000'), entry('org.example.mdm.data-protection', 'a1b2c3d4-0000-4000-8000-000000000001')],
      handInstalled: [entry('org.example.mdm.data-protection', 'A1B2C3D4-0000-4000-8000-000000000002', { IsManaged: false })],
      withoutIt: [entry('org.example.mdm.passcode-policy', 'A1B2C3D4-0000-4000-8000-000000000003')],
      neverListed: null,
    };
    const ids: Record<string, string> = {};
    for (const [key, list] of Object.entries(devices)) {
      const [device] = await query<{ id: string }>(url, `INSERT INTO "Device" (id, platform, ownership, status, "updatedAt") VALUES (gen_random_uuid(), 'APPLE', 'CORPORATE', 'ENROLLED', now()) RETURNING id`);
      ids[key] = device!.id;
      await query(url, `INSERT INTO "AppleEnrollment" (id, "deviceId", "tokenHash", "tokenExpiresAt", "accessRights", "updatedAt", "lastProfileList") VALUES (gen_random_uuid(), $1, $2, now(), 8191, now(), $3)`,
        [device!.id, `hash-${key}`, list === null ? null : JSON.stringify({ ProfileList: list })]);
    }
    // The passcode row of before stays, without its content hash.
    await query(url, `INSERT INTO "AppleManagedProfile" ("deviceId", kind, identifier, "payloadUuid", "contentHash", settings, state, "updatedAt") VALUES ($1, 'passcode-policy', 'org.example.mdm.passcode-policy', 'A1B2C3D4-0000-4000-8000-000000000003', 'abc', '{"minLength":6}', 'VERIFIED', now())`, [ids.withoutIt]);

    for (const n of [name, ...later]) await cp(join(held, n), join(dir, n), { recursive: true });
    await migrate(url, dir);
    const rows = await query<{ deviceId: string; kind: string; identifier: string; payloadUuid: string; state: string; settings: unknown }>(
      url, `SELECT "deviceId", kind, identifier, "payloadUuid", state, settings FROM "AppleManagedProfile" ORDER BY kind`,
    );
    expect(rows).toEqual([
      { deviceId: ids.listing, kind: 'data-protection', identifier: 'org.example.mdm.data-protection', payloadUuid: 'A1B2C3D4-0000-4000-8000-000000000001', state: 'VERIFIED', settings: {} },
      { deviceId: ids.withoutIt, kind: 'passcode-policy', identifier: 'org.example.mdm.passcode-policy', payloadUuid: 'A1B2C3D4-0000-4000-8000-000000000003', state: 'VERIFIED', settings: { minLength: 6 } },
    ]);
  });

  it('refuses a database that has migrations this code does not know', async () => {
    const url = await scratch();
    await migrate(url, MIGRATIONS);
    await query(url, `INSERT INTO "_prisma_migrations" (id, checksum, migration_name, finished_at, applied_steps_count) VALUES ('x', 'y', '99990101000000_from_the_future', now(), 1)`);
    await expect(migrate(url, MIGRATIONS)).rejects.toThrow(/does not know: 99990101000000_from_the_future/);
  });
});
