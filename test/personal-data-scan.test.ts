// Issue 6: "a personal-data scan of the database after the demo runs (no private person's name,
// address or birth date)". A node seeds the demo registers (business, goods, titles), then the
// registers story and the citizen story run against it; every SQLite file of the node is then
// scanned read-only (test/pii-scan.ts). A second node proves the scan can fail: a notary label
// naming a persona is found.
import { readFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCitizenDemo } from '../src/cli/demo-citizen.js';
import { runRegistersDemo } from '../src/cli/demo-registers.js';
import type { PrivateKey } from '../src/core/crypto.js';
import { didKeyFromPublicKey } from '../src/core/did.js';
import { sha256Hex } from '../src/core/hash.js';
import type { TxBody } from '../src/core/tx.js';
import { signTx } from '../src/core/tx.js';
import { nodeCryptoBackend, publicKeyOfSync } from '../src/node/crypto-node.js';
import { DEMO_DIRECTORS } from '../src/node/demo-registers.js';
import { startTestNode, stopTestNode } from './helpers.js';
import type { TestNode } from './helpers.js';
import type { PiiNeedles } from './pii-scan.js';
import { scanDataDir, scanText, sqliteFilesIn } from './pii-scan.js';

// The citizen story's resident (src/cli/demo-citizen.ts keeps it private; checked below that
// these are still the values it uses, so the scan cannot go stale).
const RESIDENT = {
  name: 'Angharad Prydderch',
  given: 'Angharad',
  family: 'Prydderch',
  birthdate: '1990-04-12',
  street: '12 Stryd y Bont',
  locality: 'Maesglas',
  postcode: 'NP20 1AA',
};

function needles(): PiiNeedles {
  const firsts = DEMO_DIRECTORS.map((d) => d.split(' ')[0] ?? '');
  const surnames = DEMO_DIRECTORS.flatMap((d) => {
    const s = d.split(' ').slice(1).join(' ');
    return [s, s.replace(/^Demo-/, '')];
  });
  return {
    values: [
      ...DEMO_DIRECTORS.map((value) => ({ kind: 'persona-name', value })),
      { kind: 'persona-name', value: RESIDENT.name },
      { kind: 'persona-birth-date', value: RESIDENT.birthdate },
      { kind: 'persona-address', value: RESIDENT.street },
      { kind: 'persona-address', value: RESIDENT.locality },
      { kind: 'persona-postcode', value: RESIDENT.postcode },
      { kind: 'persona-postcode', value: RESIDENT.postcode.replace(' ', '') },
    ],
    firstNames: [...new Set([...firsts, RESIDENT.given])],
    surnames: [...new Set([...surnames, RESIDENT.family])],
  };
}

describe('the scanner', () => {
  it('finds names (any case, accents or not), addresses, postcodes and birth-date claims', () => {
    const n = needles();
    const kinds = (s: string) => scanText(s, n).map((f) => f.kind);
    expect(kinds('{"label":"sian demo-howells"}')).toContain('persona-name');
    expect(kinds('lives at 12 stryd y bont')).toContain('persona-address');
    expect(kinds('"pc":"CF10 3NQ"')).toContain('postcode-shape');
    expect(kinds('"birth_date":"2001-02-03"')).toContain('birth-date-claim');
    expect(kinds('Gethin  Parry signed')).toContain('name-pair');
    // Ids, keys and business names are not findings.
    expect(scanText('did:key:z6MkNP201AAx 3f9a-NP20 {"n":"GW000123"} Bridge Café Ltd', n)).toEqual(
      [],
    );
  });

  it('still knows the citizen story’s resident', () => {
    const src = readFileSync(new URL('../src/cli/demo-citizen.ts', import.meta.url), 'utf8');
    for (const v of [RESIDENT.given, RESIDENT.family, RESIDENT.birthdate, RESIDENT.street]) {
      expect(src).toContain(v);
    }
    expect(src).toContain(RESIDENT.locality);
    expect(src).toContain(RESIDENT.postcode);
  });
});

describe('personal-data scan of a node after the demos', () => {
  let n: TestNode | undefined;
  beforeAll(async () => {
    // As `cadwyn start` makes a node: demo registers and demo staff accounts.
    n = await startTestNode({ demoRegisters: true, demoStaffAccounts: true });
    const seeded = await n.demoRegistersReady;
    expect(seeded?.seeded).toBe(true);
    await n.identity.staffReady();
    const common = {
      nodeUrl: n.url,
      staffToken: n.identity.ctx.staffToken,
      print: () => undefined,
    };
    await runRegistersDemo({ ...common, lang: 'cy' });
    await runCitizenDemo({ ...common, lang: 'en' });
    await n.close();
  }, 180_000);
  afterAll(() => stopTestNode(n));

  it('finds no private person’s name, address or birth date in any table', () => {
    const dir = (n as TestNode).dataDir;
    const files = sqliteFilesIn(dir);
    expect(files.map((f) => f.slice(dir.length + 1))).toContain('cadwyn.db');
    expect(scanDataDir(dir, needles())).toEqual([]);
  });

  it('reads what the demos wrote (a control: public names are found)', () => {
    const control = (value: string) =>
      scanDataDir((n as TestNode).dataDir, {
        values: [{ kind: 'control', value }],
        firstNames: [],
        surnames: [],
      });
    expect(control('Caffi’r Bont Cyf').length).toBeGreaterThan(0);
    expect(control('Becws y Ty Coch').length).toBeGreaterThan(0);
    expect(control('Pesticide residue above the permitted level').length).toBeGreaterThan(0);
    expect(control('CYM845220').length).toBeGreaterThan(0); // a seeded demo title
    expect(control('Tintern press house').length).toBeGreaterThan(0); // a seeded goods premises
  });
});

describe('the scan fails when a name is put on the ledger', () => {
  let n: TestNode | undefined;
  beforeAll(async () => {
    n = await startTestNode();
  });
  afterAll(() => stopTestNode(n));

  it('finds a persona’s name in a notary label', async () => {
    const node = n as TestNode;
    const privateKey: PrivateKey = { alg: 'Ed25519', bytes: new Uint8Array(randomBytes(32)) };
    const did = didKeyFromPublicKey(publicKeyOfSync(privateKey));
    const body: TxBody = {
      v: 1,
      network: node.node.network,
      type: 'notary.notarise',
      sender: did,
      seq: 1,
      timeMs: Date.now(),
      payload: { digest: sha256Hex('a letter'), label: `Letter to ${DEMO_DIRECTORS[7]}` },
    };
    const tx = await signTx(body, [{ did, privateKey }], nodeCryptoBackend);
    const r = await node.http.post('/v1/transactions?waitMs=10000', tx);
    expect((r.json as { status: string }).status).toMatch(/committed|final/);
    await node.close();
    const found = scanDataDir(node.dataDir, needles());
    expect(found.length).toBeGreaterThan(0);
    expect(found.map((f) => f.kind)).toContain('persona-name');
    expect(found.some((f) => f.file.endsWith('cadwyn.db'))).toBe(true);
  });
});
