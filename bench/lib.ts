import { spawn, type ChildProcess } from 'node:child_process';
import { createPrivateKey, randomBytes, sign as rsaSign } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type forge from 'node-forge';
import pg from 'pg';
import { migrate } from '../src/db/migrate.js';
import { signDetached, type KeyPairPem } from '../src/mdm/apple/pki.js';
import { selfSigned } from '../tools/fake-apns.js';

/** Shared pieces for benchmarks: figures are printed, never asserted (timed tests are flaky on shared CPUs). */

export function percentile(sortedMs: number[], p: number): number {
  if (sortedMs.length === 0) return NaN;
  const index = Math.min(sortedMs.length - 1, Math.ceil((p / 100) * sortedMs.length) - 1);
  return sortedMs[Math.max(0, index)]!;
}

export function summarise(samplesMs: number[]) {
  const sorted = [...samplesMs].sort((a, b) => a - b);
  return {
    n: sorted.length,
    p50: percentile(sorted, 50),
    p95: percentile(sorted, 95),
    p99: percentile(sorted, 99),
    max: sorted.at(-1) ?? NaN,
  };
}

export function printTable(title: string, rows: Record<string, string | number>[]) {
  console.log(`\n${title}`);
  console.table(rows.map((r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, typeof v === 'number' ? Number(v.toFixed(2)) : v]))));
}

/** A migrated database of its own, dropped by `drop()`; base URL from DATABASE_URL (default local postgres). */
export async function benchDatabase() {
  const base = process.env.DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';
  const name = `mdm_bench_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: base });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${name}"`);
  await admin.end();
  const url = new URL(base);
  url.pathname = `/${name}`;
  await migrate(url.toString(), resolve('prisma/migrations'));
  return {
    url: url.toString(),
    async drop() {
      const client = new pg.Client({ connectionString: base });
      await client.connect();
      await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await client.end();
    },
  };
}

/**
 * Mdm-Signature for many bodies, fast: without signed attributes the CMS signature is RSA over the body alone and
 * is the last 256 bytes of the DER, so one node-forge template per device plus a native RSA signature per body.
 */
export function fastSigner(identity: KeyPairPem) {
  const template = signDetached(Buffer.from('template'), identity, { digest: 'sha1', signedAttributes: false });
  const head = template.subarray(0, template.length - 256);
  const privateKey = createPrivateKey(identity.keyPem);
  return (body: Buffer) => Buffer.concat([head, rsaSign('sha1', body, privateKey)]).toString('base64');
}


/** A scratch directory holding an APNs push certificate and key for `topic` (push.pem, push.key). */
export function pushCertificateDir(topic: string, name: string): string {
  const dir = mkdtempSync(join(tmpdir(), `${name}-`));
  const push = selfSigned([{ type: '0.9.2342.19200300.100.1.1', value: topic } as forge.pki.CertificateField, { name: 'commonName', value: `APSP:${topic}` }]);
  writeFileSync(join(dir, 'push.pem'), push.certPem);
  writeFileSync(join(dir, 'push.key'), push.keyPem);
  return dir;
}

/** A free local port, for a process whose readiness we poll (at LOG_LEVEL=warn it prints nothing when up). */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/**
 * Starts `entry` (src/api/server.ts, src/jobs/worker.ts) as a process of its own, as production runs it, with `env`
 * as its whole environment (plus PATH); resolves once `readyUrl` answers 2xx. Added to `children` for stopChildren.
 */
export async function startProcess(children: ChildProcess[], entry: string, env: Record<string, string>, readyUrl: string): Promise<void> {
  const child = spawn(process.execPath, ['--import', 'tsx', entry], { env: { PATH: process.env.PATH ?? '', ...env }, stdio: ['ignore', 'inherit', 'inherit'] });
  children.push(child);
  const deadline = Date.now() + 100_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`${entry} exited ${child.exitCode}`);
    if (Date.now() > deadline) throw new Error(`${entry} did not start`);
    const up = await fetch(readyUrl).then((r) => r.ok, () => false);
    if (up) return;
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** SIGTERM to every child still running; resolves when they have exited (in-flight jobs finish first). */
export async function stopChildren(children: ChildProcess[]): Promise<void> {
  await Promise.all(
    children.filter((c) => c.exitCode === null).map((c) => {
      const exited = new Promise((resolve) => c.once('exit', resolve));
      c.kill('SIGTERM');
      return exited;
    }),
  );
}
