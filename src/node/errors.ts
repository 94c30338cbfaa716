// The HTTP status of each stable error code (problems.ts turns them into RFC 9457 problem+json).

/** HTTP status for each ledger/core code a client can cause. */
export const STATUS_OF: Record<string, number> = {
  TX_MALFORMED: 400,
  TX_TOO_LARGE: 413,
  GEO_INVALID: 400,
  TX_WRONG_NETWORK: 400,
  TX_UNKNOWN_TYPE: 400,
  TX_PAYLOAD_INVALID: 400,
  TX_TIME_OUT_OF_WINDOW: 400,
  TX_REPLAYED: 409,
  TX_DUPLICATE: 409,
  TX_SEQ_GAP: 409,
  TX_SIGNER_UNKNOWN: 401,
  TX_SIGNATURE_INVALID: 401,
  TX_SENDER_NOT_SIGNED: 401,
  MEMPOOL_FULL: 503,
  BATCH_TOO_LARGE: 413,
  JSON_MALFORMED: 400,
  GOV_PROPOSAL_UNKNOWN: 404,
  GOV_NOT_PROPOSER: 403,
  GOV_ALREADY_APPROVED: 409,
  GOV_PROPOSAL_NOT_PENDING: 409,
  GOV_PROPOSAL_EXPIRED: 409,
};

export function statusOf(code: string): number {
  if (code in STATUS_OF) return STATUS_OF[code] ?? 400;
  // Module refusals (authorisation and business rules) are 403/422-class: the request was
  // well-formed but not allowed.
  if (/_NO_QUORUM$|_NOT_MEMBER$|_NOT_AUTHORISED$/.test(code)) return 403;
  return 422;
}
