/**
 * Every failure the service reports on purpose. Domain code throws these codes, never HTTP objects;
 * the API's single error handler maps them to a status through HTTP_STATUS_BY_CODE.
 */
export const HTTP_STATUS_BY_CODE = {
  BAD_REQUEST: 400,
  VALIDATION_FAILED: 400,
  /** Device protocol endpoints answer 400 for signature failures: a 401 makes some devices unenrol. */
  BAD_SIGNATURE: 400,
  UNAUTHENTICATED: 401,
  INVALID_CREDENTIALS: 401,
  MFA_REQUIRED: 401,
  FORBIDDEN: 403,
  /** The caller must repeat MFA (step-up) before this action. */
  STEP_UP_REQUIRED: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  GONE: 410,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  UNPROCESSABLE: 422,
  ACCOUNT_LOCKED: 423,
  RATE_LIMITED: 429,
  INTERNAL: 500,
  UPSTREAM_FAILED: 502,
  SERVICE_UNAVAILABLE: 503,
} as const;

export type ErrorCode = keyof typeof HTTP_STATUS_BY_CODE;

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly details?: unknown;

  constructor(code: ErrorCode, message: string, options: { details?: unknown; cause?: unknown } = {}) {
    super(message, { cause: options.cause });
    this.name = 'AppError';
    this.code = code;
    this.details = options.details;
  }

  get status(): number {
    return HTTP_STATUS_BY_CODE[this.code];
  }
}

export const notFound = (what: string) => new AppError('NOT_FOUND', `${what} not found`);
export const forbidden = (message = 'You are not allowed to do this') => new AppError('FORBIDDEN', message);

// Prisma codes meaning "the database is not there right now": cannot reach, timed out, connection closed,
// pool exhausted, transaction lost its connection.
const DATABASE_UNAVAILABLE_CODES = new Set(['P1001', 'P1002', 'P1008', 'P1017', 'P2024', 'P2028']);
const OUTAGE_MESSAGE = /ECONNREFUSED|ECONNRESET|ETIMEDOUT|EPIPE|Connection terminated|terminating connection|Connection is closed|connection closed|Server has closed the connection|Can't reach database|the database system is (starting|shutting) up|max retries per request|Stream isn't writeable/i;

/**
 * True for failures that mean PostgreSQL or Redis is unreachable for the moment (restart, failover, terminated
 * backends) rather than a bug: the API answers 503 with Retry-After, and the caller tries again.
 */
export function isDependencyOutage(error: unknown): boolean {
  for (let e = error, depth = 0; e && typeof e === 'object' && depth < 5; e = (e as { cause?: unknown }).cause, depth += 1) {
    const { name, code, message } = e as { name?: string; code?: unknown; message?: unknown };
    if (name === 'PrismaClientInitializationError' || name === 'MaxRetriesPerRequestError') return true;
    if (typeof code === 'string' && (DATABASE_UNAVAILABLE_CODES.has(code) || code === '57P01' || code === 'ECONNREFUSED' || code === 'ECONNRESET')) return true;
    if (typeof message === 'string' && OUTAGE_MESSAGE.test(message)) return true;
  }
  return false;
}
