// @ts-nocheck
import { readdir, readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import prismaInternals from '@prisma/internals';
import { query } from '../support/scratch-database.js';

/**
 * The database built by the SQL migrations must be exactly what prisma/*.prisma describes: otherwise the client
 * Prisma generates from the schema would query columns or rely on constraints that do not exist.
 */
const PRISMA_DIR = fileURLToPath(new URL('../../prisma', import.meta.url));

interface Field {
  name: string;
  dbName?: string | null;
  kind: 'scalar' | 'enum' | 'object' | 'unsupported';
  type: string;
  isRequired: boolean;
  isList: boolean;
  isUnique: boolean;
  isId: boolean;
  nativeType?: [string, string[]] | null;
}

async function datamodel() {
  const files = (await readdir(PRISMA_DIR)).filter((f) => f.endsWith('.prisma'));
  const datamodel = await Promise.all(files.map(async (f) => [f, await readFile(`${PRISMA_DIR}/${f}`, 'utf8')] as [string, string]));
  const getDMMF = (prismaInternals as unknown as { getDMMF: (o: object) => Promise<{ datamodel: { models: { name: string; dbName: string | null; fields: Field[]; uniqueIndexes: { fields: string[] }[]; primaryKey: { fields: string[] } | null }[]; enums: { name: string; values: { name: string }[] }[]; indexes: { model: string; type: string; fields: { name: string }[] }[] } }> }).getDMMF;
  return (await getDMMF({ datamodel })).datamodel;
}

function expectedSqlType(field: Field): string {
  if (field.kind === 'enum') return field.type;
  const native = field.nativeType?.[0];
  const args = field.nativeType?.[1] ?? [];
  if (native) {
    const map: Record<string, string> = {
      Uuid: 'uuid', Date: 'date', Timestamptz: `timestamptz(${args[0] ?? 6})`, Timestamp: `timestamp(${args[0] ?? 6})`,
      VarChar: `varchar(${args[0] ?? ''})`, Text: 'text', Inet: 'inet', SmallInt: 'int2', Integer: 'int4', Char: `bpchar(${args[0] ?? 1})`,
      Decimal: 'numeric', JsonB: 'jsonb', Json: 'json', ByteA: 'bytea', DoublePrecision: 'float8', Real: 'float4', Citext: 'citext',
    };
    if (!map[native]) throw new Error(`add native type ${native} to this test`);
    return map[native];
  }
  const map: Record<string, string> = {
    String: 'text', Int: 'int4', BigInt: 'int8', Boolean: 'bool', DateTime: 'timestamp(3)', Json: 'jsonb', Float: 'float8', Decimal: 'numeric', Bytes: 'bytea',
  };
  return map[field.type]!;
}

describe('migrations build the database schema.prisma describes', () => {
  it('has every model, column, type, nullability, enum and index, and nothing else', async () => {
    const url = inject('databaseUrl');
    const model = await datamodel();

    const columns = await query<{ table_name: string; column_name: string; is_nullable: string; udt_name: string; data_type: string; datetime_precision: number | null; character_maximum_length: number | null }>(
      url,
      `SELECT table_name, column_name, is_nullable, udt_name, data_type, datetime_precision, character_maximum_length
         FROM information_schema.columns WHERE table_schema = 'public' AND table_name <> '_prisma_migrations'`,
    );
    const actualColumns = new Map(columns.map((c) => {
      let type = c.udt_name.replace(/^_/, '');
      if (type === 'timestamp' || type === 'timestamptz') type = `${type}(${c.datetime_precision})`;
      if (type === 'varchar' || type === 'bpchar') type = `${type}(${c.character_maximum_length ?? ''})`;
      return [`${c.table_name}.${c.column_name}`, `${type}${c.data_type === 'ARRAY' ? '[]' : ''} ${c.is_nullable === 'YES' ? 'NULL' : 'NOT NULL'}`];
    }));

    const expectedColumns = new Map<string, string>();
    for (const m of model.models) {
      for (const f of m.fields) {
        if (f.kind === 'object') continue;
        const nullable = !f.isRequired && !f.isList;
        expectedColumns.set(`${m.dbName ?? m.name}.${f.dbName ?? f.name}`, `${expectedSqlType(f)}${f.isList ? '[]' : ''} ${nullable ? 'NULL' : 'NOT NULL'}`);
      }
    }
    expect(Object.fromEntries(actualColumns)).toEqual(Object.fromEntries(expectedColumns));

    const enums = await query<{ name: string; values: string[] }>(
      url,
      `SELECT t.typname AS name, array_agg(e.enumlabel ORDER BY e.enumsortorder)::text[] AS values
         FROM pg_type t JOIN pg_enum e ON e.enumtypid = t.oid GROUP BY t.typname`,
    );
    expect(Object.fromEntries(enums.map((e) => [e.name, e.values]))).toEqual(
      Object.fromEntries(model.enums.map((e) => [e.name, e.values.map((v) => v.name)])),
    );

    const indexes = await query<{ table: string; unique: boolean; columns: string[] }>(
      url,
      `SELECT t.relname AS table, ix.indisunique AS unique,
              array(SELECT a.attname FROM unnest(ix.indkey) WITH ORDINALITY k(attnum, ord)
                    JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = k.attnum ORDER BY k.ord)::text[] AS columns
         FROM pg_index ix JOIN pg_class t ON t.oid = ix.indrelid JOIN pg_namespace n ON n.oid = t.relnamespace
        WHERE n.nspname = 'public' AND t.relname <> '_prisma_migrations'`,
    );
    const actualIndexes = indexes.map((i) => `${i.table}(${i.columns.join(',')})${i.unique ? ' unique' : ''}`).sort();
    const dbName = (modelName: string, fieldName: string) => {
      const m = model.models.find((x) => x.name === modelName)!;
      return m.fields.find((f) => f.name === fieldName)?.dbName ?? fieldName;
    };
    const expectedIndexes = model.indexes
      .map((i) => {
        const m = model.models.find((x) => x.name === i.model)!;
        const unique = i.type === 'id' || i.type === 'unique';
        return `${m.dbName ?? m.name}(${i.fields.map((f) => dbName(i.model, f.name)).join(',')})${unique ? ' unique' : ''}`;
      })
      .sort();
    expect(actualIndexes).toEqual(expectedIndexes);
  });
});
