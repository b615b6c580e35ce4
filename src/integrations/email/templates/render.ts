import { en, type Catalogue, type MessageKey } from './messages/en.js';

/**
 * Every e-mail the service sends is rendered here, from the catalogues in ./messages: one layout, plain text and a
 * simple HTML part with the same content. Add a locale by adding messages/<tag>.ts and listing it below.
 */
const CATALOGUES: Record<string, Catalogue> = { en };

export interface EmailContent {
  subject: string;
  text: string;
  html: string;
}

export interface EmailInput {
  kind: string;
  locale: string;
  recipientName: string;
  subject: string;
  /** Lines of the message itself (already written by the notification's author). */
  body: string;
  /** For digests: the items folded into it. */
  items?: { subject: string; body: string }[];
}

function catalogueFor(locale: string): Catalogue {
  const tag = locale.toLowerCase();
  return CATALOGUES[tag] ?? CATALOGUES[tag.split('-')[0]!] ?? en;
}

export function message(locale: string, key: MessageKey, values: Record<string, string | number> = {}): string {
  const template = catalogueFor(locale)[key] ?? en[key];
  return template.replace(/\{(\w+)\}/g, (_, name: string) => String(values[name] ?? `{${name}}`));
}

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
const paragraphs = (s: string) => s.split('\n').map((line) => `<p>${escapeHtml(line)}</p>`).join('');

export function renderEmail(input: EmailInput): EmailContent {
  const { locale } = input;
  const introKey = (`intro.${input.kind}` in en ? `intro.${input.kind}` : 'intro.default') as MessageKey;
  const greeting = message(locale, 'greeting', { name: input.recipientName });
  const intro = input.items ? message(locale, 'digest.intro') : message(locale, introKey);
  const sections = input.items ?? [{ subject: input.subject, body: input.body }];
  const text = [
    greeting,
    '',
    intro,
    '',
    ...sections.flatMap((s) => [s.subject, s.body, '']),
    message(locale, 'signOff'),
    '',
    '--',
    message(locale, 'footer'),
  ].join('\n');
  const html = [
    '<!doctype html><html><body style="font-family: sans-serif; line-height: 1.4">',
    `<p>${escapeHtml(greeting)}</p>`,
    `<p>${escapeHtml(intro)}</p>`,
    ...sections.map((s) => `<h3>${escapeHtml(s.subject)}</h3>${paragraphs(s.body)}`),
    `<p>${escapeHtml(message(locale, 'signOff'))}</p>`,
    `<hr><p style="color: #666; font-size: small">${escapeHtml(message(locale, 'footer'))}</p>`,
    '</body></html>',
  ].join('\n');
  return { subject: input.subject, text, html };
}
