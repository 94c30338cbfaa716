// The node's identity services over real HTTP against a real node: OID4VCI issuance with a
// tx_code and proof of possession, status lists anchored on the ledger, OID4VP with a signed
// request object and DCQL, revocation and suspension, replay.
import { decodeJwt } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toHex, utf8 } from '../src/core/bytes.js';
import { sha256 } from '../src/core/hash.js';
import { createStatusListToken } from '../src/identity/status-list.js';
import { VCT } from '../src/identity/types.js';
import { bodySigner } from '../src/node/identity/jws.js';
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

  it('serves the offer by reference (the QR code) until it is collected, then forgets it', async () => {
    const o = await offer();
    const ref = new URL(o.offerRefUri).searchParams.get('credential_offer_uri') ?? '';
    expect(ref).toBe(`${n.url}/issuers/newport/offers/${o.offerId}`);
    const served = await fetch(ref);
    expect(served.headers.get('cache-control')).toBe('no-store');
    expect(await served.json()).toEqual(o.credentialOffer);
    expect((await fetch(`${n.url}/issuers/torfaen/offers/${o.offerId}`)).status).toBe(404);
    await redeem(o, newHolder());
    const gone = await fetch(ref);
    expect(gone.status).toBe(404);
    expect(((await gone.json()) as { code: string }).code).toBe('OFFER_UNKNOWN');
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

  it('issues each demo type from the right body: a Blue Badge from a council, a patient credential from the health board', async () => {
    const badge = await redeem(
      await offerAt(n, 'torfaen', 'blue-badge', {
        given_name: 'Gethin',
        family_name: 'Rees',
        badge_number: 'TF1234567',
      }),
      newHolder(),
    );
    expect(decodeJwt(badge.split('~')[0] ?? '')).toMatchObject({
      iss: 'did:web:torfaen.gwent.example',
      vct: VCT.blueBadge,
    });
    const patient = await redeem(
      await offerAt(n, 'aneurin-bevan', 'patient', {
        given_name: 'Gethin',
        family_name: 'Rees',
        birthdate: '1975-11-02',
        nhs_number: '9434765919',
        gp_practice: 'W91234',
      }),
      newHolder(),
    );
    expect(decodeJwt(patient.split('~')[0] ?? '')).toMatchObject({
      iss: 'did:web:aneurin-bevan.gwent.example',
      vct: VCT.patient,
    });
  });

  it('publishes type metadata with English and Welsh display names', async () => {
    const r = await n.http.get<{
      types: { vct: string; metadata: { display: { lang: string; name: string }[] } }[];
    }>('/v1/credential-types');
    expect(r.status).toBe(200);
    expect(r.json.types.map((t) => t.vct).sort()).toEqual(
      [VCT.blueBadge, VCT.gwentResident, VCT.patient, VCT.businessRegistration].sort(),
    );
    for (const t of r.json.types) {
      expect(t.metadata.display.map((d) => d.lang).sort()).toEqual(['cy', 'en']);
    }
    const meta = await n.http.get<{
      credential_configurations_supported: Record<string, unknown>;
      display: { locale: string }[];
    }>('/.well-known/openid-credential-issuer/issuers/aneurin-bevan');
    // The health board is authorised for the patient credential only.
    expect(Object.keys(meta.json.credential_configurations_supported)).toEqual(['patient']);
    expect(meta.json.display.map((d) => d.locale)).toEqual(['en', 'cy']);
  });

  it('refuses bad offers with a code and creates nothing', async () => {
    const bad = await n.http.post<{ code: string }>(
      '/v1/issuers/newport/offers',
      {
        credential_configuration_id: 'gwent-resident',
        claims: { ...RESIDENT, birthdate: '12/04/1990' },
      },
      staff,
    );
    expect(bad.status).toBe(400);
    expect(bad.json.code).toBe('CREDENTIAL_CLAIMS_INVALID');
    const unknown = await n.http.post<{ code: string }>(
      '/v1/issuers/nowhere/offers',
      { credential_configuration_id: 'gwent-resident', claims: RESIDENT },
      staff,
    );
    expect(unknown.status).toBe(404);
    expect(unknown.json.code).toBe('BODY_UNKNOWN');
  });

  it('a status list version a crash left pending is anchored and served at the next start', async () => {
    const db = n.identity.ctx.db;
    const row = db
      .prepare(`SELECT uri, token FROM status_lists WHERE slug = 'newport' LIMIT 1`)
      .get() as {
      uri: string;
      token: string;
    };
    const hosted = n.identity.ctx.bodies.get('newport');
    if (!hosted) throw new Error('newport not hosted');
    // A new version signed and written as pending, then the "crash": no anchor, not served.
    const statuses = new Uint8Array(4096);
    statuses[7] = 2;
    const pending = await createStatusListToken({
      uri: row.uri,
      issuer: hosted.body.did,
      kid: `${hosted.body.did}#${hosted.body.keyId}`,
      signer: bodySigner(hosted.body),
      statuses,
      iatS: Math.floor(Date.now() / 1000) + 1,
      ttlS: 60,
    });
    const digest = toHex(sha256(utf8(pending)));
    db.prepare(`UPDATE status_lists SET pending_token = ?, pending_digest = ? WHERE uri = ?`).run(
      pending,
      digest,
      row.uri,
    );
    expect(await (await fetch(row.uri)).text()).toBe(row.token);
    await n.identity.recover();
    const anchor = await n.http.get<{ digest: string }>(
      `/v1/status-anchors?uri=${encodeURIComponent(row.uri)}`,
    );
    expect(anchor.json.digest).toBe(digest);
    expect(await (await fetch(row.uri)).text()).toBe(pending);
    // Recovering again changes nothing (the anchor is already there).
    await n.identity.recover();
    expect(
      (
        await n.http.get<{ digest: string }>(
          `/v1/status-anchors?uri=${encodeURIComponent(row.uri)}`,
        )
      ).json.digest,
    ).toBe(digest);
  });
});
