// HTTP for the wallet's protocols, over an injected `fetch` (the browser's, Node's, or a test's).
// Every call has a timeout and a size cap, and answers a value instead of throwing: a network
// failure is `undefined`, anything the server said is an HttpAnswer.

export type Fetch = (input: string, init?: RequestInit) => Promise<Response>;

export interface NetOptions {
  /** Default: globalThis.fetch. */
  readonly fetch?: Fetch;
}

/** Per request; a transaction submission waits longer (the node holds it until committed). */
export const REQUEST_TIMEOUT_MS = 15_000;
/** Larger answers are refused unread: ours are a few KB, a history at most a few hundred. */
export const RESPONSE_MAX_CHARS = 4 * 1024 * 1024;

export interface HttpAnswer {
  readonly status: number;
  readonly contentType: string;
  readonly text: string;
  /** The parsed body when it is JSON, else undefined. */
  readonly json: unknown;
}

// Wrapped rather than passed as is: a browser's fetch called with another `this` throws.
const platformFetch: Fetch = (input, init) => globalThis.fetch(input, init);

export function fetchOf(opts: NetOptions | undefined): Fetch {
  return opts?.fetch ?? platformFetch;
}

export async function httpRequest(
  fetch: Fetch,
  url: string,
  init: RequestInit & { readonly timeoutMs?: number } = {},
): Promise<HttpAnswer | undefined> {
  const { timeoutMs = REQUEST_TIMEOUT_MS, ...rest } = init;
  try {
    const res = await fetch(url, {
      ...rest,
      signal: AbortSignal.timeout(timeoutMs),
    });
    const text = await res.text();
    if (text.length > RESPONSE_MAX_CHARS) return undefined;
    const contentType = res.headers.get('content-type') ?? '';
    let json: unknown;
    if (/json/i.test(contentType) && text.length > 0) {
      try {
        json = JSON.parse(text) as unknown;
      } catch {
        json = undefined;
      }
    }
    return { status: res.status, contentType, text, json };
  } catch {
    return undefined;
  }
}

export const getJson = (fetch: Fetch, url: string) =>
  httpRequest(fetch, url, { headers: { accept: 'application/json' } });

export const postJson = (
  fetch: Fetch,
  url: string,
  body: unknown,
  headers: Record<string, string> = {},
  timeoutMs?: number,
) =>
  httpRequest(fetch, url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json', ...headers },
    body: JSON.stringify(body),
    ...(timeoutMs === undefined ? {} : { timeoutMs }),
  });

export const postForm = (fetch: Fetch, url: string, fields: Record<string, string>) =>
  httpRequest(fetch, url, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
    body: new URLSearchParams(fields).toString(),
  });

export function isPlainObject(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

export function nonEmpty(x: unknown): x is string {
  return typeof x === 'string' && x.length > 0;
}

export function isOk(a: HttpAnswer): boolean {
  return a.status >= 200 && a.status < 300;
}

/** The stable code of a refusal: RFC 9457 `code` (ours), else OAuth's `error`. */
export function refusalCode(a: HttpAnswer): string | undefined {
  const j = a.json;
  if (!isPlainObject(j)) return undefined;
  if (nonEmpty(j.code)) return j.code;
  if (nonEmpty(j.error)) return j.error;
  return undefined;
}

/** What to tell the caller about a refusal: "code: description", shortened. */
export function refusalDetail(a: HttpAnswer): string {
  const j = isPlainObject(a.json) ? a.json : {};
  const code = refusalCode(a) ?? `HTTP ${a.status}`;
  const why = [j.error_description, j.detail].find(nonEmpty);
  return (why === undefined ? code : `${code}: ${why}`).slice(0, 300);
}

/** A URL the wallet may talk to: https, or http to this machine only (tests, a local node). */
export function isWebUrl(x: unknown): x is string {
  if (typeof x !== 'string' || x.length > 2048) return false;
  let u: URL;
  try {
    u = new URL(x);
  } catch {
    return false;
  }
  if (u.username !== '' || u.password !== '') return false;
  if (u.protocol === 'https:') return true;
  return u.protocol === 'http:' && ['localhost', '127.0.0.1', '[::1]'].includes(u.hostname);
}

/** `base` (a node URL, maybe with a path) joined with an absolute path. */
export function joinUrl(base: string, path: string): string {
  return base.replace(/\/+$/, '') + path;
}
