export type ChatFormat = 'slack' | 'teams';

export interface ChatMessage {
  subject: string;
  body: string;
  kind: string;
}

/** Slack markup treats these three as control characters; everything else is literal. */
const slackEscape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/**
 * The JSON body each platform's incoming webhook expects. Slack: `text` with mrkdwn (bold subject). Teams: a message
 * with one Adaptive Card (accepted by classic incoming webhooks and by Workflows "post to a channel" webhooks).
 */
export function chatPayload(format: ChatFormat, message: ChatMessage): Record<string, unknown> {
  if (format === 'slack') {
    return { text: `*${slackEscape(message.subject)}*\n${slackEscape(message.body)}`, unfurl_links: false };
  }
  return {
    type: 'message',
    attachments: [
      {
        contentType: 'application/vnd.microsoft.card.adaptive',
        contentUrl: null,
        content: {
          $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
          type: 'AdaptiveCard',
          version: '1.4',
          body: [
            { type: 'TextBlock', text: message.subject, weight: 'Bolder', size: 'Medium', wrap: true },
            { type: 'TextBlock', text: message.body, wrap: true },
            { type: 'TextBlock', text: message.kind, isSubtle: true, size: 'Small', wrap: true },
          ],
        },
      },
    ],
  };
}

export interface ChatPostResult {
  ok: boolean;
  /** Worth retrying: rate limited (429), server error (5xx), timeout or connection failure. */
  temporary: boolean;
  status: number | null;
  error?: string;
}

/** One POST to the channel's webhook; never throws. */
export async function postToChat(url: string, format: ChatFormat, message: ChatMessage, timeoutMs: number): Promise<ChatPostResult> {
  try {
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(chatPayload(format, message)),
      signal: AbortSignal.timeout(timeoutMs),
      redirect: 'error',
    });
    const text = (await response.text()).slice(0, 500);
    if (response.ok) return { ok: true, temporary: false, status: response.status };
    return { ok: false, temporary: response.status === 429 || response.status >= 500, status: response.status, error: text || response.statusText };
  } catch (error) {
    return { ok: false, temporary: true, status: null, error: error instanceof Error ? error.message : String(error) };
  }
}
