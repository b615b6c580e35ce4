import { readFileSync } from 'node:fs';
import nodemailer, { type Transporter } from 'nodemailer';
import type { Config } from '../../config/index.js';

const transports = new WeakMap<Config, Transporter>();

/** The SMTP transport of this process, or undefined when e-mail is off (SMTP_URL unset). */
export function smtpTransport(config: Config): Transporter | undefined {
  if (!config.SMTP_URL) return undefined;
  let transport = transports.get(config);
  if (!transport) {
    const url = new URL(config.SMTP_URL);
    transport = nodemailer.createTransport({
      host: url.hostname,
      port: url.port ? Number(url.port) : url.protocol === 'smtps:' ? 465 : 587,
      secure: url.protocol === 'smtps:',
      requireTLS: config.SMTP_REQUIRE_TLS,
      auth: url.username ? { user: decodeURIComponent(url.username), pass: decodeURIComponent(url.password) } : undefined,
      tls: {
        rejectUnauthorized: config.SMTP_TLS_REJECT_UNAUTHORIZED,
        ...(config.SMTP_CA_FILE ? { ca: readFileSync(config.SMTP_CA_FILE, 'utf8') } : {}),
      },
      // One connection per message: a refused or broken connection then fails that message at once (a pool
      // would retry it behind the scenes), and volumes are small (managers get digests).
      pool: false,
      connectionTimeout: 15_000,
      greetingTimeout: 15_000,
      socketTimeout: 30_000,
    });
    transports.set(config, transport);
  }
  return transport;
}

export interface SmtpFailure {
  /** A 5xx answer: the server will never take this message (unknown mailbox, policy); do not retry. */
  permanent: boolean;
  code: number | null;
  message: string;
}

export function classifySmtpError(error: unknown): SmtpFailure {
  const e = error as { responseCode?: number; response?: string; message?: string };
  const code = typeof e.responseCode === 'number' ? e.responseCode : null;
  return { permanent: code !== null && code >= 500, code, message: (e.response ?? e.message ?? String(error)).slice(0, 500) };
}
