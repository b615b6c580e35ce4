/**
 * Signed Apple check-in throughput against a bare Fastify route doing the same database write, in one run.
 *
 * Devices are enrolled for real (profile, identity from our CA, Authenticate); then autocannon replays signed
 * TokenUpdate check-ins (Mdm-Signature: SHA-1 CMS like real devices) at PUT /mdm/apple/checkin: CMS verify, CA
 * check, certificate lookup, plist decode, enrolment binding check, one batch of writes. The baseline route makes
 * the same batch of writes with no verification, lookup or parsing. Prints both and the ratio.
 *
 *   npx tsx bench/apple-checkin.ts [--devices 50] [--seconds 8] [--connections 20]
 */
// @ts-nocheck

import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import forge from 'node-forge';
import { pino } from 'pino';
import { buildApp } from '../src/api/app.js';
import { loadConfig } from '../src/config/index.js';
import { closeDeps, createDeps } from '../src/container.js';
import { encodePlist } from '../src/mdm/apple/plist.js';
import { newRsaKeyPem, signDetached } from '../src/mdm/apple/pki.js';
import { createAppleEnrollment } from '../src/use-cases/apple/create-enrollment.js';
import { AppleDeviceSimulator, injectTransport } from '../tests/support/apple-device-simulator.js';
import { benchDatabase, printTable } from './lib.js';

const { values } = parseArgs({ options: { devices: { type: 'string', default: '50' }, seconds: { type: 'string', default: '8' }, connections: { type: 'string', default: '20' } } });
const deviceCount = Number(values.devices);
const seconds = Number(values.seconds);
const connections = Number(values.connections);

const topic = 'com.apple.mgmt.External.bench';
const dir = mkdtempSync(join(tmpdir(), 'apple-bench-'));
const pushKey = newRsaKeyPem();
const key = forge.pki.privateKeyFromPem(pushKey);
const pushCert = forge.pki.createCertificate();
pushCert.publicKey = forge.pki.setRsaPublicKey(key.n, key.e);
pushCert.serialNumber = '01';
pushCert.validity.notBefore = new Date(Date.now() - 86_400_000);
pushCert.validity.notAfter = new Date(Date.now() + 86_400_000);
pushCert.setSubject([{ type: '0.9.2342.19200300.100.1.1', value: topic } as forge.pki.CertificateField]);
pushCert.setIssuer(pushCert.subject.attributes);
pushCert.sign(key, forge.md.sha256.create());
writeFileSync(join(dir, 'push.pem'), forge.pki.certificateToPem(pushCert));
writeFileSync(join(dir, 'push.key'), pushKey);

const database = await benchDatabase();
const config = loadConfig({
  DATABASE_URL: database.url,
  REDIS_URL: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379',
  REDIS_PREFIX: `bench-apple-${process.pid}`,
  JWT_SECRET: 'x'.repeat(32),
  DATA_ENCRYPTION_KEY: Buffer.alloc(32, 3).toString('base64'),
  LOG_LEVEL: 'silent',
  APPLE_CA_DIR: join(dir, 'ca'),
  APPLE_PUSH_CERT_PATH: join(dir, 'push.pem'),
  APPLE_PUSH_KEY_PATH: join(dir, 'push.key'),
  PUBLIC_BASE_URL: 'http://127.0.0.1',
});
const deps = await createDeps(config, { logger: pino({ level: 'silent' }) });
const app = await buildApp(deps, { logger: false });

// The baseline: the same writes a steady-state TokenUpdate makes (enrolment row + device last-seen, one batch),
// keyed by a header, with no signature, certificate lookup or plist parsing.
const rowIds = new Map<string, { id: string; deviceId: string }>();
app.put('/bench/bare-checkin', async (request, reply) => {
  const ids = rowIds.get(request.headers['x-enrollment-id'] as string)!;
  const now = deps.clock.now();
  await deps.db.$transaction([
    deps.db.appleEnrollment.update({ where: { id: ids.id }, data: { pushMagic: 'magic', pushTokenHex: 'ab', pushTokenInvalidAt: null, tokenUpdatedAt: now, lastSeenAt: now } }),
    deps.db.device.update({ where: { id: ids.deviceId }, data: { lastSeenAt: now } }),
  ]);
  return reply.send();
});
await app.ready();

try {
  const owner = await deps.db.user.create({ data: { email: 'bench@example.test', name: 'bench', role: 'IT', passwordHash: 'x' } });
  const devices: AppleDeviceSimulator[] = [];
  for (let i = 0; i < deviceCount; i += 1) {
    const { profileUrl } = await createAppleEnrollment(deps, { userId: owner.id, role: 'IT' }, { userId: owner.id, ownership: 'CORPORATE' });
    const device = new AppleDeviceSimulator(injectTransport(app as never));
    await device.enrol(profileUrl);
    if ((await device.authenticate()).status !== 200) throw new Error('Authenticate failed');
    devices.push(device);
  }

  const signed = devices.map((device) => {
    const body = encodePlist({ MessageType: 'TokenUpdate', UDID: device.udid, Topic: topic, Token: device.pushToken, PushMagic: device.pushMagic, AwaitingConfiguration: false });
    return { device, body, signature: signDetached(body, device.identity!, { digest: 'sha1', signedAttributes: false }).toString('base64') };
  });
  // One first TokenUpdate each, so the measured ones are steady-state (the first queues posture queries).
  for (const { device, body, signature } of signed) await device.sendRaw('/mdm/apple/checkin', 'application/x-apple-aspen-mdm-checkin', body, signature);

  for (const row of await deps.db.appleEnrollment.findMany({ select: { id: true, deviceId: true, enrollmentId: true } })) {
    if (row.enrollmentId) rowIds.set(row.enrollmentId, row);
  }
  const address = await app.listen({ port: 0, host: '127.0.0.1' });
  // Each connection walks the devices from its own random offset: no two connections queue on the same rows.
  const run = (request: (index: number) => { path: string; headers: Record<string, string>; body?: string }) =>
    autocannon({
      url: address,
      connections,
      duration: seconds,
      requests: [
        {
          method: 'PUT',
          setupRequest: (req, context) => {
            const state = context as { next?: number };
            state.next = ((state.next ?? Math.floor(Math.random() * signed.length)) + 1) % signed.length;
            return { ...req, ...request(state.next) };
          },
        },
      ],
    });

  const signedRun = await run((i) => ({
    path: '/mdm/apple/checkin',
    headers: { 'content-type': 'application/x-apple-aspen-mdm-checkin', 'mdm-signature': signed[i]!.signature },
    body: signed[i]!.body.toString('utf8'),
  }));
  const bareRun = await run((i) => ({ path: '/bench/bare-checkin', headers: { 'x-enrollment-id': signed[i]!.device.udid } }));

  const row = (name: string, result: autocannon.Result) => ({
    route: name,
    'req/s': result.requests.average,
    'p50 ms': result.latency.p50,
    'p99 ms': result.latency.p99,
    non2xx: result.non2xx,
    errors: result.errors,
  });
  printTable(`Apple check-in, ${deviceCount} devices, ${connections} connections, ${seconds}s each`, [
    row('signed TokenUpdate (PUT /mdm/apple/checkin)', signedRun),
    row('bare route, same write', bareRun),
  ]);
  console.log(`ratio signed / bare: ${(signedRun.requests.average / bareRun.requests.average).toFixed(2)}`);
} finally {
  await app.close();
  const keys = await deps.redis.keys(`${config.REDIS_PREFIX}:*`);
  if (keys.length) await deps.redis.del(...keys);
  await closeDeps(deps);
  await database.drop();
}
