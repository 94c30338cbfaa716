// The web faces (decision 0007): one Vite multi-page app in web/, built to dist/web and served
// by the node (src/node/web.ts). `npm run dev:web` serves web/ with the API proxied to a node
// on 127.0.0.1:8080 (`npm start`).
import { fileURLToPath } from 'node:url';
import type { Plugin } from 'vite';
import { defineConfig } from 'vite';
import { common } from './web/shared/i18n.js';

const here = (p: string): string => fileURLToPath(new URL(p, import.meta.url));

/** Each page is an index.html in its folder; '' is the landing page. */
export const PAGES = [
  '',
  'explorer/',
  'explorer/businesses/',
  'explorer/titles/',
  'explorer/goods/',
  'wallet/',
  'portal/',
  'business/',
  'accessibility/',
] as const;

/** Packages whose modules may be dropped when nothing imported from them is used. */
const PURE_PACKAGES =
  /[\\/]node_modules[\\/](?:@sd-jwt[\\/](?:sd-jwt-vc|jwt-status-list)|pako|zod)[\\/]/;

/** Paths the node answers itself; the dev server passes them on. */
const NODE_PATHS = ['/v1', '/.well-known', '/issuers', '/verifiers', '/status', '/metrics'];

const escapeHtml = (s: string): string =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

// Pages are drawn by script; without it each says so in both languages, from i18n.ts like
// every other string.
function noscript(): Plugin {
  const { en, cy } = common['common.noscript'];
  const html =
    `<noscript><div class="govuk-width-container"><p class="govuk-body">${escapeHtml(en)}</p>` +
    `<p class="govuk-body" lang="cy">${escapeHtml(cy)}</p></div></noscript>`;
  return {
    name: 'cadwyn-noscript',
    transformIndexHtml: (page) => page.replace('<!-- noscript -->', html),
  };
}

export default defineConfig({
  root: here('web'),
  publicDir: here('web/public'),
  base: '/',
  plugins: [noscript()],
  build: {
    outDir: here('dist/web'),
    emptyOutDir: true,
    target: 'es2022',
    // Every browser we support has modulepreload; the polyfill would be dead weight.
    modulePreload: { polyfill: false },
    rolldownOptions: {
      // Sass takes most of the build; being told so on every build is noise.
      checks: { bundlerTimings: false },
      // Libraries with no side effects on import, which their package.json does not declare:
      // without this, importing src/identity/credential.ts (for decoding, in the Wallet) keeps
      // @sd-jwt/sd-jwt-vc's issuer, zod and the status-list codec (pako) in the bundle though
      // nothing calls them — ~38 KB gzipped of the Wallet's 200 KB budget (decision 0007).
      treeshake: { moduleSideEffects: (id) => !PURE_PACKAGES.test(id) },
      input: Object.fromEntries(
        PAGES.map((p) => [p === '' ? 'index' : p.slice(0, -1), here(`web/${p}index.html`)]),
      ),
    },
  },
  css: {
    preprocessorOptions: {
      scss: { loadPaths: [here('node_modules')], quietDeps: true },
    },
  },
  server: {
    proxy: Object.fromEntries(NODE_PATHS.map((p) => [p, 'http://127.0.0.1:8080'])),
  },
});
