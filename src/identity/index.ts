// The isomorphic credential library (decision 0006): SD-JWT VC issuance, presentation and
// verification, type metadata, status lists and DCQL. No Node built-ins, no I/O.
export * from './types.js';
export * from './signer.js';
export * from './credential.js';
export * from './status-list.js';
export * from './present.js';
export * from './verify.js';
