// The wallet library (decision 0006): isomorphic, storage, randomness and fetch passed in.
export { HISTORY_PROOFS_MAX } from './citizen.js';
export type {
  AccessEntry,
  ConsentEntry,
  HistoryAnswer,
  HistoryError,
  HistoryOptions,
  LedgerTxError,
  LedgerTxOptions,
  LedgerTxOutcome,
} from './citizen.js';
export { WalletError } from './errors.js';
export type { WalletErrorCode } from './errors.js';
export {
  generateScalar,
  importSigningKey,
  publicJwk,
  publicJwkOfDid,
  publicKeyOfScalar,
  signEs256,
} from './keys.js';
export type { P256PublicJwk, WalletKey } from './keys.js';
export type { Fetch, NetOptions } from './net.js';
export { readOffer } from './oid4vci.js';
export type {
  CredentialOffer,
  ReceiveOfferError,
  ReceiveOfferOptions,
  TxCodePrompt,
} from './oid4vci.js';
// A party's own ledger steps (goods operators, conveyancers, lenders, sellers and buyers).
export {
  generatePartyKey,
  partyKeyOf,
  sendPartyTx,
  signPartyStep,
  walletKeySigner,
} from './party.js';
export type {
  PartyKey,
  PartySigner,
  PartyStep,
  PartyTxError,
  PartyTxOptions,
  PartyTxOutcome,
} from './party.js';
export type {
  CredentialQueryView,
  DisclosedClaim,
  OpenRequestError,
  OpenRequestOptions,
  PresentationOption,
  PresentationRequest,
  RespondError,
  RespondOptions,
  RespondOutcome,
} from './oid4vp.js';
export { platformRandom } from './random.js';
export type { Random } from './random.js';
export { DEFAULT_SCRYPT, SCRYPT_LIMITS } from './seal.js';
export type { ScryptParams, SealedBox } from './seal.js';
export type {
  CredentialStatus,
  CredentialStatusError,
  CredentialStatusName,
  CredentialStatusOptions,
} from './status.js';
export { MemoryStorage } from './storage.js';
export type { WalletStorage } from './storage.js';
export { DEFAULT_PREFIX, Wallet } from './wallet.js';
export type {
  ConsentGrantInput,
  ConsentPurpose,
  ConsentWithdrawInput,
  ControlProof,
  CredentialRecord,
  Pseudonym,
  StoredReceipt,
  StoredStatus,
  TxContext,
  WalletCreateError,
  WalletCreateOptions,
  WalletOpenError,
  WalletOpenOptions,
  WalletRestoreError,
  WalletRestoreOptions,
  WalletTxError,
} from './wallet.js';
