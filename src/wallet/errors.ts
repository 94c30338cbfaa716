// Failures a caller can meet. Expected outcomes (wrong passphrase, a tampered backup, a refused
// transaction) are Result codes; using a locked wallet or a corrupted store throws WalletError,
// because the caller cannot continue with that handle anyway.

export type WalletErrorCode = 'WALLET_LOCKED' | 'WALLET_CORRUPT';

export class WalletError extends Error {
  constructor(
    readonly code: WalletErrorCode,
    detail: string,
  ) {
    super(`${code}: ${detail}`);
    this.name = 'WalletError';
  }
}
