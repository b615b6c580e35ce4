#!/usr/bin/env bash
# Writes prisma/migrations/<timestamp>_<name>/migration.sql: the SQL that turns the schema at BASE (a git ref,
# default HEAD) into the schema in the working tree. Prisma 7's migrate needs a schema engine binary that can't
# always be downloaded; Prisma 6.19 with engine "js" computes the same diff offline (it still opens a connection
# to DATABASE_URL, default the local postgres database, but changes nothing there).
# Usage: scripts/new-migration.sh add_apple_enrolments [BASE]
set -euo pipefail
name=${1:?usage: scripts/new-migration.sh NAME [BASE_REF]}
base=${2:-HEAD}
root=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
tool="$root/node_modules/.cache/prisma6"
if [ ! -x "$tool/node_modules/.bin/prisma" ]; then
  mkdir -p "$tool"
  (cd "$tool" && echo '{"private":true}' > package.json && npm i --silent prisma@6.19.3 @prisma/adapter-pg@6.19.3 >/dev/null)
fi
strip() { # datasource without url is a Prisma 7 form; 6.19 wants one, and needs no generator
  sed -e '/^generator client {/,/^}/d' -e 's#^\(  provider = "postgresql"\)$#\1\n  url = "postgresql://unused@localhost/unused"#'
}
mkdir -p "$work/from" "$work/to"
for f in $(git -C "$root" ls-tree --name-only "$base" prisma/ | grep '\.prisma$' || true); do
  git -C "$root" show "$base:$f" | strip > "$work/from/$(basename "$f")"
done
for f in "$root"/prisma/*.prisma; do strip < "$f" > "$work/to/$(basename "$f")"; done
cat > "$tool/prisma.config.ts" <<'TS'
import { defineConfig } from 'prisma/config';
import { PrismaPg } from '@prisma/adapter-pg';
export default defineConfig({ experimental: { adapter: true }, engine: 'js', adapter: async () => new PrismaPg({ connectionString: process.env.DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres' }) } as never);
TS
if [ -z "$(ls "$work/from")" ]; then from=(--from-empty); else from=(--from-schema-datamodel "$work/from"); fi
dir="$root/prisma/migrations/$(date -u +%Y%m%d%H%M%S)_$name"
sql=$(cd "$tool" && PRISMA_QUERY_ENGINE_LIBRARY=/bin/true PRISMA_SCHEMA_ENGINE_BINARY=/bin/true \
  node_modules/.bin/prisma migrate diff "${from[@]}" --to-schema-datamodel "$work/to" --script)
if [ -z "$(echo "$sql" | grep -v '^--' | tr -d '[:space:]')" ]; then echo "no schema change since $base"; exit 0; fi
mkdir -p "$dir"
printf '%s\n' "$sql" > "$dir/migration.sql"
echo "wrote ${dir#$root/}/migration.sql"
