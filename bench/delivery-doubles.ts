/**
 * The outside world of bench/wipe-delivery.ts, in a process of its own as it is in production: the APNs double
 * (tools/fake-apns.ts, HTTP/2 + TLS) and the subscriber's webhook endpoint. Run from the bench with fork(); it
 * records when each device token was first pushed and how many webhook events arrived, and sends them to the bench
 * every 25 ms as they come. Times are absolute (performance.timeOrigin + performance.now()), so the bench can
 * compare them with its own accept times; keeping these servers out of the bench process keeps their work out of
 * the event loop that also serves the API, which made (c) measure the bench's own queueing.
 */
import { createServer as createHttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';
import { startFakeApns } from '../tools/fake-apns.js';

/** What the bench hears from this process. */
export type DoublesMessage =
  | { kind: 'ready'; apnsUrl: string; apnsCaPem: string; sinkUrl: string }
  | { kind: 'progress'; pushes: [token: string, at: number][]; duplicatePushes: number; webhooks: number };

if (!process.send) {
  console.error('bench/delivery-doubles.ts is started by bench/wipe-delivery.ts (it reports over IPC), not on its own');
  process.exit(2);
}
// Nothing to tell once the bench has let go (it disconnects when done).
const send = (message: DoublesMessage) => process.connected && process.send!(message, undefined, undefined, () => undefined);
const now = () => performance.timeOrigin + performance.now();

const seen = new Set<string>();
let fresh: [string, number][] = [];
let duplicatePushes = 0;
let webhooks = 0;

const apns = await startFakeApns();
apns.respond = (request) => {
  const token = request.path.split('/').at(-1)!;
  if (seen.has(token)) duplicatePushes += 1;
  else {
    seen.add(token);
    fresh.push([token, now()]);
  }
  return { status: 200 };
};
apns.requests = new Proxy([], { get: (target, key) => (key === 'push' ? () => 0 : Reflect.get(target, key)) }); // keep memory flat

const sink = createHttpServer((request, response) => {
  request.resume();
  request.on('end', () => {
    webhooks += 1;
    response.writeHead(204).end();
  });
});
await new Promise<void>((resolve) => sink.listen(0, '127.0.0.1', resolve));

send({ kind: 'ready', apnsUrl: apns.url, apnsCaPem: apns.caPem, sinkUrl: `http://127.0.0.1:${(sink.address() as AddressInfo).port}/hook` });
const reporter = setInterval(() => {
  send({ kind: 'progress', pushes: fresh, duplicatePushes, webhooks });
  fresh = [];
}, 25);

process.on('disconnect', () => {
  clearInterval(reporter);
  sink.close();
  void apns.close().then(() => process.exit(0));
});
