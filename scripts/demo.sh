#!/usr/bin/env bash
# One command from a fresh checkout to a running service with demo data: Node 24, dependencies, PostgreSQL and
# Redis on localhost, generated secrets (.env), database, migrations, demo users, then the worker and the API.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/use-node24.sh
[ -d node_modules ] || npm ci --no-audit --no-fund
source scripts/ensure-services.sh

if [ ! -f .env ]; then
  cat > .env <<ENV
DATABASE_URL=postgresql://postgres@127.0.0.1:5432/mdm
REDIS_URL=redis://127.0.0.1:6379
JWT_SECRET=$(openssl rand -base64 48 | tr -d '\n')
DATA_ENCRYPTION_KEY=$(openssl rand -base64 32 | tr -d '\n')
PUBLIC_BASE_URL=http://localhost:3000
ENV
  echo "wrote .env with fresh secrets"
fi
set -a; source .env; set +a

db_name=${DATABASE_URL##*/}
admin_url=${DATABASE_URL%/*}/postgres
if ! psql "$admin_url" -tAc "SELECT 1 FROM pg_database WHERE datname = '$db_name'" | grep -q 1; then
  psql "$admin_url" -qc "CREATE DATABASE \"$db_name\""
fi
npm run -s prisma:generate >/dev/null
npm run -s db:migrate
npm run -s db:seed
npm run -s build:web

# Local stand-ins for APNs and Google's Android Management API, and the device lab with simulated devices
# (scripts/demo-standins.ts). DEMO_STANDINS=0 keeps the settings in .env (real Apple and Google services).
standins=
if [ "${DEMO_STANDINS:-1}" != 0 ]; then
  rm -f var/demo/standins.env
  npx tsx scripts/demo-standins.ts &
  standins=$!
  for _ in $(seq 1 60); do [ -f var/demo/standins.env ] && break; sleep 1; done
  set -a; source var/demo/standins.env; set +a
fi

npx tsx src/jobs/worker.ts &
worker=$!
trap 'kill $worker $standins 2>/dev/null || true' EXIT
echo "Console and API on ${PUBLIC_BASE_URL} (Swagger UI at /docs)${standins:+, device lab on http://127.0.0.1:${DEMO_LAB_PORT:-3100}}; Ctrl-C stops everything"
npx tsx src/api/server.ts
