import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import helmet from '@fastify/helmet';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';
import { AppError } from '../../errors.js';

/** The console's own client-side routes (web/src/app.tsx): a reload of any of them answers the app's page. */
const CONSOLE_ROUTES = /^\/(signin|account|me|team|it|admin)(\/[^.]*)?$/;

/**
 * The web console: the built single-page app (`npm run build:web`) served from `dir`, with a strict
 * Content-Security-Policy (no inline scripts or styles, no third-party origins). Registered encapsulated so the
 * CSP and other helmet headers apply to the console's documents and assets, not to device-protocol responses.
 * A GET of one of the console's routes answers the app's index.html, so deep links work after a reload; any
 * other unknown path keeps the API's JSON 404.
 */
export async function webConsole(app: FastifyInstance, { dir }: { dir: string }): Promise<void> {
  const root = resolve(dir);
  await app.register(helmet, {
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        // QR codes are rendered client-side as data: URLs.
        imgSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        fontSrc: ["'self'"],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
      },
    },
    // The console is also reached over plain http on a developer's machine and in tests.
    strictTransportSecurity: false,
  });

  const built = existsSync(resolve(root, 'index.html'));
  if (built) {
    // wildcard: false registers one route per built file at start, so unknown paths fall through to the app.
    await app.register(fastifyStatic, { root, wildcard: false, index: 'index.html', cacheControl: false, setHeaders: (res, path) => {
      // Vite fingerprints assets: cache them for a year; the page itself is always revalidated.
      res.header('cache-control', path.includes(`${root}/assets/`) ? 'public, max-age=31536000, immutable' : 'no-cache');
    } });
  }

  app.get('/*', { schema: { hide: true } }, async (request, reply) => {
    const path = request.url.split('?')[0]!;
    if (path !== '/' && !CONSOLE_ROUTES.test(path)) throw new AppError('NOT_FOUND', `No route ${request.method} ${path}`);
    if (!built) {
      return reply.status(503).type('text/plain; charset=utf-8').send('The web console is not built: run `npm run build:web`.\n');
    }
    return reply.header('cache-control', 'no-cache').sendFile('index.html');
  });
}
