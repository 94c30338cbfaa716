// The node's identity services over real HTTP against a real node: OID4VCI issuance with a
// tx_code and proof of possession, status lists anchored on the ledger, OID4VP with a signed
// request object and DCQL, revocation and suspension, replay.
import { decodeJwt } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toHex, utf8 } from '../src/core/bytes.js';
import { sha256 } from '../src/core/hash.js';
import { VCT } from '../src/identity/types.js';
import type { TestNode } from './helpers.js';
import { startTestNode, stopTestNode } from './helpers.js';
import type { Holder } from './identity-helpers.js';
import {
  askAndPresent as ask,
  newHolder,
  offer as offerAt,
  redeem,
  RESIDENT,
  staffOf,
} from './identity-helpers.js';

let n: TestNode;
let staff: Record<string, string>;

beforeAll(async () => {
  n = await startTestNode();
  staff = staffOf(n);
});
afterAll(async () => stopTestNode(n));

const offer = () => offerAt(n);
const askAndPresent = (c: string, h: Holder) => ask(n, c, h);

describe('identity services on a node', () => {
  let holder: Holder;
  let credential: string;
  let credentialId: string;

  it('issues a resident credential over OID4VCI with a tx_code and proof of possession', async () => {
    holder = newHolder();
    const o = await offer();
    expect(o.offerUri).toMatch(/^openid-credential-offer:\/\/\?credential_offer=/);
    credential = await redeem(o, holder);
    const payload = decodeJwt(credential.split('~')[0] ?? '');
    expect(payload.iss).toBe('did:web:newport.gwent.example');
    expect(payload.vct).toBe(VCT.gwentResident);
    // Every personal claim is hidden behind a disclosure.
    expect(JSON.stringify(payload)).not.toContain('Angharad');
    const st = await n.http.get<{ status: string; credentialId: string }>(
      `/v1/issuers/newport/offers/${o.offerId}`,
      staff,
    );
    expect(st.json.status).toBe('redeemed');
    credentialId = st.json.credentialId;
  });

  it('anchors the status list on the ledger and serves the same bytes', async () => {
    const payload = decodeJwt(credential.split('~')[0] ?? '') as {
      status: { status_list: { uri: string } };
    };
    const uri = payload.status.status_list.uri;
    const token = await (await fetch(uri)).text();
    const anchor = await n.http.get<{ digest: string }>(
      `/v1/status-anchors?uri=${encodeURIComponent(uri)}`,
    );
    expect(anchor.status).toBe(200);
    expect(anchor.json.digest).toBe(toHex(sha256(utf8(token))));
  });

  it('a redeemed offer cannot be redeemed again; a wrong tx_code is refused in OAuth shape', async () => {
    const o = await offer();
    const code =
      Object.values(
        o.credentialOffer.grants as Record<string, { 'pre-authorized_code': string }>,
      )[0]?.['pre-authorized_code'] ?? '';
    const res = await fetch(`${n.url}/issuers/newport/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        grant_type: 'urn:ietf:params:oauth:grant-type:pre-authorized_code',
        'pre-authorized_code': code,
        tx_code: o.txCode === '0000' ? '1111' : '0000',
      }),
    });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: string }).error).toBe('invalid_grant');
  });

  it('verifies a presentation of exactly the claims asked for', async () => {
    const { res, result } = await askAndPresent(credential, holder);
    expect(res.status).toBe(200);
    expect(result.status).toBe('verified');
    expect(result.credentials?.resident?.claims).toEqual({
      age_over_18: true,
      local_authority: 'W06000022',
    });
  });

  it('refuses a replayed response', async () => {
    const { res, post } = await askAndPresent(credential, holder);
    expect(res.status).toBe(200);
    const again = await post();
    expect(again.status).toBe(400);
    expect(((await again.json()) as { code: string }).code).toBe('PRESENTATION_REPLAYED');
  });

  it('suspension, reinstatement and revocation reach the verifier through the anchored list', async () => {
    const set = (status: string) =>
      n.http.post(`/v1/issuers/newport/credentials/${credentialId}/status`, { status }, staff);
    expect((await set('suspended')).status).toBe(200);
    expect((await askAndPresent(credential, holder)).result.code).toBe('CREDENTIAL_SUSPENDED');
    expect((await set('valid')).status).toBe(200);
    expect((await askAndPresent(credential, holder)).result.status).toBe('verified');
    expect((await set('revoked')).status).toBe(200);
    expect((await askAndPresent(credential, holder)).result.code).toBe('CREDENTIAL_REVOKED');
    const back = await set('valid');
    expect(back.status).toBe(409);
    expect((back.json as { code: string }).code).toBe('CREDENTIAL_STATUS_FINAL');
  });

  it('staff endpoints need the staff token', async () => {
    const r = await n.http.post('/v1/issuers/newport/offers', {
      credential_configuration_id: 'gwent-resident',
      claims: RESIDENT,
    });
    expect(r.status).toBe(401);
    expect((r.json as { code: string }).code).toBe('STAFF_UNAUTHORISED');
  });

  it('a council cannot offer the patient credential (not authorised on the ledger)', async () => {
    const r = await n.http.post(
      '/v1/issuers/newport/offers',
      { credential_configuration_id: 'patient', claims: { given_name: 'A', family_name: 'B' } },
      staff,
    );
    expect(r.status).toBe(403);
    expect((r.json as { code: string }).code).toBe('ISSUER_NOT_AUTHORISED');
  });
});
