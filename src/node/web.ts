// Serves the built web faces (decision 0007) from dist/web: the landing page, the Explorer, the
// Wallet, the Portal and the accessibility statement, same origin as the API they call.
//
// One route per built file (`wildcard: false`), so every other path, /v1/... included, still
// reaches the API's problem+json 404. Hashed assets are cached for a year; pages and anything
// unhashed (a service worker, a manifest) are revalidated on every load, so a new build is
// seen at once.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply } from 'fastify';

/** dist/web beside this module: the same from src/node (tsx, tests) and dist/node (built). */
export const DEFAULT_WEB_ROOT = fileURLToPath(new URL('../../dist/web/', import.meta.url));

export interface WebOptions {
  /** The built site; `false` serves none. */
  readonly root: string | false;
  /**
   * The URL credentials and requests name this node by (`--public-url`): the pages may call
   * it as well as the origin they were loaded from (localhost and 127.0.0.1 are two origins).
   */
  readonly publicUrl?: () => string;
}

export const defaultWebOptions: WebOptions = { root: DEFAULT_WEB_ROOT };

// The pages run only their own scripts and talk only to this node: an injected script could
// neither run nor send a wallet's keys anywhere. No inline scripts or style attributes (set
// styles through el.style, which CSP allows).
function contentSecurityPolicy(publicOrigin: string | undefined): string {
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data: blob:",
    `connect-src 'self'${publicOrigin ? ` ${publicOrigin}` : ''}`,
    "worker-src 'self'",
    "manifest-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
}

function originOf(url: string | undefined): string | undefined {
  try {
    return url ? new URL(url).origin : undefined;
  } catch {
    return undefined;
  }
}

/** Vite names built assets `name-<hash>.ext` under /assets/: their content never changes. */
const HASHED_ASSET_RE = /[\\/]assets[\\/][^\\/]+-[A-Za-z0-9_-]{8,}\.[a-z0-9]+$/;

function headers(publicUrl: (() => string) | undefined) {
  return (reply: FastifyReply, path: string): void => {
    if (HASHED_ASSET_RE.test(path)) {
      reply.header('cache-control', 'public, max-age=31536000, immutable');
    } else {
      reply.header('cache-control', 'no-cache');
    }
    if (path.endsWith('.html')) {
      reply.header('content-security-policy', contentSecurityPolicy(originOf(publicUrl?.())));
      reply.header('referrer-policy', 'no-referrer');
    }
    reply.header('x-content-type-options', 'nosniff');
  };
}

/**
 * Registers the static site on `app`: call it after the API and identity routes. Returns
 * false, with a warning, when the site is not built (tests that skip `npm run build`); the
 * node runs without it.
 */
export async function registerWeb(
  app: FastifyInstance,
  opts: WebOptions = defaultWebOptions,
): Promise<boolean> {
  if (opts.root === false) return false;
  const root = opts.root;
  if (!existsSync(root) || !statSync(root).isDirectory() || !existsSync(`${root}/index.html`)) {
    app.log.warn({ root }, 'web faces not built (npm run build): serving the API only');
    return false;
  }
  await app.register(fastifyStatic, {
    root,
    wildcard: false,
    // Serves /explorer/ for explorer/index.html. (Its own `redirect` option fails on the root
    // index with wildcard: false, so the redirects are below.)
    index: ['index.html'],
    cacheControl: false,
    etag: true,
    lastModified: true,
    setHeaders: headers(opts.publicUrl),
  });
  // /explorer → /explorer/, query kept: the pages' links are written with the slash.
  for (const dir of readdirSync(root, { withFileTypes: true })) {
    const url = `/${dir.name}`;
    if (!dir.isDirectory() || !existsSync(join(root, dir.name, 'index.html'))) continue;
    if (app.hasRoute({ method: 'GET', url })) continue;
    app.get(url, { schema: { hide: true } }, (req, reply) => {
      const q = req.url.indexOf('?');
      return reply.redirect(`${url}/${q < 0 ? '' : req.url.slice(q)}`, 301);
    });
  }
  return true;
}
