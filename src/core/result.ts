// Verification answers. Hostile input gets a Verdict, never an exception (STYLE.md).

export type Verdict<Code extends string = string> =
  { readonly ok: true } | { readonly ok: false; readonly code: Code; readonly detail?: string };

export type Result<T, Code extends string = string> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly code: Code; readonly detail?: string };

export const OK: { readonly ok: true } = Object.freeze({ ok: true });

export function fail<Code extends string>(
  code: Code,
  detail?: string,
): { readonly ok: false; readonly code: Code; readonly detail?: string } {
  return detail === undefined ? { ok: false, code } : { ok: false, code, detail };
}
