// @ts-nocheck
import { defineConfig } from 'prisma/config';

// The whole prisma/ folder is the schema (Prisma multi-file schema): schema.prisma holds the core models,
// sibling files hold each area's models.
export default defineConfig({
  schema: 'prisma',
  migrations: { path: 'prisma/migrations' },
  datasource: { url: process.env.DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/mdm' },
});
