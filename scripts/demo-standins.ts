/**
 * Local stand-ins for the demo (scripts/demo.sh), so both platforms work without Apple or Google accounts:
 *  - a throw-away MDM push certificate and a local APNs (HTTP/2, the real wire format; tests/support/apple.ts),
 *  - a local Android Management API with Pub/Sub pushes signed like Google's (tests/support/fake-amapi.ts),
 *  - a "device lab" page (http://127.0.0.1:3100) offering simulated devices: paste an enrolment link from the
 *    console and an iPhone (company-owned), a personal iPhone on User Enrolment or an Android phone enrols,
 *    reports its posture and answers commands. Apple devices wake up on the APNs pushes the server sends.
 * Writes the settings the API and worker need to var/demo/standins.env, then keeps running until stopped.
 * None of this is used in production: configure the real APNs certificate and AMAPI enterprise instead (README).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { resolve } from 'node:path';
import { AppleDeviceSimulator, fetchTransport } from '../tools/apple-device-simulator.js';
import { appleEnv, startFakeApns } from '../tests/support/apple.js';
import { ENTERPRISE, FakeAmapi, pushBody } from '../tests/support/fake-amapi.js';
import { androidFixture } from '../tests/support/fixtures.js';

const baseUrl = process.env.PUBLIC_BASE_URL ?? 'http://localhost:3000';
const labPort = Number(process.env.DEMO_LAB_PORT ?? 3100);
const dir = resolve('var/demo');
mkdirSync(dir, { recursive: true });

const apns = await startFakeApns();
const amapi = await FakeAmapi.start();
const env = { ...appleEnv(apns, { PUBLIC_BASE_URL: baseUrl, APPLE_CA_DIR: resolve('var/apple-ca') }), ...amapi.env() };
delete env.LOGIN_RATE_LIMIT_PER_MINUTE;
writeFileSync(resolve(dir, 'standins.env'), Object.entries(env).map(([k, v]) => `${k}='${v.replaceAll("'", "'\\''")}'`).join('\n') + '\n');

interface LabDevice {
  kind: string;
  status: string;
  apple?: AppleDeviceSimulator;
}
const devices: LabDevice[] = [];

// The server pushes to a device token; the matching simulated iPhone connects and answers, as a real one would.
apns.respond = (request) => {
  const token = request.path.split('/').pop();
  const device = devices.find((d) => d.apple?.pushToken.toString('hex') === token);
  if (device?.apple) void device.apple.runSession().then((handled) => (device.status = `answered ${handled.length} command(s) at ${new Date().toLocaleTimeString()}`), (e: unknown) => (device.status = `error: ${String(e)}`));
  return { status: 200 };
};

async function enrolApple(profileUrl: string, userEnrollment: boolean): Promise<LabDevice> {
  const apple = new AppleDeviceSimulator(fetchTransport, { userEnrollment, productName: userEnrollment ? 'iPhone15,3' : 'iPhone14,2' });
  const device: LabDevice = { kind: userEnrollment ? 'personal iPhone (User Enrolment)' : 'iPhone', status: 'enrolling', apple };
  for (const step of [() => apple.enrol(profileUrl), () => apple.authenticate(), () => apple.tokenUpdate()]) {
    const response = await step();
    if (response.status !== 200) throw new Error(`HTTP ${response.status}: ${response.body.toString('utf8').slice(0, 300)}`);
  }
  await apple.runSession();
  device.status = 'enrolled';
  return device;
}

let messages = 0;
async function enrolAndroid(link: string): Promise<LabDevice> {
  // The local AMAPI issues tokens TOKEN<n>XXX… named enrollmentTokens/tok<n>; the phone reports which it used.
  const value = new URL(link).searchParams.get('et') ?? '';
  const n = /^TOKEN(\d+)/.exec(value)?.[1];
  if (!n) throw new Error('not an enrolment link from the local Android Management API');
  const template = androidFixture<Record<string, unknown>>('device-personally-owned-work-profile-noncompliant.json');
  const device = { ...template, name: `${ENTERPRISE}/devices/demo${Date.now()}`, enrollmentTokenName: `${ENTERPRISE}/enrollmentTokens/tok${n}` };
  amapi.devices.set(device.name, device as never);
  const response = await fetch(`${baseUrl}/mdm/android/pubsub`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${await amapi.pushToken()}` },
    body: JSON.stringify(pushBody('ENROLLMENT', device, `demo-${++messages}`)),
  });
  if (!response.ok) throw new Error(`HTTP ${response.status}: ${(await response.text()).slice(0, 300)}`);
  return { kind: 'Android phone (work profile)', status: 'enrolled' };
}

const escape = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
const page = (message = '') => `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width"><title>Device lab (demo)</title></head>
<body><h1>Device lab (demo stand-ins)</h1>
<p>Sign in to the console at <a href="${baseUrl}">${baseUrl}</a>, open "Enrol a phone" (or a person's page as IT), copy the link, paste it here.</p>
${message ? `<p role="status"><strong>${escape(message)}</strong></p>` : ''}
<form method="post"><label>Enrolment link <input name="link" size="80" required></label>
<fieldset><legend>Simulated device</legend>
<label><input type="radio" name="kind" value="iphone" checked> iPhone</label>
<label><input type="radio" name="kind" value="user-enrolment"> personal iPhone, User Enrolment</label>
<label><input type="radio" name="kind" value="android"> Android phone (paste the Android link)</label></fieldset>
<button>Enrol</button></form>
<h2>Devices</h2><ul>${devices.map((d) => `<li>${escape(d.kind)}: ${escape(d.status)}</li>`).join('')}</ul></body></html>`;

createServer((req, res) => {
  const reply = (html: string) => res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(html);
  if (req.method !== 'POST') return reply(page());
  let body = '';
  req.on('data', (chunk: Buffer) => (body += chunk.toString('utf8').slice(0, 10_000)));
  req.on('end', async () => {
    const form = new URLSearchParams(body);
    const link = form.get('link')?.trim() ?? '';
    try {
      const device = form.get('kind') === 'android' ? await enrolAndroid(link) : await enrolApple(link, form.get('kind') === 'user-enrolment');
      devices.push(device);
      reply(page(`${device.kind} enrolled: watch it in the console.`));
    } catch (error) {
      reply(page(`Could not enrol: ${error instanceof Error ? error.message : String(error)}`));
    }
  });
}).listen(labPort, '127.0.0.1');

console.log(`stand-ins ready: APNs ${apns.url}, Android Management API ${amapi.url}, device lab http://127.0.0.1:${labPort}`);
