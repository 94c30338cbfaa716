// Randomness is injected so tests are reproducible and a host can supply its own source; the
// default is the platform CSPRNG (WebCrypto), present in Node 20 and every browser.

/** Returns `n` cryptographically random bytes. */
export type Random = (n: number) => Uint8Array;

export const platformRandom: Random = (n) => globalThis.crypto.getRandomValues(new Uint8Array(n));

/** Calls `random` and checks it kept its promise: a short buffer would silently weaken a key. */
export function randomBytes(random: Random, n: number): Uint8Array {
  const bytes = random(n);
  if (!(bytes instanceof Uint8Array) || bytes.length !== n) {
    throw new RangeError(`random(${n}) returned the wrong number of bytes`);
  }
  return bytes;
}
