// The node's API, same origin (decision 0007). Errors are RFC 9457 problems with a stable
// `code`; pages show their own words for it, never the node's text.

export interface Problem {
  readonly status: number;
  readonly code: string;
  readonly detail?: string;
}

export type ApiResult<T> =
  | { readonly ok: true; readonly status: number; readonly body: T }
  | { readonly ok: false; readonly status: number; readonly problem: Problem };

/** Thrown when the node cannot be reached at all (offline, stopped): not an answer. */
export class NodeUnreachable extends Error {
  constructor(cause: unknown) {
    super('the node could not be reached', { cause });
    this.name = 'NodeUnreachable';
  }
}

async function request(path: string, accept: string, signal?: AbortSignal): Promise<Response> {
  try {
    return await fetch(path, { headers: { accept }, signal: signal ?? null });
  } catch (e) {
    if (signal?.aborted) throw e;
    throw new NodeUnreachable(e);
  }
}

async function problemOf(res: Response): Promise<Problem> {
  try {
    const p = (await res.json()) as { code?: unknown; detail?: unknown };
    return {
      status: res.status,
      code: typeof p.code === 'string' ? p.code : 'UNKNOWN',
      ...(typeof p.detail === 'string' ? { detail: p.detail } : {}),
    };
  } catch {
    return { status: res.status, code: 'UNKNOWN' };
  }
}

/** GET a JSON resource. The body's shape is the caller's to check: it came over the network. */
export async function getJson<T = unknown>(
  path: string,
  signal?: AbortSignal,
): Promise<ApiResult<T>> {
  const res = await request(path, 'application/json', signal);
  if (!res.ok) return { ok: false, status: res.status, problem: await problemOf(res) };
  try {
    return { ok: true, status: res.status, body: (await res.json()) as T };
  } catch (e) {
    throw new NodeUnreachable(e);
  }
}

/** GET a text resource (the checkpoint note). */
export async function getText(path: string, signal?: AbortSignal): Promise<ApiResult<string>> {
  const res = await request(path, 'text/plain', signal);
  if (!res.ok) return { ok: false, status: res.status, problem: await problemOf(res) };
  return { ok: true, status: res.status, body: await res.text() };
}
