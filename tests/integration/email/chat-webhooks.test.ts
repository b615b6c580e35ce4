import { UnrecoverableError } from 'bullmq';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Deps } from '../../../src/deps.js';
import { dispatchChatNotifications } from '../../../src/use-cases/email/dispatch-chat-notifications.js';
import { postChatNotification } from '../../../src/use-cases/email/post-chat-notification.js';
import { createIsolatedTestContext, type TestContext } from '../../support/context.js';

/** An incoming-webhook receiver like Slack's or Teams': answers with the statuses queued in `answers`, then 200. */
function startReceiver(received: { body: unknown; contentType: string | undefined }[], answers: number[]): Promise<Server> {
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (c: Buffer) => chunks.push(c));
    request.on('end', () => {
      received.push({ body: JSON.parse(Buffer.concat(chunks).toString('utf8')), contentType: request.headers['content-type'] });
      const status = answers.shift() ?? 200;
      response.writeHead(status, { 'content-type': 'text/plain' }).end(status === 200 ? 'ok' : 'try later');
    });
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

describe('Teams and Slack channel', () => {
  let ctx: TestContext;
  let receiver: Server;
  const received: { body: unknown; contentType: string | undefined }[] = [];
  const answers: number[] = [];
  let url: string;
  const withConfig = (overrides: Partial<Deps['config']>): Deps => ({ ...ctx.deps, config: { ...ctx.deps.config, ...overrides } });
  const notify = (audience: string | null, subject = 'A full wipe waits for a second approver', userId: string | null = null) =>
    ctx.deps.db.notification.create({ data: { kind: 'approval_requested', audience, userId, subject, body: 'Approve with POST /v1/wipes/x/approve <now>', createdAt: ctx.clock.now() } });
  const status = async (id: string) => ctx.deps.db.notification.findUniqueOrThrow({ where: { id }, select: { chatStatus: true, chatAttempts: true, chatError: true } });

  beforeAll(async () => {
    receiver = await startReceiver(received, answers);
    url = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hooks/T000/B000/xyz`;
    ctx = await createIsolatedTestContext({ CHAT_WEBHOOK_URL: url, WEBHOOK_TIMEOUT_MS: '2000' });
  });
  afterAll(async () => {
    await ctx?.close();
    await new Promise((resolve) => receiver?.close(resolve));
  });

  it('posts each role-addressed event once, in Slack format, retrying a temporary failure', async () => {
    const forIt = await notify('IT', 'Device <lost> & found');
    const forAdmin = await notify('ADMIN');
    const personal = await notify(null, 'Your wipe was approved', (await ctx.deps.db.user.create({ data: { email: 'p@example.test', name: 'P', passwordHash: 'x' } })).id);
    expect(await dispatchChatNotifications(ctx.deps)).toBe(1);
    expect(await status(forIt.id)).toMatchObject({ chatStatus: 'QUEUED' });
    // IT and ADMIN hear the same events: the channel gets them once. A message to one person never goes to a channel.
    expect(await status(forAdmin.id)).toMatchObject({ chatStatus: 'SKIPPED' });
    expect(await status(personal.id)).toMatchObject({ chatStatus: null });

    answers.push(503);
    await expect(postChatNotification(ctx.deps, forIt.id, { finalAttempt: false })).rejects.toThrow(/503/);
    expect(await status(forIt.id)).toMatchObject({ chatStatus: 'QUEUED', chatAttempts: 1 });
    await postChatNotification(ctx.deps, forIt.id, { finalAttempt: false });
    expect(await status(forIt.id)).toMatchObject({ chatStatus: 'SENT', chatAttempts: 2, chatError: null });
    expect(received).toHaveLength(2);
    expect(received[1]).toEqual({
      contentType: 'application/json',
      body: { text: '*Device &lt;lost&gt; &amp; found*\nApprove with POST /v1/wipes/x/approve &lt;now&gt;', unfurl_links: false },
    });
    // A redelivered job after success posts nothing more.
    await postChatNotification(ctx.deps, forIt.id, { finalAttempt: false });
    expect(received).toHaveLength(2);
  });

  it('posts an Adaptive Card to Teams', async () => {
    const n = await notify('IT');
    await postChatNotification(withConfig({ CHAT_WEBHOOK_FORMAT: 'teams' }), n.id, { finalAttempt: false });
    expect(await status(n.id)).toMatchObject({ chatStatus: 'SENT' });
    expect(received.at(-1)!.body).toMatchObject({
      type: 'message',
      attachments: [
        {
          contentType: 'application/vnd.microsoft.card.adaptive',
          content: { type: 'AdaptiveCard', body: [{ type: 'TextBlock', text: 'A full wipe waits for a second approver', weight: 'Bolder' }, { text: 'Approve with POST /v1/wipes/x/approve <now>' }, { text: 'approval_requested' }] },
        },
      ],
    });
  });

  it('records a refusal or the last failed attempt as FAILED, and skips everything when no channel is configured', async () => {
    const refused = await notify('IT');
    answers.push(404);
    await expect(postChatNotification(ctx.deps, refused.id, { finalAttempt: false })).rejects.toBeInstanceOf(UnrecoverableError);
    expect(await status(refused.id)).toMatchObject({ chatStatus: 'FAILED', chatError: expect.stringContaining('404') });

    const unreachable = await notify('IT');
    await expect(postChatNotification(withConfig({ CHAT_WEBHOOK_URL: 'http://127.0.0.1:1/closed' }), unreachable.id, { finalAttempt: true })).rejects.toThrow();
    expect(await status(unreachable.id)).toMatchObject({ chatStatus: 'FAILED', chatAttempts: 1 });

    const off = await notify('IT');
    expect(await dispatchChatNotifications(withConfig({ CHAT_WEBHOOK_URL: undefined }))).toBe(0);
    expect(await status(off.id)).toMatchObject({ chatStatus: 'SKIPPED' });
  });
});
