// The node's staff API, same origin: the session cookie (HttpOnly, SameSite=Strict) goes with
// every call. A call answered "not signed in" ends the Portal's session: the page goes back to
// sign-in and says why.
import { NodeUnreachable } from '../shared/api.js';

export interface Problem {
  readonly status: number;
  readonly code: string;
  readonly detail?: string;
  /** The whole problem document: some carry more (an access record of a refusal). */
  readonly extra: Readonly<Record<string, unknown>>;
}

export type Res<T> =
  | { readonly ok: true; readonly status: number; readonly body: T }
  | { readonly ok: false; readonly status: number; readonly problem: Problem };

/** Thrown after the node said the session is over; the page has already gone to sign-in. */
export class SessionEnded extends Error {
  constructor() {
    super('the staff session has ended');
    this.name = 'SessionEnded';
  }
}

export { NodeUnreachable };

let onEnded: (() => void) | undefined;
let onActivity: (() => void) | undefined;

/** What to do when the node says the session has ended, and after each answered call. */
export function watchSession(o: { ended: () => void; activity: () => void }): void {
  onEnded = o.ended;
  onActivity = o.activity;
}

export interface CallOptions {
  readonly signal?: AbortSignal;
  /** A 401 is an answer, not the end of the session (sign-in, the first look). */
  readonly quiet?: boolean;
}

export async function call<T>(
  method: 'GET' | 'POST' | 'PUT' | 'DELETE',
  path: string,
  body?: unknown,
  o: CallOptions = {},
): Promise<Res<T>> {
  let res: Response;
  let text: string;
  try {
    res = await fetch(path, {
      method,
      headers: {
        accept: 'application/json',
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      credentials: 'same-origin',
      cache: 'no-store',
      signal: o.signal ?? null,
    });
    text = await res.text();
  } catch (e) {
    if (o.signal?.aborted) throw e;
    throw new NodeUnreachable(e);
  }
  let json: unknown;
  try {
    json = text ? JSON.parse(text) : undefined;
  } catch {
    json = undefined;
  }
  if (res.ok) {
    onActivity?.();
    return { ok: true, status: res.status, body: json as T };
  }
  const p = (typeof json === 'object' && json !== null ? json : {}) as Record<string, unknown>;
  const code =
    typeof p.code === 'string'
      ? p.code
      : typeof p.error === 'string'
        ? p.error
        : `HTTP_${res.status}`;
  if (res.status === 401 && code === 'STAFF_UNAUTHORISED' && !o.quiet) {
    onEnded?.();
    throw new SessionEnded();
  }
  return {
    ok: false,
    status: res.status,
    problem: {
      status: res.status,
      code,
      ...(typeof p.detail === 'string' ? { detail: p.detail } : {}),
      extra: p,
    },
  };
}

export const get = <T>(path: string, o?: CallOptions) => call<T>('GET', path, undefined, o);
export const post = <T>(path: string, body: unknown, o?: CallOptions) =>
  call<T>('POST', path, body, o);

/** Was this an abort (the person moved on), which needs no message? */
export const isAbort = (e: unknown): boolean =>
  e instanceof DOMException && e.name === 'AbortError';
